-- The SQL every case of 08_errors.json compiles to on postgres (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: parse_error
-- no SQL (answered without the database, or refused)

-- case: unknown_nested_field
-- no SQL (answered without the database, or refused)

-- case: no_mutations_exist
-- no SQL (answered without the database, or refused)

-- case: mutation_field_not_in_role
-- no SQL (answered without the database, or refused)

-- case: insert_check_failed
-- step 1: checked result, key insert_player
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
--   $3 = slot 2 as text
WITH "_m0" AS (
  INSERT INTO "<schema>"."player" AS "_t0" ("id", "name") VALUES (($1)::int4, ($2)::text)
  RETURNING *)
SELECT (json_build_object('affected_rows', (
      SELECT count(*)
      FROM "_m0" AS "_t1")))::text AS "data", (
  SELECT count(*)
  FROM "_m0" AS "_t2"
  WHERE (CASE WHEN ("_t2"."name" <> ($3)::text) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: uniqueness_violation
-- one statement (no BEGIN/COMMIT)
-- step 1: result, key insert_team_one
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
--   $3 = session variables
WITH "_m0" AS (
  INSERT INTO "<schema>"."team" AS "_t0" ("id", "name") VALUES (($1)::int4, ($2)::text)
  RETURNING *)
SELECT ((
    SELECT json_build_object('id', "_t1"."id")
    FROM "_m0" AS "_t1"
    WHERE (1 = 1)
    LIMIT 1))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($3)::text, true)) AS "_session"

-- case: foreign_key_violation
-- one statement (no BEGIN/COMMIT)
-- step 1: result, key insert_player_one
--   $1 = slot 0 as integer
--   $2 = slot 2 as integer
--   $3 = slot 1 as text
--   $4 = session variables
WITH "_m0" AS (
  INSERT INTO "<schema>"."player" AS "_t0" ("id", "team_id", "name") VALUES (($1)::int4, ($2)::int4, ($3)::text)
  RETURNING *)
SELECT ((
    SELECT json_build_object('id', "_t1"."id")
    FROM "_m0" AS "_t1"
    WHERE (1 = 1)
    LIMIT 1))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($4)::text, true)) AS "_session"

-- case: not_null_violation
-- one statement (no BEGIN/COMMIT)
-- step 1: result, key insert_player_one
--   $1 = slot 0 as integer
--   $2 = session variables
WITH "_m0" AS (
  INSERT INTO "<schema>"."player" AS "_t0" ("id") VALUES (($1)::int4)
  RETURNING *)
SELECT ((
    SELECT json_build_object('id', "_t1"."id")
    FROM "_m0" AS "_t1"
    WHERE (1 = 1)
    LIMIT 1))::text AS "data"
FROM (
  SELECT set_config('hasura.user', ($2)::text, true)) AS "_session"

-- case: subscription_over_http
-- no SQL (answered without the database, or refused)

-- case: failed_mutation_changes_nothing
-- step 1: result, key a
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
WITH "_m0" AS (
  INSERT INTO "<schema>"."team" AS "_t0" ("id", "name") VALUES (($1)::int4, ($2)::text)
  RETURNING *)
SELECT ((
    SELECT json_build_object('id', "_t1"."id")
    FROM "_m0" AS "_t1"
    WHERE (1 = 1)
    LIMIT 1))::text AS "data"
-- step 2: result, key b
--   $1 = slot 2 as integer
--   $2 = slot 3 as text
WITH "_m1" AS (
  INSERT INTO "<schema>"."team" AS "_t0" ("id", "name") VALUES (($1)::int4, ($2)::text)
  RETURNING *)
SELECT ((
    SELECT json_build_object('id', "_t1"."id")
    FROM "_m1" AS "_t1"
    WHERE (1 = 1)
    LIMIT 1))::text AS "data"
