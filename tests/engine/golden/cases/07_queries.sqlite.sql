-- The SQL every case of 07_queries.json compiles to on sqlite (tests/engine/golden/README.md).
-- Written by WARD_GOLDEN_UPDATE=1; review every change as a diff.
-- case: aggregate_with_nodes
-- step 1: result
--   $1 = slot 0 as integer
SELECT json_object('player_aggregate', json((
      SELECT json_object('aggregate', json_object('count', count(*), 'sum', json_object('goals', sum("_t0"."goals")), 'max', json_object('goals', max("_t0"."goals"), 'name', max("_t0"."name"))), 'nodes', coalesce(json_group_array(json(json_object('name', "_t0"."name"))), json('[]')))
      FROM (
        SELECT "_t0".*
        FROM "player" AS "_t0"
        WHERE ("_t0"."team_id" = CAST($1 AS INTEGER))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: distinct_on_goals
-- step 1: result
SELECT json_object('player', json((
      SELECT coalesce(json_group_array(json(json_object('goals', "_t0"."goals", 'name', "_t0"."name"))), json('[]'))
      FROM (
        SELECT "_t0"."goals", "_t0"."name"
        FROM (
          SELECT *, row_number() OVER (PARTITION BY "_t0"."goals"
            ORDER BY "_t0"."goals" DESC NULLS FIRST, "_t0"."id" ASC NULLS LAST) AS "__rn"
          FROM "player" AS "_t0"
          WHERE (1 = 1)) AS "_t0"
        WHERE "_t0"."__rn" = 1
        ORDER BY "_t0"."goals" DESC NULLS FIRST, "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: order_by_object_relationship_nulls
-- step 1: result
SELECT json_object('player', json((
      SELECT coalesce(json_group_array(json(json_object('name', "_t0"."name"))), json('[]'))
      FROM (
        SELECT "_t0"."name", (
          SELECT "_t1"."name"
          FROM "team" AS "_t1"
          WHERE ("_t0"."team_id" = "_t1"."id") AND (1 = 1)
          LIMIT 1) AS "__o0"
        FROM "player" AS "_t0"
        WHERE (1 = 1)
        ORDER BY (
          SELECT "_t1"."name"
          FROM "team" AS "_t1"
          WHERE ("_t0"."team_id" = "_t1"."id") AND (1 = 1)
          LIMIT 1) ASC NULLS LAST, "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: order_by_array_aggregate
-- step 1: result
SELECT json_object('team', json((
      SELECT coalesce(json_group_array(json(json_object('name', "_t0"."name"))), json('[]'))
      FROM (
        SELECT "_t0"."name", (
          SELECT count(*)
          FROM "player" AS "_t1"
          WHERE ("_t0"."id" = "_t1"."team_id") AND (1 = 1)) AS "__o0"
        FROM "team" AS "_t0"
        WHERE (1 = 1)
        ORDER BY (
          SELECT count(*)
          FROM "player" AS "_t1"
          WHERE ("_t0"."id" = "_t1"."team_id") AND (1 = 1)) DESC NULLS FIRST, "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: order_by_aggregate_of_column
-- step 1: result
SELECT json_object('team', json((
      SELECT coalesce(json_group_array(json(json_object('name', "_t0"."name"))), json('[]'))
      FROM (
        SELECT "_t0"."name", (
          SELECT sum("_t1"."goals")
          FROM "player" AS "_t1"
          WHERE ("_t0"."id" = "_t1"."team_id") AND (1 = 1)) AS "__o0"
        FROM "team" AS "_t0"
        WHERE (1 = 1)
        ORDER BY (
          SELECT sum("_t1"."goals")
          FROM "player" AS "_t1"
          WHERE ("_t0"."id" = "_t1"."team_id") AND (1 = 1)) ASC NULLS FIRST) AS "_t0"))) AS "data"

-- case: limit_and_offset_from_variables
-- step 1: result
--   $1 = slot 0 as bigint
--   $2 = slot 1 as bigint
SELECT json_object('player', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "player" AS "_t0"
        WHERE (1 = 1)
        ORDER BY "_t0"."id" ASC NULLS LAST
        LIMIT $1
        OFFSET $2) AS "_t0"))) AS "data"

-- case: offset_without_limit
-- step 1: result
SELECT json_object('player', json((
      SELECT coalesce(json_group_array(json(json_object('id', "_t0"."id"))), json('[]'))
      FROM (
        SELECT "_t0"."id"
        FROM "player" AS "_t0"
        WHERE (1 = 1)
        ORDER BY "_t0"."id" ASC NULLS LAST
        LIMIT -1
        OFFSET 4) AS "_t0"))) AS "data"

-- case: nested_aggregate_and_array_arguments
-- step 1: result
SELECT json_object('team', json((
      SELECT coalesce(json_group_array(json(json_object('name', "_t0"."name", 'players_aggregate', json((
                  SELECT json_object('aggregate', json_object('count', count(*), 'max', json_object('goals', max("_t1"."goals"))))
                  FROM (
                    SELECT "_t1".*
                    FROM "player" AS "_t1"
                    WHERE ("_t0"."id" = "_t1"."team_id") AND (1 = 1)) AS "_t1")), 'top', json((
                  SELECT coalesce(json_group_array(json(json_object('name', "_t2"."name"))), json('[]'))
                  FROM (
                    SELECT "_t2"."name"
                    FROM "player" AS "_t2"
                    WHERE ("_t0"."id" = "_t2"."team_id") AND (1 = 1)
                    ORDER BY "_t2"."goals" DESC NULLS FIRST, "_t2"."id" ASC NULLS LAST
                    LIMIT 1) AS "_t2"))))), json('[]'))
      FROM (
        SELECT "_t0"."name", "_t0"."id"
        FROM "team" AS "_t0"
        WHERE (1 = 1)
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: fragments_aliases_typename
-- step 1: result
--   $1 = slot 0 as integer
SELECT json_object('p', json((
      SELECT json_object('__typename', CAST('player' AS TEXT), 'name', "_t0"."name", 'team', json((
            SELECT json_object('__typename', CAST('team' AS TEXT), 'n', "_t1"."name")
            FROM "team" AS "_t1"
            WHERE ("_t0"."team_id" = "_t1"."id") AND (1 = 1)
            LIMIT 1)))
      FROM "player" AS "_t0"
      WHERE ("_t0"."id" = CAST($1 AS INTEGER))
      LIMIT 1))) AS "data"

-- case: where_on_object_relationship
-- step 1: result
--   $1 = slot 0 as text
SELECT json_object('player', json((
      SELECT coalesce(json_group_array(json(json_object('name', "_t0"."name"))), json('[]'))
      FROM (
        SELECT "_t0"."name"
        FROM "player" AS "_t0"
        WHERE EXISTS (
          SELECT 1
          FROM "team" AS "_t1"
          WHERE ("_t0"."team_id" = "_t1"."id") AND ("_t1"."name" = CAST($1 AS TEXT)))
        ORDER BY "_t0"."id" ASC NULLS LAST) AS "_t0"))) AS "data"

-- case: skip_include_directives
-- step 1: result
--   $1 = slot 0 as integer
SELECT json_object('player_by_pk', json((
      SELECT json_object('goals', "_t0"."goals")
      FROM "player" AS "_t0"
      WHERE ("_t0"."id" = CAST($1 AS INTEGER))
      LIMIT 1))) AS "data"
