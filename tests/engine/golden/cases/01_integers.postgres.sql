-- The SQL every case of 01_integers.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: eq
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('nums', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."nums" AS "_t0"
        WHERE ("_t0"."i" = ($1)::int4)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: neq_skips_null
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('nums', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."nums" AS "_t0"
        WHERE ("_t0"."i" <> ($1)::int4)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: range
-- step 1: result
--   $1 = slot 0 as integer
--   $2 = slot 1 as integer
SELECT (json_build_object('nums', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'i', "_t0"."i")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."i"
        FROM "<schema>"."nums" AS "_t0"
        WHERE (("_t0"."i" > ($1)::int4) AND ("_t0"."i" <= ($2)::int4))
        ORDER BY "_t0"."id" DESC NULLS FIRST) AS "_t0")))::text AS "data"

-- case: lt_gte
-- step 1: result
--   $1 = slot 0 as integer
--   $2 = slot 1 as smallint
SELECT (json_build_object('a', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."nums" AS "_t0"
        WHERE ("_t0"."i" < ($1)::int4)) AS "_t0"), 'b', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."nums" AS "_t1"
        WHERE ("_t1"."s" >= ($2)::int2)
        ORDER BY "_t1"."id" ASC NULLS LAST) AS "_t1")))::text AS "data"

-- case: in_nin
-- step 1: result
--   $1 = slot 0 as integer[]
--   $2 = slot 1 as integer[]
--   $3 = slot 2 as integer[]
SELECT (json_build_object('a', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."nums" AS "_t0"
        WHERE ("_t0"."i" IN (
            SELECT (x)::int4
            FROM json_array_elements_text(($1)::json) AS x))) AS "_t0"), 'b', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."nums" AS "_t1"
        WHERE ("_t1"."i" NOT IN (
            SELECT (x)::int4
            FROM json_array_elements_text(($2)::json) AS x))) AS "_t1"), 'c', (
      SELECT coalesce(json_agg(json_build_object('id', "_t2"."id")), '[]'::json)
      FROM (
        SELECT "_t2"."id"
        FROM "<schema>"."nums" AS "_t2"
        WHERE ("_t2"."i" IN (
            SELECT (x)::int4
            FROM json_array_elements_text(($3)::json) AS x))) AS "_t2")))::text AS "data"

-- case: is_null
-- step 1: result
SELECT (json_build_object('a', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."nums" AS "_t0"
        WHERE ("_t0"."i" IS NULL)) AS "_t0"), 'b', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."nums" AS "_t1"
        WHERE ("_t1"."i" IS NOT NULL)
        ORDER BY "_t1"."id" ASC NULLS LAST) AS "_t1")))::text AS "data"

-- case: bigint_exact_output
-- step 1: result
--   $1 = slot 0 as bigint
SELECT (json_build_object('nums', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'b', "_t0"."b")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."b"
        FROM "<schema>"."nums" AS "_t0"
        WHERE ("_t0"."b" > ($1)::int8)
        ORDER BY "_t0"."b" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: bigint_variable
-- step 1: result
--   $1 = slot 0 as bigint
SELECT (json_build_object('nums', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."nums" AS "_t0"
        WHERE ("_t0"."b" <= ($1)::int8)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: int_variable_wrong_type
-- no SQL (answered without the database, or refused)
