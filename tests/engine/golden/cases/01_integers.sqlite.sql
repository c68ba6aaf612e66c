-- The SQL every case of 01_integers.json compiles to on sqlite (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: eq
-- step 1: result
--   $1 = slot 0 as integer
SELECT json_object('nums', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "nums" AS "_t0"
        WHERE ("_t0"."i" = CAST($1 AS INTEGER))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: neq_skips_null
-- step 1: result
--   $1 = slot 0 as integer
SELECT json_object('nums', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "nums" AS "_t0"
        WHERE ("_t0"."i" <> CAST($1 AS INTEGER))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: range
-- step 1: result
--   $1 = slot 0 as integer
--   $2 = slot 1 as integer
SELECT json_object('nums', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'i', "_t0"."i"))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."i"
        FROM "nums" AS "_t0"
        WHERE (("_t0"."i" > CAST($1 AS INTEGER)) AND ("_t0"."i" <= CAST($2 AS INTEGER)))
        ORDER BY "_t0"."id" DESC NULLS FIRST) AS "_t0"))) AS "data"

-- case: lt_gte
-- step 1: result
--   $1 = slot 0 as integer
--   $2 = slot 1 as smallint
SELECT json_object('a', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "nums" AS "_t0"
        WHERE ("_t0"."i" < CAST($1 AS INTEGER))) AS "_t0")), 'b', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id"))), json('[]'))
      FROM (
        SELECT "_t1"."id"
        FROM "nums" AS "_t1"
        WHERE ("_t1"."s" >= CAST($2 AS INTEGER))
        ORDER BY "_t1"."id" ASC NULLS LAST) AS "_t1"))) AS "data"

-- case: in_nin
-- step 1: result
--   $1 = slot 0 as integer[]
--   $2 = slot 1 as integer[]
--   $3 = slot 2 as integer[]
SELECT json_object('a', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "nums" AS "_t0"
        WHERE ("_t0"."i" IN (
            SELECT value
            FROM json_each($1)))) AS "_t0")), 'b', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id"))), json('[]'))
      FROM (
        SELECT "_t1"."id"
        FROM "nums" AS "_t1"
        WHERE ("_t1"."i" NOT IN (
            SELECT value
            FROM json_each($2)))) AS "_t1")), 'c', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t2"."id"))), json('[]'))
      FROM (
        SELECT "_t2"."id"
        FROM "nums" AS "_t2"
        WHERE ("_t2"."i" IN (
            SELECT value
            FROM json_each($3)))) AS "_t2"))) AS "data"

-- case: is_null
-- step 1: result
SELECT json_object('a', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "nums" AS "_t0"
        WHERE ("_t0"."i" IS NULL)) AS "_t0")), 'b', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id"))), json('[]'))
      FROM (
        SELECT "_t1"."id"
        FROM "nums" AS "_t1"
        WHERE ("_t1"."i" IS NOT NULL)
        ORDER BY "_t1"."id" ASC NULLS LAST) AS "_t1"))) AS "data"

-- case: bigint_exact_output
-- step 1: result
--   $1 = slot 0 as bigint
SELECT json_object('nums', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'b', "_t0"."b"))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."b"
        FROM "nums" AS "_t0"
        WHERE ("_t0"."b" > CAST($1 AS INTEGER))
        ORDER BY "_t0"."b" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: bigint_variable
-- step 1: result
--   $1 = slot 0 as bigint
SELECT json_object('nums', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "nums" AS "_t0"
        WHERE ("_t0"."b" <= CAST($1 AS INTEGER))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: int_variable_wrong_type
-- no SQL (answered without the database, or refused)
