-- The SQL every case of 03_bool_float_numeric.json compiles to on sqlite (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: boolean_ops
-- step 1: result
--   $1 = slot 0 as boolean
--   $2 = slot 1 as boolean
SELECT json_object('t', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'ok', (CASE WHEN "_t0"."ok" IS NULL THEN NULL WHEN "_t0"."ok" THEN json('true') ELSE json('false') END)))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."ok"
        FROM "m" AS "_t0"
        WHERE ("_t0"."ok" = CAST($1 AS INTEGER))) AS "_t0")), 'f', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id", 'ok', (CASE WHEN "_t1"."ok" IS NULL THEN NULL WHEN "_t1"."ok" THEN json('true') ELSE json('false') END)))), json('[]'))
      FROM (
        SELECT "_t1"."id", "_t1"."ok"
        FROM "m" AS "_t1"
        WHERE ("_t1"."ok" <> CAST($2 AS INTEGER))) AS "_t1")), 'n', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t2"."id", 'ok', (CASE WHEN "_t2"."ok" IS NULL THEN NULL WHEN "_t2"."ok" THEN json('true') ELSE json('false') END)))), json('[]'))
      FROM (
        SELECT "_t2"."id", "_t2"."ok"
        FROM "m" AS "_t2"
        WHERE ("_t2"."ok" IS NULL)) AS "_t2"))) AS "data"

-- case: boolean_variable
-- step 1: result
--   $1 = slot 0 as boolean
SELECT json_object('m', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "m" AS "_t0"
        WHERE ("_t0"."ok" = CAST($1 AS INTEGER))) AS "_t0"))) AS "data"

-- case: float_ops
-- step 1: result
--   $1 = slot 0 as double precision
--   $2 = slot 1 as double precision
--   $3 = slot 2 as double precision[]
SELECT json_object('pos', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'f', (CASE WHEN typeof("_t0"."f") = 'real' AND "_t0"."f" = CAST("_t0"."f" AS INTEGER) AND abs("_t0"."f") < 1e15 THEN CAST("_t0"."f" AS INTEGER) ELSE "_t0"."f" END)))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."f"
        FROM "m" AS "_t0"
        WHERE ("_t0"."f" > CAST($1 AS REAL))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")), 'neg', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id", 'f', (CASE WHEN typeof("_t1"."f") = 'real' AND "_t1"."f" = CAST("_t1"."f" AS INTEGER) AND abs("_t1"."f") < 1e15 THEN CAST("_t1"."f" AS INTEGER) ELSE "_t1"."f" END)))), json('[]'))
      FROM (
        SELECT "_t1"."id", "_t1"."f"
        FROM "m" AS "_t1"
        WHERE ("_t1"."f" < CAST($2 AS REAL))) AS "_t1")), 'set', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t2"."id"))), json('[]'))
      FROM (
        SELECT "_t2"."id"
        FROM "m" AS "_t2"
        WHERE ("_t2"."f" IN (
            SELECT value
            FROM json_each($3)))
        ORDER BY "_t2"."f" DESC NULLS FIRST) AS "_t2"))) AS "data"

-- case: float_variable_from_int
-- step 1: result
--   $1 = slot 0 as double precision
SELECT json_object('m', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "m" AS "_t0"
        WHERE ("_t0"."f" >= CAST($1 AS REAL))) AS "_t0"))) AS "data"

-- case: numeric_ops
-- step 1: result
--   $1 = slot 0 as numeric
--   $2 = slot 1 as numeric
SELECT json_object('le', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'n', (CASE WHEN typeof("_t0"."n") = 'real' AND "_t0"."n" = CAST("_t0"."n" AS INTEGER) AND abs("_t0"."n") < 1e15 THEN CAST("_t0"."n" AS INTEGER) ELSE "_t0"."n" END)))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."n"
        FROM "m" AS "_t0"
        WHERE ("_t0"."n" <= CAST($1 AS NUMERIC))) AS "_t0")), 'gt', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id", 'n', (CASE WHEN typeof("_t1"."n") = 'real' AND "_t1"."n" = CAST("_t1"."n" AS INTEGER) AND abs("_t1"."n") < 1e15 THEN CAST("_t1"."n" AS INTEGER) ELSE "_t1"."n" END)))), json('[]'))
      FROM (
        SELECT "_t1"."id", "_t1"."n"
        FROM "m" AS "_t1"
        WHERE ("_t1"."n" > CAST($2 AS NUMERIC))) AS "_t1")), 'nn', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t2"."id"))), json('[]'))
      FROM (
        SELECT "_t2"."id"
        FROM "m" AS "_t2"
        WHERE ("_t2"."n" IS NOT NULL)
        ORDER BY "_t2"."n" ASC NULLS LAST) AS "_t2"))) AS "data"

-- case: numeric_aggregates
-- step 1: result
SELECT json_object('m_aggregate', json((
      SELECT json_object('aggregate', json_object('count', count("_t0"."n"), 'sum', json_object('n', (CASE WHEN typeof(sum("_t0"."n")) = 'real' AND sum("_t0"."n") = CAST(sum("_t0"."n") AS INTEGER) AND abs(sum("_t0"."n")) < 1e15 THEN CAST(sum("_t0"."n") AS INTEGER) ELSE sum("_t0"."n") END), 'f', (CASE WHEN typeof(sum("_t0"."f")) = 'real' AND sum("_t0"."f") = CAST(sum("_t0"."f") AS INTEGER) AND abs(sum("_t0"."f")) < 1e15 THEN CAST(sum("_t0"."f") AS INTEGER) ELSE sum("_t0"."f") END)), 'max', json_object('n', (CASE WHEN typeof(max("_t0"."n")) = 'real' AND max("_t0"."n") = CAST(max("_t0"."n") AS INTEGER) AND abs(max("_t0"."n")) < 1e15 THEN CAST(max("_t0"."n") AS INTEGER) ELSE max("_t0"."n") END)), 'min', json_object('f', (CASE WHEN typeof(min("_t0"."f")) = 'real' AND min("_t0"."f") = CAST(min("_t0"."f") AS INTEGER) AND abs(min("_t0"."f")) < 1e15 THEN CAST(min("_t0"."f") AS INTEGER) ELSE min("_t0"."f") END))))
      FROM (
        SELECT "_t0".*
        FROM "m" AS "_t0"
        WHERE (1 = 1)) AS "_t0"))) AS "data"
