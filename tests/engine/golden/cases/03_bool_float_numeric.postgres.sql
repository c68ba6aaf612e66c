-- The SQL every case of 03_bool_float_numeric.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: boolean_ops
-- step 1: result
--   $1 = slot 0 as boolean
--   $2 = slot 1 as boolean
SELECT (json_build_object('t', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'ok', "_t0"."ok")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."ok"
        FROM "<schema>"."m" AS "_t0"
        WHERE ("_t0"."ok" = ($1)::boolean)) AS "_t0"), 'f', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id", 'ok', "_t1"."ok")), '[]'::json)
      FROM (
        SELECT "_t1"."id", "_t1"."ok"
        FROM "<schema>"."m" AS "_t1"
        WHERE ("_t1"."ok" <> ($2)::boolean)) AS "_t1"), 'n', (
      SELECT coalesce(json_agg(json_build_object('id', "_t2"."id", 'ok', "_t2"."ok")), '[]'::json)
      FROM (
        SELECT "_t2"."id", "_t2"."ok"
        FROM "<schema>"."m" AS "_t2"
        WHERE ("_t2"."ok" IS NULL)) AS "_t2")))::text AS "data"

-- case: boolean_variable
-- step 1: result
--   $1 = slot 0 as boolean
SELECT (json_build_object('m', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."m" AS "_t0"
        WHERE ("_t0"."ok" = ($1)::boolean)) AS "_t0")))::text AS "data"

-- case: float_ops
-- step 1: result
--   $1 = slot 0 as double precision
--   $2 = slot 1 as double precision
--   $3 = slot 2 as double precision[]
SELECT (json_build_object('pos', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'f', "_t0"."f")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."f"
        FROM "<schema>"."m" AS "_t0"
        WHERE ("_t0"."f" > ($1)::float8)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"), 'neg', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id", 'f', "_t1"."f")), '[]'::json)
      FROM (
        SELECT "_t1"."id", "_t1"."f"
        FROM "<schema>"."m" AS "_t1"
        WHERE ("_t1"."f" < ($2)::float8)) AS "_t1"), 'set', (
      SELECT coalesce(json_agg(json_build_object('id', "_t2"."id")), '[]'::json)
      FROM (
        SELECT "_t2"."id"
        FROM "<schema>"."m" AS "_t2"
        WHERE ("_t2"."f" IN (
            SELECT (x)::float8
            FROM json_array_elements_text(($3)::json) AS x))
        ORDER BY "_t2"."f" DESC NULLS FIRST) AS "_t2")))::text AS "data"

-- case: float_variable_from_int
-- step 1: result
--   $1 = slot 0 as double precision
SELECT (json_build_object('m', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."m" AS "_t0"
        WHERE ("_t0"."f" >= ($1)::float8)) AS "_t0")))::text AS "data"

-- case: numeric_ops
-- step 1: result
--   $1 = slot 0 as numeric
--   $2 = slot 1 as numeric
SELECT (json_build_object('le', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'n', "_t0"."n")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."n"
        FROM "<schema>"."m" AS "_t0"
        WHERE ("_t0"."n" <= ($1)::numeric)) AS "_t0"), 'gt', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id", 'n', "_t1"."n")), '[]'::json)
      FROM (
        SELECT "_t1"."id", "_t1"."n"
        FROM "<schema>"."m" AS "_t1"
        WHERE ("_t1"."n" > ($2)::numeric)) AS "_t1"), 'nn', (
      SELECT coalesce(json_agg(json_build_object('id', "_t2"."id")), '[]'::json)
      FROM (
        SELECT "_t2"."id"
        FROM "<schema>"."m" AS "_t2"
        WHERE ("_t2"."n" IS NOT NULL)
        ORDER BY "_t2"."n" ASC NULLS LAST) AS "_t2")))::text AS "data"

-- case: numeric_aggregates
-- step 1: result
SELECT (json_build_object('m_aggregate', (
      SELECT json_build_object('aggregate', json_build_object('count', count("_t0"."n"), 'sum', json_build_object('n', sum("_t0"."n"), 'f', sum("_t0"."f")), 'max', json_build_object('n', max("_t0"."n")), 'min', json_build_object('f', min("_t0"."f"))))
      FROM (
        SELECT "_t0".*
        FROM "<schema>"."m" AS "_t0"
        WHERE (1 = 1)) AS "_t0")))::text AS "data"
