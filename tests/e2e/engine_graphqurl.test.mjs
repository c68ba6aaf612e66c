// graphqurl, Hasura's own command-line client (npm `graphqurl`, its `gq` CLI), against
// `ward engine` with an admin secret (issue 4): queries, a mutation with variables, the schema
// printed from the introspection, and errors, each checked in what gq prints and its exit status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWard, adminPost } from './lib/ward.mjs';

const gqBin = join(dirname(fileURLToPath(import.meta.url)), 'node_modules/.bin/gq');
const SECRET = 'gq-test-admin-secret';

// Runs `gq args…`; resolves to { code, stdout, stderr } whatever the exit status.
function gq(args) {
  return new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1' };
    execFile(gqBin, args, { timeout: 60000, env }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

test('graphqurl (gq) against ward engine', async (t) => {
  const ward = await startWard({
    command: 'engine',
    env: { HASURA_GRAPHQL_ADMIN_SECRET: SECRET },
  });
  t.after(() => ward.stop());
  const url = `${ward.engineUrl}/v1/graphql`;
  const admin = ['-H', `x-hasura-admin-secret: ${SECRET}`];
  const reader = [...admin, '-H', 'x-hasura-role: reader'];

  const setup = [
    ['/v2/query', 'run_sql', { sql: 'create table authors(id integer primary key, name text not null, email text)' }],
    ['/v2/query', 'run_sql', { sql: "insert into authors values (1, 'Ada', 'ada@x'), (2, 'Brian', 'brian@x')" }],
    ['/v1/metadata', 'pg_track_table', { table: 'authors' }],
    [
      '/v1/metadata',
      'pg_create_select_permission',
      { table: 'authors', role: 'reader', permission: { columns: ['id', 'name'], filter: {} } },
    ],
  ];
  for (const [path, type, args] of setup) {
    const r = await adminPost(ward.engineUrl, path, { type, args }, SECRET);
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }

  await t.test('a query: the data, pretty-printed and on one line (-l)', async () => {
    const query = '{ authors(order_by: {id: asc}) { id name } }';
    const expected = { data: { authors: [{ id: 1, name: 'Ada' }, { id: 2, name: 'Brian' }] } };
    let r = await gq([url, ...admin, '-q', query]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, JSON.stringify(expected, null, 2) + '\n');
    assert.match(r.stderr, /Executing query\.\.\. done/);
    r = await gq([url, ...admin, '-l', '-q', query]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, JSON.stringify(expected) + '\n');
    // As the role reader, under its select permission.
    r = await gq([url, ...reader, '-l', '-q', '{ authors(where: {id: {_eq: 2}}) { name } }']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"data":{"authors":[{"name":"Brian"}]}}\n');
  });

  await t.test('a mutation with variables (-v), then read back', async () => {
    const mutation =
      'mutation add($id: Int!, $name: String!) { insert_authors_one(object: {id: $id, name: $name}) { id name } }';
    let r = await gq([url, ...admin, '-l', '-q', mutation, '-v', 'id=3', '-v', 'name=Grace']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"data":{"insert_authors_one":{"id":3,"name":"Grace"}}}\n');
    r = await gq([
      url,
      ...admin,
      '-l',
      '-q',
      'mutation { update_authors(where: {id: {_eq: 3}}, _set: {email: "grace@x"}) { affected_rows } }',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"data":{"update_authors":{"affected_rows":1}}}\n');
    r = await gq([url, ...admin, '-l', '-q', '{ authors_by_pk(id: 3) { name email } }']);
    assert.equal(r.stdout, '{"data":{"authors_by_pk":{"name":"Grace","email":"grace@x"}}}\n');
  });

  await t.test("errors: Hasura's messages, exit status 1, nothing on stdout", async () => {
    const cases = [
      // A column the role may not select.
      [[...reader, '-q', '{ authors { email } }'], "field 'email' not found in type: 'authors'"],
      // A role without mutations.
      [
        [...reader, '-q', 'mutation { delete_authors(where: {}) { affected_rows } }'],
        'no mutations exist',
      ],
      // A wrong admin secret.
      [
        ['-H', 'x-hasura-admin-secret: wrong', '-q', '{ authors { id } }'],
        'invalid x-hasura-admin-secret/x-hasura-access-key',
      ],
      // A mutation the database refuses.
      [
        [...admin, '-q', 'mutation { insert_authors_one(object: {id: 1, name: "Again"}) { id } }'],
        'Uniqueness violation',
      ],
    ];
    for (const [args, message] of cases) {
      const r = await gq([url, ...args]);
      assert.equal(r.code, 1, `${args.join(' ')}\n${r.stdout}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /Executing query\.\.\. error/);
      assert.ok(r.stderr.includes(message), `${message} in:\n${r.stderr}`);
    }
    // Nothing was written by the refused mutations.
    const r = await gq([url, ...admin, '-l', '-q', '{ authors_aggregate { aggregate { count } } }']);
    assert.equal(r.stdout, '{"data":{"authors_aggregate":{"aggregate":{"count":3}}}}\n');
  });

  await t.test('--introspect: the schema as SDL (graphql-js 15 buildClientSchema) and as JSON', async () => {
    let r = await gq([url, ...admin, '--introspect']);
    assert.equal(r.code, 0, r.stderr);
    for (const line of [
      'schema {\n  query: query_root\n  mutation: mutation_root\n',
      'type authors {\n',
      '  insert_authors_one(\n',
      'input authors_bool_exp {\n',
    ]) {
      assert.ok(r.stdout.includes(line), line);
    }
    r = await gq([url, ...reader, '--introspect', '--format', 'json', '-l']);
    assert.equal(r.code, 0, r.stderr);
    const schema = JSON.parse(r.stdout).__schema;
    assert.equal(schema.queryType.name, 'query_root');
    assert.equal(schema.mutationType, null);
    const authors = schema.types.find((ty) => ty.name === 'authors');
    assert.deepEqual(authors.fields.map((f) => f.name).sort(), ['id', 'name']);
  });
});
