-- The SQL every case of 02_text.json compiles to on sqlite (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: eq_in_varchar
-- step 1: result
--   $1 = slot 0 as character varying
--   $2 = slot 1 as character varying[]
--   $3 = slot 2 as character varying[]
SELECT json_object('a', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "words" AS "_t0"
        WHERE ("_t0"."v" = CAST($1 AS TEXT))) AS "_t0")), 'b', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id"))), json('[]'))
      FROM (
        SELECT "_t1"."id"
        FROM "words" AS "_t1"
        WHERE ("_t1"."v" IN (
            SELECT value
            FROM json_each($2)))) AS "_t1")), 'c', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t2"."id"))), json('[]'))
      FROM (
        SELECT "_t2"."id"
        FROM "words" AS "_t2"
        WHERE ("_t2"."v" NOT IN (
            SELECT value
            FROM json_each($3)))
        ORDER BY "_t2"."id" ASC NULLS LAST) AS "_t2"))) AS "data"

-- case: like_is_case_sensitive
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as text
--   $3 = slot 2 as text
SELECT json_object('lower', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "words" AS "_t0"
        WHERE ("_t0"."w" GLOB replace(replace(replace(replace(replace(CAST($1 AS TEXT), '[', '[[]'), '*', '[*]'), '?', '[?]'), '%', '*'), '_', '?'))) AS "_t0")), 'upper', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id"))), json('[]'))
      FROM (
        SELECT "_t1"."id"
        FROM "words" AS "_t1"
        WHERE ("_t1"."w" GLOB replace(replace(replace(replace(replace(CAST($2 AS TEXT), '[', '[[]'), '*', '[*]'), '?', '[?]'), '%', '*'), '_', '?'))) AS "_t1")), 'ap', json((
      SELECT coalesce(json_group_array(json(json_object('w', "_t2"."w"))), json('[]'))
      FROM (
        SELECT "_t2"."w"
        FROM "words" AS "_t2"
        WHERE ("_t2"."w" GLOB replace(replace(replace(replace(replace(CAST($3 AS TEXT), '[', '[[]'), '*', '[*]'), '?', '[?]'), '%', '*'), '_', '?'))
        ORDER BY "_t2"."id" ASC NULLS LAST) AS "_t2"))) AS "data"

-- case: nlike
-- step 1: result
--   $1 = slot 0 as text
SELECT json_object('words', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "words" AS "_t0"
        WHERE ("_t0"."w" NOT GLOB replace(replace(replace(replace(replace(CAST($1 AS TEXT), '[', '[[]'), '*', '[*]'), '?', '[?]'), '%', '*'), '_', '?'))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: ilike_nilike
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as character varying
--   $3 = slot 2 as character varying
SELECT json_object('a', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "words" AS "_t0"
        WHERE (lower("_t0"."w") LIKE lower(CAST($1 AS TEXT)))) AS "_t0")), 'b', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t1"."id"))), json('[]'))
      FROM (
        SELECT "_t1"."id"
        FROM "words" AS "_t1"
        WHERE (lower("_t1"."v") LIKE lower(CAST($2 AS TEXT)))
        ORDER BY "_t1"."id" ASC NULLS LAST) AS "_t1")), 'c', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t2"."id"))), json('[]'))
      FROM (
        SELECT "_t2"."id"
        FROM "words" AS "_t2"
        WHERE (lower("_t2"."v") NOT LIKE lower(CAST($3 AS TEXT)))
        ORDER BY "_t2"."id" ASC NULLS LAST) AS "_t2"))) AS "data"

-- case: like_underscore_wildcard
-- step 1: result
--   $1 = slot 0 as character varying
SELECT json_object('words', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "words" AS "_t0"
        WHERE ("_t0"."v" GLOB replace(replace(replace(replace(replace(CAST($1 AS TEXT), '[', '[[]'), '*', '[*]'), '?', '[?]'), '%', '*'), '_', '?'))) AS "_t0"))) AS "data"

-- case: escaped_text_output
-- step 1: result
--   $1 = slot 0 as integer
SELECT json_object('words_by_pk', json((
      SELECT json_object('w', "_t0"."w")
      FROM "words" AS "_t0"
      WHERE ("_t0"."id" = CAST($1 AS INTEGER))
      LIMIT 1))) AS "data"

-- case: regex
-- no SQL (answered without the database, or refused)

-- case: similar
-- no SQL (answered without the database, or refused)
