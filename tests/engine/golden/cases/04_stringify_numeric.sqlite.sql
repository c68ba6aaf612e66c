-- The SQL every case of 04_stringify_numeric.json compiles to on sqlite (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: bigint_numeric_as_strings
-- step 1: result
SELECT json_object('big', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'b', CAST("_t0"."b" AS TEXT), 'n', CAST("_t0"."n" AS TEXT)))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."b", "_t0"."n"
        FROM "big" AS "_t0"
        WHERE (1 = 1)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: filters_still_take_numbers
-- step 1: result
--   $1 = slot 0 as bigint
--   $2 = slot 1 as numeric
SELECT json_object('big', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "big" AS "_t0"
        WHERE (("_t0"."b" > CAST($1 AS INTEGER)) AND ("_t0"."n" > CAST($2 AS NUMERIC)))) AS "_t0"))) AS "data"
