-- The SQL every case of 09_mutations.json compiles to on sqlite (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: insert_with_preset_and_defaults
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 5 as text
--   $3 = slot 1 as text
INSERT INTO "todo" AS "_t0" ("id", "owner", "title") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT), CAST($3 AS TEXT))
RETURNING rowid
-- step 2: capture into 0
--   $1 = slot 3 as integer
--   $2 = slot 5 as text
--   $3 = slot 4 as text
--   $4 = slot 2 as boolean
INSERT INTO "todo" AS "_t0" ("id", "owner", "title", "done") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS INTEGER))
RETURNING rowid
-- step 3: result, key insert_todo
--   $1 = capture 0
--   $2 = slot 6 as text
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value), 'returning', json((
      SELECT coalesce(json_group_array(json("_t4"."__j")), json('[]'))
      FROM (
        SELECT json_object('id', "_t2"."id", 'owner', "_t2"."owner", 'title', "_t2"."title", 'done', (CASE WHEN "_t2"."done" IS NULL THEN NULL WHEN "_t2"."done" THEN json('true') ELSE json('false') END), 'prio', "_t2"."prio") AS "__j"
        FROM json_each($1) AS "_t3" JOIN "todo" AS "_t2" ON "_t2".rowid = "_t3".value
        WHERE ("_t2"."owner" = CAST($2 AS TEXT))
        ORDER BY "_t3"."key") AS "_t4"))) AS "data"

-- case: insert_one_with_variables
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 2 as text
--   $3 = slot 1 as text
INSERT INTO "todo" AS "_t0" ("id", "owner", "title") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT), CAST($3 AS TEXT))
RETURNING rowid
-- step 2: result, key insert_todo_one
--   $1 = capture 0
--   $2 = slot 3 as text
SELECT json((
    SELECT json_object('id', "_t0"."id", 'owner', "_t0"."owner")
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE ("_t0"."owner" = CAST($2 AS TEXT))
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data"

-- case: update_only_own_rows
-- step 1: capture into 0
--   $1 = slot 0 as boolean
--   $2 = slot 1 as integer
--   $3 = slot 2 as text
UPDATE "todo" AS "_t0" SET "done" = CAST($1 AS INTEGER), "prio" = ("_t0"."prio" + CAST($2 AS INTEGER))
WHERE ("_t0"."owner" = CAST($3 AS TEXT))
RETURNING rowid
-- step 2: checked result, key update_todo
--   $1 = capture 0
--   $2 = slot 4 as text
--   $3 = slot 3 as integer
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value), 'returning', json((
      SELECT coalesce(json_group_array(json("_t4"."__j")), json('[]'))
      FROM (
        SELECT json_object('id', "_t2"."id", 'done', (CASE WHEN "_t2"."done" IS NULL THEN NULL WHEN "_t2"."done" THEN json('true') ELSE json('false') END), 'prio', "_t2"."prio") AS "__j"
        FROM json_each($1) AS "_t3" JOIN "todo" AS "_t2" ON "_t2".rowid = "_t3".value
        WHERE ("_t2"."owner" = CAST($2 AS TEXT))
        ORDER BY "_t3"."key") AS "_t4"))) AS "data", (
  SELECT count(*)
  FROM json_each($1) AS "_t6" JOIN "todo" AS "_t5" ON "_t5".rowid = "_t6".value
  WHERE (CASE WHEN ("_t5"."prio" <= CAST($3 AS INTEGER)) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: update_check_failed
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
--   $3 = slot 2 as integer
UPDATE "todo" AS "_t0" SET "prio" = CAST($1 AS INTEGER)
WHERE (("_t0"."owner" = CAST($2 AS TEXT)) AND ("_t0"."id" = CAST($3 AS INTEGER)))
RETURNING rowid
-- step 2: checked result, key update_todo_by_pk
--   $1 = capture 0
--   $2 = slot 4 as text
--   $3 = slot 3 as integer
SELECT json((
    SELECT json_object('id', "_t0"."id")
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE ("_t0"."owner" = CAST($2 AS TEXT))
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data", (
  SELECT count(*)
  FROM json_each($1) AS "_t3" JOIN "todo" AS "_t2" ON "_t2".rowid = "_t3".value
  WHERE (CASE WHEN ("_t2"."prio" <= CAST($3 AS INTEGER)) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: update_by_pk_of_other_user_is_null
-- step 1: capture into 0
--   $1 = slot 0 as text
--   $2 = slot 1 as text
--   $3 = slot 2 as integer
UPDATE "todo" AS "_t0" SET "title" = CAST($1 AS TEXT)
WHERE (("_t0"."owner" = CAST($2 AS TEXT)) AND ("_t0"."id" = CAST($3 AS INTEGER)))
RETURNING rowid
-- step 2: checked result, key update_todo_by_pk
--   $1 = capture 0
--   $2 = slot 4 as text
--   $3 = slot 3 as integer
SELECT json((
    SELECT json_object('id', "_t0"."id")
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE ("_t0"."owner" = CAST($2 AS TEXT))
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data", (
  SELECT count(*)
  FROM json_each($1) AS "_t3" JOIN "todo" AS "_t2" ON "_t2".rowid = "_t3".value
  WHERE (CASE WHEN ("_t2"."prio" <= CAST($3 AS INTEGER)) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: update_many
-- step 1: capture into 0
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
UPDATE "todo" AS "_t0" SET "title" = CAST($1 AS TEXT)
WHERE ("_t0"."id" = CAST($2 AS INTEGER))
RETURNING rowid
-- step 2: result, key update_todo_many (list item)
--   $1 = capture 0
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data"
-- step 3: capture into 1
--   $1 = slot 2 as boolean
--   $2 = slot 3 as text
UPDATE "todo" AS "_t0" SET "done" = CAST($1 AS INTEGER)
WHERE ("_t0"."owner" = CAST($2 AS TEXT))
RETURNING rowid
-- step 4: result, key update_todo_many (list item)
--   $1 = capture 1
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data"
-- step 5: capture into 2
--   $1 = slot 4 as text
--   $2 = slot 5 as integer
UPDATE "todo" AS "_t0" SET "title" = CAST($1 AS TEXT)
WHERE ("_t0"."id" = CAST($2 AS INTEGER))
RETURNING rowid
-- step 6: result, key update_todo_many (list item)
--   $1 = capture 2
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data"

-- case: delete_and_delete_by_pk
-- step 1: capture into 0
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
SELECT "_t0".rowid
FROM "todo" AS "_t0"
WHERE (("_t0"."owner" = CAST($1 AS TEXT)) AND ("_t0"."id" = CAST($2 AS INTEGER)))
-- step 2: result, key one
--   $1 = capture 0
--   $2 = slot 2 as text
SELECT json((
    SELECT json_object('title', "_t0"."title")
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE ("_t0"."owner" = CAST($2 AS TEXT))
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data"
-- step 3: effect
--   $1 = capture 0
DELETE
FROM "todo"
WHERE rowid IN (
  SELECT value
  FROM json_each($1))
-- step 4: capture into 1
--   $1 = slot 3 as text
--   $2 = slot 4 as integer
SELECT "_t0".rowid
FROM "todo" AS "_t0"
WHERE (("_t0"."owner" = CAST($1 AS TEXT)) AND ("_t0"."id" = CAST($2 AS INTEGER)))
-- step 5: result, key other
--   $1 = capture 1
--   $2 = slot 5 as text
SELECT json((
    SELECT json_object('title', "_t0"."title")
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE ("_t0"."owner" = CAST($2 AS TEXT))
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data"
-- step 6: effect
--   $1 = capture 1
DELETE
FROM "todo"
WHERE rowid IN (
  SELECT value
  FROM json_each($1))
-- step 7: capture into 2
--   $1 = slot 6 as text
--   $2 = slot 7 as boolean
SELECT "_t0".rowid
FROM "todo" AS "_t0"
WHERE (("_t0"."owner" = CAST($1 AS TEXT)) AND ("_t0"."done" = CAST($2 AS INTEGER)))
-- step 8: result, key rest
--   $1 = capture 2
--   $2 = slot 8 as text
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value), 'returning', json((
      SELECT coalesce(json_group_array(json("_t4"."__j")), json('[]'))
      FROM (
        SELECT json_object('id', "_t2"."id") AS "__j"
        FROM json_each($1) AS "_t3" JOIN "todo" AS "_t2" ON "_t2".rowid = "_t3".value
        WHERE ("_t2"."owner" = CAST($2 AS TEXT))
        ORDER BY "_t3"."key") AS "_t4"))) AS "data"
-- step 9: effect
--   $1 = capture 2
DELETE
FROM "todo"
WHERE rowid IN (
  SELECT value
  FROM json_each($1))

-- case: upsert_on_conflict
-- step 1: capture into 1
--   $1 = slot 0 as integer
--   $2 = slot 3 as integer
SELECT "_t0".rowid
FROM "todo" AS "_t0"
WHERE ("_t0"."id") IN (VALUES (CAST($1 AS INTEGER)), (CAST($2 AS INTEGER)))
-- step 2: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
--   $3 = slot 2 as text
--   $4 = slot 3 as integer
--   $5 = slot 4 as text
--   $6 = slot 5 as text
INSERT INTO "todo" AS "_t0" ("id", "owner", "title") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT), CAST($3 AS TEXT)), (CAST($4 AS INTEGER), CAST($5 AS TEXT), CAST($6 AS TEXT))
ON CONFLICT ("id") DO
UPDATE SET "title" = excluded."title"
WHERE (1 = 1)
RETURNING rowid
-- step 3: result, key insert_todo
--   $1 = capture 0
--   $2 = capture 1
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value), 'returning', json((
      SELECT coalesce(json_group_array(json("_t4"."__j")), json('[]'))
      FROM (
        SELECT json_object('id', "_t2"."id", 'title', "_t2"."title", 'done', (CASE WHEN "_t2"."done" IS NULL THEN NULL WHEN "_t2"."done" THEN json('true') ELSE json('false') END)) AS "__j"
        FROM json_each($1) AS "_t3" JOIN "todo" AS "_t2" ON "_t2".rowid = "_t3".value
        WHERE (1 = 1)
        ORDER BY "_t3"."key") AS "_t4"))) AS "data"

-- case: upsert_do_nothing
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
--   $3 = slot 2 as text
INSERT INTO "todo" AS "_t0" ("id", "owner", "title") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT), CAST($3 AS TEXT))
ON CONFLICT ("id") DO NOTHING
RETURNING rowid
-- step 2: result, key insert_todo
--   $1 = capture 0
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data"

-- case: mutation_typename
-- step 1: constant, key __typename
"mutation_root"
-- step 2: capture into 0
--   $1 = slot 0 as integer
SELECT "_t0".rowid
FROM "todo" AS "_t0"
WHERE ("_t0"."id" = CAST($1 AS INTEGER))
-- step 3: result, key delete_todo
--   $1 = capture 0
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "todo" AS "_t0" ON "_t0".rowid = "_t1".value), '__typename', CAST('todo_mutation_response' AS TEXT)) AS "data"
-- step 4: effect
--   $1 = capture 0
DELETE
FROM "todo"
WHERE rowid IN (
  SELECT value
  FROM json_each($1))
