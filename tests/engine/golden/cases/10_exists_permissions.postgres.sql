-- The SQL every case of 10_exists_permissions.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: select_filter_exists_on_unselectable_table
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('project', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'title', "_t0"."title")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."title"
        FROM "<schema>"."project" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "<schema>"."membership" AS "_t1"
          WHERE ('true') AND (("_t1"."user_id" = ($1)::int4) AND ("_t1"."project_id" = "_t0"."id")))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: select_filter_exists_other_user
-- step 1: result
--   $1 = slot 0 as integer
--   $2 = slot 1 as integer
--   $3 = slot 2 as integer
SELECT (json_build_object('project', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."project" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "<schema>"."membership" AS "_t1"
          WHERE ('true') AND (("_t1"."user_id" = ($1)::int4) AND ("_t1"."project_id" = "_t0"."id")))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"), 'project_by_pk', (
      SELECT json_build_object('id', "_t2"."id")
      FROM "<schema>"."project" AS "_t2"
      WHERE (EXISTS (
          SELECT 1
          FROM "<schema>"."membership" AS "_t3"
          WHERE ('true') AND (("_t3"."user_id" = ($2)::int4) AND ("_t3"."project_id" = "_t2"."id"))) AND ("_t2"."id" = ($3)::int4))
      LIMIT 1)))::text AS "data"

-- case: select_filter_relationship_to_unselectable_table
-- step 1: result
--   $1 = slot 0 as boolean
SELECT (json_build_object('project', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'title', "_t0"."title")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."title"
        FROM "<schema>"."project" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "<schema>"."account" AS "_t1"
          WHERE ("_t0"."owner_id" = "_t1"."id") AND ("_t1"."active" = ($1)::boolean))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: update_filter_exists_and_check_through_relationship
-- step 1: checked result, key update_project
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
--   $3 = slot 2 as boolean
--   $4 = slot 4 as integer
--   $5 = slot 3 as boolean
WITH "_m0" AS (
  UPDATE "<schema>"."project" AS "_t0" SET "title" = ($1)::text
  WHERE EXISTS (
    SELECT 1
    FROM "<schema>"."membership" AS "_t1"
    WHERE ('true') AND (("_t1"."user_id" = ($2)::int4) AND ("_t1"."project_id" = "_t0"."id") AND ("_t1"."can_write" = ($3)::boolean)))
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t2"), 'returning', (
      SELECT coalesce(json_agg("_t5"."__j"), '[]'::json)
      FROM (
        SELECT json_build_object('id', "_t3"."id", 'title', "_t3"."title") AS "__j"
        FROM "_m0" AS "_t3"
        WHERE EXISTS (
          SELECT 1
          FROM "<schema>"."membership" AS "_t4"
          WHERE ('true') AND (("_t4"."user_id" = ($4)::int4) AND ("_t4"."project_id" = "_t3"."id")))) AS "_t5")))::text AS "data", (
  SELECT count(*)
  FROM "_m0" AS "_t6"
  WHERE (CASE WHEN EXISTS (
      SELECT 1
      FROM "<schema>"."account" AS "_t7"
      WHERE ("_t6"."owner_id" = "_t7"."id") AND ("_t7"."active" = ($5)::boolean)) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: update_check_through_relationship_fails
-- step 1: checked result, key update_project
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
--   $3 = slot 2 as boolean
--   $4 = slot 3 as boolean
WITH "_m0" AS (
  UPDATE "<schema>"."project" AS "_t0" SET "title" = ($1)::text
  WHERE EXISTS (
    SELECT 1
    FROM "<schema>"."membership" AS "_t1"
    WHERE ('true') AND (("_t1"."user_id" = ($2)::int4) AND ("_t1"."project_id" = "_t0"."id") AND ("_t1"."can_write" = ($3)::boolean)))
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t2")))::text AS "data", (
  SELECT count(*)
  FROM "_m0" AS "_t3"
  WHERE (CASE WHEN EXISTS (
      SELECT 1
      FROM "<schema>"."account" AS "_t4"
      WHERE ("_t3"."owner_id" = "_t4"."id") AND ("_t4"."active" = ($4)::boolean)) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: insert_check_exists_passes
-- step 1: checked result, key insert_project
--   $1 = slot 0 as integer
--   $2 = slot 2 as text
--   $3 = slot 1 as integer
--   $4 = slot 3 as integer
--   $5 = slot 4 as boolean
WITH "_m0" AS (
  INSERT INTO "<schema>"."project" AS "_t0" ("id", "title", "owner_id") VALUES (($1)::int4, ($2)::text, ($3)::int4)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1")))::text AS "data", (
  SELECT count(*)
  FROM "_m0" AS "_t2"
  WHERE (CASE WHEN EXISTS (
      SELECT 1
      FROM "<schema>"."account" AS "_t3"
      WHERE ('true') AND (("_t3"."id" = ($4)::int4) AND ("_t3"."active" = ($5)::boolean))) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: insert_check_exists_fails
-- step 1: checked result, key insert_project
--   $1 = slot 0 as integer
--   $2 = slot 2 as text
--   $3 = slot 1 as integer
--   $4 = slot 3 as integer
--   $5 = slot 4 as boolean
WITH "_m0" AS (
  INSERT INTO "<schema>"."project" AS "_t0" ("id", "title", "owner_id") VALUES (($1)::int4, ($2)::text, ($3)::int4)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1")))::text AS "data", (
  SELECT count(*)
  FROM "_m0" AS "_t2"
  WHERE (CASE WHEN EXISTS (
      SELECT 1
      FROM "<schema>"."account" AS "_t3"
      WHERE ('true') AND (("_t3"."id" = ($4)::int4) AND ("_t3"."active" = ($5)::boolean))) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: delete_filter_exists
-- one statement (no BEGIN/COMMIT)
-- step 1: result, key delete_project
--   $1 = slot 0 as integer
--   $2 = slot 1 as boolean
--   $3 = session variables
WITH "_m0" AS (
  DELETE
  FROM "<schema>"."project" AS "_t0"
  WHERE EXISTS (
    SELECT 1
    FROM "<schema>"."membership" AS "_t1"
    WHERE ('true') AND (("_t1"."user_id" = ($1)::int4) AND ("_t1"."project_id" = "_t0"."id") AND ("_t1"."can_write" = ($2)::boolean)))
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t2")))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($3)::text, true)) AS "_session"

-- case: permission_aggregation_predicate
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
SELECT (json_build_object('account', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id", 'name', "_t0"."name")), '[]'::json)
      FROM (
        SELECT "_t0"."id", "_t0"."name"
        FROM "<schema>"."account" AS "_t0"
        WHERE (((
              SELECT count(*)
              FROM "<schema>"."project" AS "_t1"
              WHERE ("_t0"."id" = "_t1"."owner_id") AND ("_t1"."title" <> ($1)::text)) >= ($2)::int4))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: permission_aggregation_predicate_bound
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
SELECT (json_build_object('account', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."account" AS "_t0"
        WHERE (((
              SELECT count(*)
              FROM "<schema>"."project" AS "_t1"
              WHERE ("_t0"."id" = "_t1"."owner_id") AND ("_t1"."title" <> ($1)::text)) >= ($2)::int4))) AS "_t0")))::text AS "data"

-- case: permission_aggregation_predicate_distinct_arguments
-- step 1: result
--   $1 = slot 0 as integer
SELECT (json_build_object('account', (
      SELECT coalesce(json_agg(json_build_object('id', "_t0"."id")), '[]'::json)
      FROM (
        SELECT "_t0"."id"
        FROM "<schema>"."account" AS "_t0"
        WHERE (((
              SELECT count(DISTINCT "_t1"."owner_id")
              FROM "<schema>"."project" AS "_t1"
              WHERE ("_t0"."id" = "_t1"."owner_id") AND (1 = 1)) = ($1)::int4))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")))::text AS "data"

-- case: aggregation_relationship_stays_hidden
-- no SQL (answered without the database, or refused)

-- case: filter_table_stays_hidden
-- no SQL (answered without the database, or refused)

-- case: filter_relationship_stays_hidden
-- no SQL (answered without the database, or refused)

-- case: filter_relationship_not_in_where
-- no SQL (answered without the database, or refused)
