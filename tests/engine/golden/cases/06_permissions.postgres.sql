-- The SQL every case of 06_permissions.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: implicit_eq_session_filter
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('author', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'name', "_t0"."name")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."name"
        FROM "<schema>"."author" AS "_t0"
        WHERE ("_t0"."org" = ($1)::int4)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: relationship_filter_and_permission_limit
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('article', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'title', "_t0"."title")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."title"
        FROM "<schema>"."article" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "<schema>"."author" AS "_t1"
          WHERE ("_t0"."author_id" = "_t1"."id") AND ("_t1"."org" = ($1)::int4))
        ORDER BY "_t0"."id" ASC NULLS LAST
        LIMIT 2) AS "_t0")))::text AS "data"

-- case: limit_variable_capped_by_permission
-- step 1: result
--   $1 = slot 0 as integer
--   $2 = slot 1 as bigint
SELECT (json_build_object('article', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."article" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "<schema>"."author" AS "_t1"
          WHERE ("_t0"."author_id" = "_t1"."id") AND ("_t1"."org" = ($1)::int4))
        ORDER BY "_t0"."id" ASC NULLS LAST
        LIMIT $2) AS "_t0")))::text AS "data"

-- case: smaller_user_limit_wins
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('article', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."article" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "<schema>"."author" AS "_t1"
          WHERE ("_t0"."author_id" = "_t1"."id") AND ("_t1"."org" = ($1)::int4))
        ORDER BY "_t0"."id" DESC NULLS FIRST
        LIMIT 1) AS "_t0")))::text AS "data"

-- case: nested_relationship_under_remote_permission
-- step 1: result
--   $1 = slot 3 as integer
--   $2 = slot 1 as integer
--   $3 = slot 0 as integer
SELECT (json_build_object('author', (
      SELECT coalesce(json_agg(json_build_object('name', "_t0"."name", 'articles', (
              SELECT coalesce(json_agg(json_build_object('title', "_t1"."title", 'author', (
                      SELECT json_build_object('name', "_t2"."name")
                      FROM "<schema>"."author" AS "_t2"
                      WHERE ("_t1"."author_id" = "_t2"."id") AND ("_t2"."org" = ($1)::int4)
                      LIMIT 1))), '[]'::json)
              FROM (
                SELECT "_t1"."title", "_t1"."author_id"
                FROM "<schema>"."article" AS "_t1"
                WHERE ("_t0"."id" = "_t1"."author_id") AND EXISTS (
                  SELECT 1
                  FROM "<schema>"."author" AS "_t3"
                  WHERE ("_t1"."author_id" = "_t3"."id") AND ("_t3"."org" = ($2)::int4))
                ORDER BY "_t1"."id" ASC NULLS LAST
                LIMIT 2) AS "_t1"))), '[]'::json)
      FROM (
        SELECT "_t0"."name", "_t0"."id"
        FROM "<schema>"."author" AS "_t0"
        WHERE ("_t0"."org" = ($3)::int4)) AS "_t0")))::text AS "data"

-- case: column_outside_permission
-- no SQL (answered without the database, or refused)

-- case: missing_session_variable
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('author', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."author" AS "_t0"
        WHERE ("_t0"."org" = ($1)::int4)) AS "_t0")))::text AS "data"

-- case: session_value_of_wrong_type
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('author', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."author" AS "_t0"
        WHERE ("_t0"."org" = ($1)::int4)) AS "_t0")))::text AS "data"

-- case: array_session_variable
-- step 1: result
--   $1 = slot 0 as integer[]
SELECT (json_build_object('article', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'secret', "_t0"."secret")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."secret"
        FROM "<schema>"."article" AS "_t0"
        WHERE ("_t0"."id" IN (
            SELECT (x)::int4
            FROM json_array_elements_text(($1)::json) AS x))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: column_comparison
-- step 1: result
SELECT (json_build_object('article', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."article" AS "_t0"
        WHERE ("_t0"."editor_id" = "_t0"."author_id")
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: aggregate_needs_allow_aggregations
-- no SQL (answered without the database, or refused)

-- case: exists_unrelated_table_not_banned
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('article', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."article" AS "_t0"
        WHERE (NOT EXISTS (
            SELECT 1
            FROM "<schema>"."banned" AS "_t1"
            WHERE ('true') AND ("_t1"."user_id" = ($1)::int4)))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: exists_unrelated_table_banned
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('article', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."article" AS "_t0"
        WHERE (NOT EXISTS (
            SELECT 1
            FROM "<schema>"."banned" AS "_t1"
            WHERE ('true') AND ("_t1"."user_id" = ($1)::int4)))) AS "_t0")))::text AS "data"

-- case: by_pk_needs_pk_column
-- step 1: result
--   $1 = slot 0 as integer
--   $2 = slot 1 as integer
SELECT (json_build_object('a', (
      SELECT json_build_object('id', "_t0"."id")
      FROM "<schema>"."article" AS "_t0"
      WHERE (("_t0"."editor_id" = "_t0"."author_id") AND ("_t0"."id" = ($1)::int4))
      LIMIT 1), 'b', (
      SELECT json_build_object('id', "_t1"."id")
      FROM "<schema>"."article" AS "_t1"
      WHERE (("_t1"."editor_id" = "_t1"."author_id") AND ("_t1"."id" = ($2)::int4))
      LIMIT 1)))::text AS "data"

-- case: unknown_role_sees_no_tables
-- no SQL (answered without the database, or refused)
