-- The SQL every case of 10_exists_permissions.json compiles to on sqlite (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: select_filter_exists_on_unselectable_table
-- step 1: result
--   $1 = slot 0 as integer
SELECT json_object('project', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'title', "_t0"."title"))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."title"
        FROM "project" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "membership" AS "_t1"
          WHERE 1 AND (("_t1"."user_id" = CAST($1 AS INTEGER)) AND ("_t1"."project_id" = "_t0"."id")))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: select_filter_exists_other_user
-- step 1: result
--   $1 = slot 0 as integer
--   $2 = slot 1 as integer
--   $3 = slot 2 as integer
SELECT json_object('project', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "project" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "membership" AS "_t1"
          WHERE 1 AND (("_t1"."user_id" = CAST($1 AS INTEGER)) AND ("_t1"."project_id" = "_t0"."id")))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0")), 'project_by_pk', json((
      SELECT json_object('id', "_t2"."id")
      FROM "project" AS "_t2"
      WHERE (EXISTS (
          SELECT 1
          FROM "membership" AS "_t3"
          WHERE 1 AND (("_t3"."user_id" = CAST($2 AS INTEGER)) AND ("_t3"."project_id" = "_t2"."id"))) AND ("_t2"."id" = CAST($3 AS INTEGER)))
      LIMIT 1))) AS "data"

-- case: select_filter_relationship_to_unselectable_table
-- step 1: result
--   $1 = slot 0 as boolean
SELECT json_object('project', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'title', "_t0"."title"))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."title"
        FROM "project" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "account" AS "_t1"
          WHERE ("_t0"."owner_id" = "_t1"."id") AND ("_t1"."active" = CAST($1 AS INTEGER)))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: update_filter_exists_and_check_through_relationship
-- step 1: capture into 0
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
--   $3 = slot 2 as boolean
UPDATE "project" AS "_t0" SET "title" = CAST($1 AS TEXT)
WHERE EXISTS (
  SELECT 1
  FROM "membership" AS "_t1"
  WHERE 1 AND (("_t1"."user_id" = CAST($2 AS INTEGER)) AND ("_t1"."project_id" = "_t0"."id") AND ("_t1"."can_write" = CAST($3 AS INTEGER))))
RETURNING rowid
-- step 2: checked result, key update_project
--   $1 = capture 0
--   $2 = slot 4 as integer
--   $3 = slot 3 as boolean
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "project" AS "_t0" ON "_t0".rowid = "_t1".value), 'returning', json((
      SELECT coalesce(json_group_array(json("_t5"."__j")), json('[]'))
      FROM (
        SELECT json_object('id', "_t2"."id", 'title', "_t2"."title") AS "__j"
        FROM json_each($1) AS "_t3" JOIN "project" AS "_t2" ON "_t2".rowid = "_t3".value
        WHERE EXISTS (
          SELECT 1
          FROM "membership" AS "_t4"
          WHERE 1 AND (("_t4"."user_id" = CAST($2 AS INTEGER)) AND ("_t4"."project_id" = "_t2"."id")))
        ORDER BY "_t3"."key") AS "_t5"))) AS "data", (
  SELECT count(*)
  FROM json_each($1) AS "_t7" JOIN "project" AS "_t6" ON "_t6".rowid = "_t7".value
  WHERE (CASE WHEN EXISTS (
      SELECT 1
      FROM "account" AS "_t8"
      WHERE ("_t6"."owner_id" = "_t8"."id") AND ("_t8"."active" = CAST($3 AS INTEGER))) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: update_check_through_relationship_fails
-- step 1: capture into 0
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
--   $3 = slot 2 as boolean
UPDATE "project" AS "_t0" SET "title" = CAST($1 AS TEXT)
WHERE EXISTS (
  SELECT 1
  FROM "membership" AS "_t1"
  WHERE 1 AND (("_t1"."user_id" = CAST($2 AS INTEGER)) AND ("_t1"."project_id" = "_t0"."id") AND ("_t1"."can_write" = CAST($3 AS INTEGER))))
RETURNING rowid
-- step 2: checked result, key update_project
--   $1 = capture 0
--   $2 = slot 3 as boolean
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "project" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data", (
  SELECT count(*)
  FROM json_each($1) AS "_t3" JOIN "project" AS "_t2" ON "_t2".rowid = "_t3".value
  WHERE (CASE WHEN EXISTS (
      SELECT 1
      FROM "account" AS "_t4"
      WHERE ("_t2"."owner_id" = "_t4"."id") AND ("_t4"."active" = CAST($2 AS INTEGER))) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: insert_check_exists_passes
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 2 as text
--   $3 = slot 1 as integer
INSERT INTO "project" AS "_t0" ("id", "title", "owner_id") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT), CAST($3 AS INTEGER))
RETURNING rowid
-- step 2: checked result, key insert_project
--   $1 = capture 0
--   $2 = slot 3 as integer
--   $3 = slot 4 as boolean
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "project" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data", (
  SELECT count(*)
  FROM json_each($1) AS "_t3" JOIN "project" AS "_t2" ON "_t2".rowid = "_t3".value
  WHERE (CASE WHEN EXISTS (
      SELECT 1
      FROM "account" AS "_t4"
      WHERE 1 AND (("_t4"."id" = CAST($2 AS INTEGER)) AND ("_t4"."active" = CAST($3 AS INTEGER)))) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: insert_check_exists_fails
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 2 as text
--   $3 = slot 1 as integer
INSERT INTO "project" AS "_t0" ("id", "title", "owner_id") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT), CAST($3 AS INTEGER))
RETURNING rowid
-- step 2: checked result, key insert_project
--   $1 = capture 0
--   $2 = slot 3 as integer
--   $3 = slot 4 as boolean
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "project" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data", (
  SELECT count(*)
  FROM json_each($1) AS "_t3" JOIN "project" AS "_t2" ON "_t2".rowid = "_t3".value
  WHERE (CASE WHEN EXISTS (
      SELECT 1
      FROM "account" AS "_t4"
      WHERE 1 AND (("_t4"."id" = CAST($2 AS INTEGER)) AND ("_t4"."active" = CAST($3 AS INTEGER)))) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: delete_filter_exists
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 1 as boolean
SELECT "_t0".rowid
FROM "project" AS "_t0"
WHERE EXISTS (
  SELECT 1
  FROM "membership" AS "_t1"
  WHERE 1 AND (("_t1"."user_id" = CAST($1 AS INTEGER)) AND ("_t1"."project_id" = "_t0"."id") AND ("_t1"."can_write" = CAST($2 AS INTEGER))))
-- step 2: result, key delete_project
--   $1 = capture 0
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "project" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data"
-- step 3: effect
--   $1 = capture 0
DELETE
FROM "project"
WHERE rowid IN (
  SELECT value
  FROM json_each($1))

-- case: permission_aggregation_predicate
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
SELECT json_object('account', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id", 'name', "_t0"."name"))), json('[]'))
      FROM (
        SELECT "_t0"."id", "_t0"."name"
        FROM "account" AS "_t0"
        WHERE (((
              SELECT count(*)
              FROM "project" AS "_t1"
              WHERE ("_t0"."id" = "_t1"."owner_id") AND ("_t1"."title" <> CAST($1 AS TEXT))) >= CAST($2 AS INTEGER)))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: permission_aggregation_predicate_bound
-- step 1: result
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
SELECT json_object('account', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "account" AS "_t0"
        WHERE (((
              SELECT count(*)
              FROM "project" AS "_t1"
              WHERE ("_t0"."id" = "_t1"."owner_id") AND ("_t1"."title" <> CAST($1 AS TEXT))) >= CAST($2 AS INTEGER)))) AS "_t0"))) AS "data"

-- case: permission_aggregation_predicate_distinct_arguments
-- step 1: result
--   $1 = slot 0 as integer
SELECT json_object('account', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "account" AS "_t0"
        WHERE (((
              SELECT count(DISTINCT "_t1"."owner_id")
              FROM "project" AS "_t1"
              WHERE ("_t0"."id" = "_t1"."owner_id") AND (1 = 1)) = CAST($1 AS INTEGER)))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: aggregation_relationship_stays_hidden
-- no SQL (answered without the database, or refused)

-- case: filter_table_stays_hidden
-- no SQL (answered without the database, or refused)

-- case: filter_relationship_stays_hidden
-- no SQL (answered without the database, or refused)

-- case: filter_relationship_not_in_where
-- no SQL (answered without the database, or refused)
