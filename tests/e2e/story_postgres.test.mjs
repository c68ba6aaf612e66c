// Issue 5's tutorial with PostgreSQL as the IdP's store and as the engine's data source and
// metadata database: fresh databases on WARD_TEST_PG_DSN (scripts/test starts the server), or on a
// private cluster started here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWard } from './lib/ward.mjs';
import { runStory, postgresServer, freshDatabase, psqlQuery } from './lib/story.mjs';

test('the seed story on ward up with PostgreSQL for the IdP store and the engine', async (t) => {
  // Undone last-first: ward, then the databases, then the server.
  const cleanup = [];
  t.after(async () => {
    for (const undo of cleanup.reverse()) await undo();
  });
  const server = postgresServer();
  cleanup.push(() => server.stop());
  const idpDb = freshDatabase(server.dsn, 'ward_e2e_idp');
  const dataDb = freshDatabase(server.dsn, 'ward_e2e_data');
  const metadataDb = freshDatabase(server.dsn, 'ward_e2e_meta');
  cleanup.push(() => [idpDb, dataDb, metadataDb].forEach((db) => db.drop()));

  const ward = await startWard({
    command: 'up',
    env: {
      WARD_IDP_DATABASE_URL: idpDb.url,
      HASURA_GRAPHQL_DATABASE_URL: dataDb.url,
      HASURA_GRAPHQL_METADATA_DATABASE_URL: metadataDb.url,
    },
  });
  cleanup.push(() => ward.stop());
  const story = await runStory(t, {
    idpUrl: ward.idpUrl,
    engineUrl: ward.engineUrl,
    adminPassword: ward.adminPassword,
    adminSecret: ward.adminSecret,
    backend: 'pg',
  });

  await t.test('the users and the rows are in PostgreSQL, not in the data folder', () => {
    const idpUsers = `SELECT name FROM "user" WHERE owner = 'Hasura' ORDER BY name`;
    assert.equal(psqlQuery(idpDb.url, idpUsers), 'alice\nbob');
    assert.equal(
      psqlQuery(dataDb.url, 'SELECT id, username FROM users ORDER BY username'),
      [
        `${story.idp.users.alice.id}|alice`,
        `${story.idp.users.bob.id}|bob`,
        'dummy-user-id|dummy',
      ].join('\n'),
    );
    const tables = `SELECT count(*) FROM information_schema.tables
                    WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`;
    assert.ok(Number(psqlQuery(metadataDb.url, tables)) > 0, 'the metadata is in PostgreSQL');
  });
});
