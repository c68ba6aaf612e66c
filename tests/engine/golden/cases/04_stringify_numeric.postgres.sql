-- The SQL every case of 04_stringify_numeric.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: bigint_numeric_as_strings
-- step 1: result
SELECT (json_build_object('big', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'b', ("_t0"."b")::text, 'n', ("_t0"."n")::text)), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."b", "_t0"."n"
        FROM "<schema>"."big" AS "_t0"
        WHERE (1 = 1)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: filters_still_take_numbers
-- step 1: result
--   $1 = slot 0 as bigint
--   $2 = slot 1 as numeric
SELECT (json_build_object('big', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."big" AS "_t0"
        WHERE (("_t0"."b" > ($1)::int8) AND ("_t0"."n" > ($2)::numeric))) AS "_t0")))::text AS "data"
