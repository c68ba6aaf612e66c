-- The SQL every case of 05_uuid_date_json.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: uuid_eq_in
-- step 1: result
--   $1 = slot 0 as uuid
--   $2 = slot 1 as uuid[]
SELECT (json_build_object('a', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'u', "_t0"."u")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."u"
        FROM "<schema>"."t" AS "_t0"
        WHERE ("_t0"."u" = ($1)::uuid)) AS "_t0"), 'b', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."t" AS "_t1"
        WHERE ("_t1"."u" IN (
            SELECT (x)::uuid
            FROM json_array_elements_text(($2)::json) AS x))) AS "_t1")))::text AS "data"

-- case: uuid_bad_value
-- step 1: result
--   $1 = slot 0 as uuid
SELECT (json_build_object('t', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."t" AS "_t0"
        WHERE ("_t0"."u" = ($1)::uuid)) AS "_t0")))::text AS "data"

-- case: date_ops_and_order
-- step 1: result
--   $1 = slot 0 as date
--   $2 = slot 1 as date
SELECT (json_build_object('after', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'd', "_t0"."d")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."d"
        FROM "<schema>"."t" AS "_t0"
        WHERE ("_t0"."d" >= ($1)::date)) AS "_t0"), 'before', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."t" AS "_t1"
        WHERE ("_t1"."d" < ($2)::date)) AS "_t1"), 'ordered', (
      SELECT coalesce(json_agg(json_build_object('id', "_t2"."id")), '[]'::json)
      FROM (
        SELECT "_t2"."id"
        FROM "<schema>"."t" AS "_t2"
        WHERE (1 = 1)
        ORDER BY "_t2"."d" DESC NULLS FIRST) AS "_t2")))::text AS "data"

-- case: jsonb_output
-- step 1: result
SELECT (json_build_object('t', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'j', "_t0"."j")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."j"
        FROM "<schema>"."t" AS "_t0"
        WHERE (1 = 1)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: jsonb_contains
-- step 1: result
--   $1 = slot 0 as jsonb
SELECT (json_build_object('t', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."t" AS "_t0"
        WHERE ("_t0"."j" @> ($1)::jsonb)) AS "_t0")))::text AS "data"

-- case: jsonb_has_key
-- step 1: result
--   $1 = slot 0 as text
SELECT (json_build_object('t', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."t" AS "_t0"
        WHERE ("_t0"."j" ? ($1)::text)) AS "_t0")))::text AS "data"
