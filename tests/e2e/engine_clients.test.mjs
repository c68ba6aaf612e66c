// Real GraphQL clients against Ward Engine under `ward up`, with the tutorial's data (issue 5):
// graphql-js builds a client schema from the engine's introspection answer for the admin and for
// the role `user`; graphql-http's client runs the tutorial's query; graphql-http's audit suite
// checks /v1/graphql against the GraphQL-over-HTTP spec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildClientSchema,
  getIntrospectionQuery,
  validateSchema,
  validate,
  parse,
  printSchema,
} from 'graphql';
import { createClient, serverAudits } from 'graphql-http';
import { startWard } from './lib/ward.mjs';
import { IdpAdmin, setUpIdp, setUpEngine, signInAndExchange } from './lib/story.mjs';

// The result of every graphql-http 1.23 audit on /v1/graphql, by id: a server that always answers
// 200 already passes every MUST, so the whole list is pinned and any change shows as a diff.
// Every MUST and SHOULD passes (issue 4). The MAYs left at 'notice' are Hasura's 200 on a JSON
// request with a query, operationName, variables or extensions of the wrong type, kept for
// clients that do not ask for application/graphql-response+json (departure H4); those audits send
// no Accept header. Requests that are not GraphQL-over-HTTP requests at all get a 4xx whatever the
// client accepts: no or a non-JSON Content-Type (9ABE: fetch() sends text/plain for it) and a
// body that is not JSON (BCF8, B7N8, A5BF).
const AUDIT_SNAPSHOT = {
  '22EB': 'ok', '4655': 'ok', '47DE': 'ok', '80D8': 'ok', '82A3': 'ok', 'BF61': 'ok',
  '78D5': 'ok', '2C94': 'ok', '5A70': 'ok', '9C48': 'ok', '9ABE': 'ok', '03D4': 'ok',
  'A5BF': 'ok', '423L': 'ok',
  LKJ0: 'notice', LKJ1: 'notice', LKJ2: 'notice', LKJ3: 'notice',
  '34A2': 'ok', '13EE': 'ok',
  '6C00': 'notice', '6C01': 'notice', '6C02': 'notice', '6C03': 'notice',
  '8161': 'ok', 'B8B3': 'ok', '94B0': 'ok', '0220': 'ok', '94B1': 'ok', '0221': 'ok',
  '94B2': 'ok', '0222': 'ok',
  '4760': 'notice', '4761': 'notice', '4762': 'notice', '4763': 'notice',
  '2EA1': 'ok', '28B9': 'ok', 'D6D5': 'ok', '6A70': 'ok',
  '58B0': 'notice', '58B1': 'notice', '58B2': 'notice', '58B3': 'notice',
  '428F': 'ok', '1B7A': 'ok', 'B6DC': 'ok', 'BCF8': 'ok', 'B7N8': 'ok',
  '8764': 'notice', '3E3A': 'notice',
  '572B': 'ok', 'FDE2': 'ok', '7B9B': 'ok', '865D': 'ok', '556A': 'ok', 'D586': 'ok',
  '51FE': 'ok', '74FF': 'ok', '5E5B': 'ok', '86EE': 'ok',
};

// SHOULD and MUST audits that fail, by id; issue 4 wants none.
const FAILING_SHOULD_AUDITS = [];

async function introspect(engineUrl, headers) {
  const r = await fetch(`${engineUrl}/v1/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  assert.equal(r.status, 200);
  const body = await r.json();
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  const schema = buildClientSchema(body.data);
  assert.deepEqual(validateSchema(schema), []);
  return schema;
}

// One result of a graphql-http client request.
function execute(client, request) {
  return new Promise((resolve, reject) => {
    let result;
    client.subscribe(request, {
      next: (value) => (result = value),
      error: reject,
      complete: () => resolve(result),
    });
  });
}

test('GraphQL clients against the engine (graphql-js, graphql-http)', async (t) => {
  const ward = await startWard({ command: 'up' });
  t.after(() => ward.stop());
  const admin = await IdpAdmin.signIn(ward.idpUrl, ward.adminPassword);
  const idp = await setUpIdp(admin, { users: ['alice'] });
  await setUpEngine(ward.engineUrl, ward.adminSecret, {
    backend: 'sqlite',
    rows: [
      [idp.users.alice.id, 'alice'],
      ['dummy-user-id', 'dummy'],
    ],
  });
  const story = { idpUrl: ward.idpUrl, engineUrl: ward.engineUrl, idp };
  const { token } = await signInAndExchange(story, 'alice');
  const asAdmin = { 'x-hasura-admin-secret': ward.adminSecret };
  const asAlice = { authorization: `Bearer ${token.access_token}` };

  await t.test('graphql-js: buildClientSchema on the admin introspection', async () => {
    const schema = await introspect(ward.engineUrl, asAdmin);
    assert.equal(schema.getQueryType().name, 'query_root');
    const fields = Object.keys(schema.getQueryType().getFields());
    for (const f of ['users', 'users_by_pk', 'users_aggregate']) assert.ok(fields.includes(f), f);
    assert.equal(schema.getMutationType()?.name, 'mutation_root');
    assert.ok('insert_users' in schema.getMutationType().getFields());
    assert.deepEqual(validate(schema, parse('{ users { id username } }')), []);
    assert.ok(printSchema(schema).includes('type users {'));
  });

  await t.test('graphql-js: buildClientSchema on the introspection of the role user', async () => {
    const schema = await introspect(ward.engineUrl, asAlice);
    assert.equal(schema.getQueryType().name, 'query_root');
    // Only what the select permission allows: no aggregates, no mutations.
    assert.deepEqual(Object.keys(schema.getQueryType().getFields()).sort(), ['users', 'users_by_pk']);
    assert.equal(schema.getMutationType() ?? null, null);
    assert.deepEqual(Object.keys(schema.getType('users').getFields()).sort(), ['id', 'username']);
    assert.deepEqual(validate(schema, parse('{ users { id username } }')), []);
    const invalid = validate(schema, parse('{ users_aggregate { aggregate { count } } }'));
    assert.equal(invalid.length, 1);
  });

  await t.test('graphql-http client: the tutorial query as the user', async () => {
    const client = createClient({ url: `${ward.engineUrl}/v1/graphql`, headers: asAlice });
    try {
      const result = await execute(client, { query: '{ users { id username } }' });
      assert.deepEqual(result, { data: { users: [{ id: idp.users.alice.id, username: 'alice' }] } });
    } finally {
      client.dispose();
    }
  });

  await t.test('graphql-http audits on /v1/graphql: every MUST and SHOULD passes; snapshot', async () => {
    // The audits send no credentials; a client of a JWT-mode engine always does.
    const fetchFn = (input, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('x-hasura-admin-secret', ward.adminSecret);
      return fetch(input, { ...init, headers });
    };
    const results = [];
    for (const audit of serverAudits({ url: `${ward.engineUrl}/v1/graphql`, fetchFn })) {
      results.push(await audit.fn());
    }
    const failed = (level) =>
      results
        .filter((r) => r.name.startsWith(`${level} `) && r.status !== 'ok')
        .map((r) => `${r.id} ${r.name}: ${r.reason}`);
    assert.deepEqual(failed('MUST'), []);
    assert.deepEqual(
      results
        .filter((r) => r.name.startsWith('SHOULD ') && r.status !== 'ok')
        .map((r) => r.id)
        .sort(),
      [...FAILING_SHOULD_AUDITS].sort(),
      failed('SHOULD').join('\n'),
    );
    const snapshot = Object.fromEntries(results.map((r) => [r.id, r.status]));
    const described = results
      .filter((r) => snapshot[r.id] !== AUDIT_SNAPSHOT[r.id])
      .map((r) => `${r.id} ${r.name}: ${r.status} (${r.reason ?? ''})`);
    assert.deepEqual(snapshot, AUDIT_SNAPSHOT, described.join('\n'));
  });
});
