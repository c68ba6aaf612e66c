-- The SQL every case of 08_errors.json compiles to on sqlite (tests/engine/golden/README.md).
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
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
INSERT INTO "player" AS "_t0" ("id", "name") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT))
RETURNING rowid
-- step 2: checked result, key insert_player
--   $1 = capture 0
--   $2 = slot 2 as text
SELECT json_object('affected_rows', (
    SELECT count(*)
    FROM json_each($1) AS "_t1" JOIN "player" AS "_t0" ON "_t0".rowid = "_t1".value)) AS "data", (
  SELECT count(*)
  FROM json_each($1) AS "_t3" JOIN "player" AS "_t2" ON "_t2".rowid = "_t3".value
  WHERE (CASE WHEN ("_t2"."name" <> CAST($2 AS TEXT)) THEN 0 ELSE 1 END) = 1) AS "failed"

-- case: uniqueness_violation
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
INSERT INTO "team" AS "_t0" ("id", "name") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT))
RETURNING rowid
-- step 2: result, key insert_team_one
--   $1 = capture 0
SELECT json((
    SELECT json_object('id', "_t0"."id")
    FROM json_each($1) AS "_t1" JOIN "team" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE (1 = 1)
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data"

-- case: foreign_key_violation
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 2 as integer
--   $3 = slot 1 as text
INSERT INTO "player" AS "_t0" ("id", "team_id", "name") VALUES (CAST($1 AS INTEGER), CAST($2 AS INTEGER), CAST($3 AS TEXT))
RETURNING rowid
-- step 2: result, key insert_player_one
--   $1 = capture 0
SELECT json((
    SELECT json_object('id', "_t0"."id")
    FROM json_each($1) AS "_t1" JOIN "player" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE (1 = 1)
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data"

-- case: not_null_violation
-- step 1: capture into 0
--   $1 = slot 0 as integer
INSERT INTO "player" AS "_t0" ("id") VALUES (CAST($1 AS INTEGER))
RETURNING rowid
-- step 2: result, key insert_player_one
--   $1 = capture 0
SELECT json((
    SELECT json_object('id', "_t0"."id")
    FROM json_each($1) AS "_t1" JOIN "player" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE (1 = 1)
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data"

-- case: subscription_over_http
-- no SQL (answered without the database, or refused)

-- case: failed_mutation_changes_nothing
-- step 1: capture into 0
--   $1 = slot 0 as integer
--   $2 = slot 1 as text
INSERT INTO "team" AS "_t0" ("id", "name") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT))
RETURNING rowid
-- step 2: result, key a
--   $1 = capture 0
SELECT json((
    SELECT json_object('id', "_t0"."id")
    FROM json_each($1) AS "_t1" JOIN "team" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE (1 = 1)
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data"
-- step 3: capture into 1
--   $1 = slot 2 as integer
--   $2 = slot 3 as text
INSERT INTO "team" AS "_t0" ("id", "name") VALUES (CAST($1 AS INTEGER), CAST($2 AS TEXT))
RETURNING rowid
-- step 4: result, key b
--   $1 = capture 1
SELECT json((
    SELECT json_object('id', "_t0"."id")
    FROM json_each($1) AS "_t1" JOIN "team" AS "_t0" ON "_t0".rowid = "_t1".value
    WHERE (1 = 1)
    ORDER BY "_t1"."key"
    LIMIT 1)) AS "data"
