-- The SQL every case of 02_text.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: eq_in_varchar
-- step 1: result
--   $1 = slot 0 as character varying
--   $2 = slot 1 as character varying[]
--   $3 = slot 2 as character varying[]
SELECT (json_build_object('a', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."words" AS "_t0"
        WHERE ("_t0"."v" = ($1)::varchar)) AS "_t0"), 'b', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."words" AS "_t1"
        WHERE ("_t1"."v" IN (
            SELECT (x)::varchar
            FROM json_array_elements_text(($2)::json) AS x))) AS "_t1"), 'c', (
      SELECT coalesce(json_agg(json_build_object('id', "_t2"."id")), '[]'::json)
      FROM (
        SELECT "_t2"."id"
        FROM "<schema>"."words" AS "_t2"
        WHERE ("_t2"."v" NOT IN (
            SELECT (x)::varchar
            FROM json_array_elements_text(($3)::json) AS x))
        ORDER BY "_t2"."id" ASC NULLS LAST) AS "_t2")))::text AS "data"

-- case: like_is_case_sensitive
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as text
--   $3 = slot 2 as text
SELECT (json_build_object('lower', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."words" AS "_t0"
        WHERE ("_t0"."w" LIKE ($1)::text)) AS "_t0"), 'upper', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."words" AS "_t1"
        WHERE ("_t1"."w" LIKE ($2)::text)) AS "_t1"), 'ap', (
      SELECT coalesce(json_agg(json_build_object('w', "_t2"."w")), '[]'::json)
      FROM (
        SELECT "_t2"."w"
        FROM "<schema>"."words" AS "_t2"
        WHERE ("_t2"."w" LIKE ($3)::text)
        ORDER BY "_t2"."id" ASC NULLS LAST) AS "_t2")))::text AS "data"

-- case: nlike
-- step 1: result
--   $1 = slot 0 as text
SELECT (json_build_object('words', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."words" AS "_t0"
        WHERE ("_t0"."w" NOT LIKE ($1)::text)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: ilike_nilike
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as character varying
--   $3 = slot 2 as character varying
SELECT (json_build_object('a', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."words" AS "_t0"
        WHERE ("_t0"."w" ILIKE ($1)::text)) AS "_t0"), 'b', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."words" AS "_t1"
        WHERE ("_t1"."v" ILIKE ($2)::varchar)
        ORDER BY "_t1"."id" ASC NULLS LAST) AS "_t1"), 'c', (
      SELECT coalesce(json_agg(json_build_object('id', "_t2"."id")), '[]'::json)
      FROM (
        SELECT "_t2"."id"
        FROM "<schema>"."words" AS "_t2"
        WHERE ("_t2"."v" NOT ILIKE ($3)::varchar)
        ORDER BY "_t2"."id" ASC NULLS LAST) AS "_t2")))::text AS "data"

-- case: like_underscore_wildcard
-- step 1: result
--   $1 = slot 0 as character varying
SELECT (json_build_object('words', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."words" AS "_t0"
        WHERE ("_t0"."v" LIKE ($1)::varchar)) AS "_t0")))::text AS "data"

-- case: escaped_text_output
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('words_by_pk', (
      SELECT json_build_object('w', "_t0"."w")
      FROM "<schema>"."words" AS "_t0"
      WHERE ("_t0"."id" = ($1)::int4)
      LIMIT 1)))::text AS "data"

-- case: regex
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as text
--   $3 = slot 2 as text
SELECT (json_build_object('a', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."words" AS "_t0"
        WHERE ("_t0"."w" ~ ($1)::text)) AS "_t0"), 'b', (
      SELECT coalesce(json_agg(json_build_object('id', "_t1"."id")), '[]'::json)
      FROM (
        SELECT "_t1"."id"
        FROM "<schema>"."words" AS "_t1"
        WHERE ("_t1"."w" ~* ($2)::text)) AS "_t1"), 'c', (
      SELECT coalesce(json_agg(json_build_object('id', "_t2"."id")), '[]'::json)
      FROM (
        SELECT "_t2"."id"
        FROM "<schema>"."words" AS "_t2"
        WHERE ("_t2"."w" !~ ($3)::text)
        ORDER BY "_t2"."id" ASC NULLS LAST) AS "_t2")))::text AS "data"

-- case: similar
-- step 1: result
--   $1 = slot 0 as text
SELECT (json_build_object('words', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."words" AS "_t0"
        WHERE ("_t0"."w" SIMILAR TO ($1)::text)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"
