-- The SQL every case of 09_mutations.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: insert_with_preset_and_defaults
-- one statement (no BEGIN/COMMIT)
-- step 1: result, key insert_todo
--   $1 = slot 0 as integer
--   $2 = slot 5 as text
--   $3 = slot 1 as text
--   $4 = slot 3 as integer
--   $5 = slot 4 as text
--   $6 = slot 2 as boolean
--   $7 = slot 6 as text
--   $8 = session variables
WITH "_m0" AS (
  INSERT INTO "<schema>"."todo" AS "_t0" ("id", "owner", "title", "done") VALUES (($1)::int4, ($2)::text, ($3)::text, DEFAULT), (($4)::int4, ($2)::text, ($5)::text, ($6)::boolean)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1"), 'returning', (
      SELECT coalesce(json_agg("_t3"."__j"), '[]'::json)
      FROM (
        SELECT json_build_object('id', "_t2"."id", 'owner', "_t2"."owner", 'title', "_t2"."title", 'done', "_t2"."done", 'prio', "_t2"."prio") AS "__j"
        FROM "_m0" AS "_t2"
        WHERE ("_t2"."owner" = ($7)::text)) AS "_t3")))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($8)::text, true)) AS "_session"

-- case: insert_one_with_variables
-- one statement (no BEGIN/COMMIT)
-- step 1: result, key insert_todo_one
--   $1 = slot 0 as integer
--   $2 = slot 2 as text
--   $3 = slot 1 as text
--   $4 = slot 3 as text
--   $5 = session variables
WITH "_m0" AS (
  INSERT INTO "<schema>"."todo" AS "_t0" ("id", "owner", "title") VALUES (($1)::int4, ($2)::text, ($3)::text)
  RETURNING *)
SELECT ((
    SELECT json_build_object('id', "_t1"."id", 'owner', "_t1"."owner")
    FROM "_m0" AS "_t1"
    WHERE ("_t1"."owner" = ($4)::text)
    LIMIT 1))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($5)::text, true)) AS "_session"

-- case: update_only_own_rows
-- step 1: checked result, key update_todo
--   $1 = slot 0 as boolean
--   $2 = slot 1 as integer
--   $3 = slot 2 as text
--   $4 = slot 4 as text
--   $5 = slot 3 as integer
WITH "_m0" AS (
  UPDATE "<schema>"."todo" AS "_t0" SET "done" = ($1)::boolean, "prio" = ("_t0"."prio" + ($2)::int4)
  WHERE ("_t0"."owner" = ($3)::text)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1"), 'returning', (
      SELECT coalesce(json_agg("_t3"."__j"), '[]'::json)
      FROM (
        SELECT json_build_object('id', "_t2"."id", 'done', "_t2"."done", 'prio', "_t2"."prio") AS "__j"
        FROM "_m0" AS "_t2"
        WHERE ("_t2"."owner" = ($4)::text)) AS "_t3")))::text AS "data", (
  SELECT count(*)
  FROM "_m0" AS "_t4"
  WHERE (CASE WHEN ("_t4"."prio" <= ($5)::int4) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: update_check_failed
-- step 1: checked result, key update_todo_by_pk
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
--   $3 = slot 2 as integer
--   $4 = slot 4 as text
--   $5 = slot 3 as integer
WITH "_m0" AS (
  UPDATE "<schema>"."todo" AS "_t0" SET "prio" = ($1)::int4
  WHERE (("_t0"."owner" = ($2)::text) AND ("_t0"."id" = ($3)::int4))
  RETURNING *)
SELECT ((
    SELECT json_build_object('id', "_t1"."id")
    FROM "_m0" AS "_t1"
    WHERE ("_t1"."owner" = ($4)::text)
    LIMIT 1))::text AS "data", (
  SELECT count(*)
  FROM "_m0" AS "_t2"
  WHERE (CASE WHEN ("_t2"."prio" <= ($5)::int4) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: update_by_pk_of_other_user_is_null
-- step 1: checked result, key update_todo_by_pk
--   $1 = slot 0 as text
--   $2 = slot 1 as text
--   $3 = slot 2 as integer
--   $4 = slot 4 as text
--   $5 = slot 3 as integer
WITH "_m0" AS (
  UPDATE "<schema>"."todo" AS "_t0" SET "title" = ($1)::text
  WHERE (("_t0"."owner" = ($2)::text) AND ("_t0"."id" = ($3)::int4))
  RETURNING *)
SELECT ((
    SELECT json_build_object('id', "_t1"."id")
    FROM "_m0" AS "_t1"
    WHERE ("_t1"."owner" = ($4)::text)
    LIMIT 1))::text AS "data", (
  SELECT count(*)
  FROM "_m0" AS "_t2"
  WHERE (CASE WHEN ("_t2"."prio" <= ($5)::int4) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: update_many
-- step 1: result, key update_todo_many (list item)
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
WITH "_m0" AS (
  UPDATE "<schema>"."todo" AS "_t0" SET "title" = ($1)::text
  WHERE ("_t0"."id" = ($2)::int4)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1")))::text AS "data"
-- step 2: result, key update_todo_many (list item)
--   $1 = slot 2 as boolean
--   $2 = slot 3 as text
WITH "_m1" AS (
  UPDATE "<schema>"."todo" AS "_t0" SET "done" = ($1)::boolean
  WHERE ("_t0"."owner" = ($2)::text)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m1" AS "_t1")))::text AS "data"
-- step 3: result, key update_todo_many (list item)
--   $1 = slot 4 as text
--   $2 = slot 5 as integer
WITH "_m2" AS (
  UPDATE "<schema>"."todo" AS "_t0" SET "title" = ($1)::text
  WHERE ("_t0"."id" = ($2)::int4)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m2" AS "_t1")))::text AS "data"

-- case: delete_and_delete_by_pk
-- step 1: result, key one
--   $1 = slot 0 as text
--   $2 = slot 1 as integer
--   $3 = slot 2 as text
WITH "_m0" AS (
  DELETE
  FROM "<schema>"."todo" AS "_t0"
  WHERE (("_t0"."owner" = ($1)::text) AND ("_t0"."id" = ($2)::int4))
  RETURNING *)
SELECT ((
    SELECT json_build_object('title', "_t1"."title")
    FROM "_m0" AS "_t1"
    WHERE ("_t1"."owner" = ($3)::text)
    LIMIT 1))::text AS "data"
-- step 2: result, key other
--   $1 = slot 3 as text
--   $2 = slot 4 as integer
--   $3 = slot 5 as text
WITH "_m1" AS (
  DELETE
  FROM "<schema>"."todo" AS "_t0"
  WHERE (("_t0"."owner" = ($1)::text) AND ("_t0"."id" = ($2)::int4))
  RETURNING *)
SELECT ((
    SELECT json_build_object('title', "_t1"."title")
    FROM "_m1" AS "_t1"
    WHERE ("_t1"."owner" = ($3)::text)
    LIMIT 1))::text AS "data"
-- step 3: result, key rest
--   $1 = slot 6 as text
--   $2 = slot 7 as boolean
--   $3 = slot 8 as text
WITH "_m2" AS (
  DELETE
  FROM "<schema>"."todo" AS "_t0"
  WHERE (("_t0"."owner" = ($1)::text) AND ("_t0"."done" = ($2)::boolean))
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m2" AS "_t1"), 'returning', (
      SELECT coalesce(json_agg("_t3"."__j"), '[]'::json)
      FROM (
        SELECT json_build_object('id', "_t2"."id") AS "__j"
        FROM "_m2" AS "_t2"
        WHERE ("_t2"."owner" = ($3)::text)) AS "_t3")))::text AS "data"

-- case: upsert_on_conflict
-- one statement (no BEGIN/COMMIT)
-- step 1: result, key insert_todo
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
--   $3 = slot 2 as text
--   $4 = slot 3 as integer
--   $5 = slot 4 as text
--   $6 = slot 5 as text
--   $7 = session variables
WITH "_m0" AS (
  INSERT INTO "<schema>"."todo" AS "_t0" ("id", "owner", "title") VALUES (($1)::int4, ($2)::text, ($3)::text), (($4)::int4, ($5)::text, ($6)::text)
  ON CONFLICT ON CONSTRAINT "todo_pkey" DO
  UPDATE SET "title" = excluded."title"
  WHERE (1 = 1)
  RETURNING *, ("_t0".xmax = 0) AS "__inserted")
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1"), 'returning', (
      SELECT coalesce(json_agg("_t3"."__j"), '[]'::json)
      FROM (
        SELECT json_build_object('id', "_t2"."id", 'title', "_t2"."title", 'done', "_t2"."done") AS "__j"
        FROM "_m0" AS "_t2"
        WHERE (1 = 1)) AS "_t3")))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($7)::text, true)) AS "_session"

-- case: upsert_do_nothing
-- one statement (no BEGIN/COMMIT)
-- step 1: result, key insert_todo
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
--   $3 = slot 2 as text
--   $4 = session variables
WITH "_m0" AS (
  INSERT INTO "<schema>"."todo" AS "_t0" ("id", "owner", "title") VALUES (($1)::int4, ($2)::text, ($3)::text)
  ON CONFLICT ON CONSTRAINT "todo_pkey" DO NOTHING
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1")))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($4)::text, true)) AS "_session"

-- case: mutation_typename
-- one statement (no BEGIN/COMMIT)
-- step 1: constant, key __typename
"mutation_root"
-- step 2: result, key delete_todo
--   $1 = slot 0 as integer
--   $2 = session variables
WITH "_m0" AS (
  DELETE
  FROM "<schema>"."todo" AS "_t0"
  WHERE ("_t0"."id" = ($1)::int4)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1"), '__typename', CAST('todo_mutation_response' AS TEXT)))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($2)::text, true)) AS "_session"
