// A stand-in for Ward IdP and Ward Engine that serves the built pages (dist/) with canned
// API answers, for looking at the UI and for browser checks before the C++ servers exist.
// Not a test of the servers: the answers only follow the documented wire formats.
//
//   node scripts/mock-server.mjs [--idp-port 8000] [--engine-port 8080] [--prefix /ward/]
//
// With --prefix every path (pages and APIs) lives under that prefix, as behind a reverse proxy.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { buildSchema, graphql } from 'graphql';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const IDP_PORT = Number(opt('--idp-port', 8000));
const ENGINE_PORT = Number(opt('--engine-port', 8080));
const PREFIX = ('/' + opt('--prefix', '/').replace(/^\/+|\/+$/g, '') + '/').replace('//', '/');
const DIST = join(import.meta.dirname, '..', 'dist');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.woff2': 'font/woff2' };

async function serveFile(res, root, rel) {
  const p = normalize(join(root, rel));
  if (!p.startsWith(root)) return send(res, 403, 'forbidden');
  try {
    const body = await readFile(p);
    res.writeHead(200, { 'Content-Type': TYPES[extname(p)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    return false;
  }
  return true;
}
function send(res, status, body, type = 'application/json') {
  res.writeHead(status, { 'Content-Type': type });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}
async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks).toString();
}
const ok = (data, data2) => ({ status: 'ok', msg: '', sub: '', name: '', data: data ?? null, data2: data2 ?? null, data3: null });
const err = (msg) => ({ status: 'error', msg, sub: '', name: '', data: null, data2: null, data3: null });

// ------------------------------------------------------------------ IdP
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = b64({ alg: 'RS256', kid: 'cert-built-in', typ: 'JWT' }) + '.' + b64({ owner: 'built-in', name: 'admin', sub: '6b3c1f4e-0000-4000-8000-000000000001', iss: 'http://localhost:8000', aud: ['0ba528121ea87b3eb54d'], exp: 1767225600, iat: 1766620800, roles: [{ name: 'editor' }] }) + '.c2lnbmF0dXJl';
const now = '2026-11-28T12:00:00Z';
const orgs = [
  { owner: 'admin', name: 'built-in', displayName: 'Built-in Organization', createdTime: now, passwordType: 'bcrypt', defaultTokenFormat: 'JWT', passwordOptions: ['AtLeast6'] },
  { owner: 'admin', name: 'acme', displayName: 'Acme', createdTime: now, passwordType: 'bcrypt', defaultTokenFormat: 'JWT', passwordOptions: [] },
];
const apps = [{ owner: 'admin', name: 'app-built-in', displayName: 'Ward', organization: 'built-in', cert: 'cert-built-in', clientId: '0ba528121ea87b3eb54d', clientSecret: '04f4ca2d4d7ad3a0c5c3c8d1c1a3c9b7f5e3d2c1', redirectUris: ['http://localhost:8080/console/'], grantTypes: ['authorization_code'], tokenFormat: 'JWT', tokenSigningMethod: 'RS256', expireInHours: 168, refreshExpireInHours: 0, cookieExpireInHours: 720, enablePassword: true, createdTime: now }];
const roles = [{ owner: 'built-in', name: 'editor', displayName: 'Editor', users: ['built-in/admin', 'built-in/user_1'], roles: [], groups: [], domains: [], isEnabled: true, createdTime: now }];
const user = (i) => ({ owner: 'built-in', name: i === 0 ? 'admin' : `user_${i}`, id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: i === 0 ? 'Admin' : `User ${i}`, email: `u${i}@example.com`, phone: '', tag: 'staff', type: 'normal-user', isAdmin: i === 0, isForbidden: false, isDeleted: false, password: '***', createdTime: now, roles: i < 2 ? [{ owner: 'built-in', name: 'editor', displayName: 'Editor' }] : [], permissions: [], groups: [] });
const USER_COUNT = 100000;
const cert = { owner: 'admin', name: 'cert-built-in', displayName: 'Built-in Cert', scope: 'JWT', type: 'x509', cryptoAlgorithm: 'RS256', bitSize: 4096, expireInYears: 20, certificate: '-----BEGIN CERTIFICATE-----\nMIIE+TCCAuGgAwIBAgIDAeJAMA0GCSqGSIb3DQEBCwUAMDYxHTAbBgNVBAoTFENh\n-----END CERTIFICATE-----\n', privateKey: '***', createdTime: now };
const tokens = [{ owner: 'admin', name: '0c1d2e3f-aaaa-4bbb-8ccc-000000000001', application: 'app-built-in', organization: 'built-in', user: 'admin', code: 'a1b2c3d4e5f6a7b8c9d0', accessToken: jwt, refreshToken: '', expiresIn: 604800, scope: 'openid', tokenType: 'Bearer', createdTime: now }];
const sessions = [{ owner: 'built-in', name: 'admin', application: 'app-built-in', createdTime: now, sessionId: ['f3a9c2'] }];
let signedIn = true;

function page(list, q) {
  let l = list;
  if (q.get('field') && q.get('value')) l = l.filter((x) => String(x[q.get('field')] ?? '').includes(q.get('value')));
  if (!q.get('p') || !q.get('pageSize')) return ok(l);
  const p = Number(q.get('p')), n = Number(q.get('pageSize'));
  return ok(l.slice((p - 1) * n, p * n), l.length);
}

async function idpApi(name, q, req) {
  if (name === 'login') {
    const b = JSON.parse((await readBody(req)) || '{}');
    if (b.username === 'admin' && b.password === '123') {
      signedIn = true;
      return ok('built-in/admin');
    }
    return err('password or code is incorrect, you have 4 remaining chances');
  }
  if (name === 'logout') {
    signedIn = false;
    return ok();
  }
  if (!signedIn) return err('Please login first');
  if (req.method === 'POST') {
    await readBody(req);
    return ok('Affected');
  }
  switch (name) {
    case 'get-account':
      return ok(user(0), orgs[0]);
    case 'get-organizations':
      return page(orgs, q);
    case 'get-organization':
      return ok(orgs.find((o) => `admin/${o.name}` === q.get('id')) ?? null);
    case 'get-applications':
      return page(apps, q);
    case 'get-application':
      return ok(apps.find((o) => `admin/${o.name}` === q.get('id')) ?? null);
    case 'get-users': {
      if (q.get('owner') !== 'built-in') return ok([], 0);
      const p = Number(q.get('p') || 1), n = Number(q.get('pageSize') || 20);
      const v = q.get('value');
      if (v) {
        const l = Array.from({ length: 200 }, (_, i) => user(i)).filter((u) => String(u[q.get('field')] ?? '').includes(v));
        return ok(l.slice((p - 1) * n, p * n), l.length);
      }
      const desc = q.get('sortOrder') !== 'ascend';
      const ids = Array.from({ length: Math.max(0, Math.min(n, USER_COUNT - (p - 1) * n)) }, (_, i) => (desc ? USER_COUNT - 1 - ((p - 1) * n + i) : (p - 1) * n + i));
      return ok(ids.map(user), USER_COUNT);
    }
    case 'get-user': {
      const m = /^built-in\/(admin|user_(\d+))$/.exec(q.get('id') ?? '');
      return ok(m ? user(m[2] ? Number(m[2]) : 0) : null);
    }
    case 'get-roles':
      return page(q.get('owner') === 'built-in' ? roles : [], q);
    case 'get-role':
      return ok(roles.find((r) => `${r.owner}/${r.name}` === q.get('id')) ?? null);
    case 'get-certs':
      return page([cert], q);
    case 'get-cert':
      return ok(cert);
    case 'get-tokens':
      return page(tokens, q);
    case 'get-token':
      return ok(tokens.find((t) => `admin/${t.name}` === q.get('id')) ?? null);
    case 'get-sessions':
      return page(q.get('owner') === 'built-in' ? sessions : [], q);
    default:
      return err(`mock: unknown API ${name}`);
  }
}

const codes = new Map(); // code -> {challenge, clientId, redirectUri}

createServer(async (req, res) => {
  const u = new URL(req.url, 'http://x');
  if (req.headers.origin) {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
  }
  if (req.method === 'OPTIONS') return send(res, 204, '');
  if (!u.pathname.startsWith(PREFIX)) return send(res, 404, 'not found', 'text/plain');
  const rel = u.pathname.slice(PREFIX.length);
  if (rel === 'login/oauth/authorize') {
    // The real page asks for a password; the mock signs in as admin at once.
    const q = u.searchParams;
    if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return send(res, 400, 'Challenge method should be S256', 'text/plain');
    const code = randomBytes(10).toString('hex');
    codes.set(code, { challenge: q.get('code_challenge'), clientId: q.get('client_id'), redirectUri: q.get('redirect_uri') });
    const to = new URL(q.get('redirect_uri'));
    to.searchParams.set('code', code);
    to.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { Location: to.toString() });
    return res.end();
  }
  if (rel === 'api/login/oauth/access_token' && req.method === 'POST') {
    const b = new URLSearchParams(await readBody(req));
    const c = codes.get(b.get('code'));
    codes.delete(b.get('code'));
    if (!c) return send(res, 400, { error: 'invalid_grant', error_description: 'authorization code is invalid' });
    const computed = createHash('sha256').update(b.get('code_verifier') ?? '').digest('base64url');
    if (computed !== c.challenge) return send(res, 400, { error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' });
    if (b.get('client_id') !== c.clientId || b.get('redirect_uri') !== c.redirectUri || b.get('grant_type') !== 'authorization_code') return send(res, 400, { error: 'invalid_request' });
    return send(res, 200, { access_token: jwt, id_token: jwt, refresh_token: '', token_type: 'Bearer', expires_in: 604800, scope: 'openid' });
  }
  if (rel.startsWith('api/')) return send(res, 200, await idpApi(rel.slice(4), u.searchParams, req));
  if (rel === '.well-known/openid-configuration') {
    const origin = `http://${req.headers.host}${PREFIX.slice(0, -1)}`;
    return send(res, 200, { issuer: origin, authorization_endpoint: `${origin}/login/oauth/authorize`, token_endpoint: `${origin}/api/login/oauth/access_token` });
  }
  if (rel && (await serveFile(res, join(DIST, 'idp'), rel))) return;
  if (rel.startsWith('assets/')) return send(res, 404, 'not found', 'text/plain');
  await serveFile(res, join(DIST, 'idp'), 'index.html'); // SPA fallback
}).listen(IDP_PORT, '127.0.0.1');

// ------------------------------------------------------------------ engine
const tableCount = Number(opt('--tables', 3));
const extraTables = Array.from({ length: Math.max(0, tableCount - 2) }, (_, i) => `table_${String(i + 1).padStart(4, '0')}`);
const md = {
  version: 3,
  sources: [
    {
      name: 'default',
      kind: 'postgres',
      tables: [
        {
          table: { schema: 'public', name: 'users' },
          array_relationships: [{ name: 'articles', using: { foreign_key_constraint_on: { table: { schema: 'public', name: 'articles' }, columns: ['author_id'] } } }],
          select_permissions: [{ role: 'user', permission: { columns: ['id', 'name'], filter: { id: { _eq: 'X-Hasura-User-Id' } }, limit: 10 } }],
          update_permissions: [{ role: 'user', permission: { columns: ['name'], filter: { id: { _eq: 'X-Hasura-User-Id' } }, check: null } }],
        },
        { table: { schema: 'public', name: 'articles' }, object_relationships: [{ name: 'author', using: { foreign_key_constraint_on: 'author_id' } }] },
        ...extraTables.slice(0, Math.floor(extraTables.length / 2)).map((n) => ({ table: { schema: 'public', name: n } })),
      ],
      configuration: { connection_info: { database_url: { from_env: 'HASURA_GRAPHQL_DATABASE_URL' } } },
    },
  ],
};
const schema = buildSchema(`
  type users { id: String! name: String articles: [articles!]! }
  type articles { id: Int! title: String author_id: String author: users }
  type users_aggregate_fields { count: Int! }
  type users_aggregate { aggregate: users_aggregate_fields }
  input users_bool_exp { id: String_comparison_exp name: String_comparison_exp }
  input String_comparison_exp { _eq: String _neq: String _gt: String _lt: String _in: [String!] _like: String _ilike: String _is_null: Boolean }
  enum order_by { asc desc }
  input users_order_by { id: order_by name: order_by }
  type users_mutation_row { id: String! name: String }
  type mutation_root { insert_users_one(object: users_insert_input!): users update_users_by_pk(pk_columns: users_pk_columns_input!, _set: users_set_input): users delete_users_by_pk(id: String!): users }
  input users_insert_input { id: String name: String }
  input users_set_input { id: String name: String }
  input users_pk_columns_input { id: String! }
  type query_root { users(where: users_bool_exp, order_by: [users_order_by!], limit: Int, offset: Int): [users!]! users_aggregate(where: users_bool_exp): users_aggregate! articles(limit: Int, offset: Int): [articles!]! }
  schema { query: query_root mutation: mutation_root }
`);
const ROWS = 100000;
const rootValue = {
  users: ({ limit = 20, offset = 0, order_by = [] }) => {
    const desc = order_by[0] && Object.values(order_by[0])[0] === 'desc';
    return Array.from({ length: Math.max(0, Math.min(limit, ROWS - offset)) }, (_, i) => {
      const n = desc ? ROWS - offset - i : offset + i + 1;
      return { id: `u${n}`, name: `User ${n}`, articles: [] };
    });
  },
  insert_users_one: ({ object }) => ({ ...object, articles: [] }),
  update_users_by_pk: ({ pk_columns, _set }) => ({ id: pk_columns.id, ..._set, articles: [] }),
  delete_users_by_pk: ({ id }) => ({ id, articles: [] }),
  users_aggregate: () => ({ aggregate: { count: ROWS } }),
  articles: () => [],
};

async function engine(rel, body, req) {
  const secret = req.headers['x-hasura-admin-secret'];
  if (secret !== undefined && secret !== 'secret' && secret !== '') return [401, { path: '$', error: 'invalid x-hasura-admin-secret/x-hasura-access-key', code: 'access-denied' }];
  if (rel === 'v1/metadata') {
    if (body.type === 'export_metadata') return [200, md];
    if (body.type === 'get_inconsistent_metadata') return [200, { is_consistent: true, inconsistent_objects: [] }];
    if (body.type === 'reload_metadata') return [200, { is_consistent: true, message: 'success' }];
    if (body.type === 'bulk') return [200, body.args.map(() => ({ message: 'success' }))];
    return [200, { message: 'success' }];
  }
  if (rel === 'v2/query') {
    const sql = body.args?.sql ?? '';
    if (/information_schema\.tables/.test(sql)) return [200, { result_type: 'TuplesOk', result: [['table_schema', 'table_name', 'table_type'], ['public', 'users', 'BASE TABLE'], ['public', 'articles', 'BASE TABLE'], ...extraTables.map((n) => ['public', n, 'BASE TABLE'])] }];
    if (/information_schema\.columns/.test(sql)) {
      if (/'articles'/.test(sql)) return [200, { result_type: 'TuplesOk', result: [['column_name', 'data_type', 'is_nullable', 'column_default', 'pk_position'], ['id', 'integer', 'NO', "nextval('articles_id_seq')", '1'], ['title', 'text', 'YES', null, null], ['author_id', 'text', 'YES', null, null]] }];
      return [200, { result_type: 'TuplesOk', result: [['column_name', 'data_type', 'is_nullable', 'column_default', 'pk_position'], ['id', 'text', 'NO', null, '1'], ['name', 'text', 'YES', null, null]] }];
    }
    return [200, { result_type: 'CommandOk', result: null }];
  }
  if (rel === 'v1/graphql') {
    const r = await graphql({ schema, source: body.query, rootValue, variableValues: body.variables });
    return [200, r];
  }
  return [404, { error: 'not found' }];
}

createServer(async (req, res) => {
  const u = new URL(req.url, 'http://x');
  if (!u.pathname.startsWith(PREFIX)) return send(res, 404, 'not found', 'text/plain');
  const rel = u.pathname.slice(PREFIX.length);
  if (req.method === 'POST' && /^v[12]\//.test(rel)) {
    let body = {};
    try {
      body = JSON.parse((await readBody(req)) || '{}');
    } catch {
      return send(res, 400, { error: 'invalid JSON', code: 'parse-failed', path: '$' });
    }
    const [status, out] = await engine(rel, body, req);
    return send(res, status, out);
  }
  if (rel === 'login') {
    // As the real engine's /login page: it names the IdP (the console reads its URL from it).
    const idpOrigin = `http://127.0.0.1:${IDP_PORT}${PREFIX.replace(/\/$/, '')}`;
    return send(res, 200, `<!doctype html><html lang="en"><body><h1>Signed in at the identity provider</h1><pre>curl -X POST ${idpOrigin}/api/login/oauth/access_token</pre></body></html>`, 'text/html');
  }
  if (rel === 'console') {
    res.writeHead(302, { Location: PREFIX + 'console/' });
    return res.end();
  }
  if (rel.startsWith('console/')) {
    const file = rel.slice('console/'.length) || 'index.html';
    if (await serveFile(res, join(DIST, 'console'), file)) return;
    return serveFile(res, join(DIST, 'console'), 'index.html');
  }
  send(res, 404, 'not found', 'text/plain');
}).listen(ENGINE_PORT, '127.0.0.1');

console.log(`mock IdP on http://127.0.0.1:${IDP_PORT}${PREFIX} (admin / 123), mock engine console on http://127.0.0.1:${ENGINE_PORT}${PREFIX}console/ (admin secret: "secret" or empty)`);
