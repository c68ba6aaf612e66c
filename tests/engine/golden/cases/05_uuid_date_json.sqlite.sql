-- The SQL every case of 05_uuid_date_json.json compiles to on sqlite (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: uuid_eq_in
-- step 1: result
--   $1 = slot 0 as uuid
--   $2 = slot 1 as uuid[]
SELECT json_object('a', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'u', "_t0"."u"))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."u"
        FROM "t" AS "_t0"
        WHERE ("_t0"."u" = CAST($1 AS TEXT))) AS "_t0")), 'b', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id"))), json('[]'))
      FROM (
        SELECT "_t1"."id"
        FROM "t" AS "_t1"
        WHERE ("_t1"."u" IN (
            SELECT value
            FROM json_each($2)))) AS "_t1"))) AS "data"

-- case: uuid_bad_value
-- step 1: result
--   $1 = slot 0 as uuid
SELECT json_object('t', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "t" AS "_t0"
        WHERE ("_t0"."u" = CAST($1 AS TEXT))) AS "_t0"))) AS "data"

-- case: date_ops_and_order
-- step 1: result
--   $1 = slot 0 as date
--   $2 = slot 1 as date
SELECT json_object('after', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'd', "_t0"."d"))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."d"
        FROM "t" AS "_t0"
        WHERE ("_t0"."d" >= CAST($1 AS TEXT))) AS "_t0")), 'before', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id"))), json('[]'))
      FROM (
        SELECT "_t1"."id"
        FROM "t" AS "_t1"
        WHERE ("_t1"."d" < CAST($2 AS TEXT))) AS "_t1")), 'ordered', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t2"."id"))), json('[]'))
      FROM (
        SELECT "_t2"."id"
        FROM "t" AS "_t2"
        WHERE (1 = 1)
        ORDER BY "_t2"."d" DESC NULLS FIRST) AS "_t2"))) AS "data"

-- case: jsonb_output
-- step 1: result
SELECT json_object('t', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'j', json("_t0"."j")))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."j"
        FROM "t" AS "_t0"
        WHERE (1 = 1)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: jsonb_contains
-- no SQL (answered without the database, or refused)

-- case: jsonb_has_key
-- no SQL (answered without the database, or refused)
