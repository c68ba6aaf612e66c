// Helpers for the seed story of issue 5 (sign in at Ward IdP, query Ward Engine, see only your own
// rows), driven only through public HTTP APIs: Casdoor's admin API and sign-in form on the IdP,
// Hasura's /v2/query, /v1/metadata and /v1/graphql on the engine. `runStory` performs the
// tutorial's steps 1-7 and the negative cases as subtests; the variants (ward up, separate
// processes, PostgreSQL) only differ in how they start Ward.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createLocalJWKSet,
  jwtVerify,
  decodeJwt,
  decodeProtectedHeader,
  generateKeyPair,
  SignJWT,
} from 'jose';
import { SDK } from 'casdoor-nodejs-sdk';
import { graphql, adminPost } from './ward.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The tutorial's redirect URL. The engine of a test listens on another port; the IdP accepts
// a registered loopback redirect URI with any port (RFC 8252 §7.3, departure C4).
export const TUTORIAL_REDIRECT = 'http://localhost:8080/login';

// The tutorial's HASURA_GRAPHQL_JWT_SECRET for an IdP at idpUrl.
export function tutorialJwtSecret(idpUrl) {
  return JSON.stringify({
    claims_map: {
      'x-hasura-allowed-roles': { path: '$.roles' },
      'x-hasura-default-role': { path: '$.roles[0]' },
      'x-hasura-user-id': { path: '$.id' },
    },
    jwk_url: `${idpUrl}/.well-known/jwks`,
  });
}

// Hasura's error envelope on /v1/graphql (HTTP 200).
export function hasuraError(code, message, path = '$') {
  return { errors: [{ extensions: { path, code }, message }] };
}

function cookieHeader(response) {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

// The IdP's admin API as the admin pages use it: signed in with /api/login, then the session
// cookie plus the page's Origin on every write (departure C10).
export class IdpAdmin {
  constructor(idpUrl, cookie) {
    this.idpUrl = idpUrl;
    this.cookie = cookie;
  }

  static async signIn(idpUrl, password, username = 'admin') {
    const r = await fetch(`${idpUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: idpUrl },
      body: JSON.stringify({
        application: 'app-built-in',
        organization: 'built-in',
        username,
        password,
        type: 'login',
      }),
    });
    const body = await r.json();
    assert.equal(body.status, 'ok', `admin sign-in: ${body.msg}`);
    assert.equal(body.data, `built-in/${username}`);
    const cookie = cookieHeader(r);
    assert.match(cookie, /casdoor_session_id=/);
    return new IdpAdmin(idpUrl, cookie);
  }

  async get(path, query = {}) {
    const url = new URL(`${this.idpUrl}/api/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const r = await fetch(url, { headers: { cookie: this.cookie } });
    assert.equal(r.status, 200, `GET /api/${path}`);
    return r.json();
  }

  // GET returning `data`, failing on an error envelope.
  async data(path, query = {}) {
    const body = await this.get(path, query);
    assert.equal(body.status, 'ok', `GET /api/${path}: ${body.msg}`);
    return body.data;
  }

  async post(path, object, query = {}) {
    const url = new URL(`${this.idpUrl}/api/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, origin: this.idpUrl },
      body: JSON.stringify(object),
    });
    assert.equal(r.status, 200, `POST /api/${path}`);
    return r.json();
  }

  // add-*/update-* that must change something.
  async write(path, object, query = {}) {
    const body = await this.post(path, object, query);
    assert.deepEqual([body.status, body.msg, body.data], ['ok', '', 'Affected'], `POST /api/${path}`);
  }

  // set-password is a multipart form, as the "Modify password…" dialog sends it.
  async setPassword(owner, name, newPassword) {
    const form = new FormData();
    form.set('userOwner', owner);
    form.set('userName', name);
    form.set('newPassword', newPassword);
    const r = await fetch(`${this.idpUrl}/api/set-password`, {
      method: 'POST',
      headers: { cookie: this.cookie, origin: this.idpUrl },
      body: form,
    });
    const body = await r.json();
    assert.equal(body.status, 'ok', `set-password: ${body.msg}`);
  }
}

// Steps 1-2: organization `Hasura`, an application of it with the tutorial's redirect URL, the
// users with their passwords, and the role `user` holding them. Returns
// { clientId, clientSecret, users: { name: { id, password } } }.
export async function setUpIdp(admin, { users, appName = 'app-hasura', app = {} }) {
  await admin.write('add-organization', {
    owner: 'admin',
    name: 'Hasura',
    displayName: 'Hasura',
    passwordType: 'bcrypt',
    passwordOptions: ['AtLeast6'],
    defaultTokenFormat: 'JWT',
  });
  await admin.write('add-application', {
    owner: 'admin',
    name: appName,
    displayName: 'Hasura tutorial',
    organization: 'Hasura',
    cert: 'cert-built-in',
    redirectUris: [TUTORIAL_REDIRECT],
    ...app,
  });
  const application = await admin.data('get-application', { id: `admin/${appName}` });
  assert.match(application.clientId, /^[0-9a-f]{20,}$/);
  assert.ok(application.clientSecret.length >= 32, 'an admin sees the client secret');

  const out = { clientId: application.clientId, clientSecret: application.clientSecret, users: {} };
  for (const name of users) {
    const password = `pw-${randomBytes(9).toString('base64url')}`;
    await admin.write('add-user', {
      owner: 'Hasura',
      name,
      displayName: name,
      type: 'normal-user',
      signupApplication: appName,
    });
    await admin.setPassword('Hasura', name, password);
    const user = await admin.data('get-user', { id: `Hasura/${name}` });
    assert.equal(user.password, '***', 'the admin API never shows a password');
    assert.match(user.id, /^[0-9a-f-]{36}$/);
    out.users[name] = { id: user.id, password };
  }
  await admin.write('add-role', {
    owner: 'Hasura',
    name: 'user',
    displayName: 'user',
    users: users.map((u) => `Hasura/${u}`),
    groups: [],
    roles: [],
    domains: [],
    isEnabled: true,
  });
  for (const name of users) {
    const user = await admin.data('get-user', { id: `Hasura/${name}` });
    assert.deepEqual(
      user.roles.map((r) => r.name),
      ['user'],
    );
  }
  return out;
}

// Step 3 on the engine: the `users` table with the given rows, tracked, and the role `user`
// allowed to select its own row. backend: 'sqlite' | 'pg' (the metadata commands' prefix).
export async function setUpEngine(engineUrl, adminSecret, { backend, rows }) {
  const quote = (s) => `'${s.replaceAll("'", "''")}'`;
  const values = rows.map(([id, username]) => `(${quote(id)}, ${quote(username)})`).join(', ');
  const sql = await adminPost(
    engineUrl,
    '/v2/query',
    {
      type: 'run_sql',
      args: {
        source: 'default',
        sql: `CREATE TABLE users (id text PRIMARY KEY, username text); INSERT INTO users (id, username) VALUES ${values};`,
      },
    },
    adminSecret,
  );
  assert.deepEqual(sql, { status: 200, body: { result_type: 'CommandOk', result: null } });
  const tracked = await adminPost(
    engineUrl,
    '/v1/metadata',
    { type: `${backend}_track_table`, args: { source: 'default', table: 'users' } },
    adminSecret,
  );
  assert.deepEqual(tracked, { status: 200, body: { message: 'success' } });
  const permission = await adminPost(
    engineUrl,
    '/v1/metadata',
    {
      type: `${backend}_create_select_permission`,
      args: {
        source: 'default',
        table: 'users',
        role: 'user',
        permission: { columns: ['id', 'username'], filter: { id: { _eq: 'X-Hasura-User-Id' } } },
      },
    },
    adminSecret,
  );
  assert.deepEqual(permission, { status: 200, body: { message: 'success' } });
}

// The sign-in page's form: its action and every field, as a browser would submit it.
export function parseSigninForm(html) {
  const form = /<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  assert.ok(form, 'the sign-in page has a POST form');
  const unescape = (s) =>
    s
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&amp;', '&');
  const fields = {};
  for (const input of form[2].matchAll(/<input\b([^>]*)>/gi)) {
    const name = /\bname="([^"]*)"/.exec(input[1])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(input[1])?.[1] ?? '';
    if (name) fields[unescape(name)] = unescape(value);
  }
  return { action: unescape(form[1]), fields };
}

// The tutorial's authorize URL.
export function authorizeUrl(idpUrl, { clientId, redirectUri, state, scope = 'read' }) {
  const url = new URL(`${idpUrl}/login/oauth/authorize`);
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', scope);
  url.searchParams.set('state', state);
  return url.toString();
}

// Step 5: open the authorize URL, fill in the form, submit it the way the browser does
// (urlencoded POST with the page's Origin). Returns the redirect's Location as a URL.
export async function signInWithForm(idpUrl, { clientId, redirectUri, state, username, password }) {
  const page = await fetch(authorizeUrl(idpUrl, { clientId, redirectUri, state }));
  assert.equal(page.status, 200, 'the authorize URL shows the sign-in page');
  assert.match(page.headers.get('content-type'), /^text\/html/);
  const { action, fields } = parseSigninForm(await page.text());
  assert.equal(fields.redirect_uri, redirectUri);
  assert.equal(fields.state, state);
  assert.ok('username' in fields && 'password' in fields, 'the form asks for name and password');
  fields.username = username;
  fields.password = password;
  // Resolved against the page, as a browser does: the action is relative (it works behind a path prefix).
  const r = await fetch(new URL(action, page.url), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: idpUrl },
    body: new URLSearchParams(fields).toString(),
  });
  if (r.status !== 302 && r.status !== 303) {
    const text = await r.text();
    const error = /id="signin-error">([^<]*)</.exec(text)?.[1];
    assert.fail(`sign-in answered ${r.status} instead of a redirect: ${error ?? text.slice(0, 300)}`);
  }
  return new URL(r.headers.get('location'));
}

// The code of the redirect, exchanged at the token endpoint as a confidential client.
export async function exchangeCode(idpUrl, { code, clientId, clientSecret, redirectUri }) {
  const r = await fetch(`${idpUrl}/api/login/oauth/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: redirectUri,
    }).toString(),
  });
  const body = await r.json();
  assert.equal(r.status, 200, `token endpoint: ${JSON.stringify(body)}`);
  return body;
}

// Step 6: the token as the Tokens page shows it (get-tokens), the newest of the user for the app.
export async function tokenFromTokensApi(admin, { user, application }) {
  const tokens = await admin.data('get-tokens', { owner: 'admin' });
  const mine = tokens
    .filter((t) => t.user === user && t.application === application && t.organization === 'Hasura')
    .sort((a, b) => (a.createdTime < b.createdTime ? 1 : -1));
  assert.ok(mine.length > 0, `the Tokens API lists a token of ${user}`);
  const row = await admin.data('get-token', { id: `admin/${mine[0].name}` });
  return row;
}

// Signs `user` in through the form and returns { location, token (token endpoint answer) }.
export async function signInAndExchange(story, user, { state = randomBytes(8).toString('hex') } = {}) {
  const redirectUri = `${story.engineUrl.replace(/\/$/, '')}/login`;
  const location = await signInWithForm(story.idpUrl, {
    clientId: story.idp.clientId,
    redirectUri,
    state,
    username: user,
    password: story.idp.users[user].password,
  });
  const code = location.searchParams.get('code');
  const token = await exchangeCode(story.idpUrl, {
    code,
    clientId: story.idp.clientId,
    clientSecret: story.idp.clientSecret,
    redirectUri,
  });
  return { location, code, state, token };
}

const QUERY = '{ users { id username } }';
const bearer = (token) => ({ authorization: `Bearer ${token}` });

// A copy of the token with one payload claim changed and the signature kept.
export function tamperToken(token, claim, value) {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  claims[claim] = value;
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
}

// Credentials and secrets Casdoor's JWT format carries and Ward never puts in a token (C2).
const SECRET_CLAIMS = [
  'password',
  'passwordSalt',
  'totpSecret',
  'recoveryCodes',
  'hash',
  'preHash',
  'accessKey',
  'accessSecret',
  'mfaRememberDeadline',
];

// Steps 1-7 of issue 5 and the negative cases, each a subtest of t. ctx: { idpUrl, engineUrl,
// adminPassword, adminSecret, backend ('sqlite' | 'pg') }.
export async function runStory(t, ctx) {
  const story = { ...ctx };
  const { idpUrl, engineUrl } = ctx;

  await t.test('steps 1-2: application, organization Hasura, users, passwords, role user (admin API)', async () => {
    story.admin = await IdpAdmin.signIn(idpUrl, ctx.adminPassword);
    story.idp = await setUpIdp(story.admin, { users: ['alice', 'bob'] });
  });

  await t.test('step 3: table users with the user rows and a dummy row, select permission for user', async () => {
    await setUpEngine(engineUrl, ctx.adminSecret, {
      backend: ctx.backend,
      rows: [
        [story.idp.users.alice.id, 'alice'],
        [story.idp.users.bob.id, 'bob'],
        ['dummy-user-id', 'dummy'],
      ],
    });
  });

  await t.test('step 5: the sign-in form redirects to the engine /login with code and state', async () => {
    const state = 'tutorial-state-1';
    story.alice = await signInAndExchange(story, 'alice', { state });
    const { location } = story.alice;
    assert.equal(`${location.origin}${location.pathname}`, `${engineUrl}/login`);
    assert.equal(location.searchParams.get('state'), state);
    assert.match(location.searchParams.get('code'), /^[0-9a-f]{20,}$/);

    // The redirect lands on a page of the engine that explains what to do, not on a 404.
    const landing = await fetch(location);
    assert.equal(landing.status, 200);
    assert.match(landing.headers.get('content-type'), /^text\/html/);
    const html = await landing.text();
    assert.ok(html.includes(location.searchParams.get('code')), 'the page shows the code');
    assert.match(html, /Tokens/, 'the page says where to find the token');
    assert.match(html, /access_token/, 'the page shows how to exchange the code');
  });

  await t.test('the token: signed with a key of the JWKS, roles ["user"], id of the user, no secrets', async () => {
    const { token } = story.alice;
    assert.equal(token.token_type, 'Bearer');
    assert.ok(token.expires_in > 0);
    const jwks = await (await fetch(`${idpUrl}/.well-known/jwks`)).json();
    const header = decodeProtectedHeader(token.access_token);
    assert.ok(
      jwks.keys.some((k) => k.kid === header.kid),
      `the header kid ${header.kid} is in the JWKS`,
    );
    const { payload } = await jwtVerify(token.access_token, createLocalJWKSet(jwks), {
      issuer: idpUrl,
      audience: story.idp.clientId,
    });
    assert.deepEqual(payload.roles, ['user']);
    assert.equal(payload.id, story.idp.users.alice.id);
    assert.equal(payload.owner, 'Hasura');
    assert.equal(payload.name, 'alice');
    for (const claim of SECRET_CLAIMS) assert.ok(!(claim in payload), `no ${claim} in the token`);
    const text = Buffer.from(token.access_token.split('.')[1], 'base64url').toString('utf8');
    assert.ok(!text.includes(story.idp.users.alice.password), 'the password is not in the token');
    assert.ok(!text.includes(story.idp.clientSecret), 'the client secret is not in the token');
  });

  await t.test('step 6: the Tokens API shows the same access token', async () => {
    const row = await tokenFromTokensApi(story.admin, { user: 'alice', application: 'app-hasura' });
    assert.equal(row.accessToken, story.alice.token.access_token);
    assert.equal(row.organization, 'Hasura');
    assert.equal(row.code, story.alice.code);
  });

  await t.test('step 7: the query returns exactly the user\'s own row', async () => {
    const r = await graphql(engineUrl, QUERY, { headers: bearer(story.alice.token.access_token) });
    assert.deepEqual(r, {
      status: 200,
      body: { data: { users: [{ id: story.idp.users.alice.id, username: 'alice' }] } },
    });
    // The admin sees every row, so the filter (not the data) is what hides them.
    const all = await graphql(engineUrl, '{ users(order_by: {username: asc}) { username } }', {
      headers: { 'x-hasura-admin-secret': ctx.adminSecret },
    });
    assert.deepEqual(all.body, {
      data: { users: [{ username: 'alice' }, { username: 'bob' }, { username: 'dummy' }] },
    });
  });

  await t.test('another user\'s token sees only that user\'s row', async () => {
    story.bob = await signInAndExchange(story, 'bob');
    const r = await graphql(engineUrl, QUERY, { headers: bearer(story.bob.token.access_token) });
    assert.deepEqual(r, {
      status: 200,
      body: { data: { users: [{ id: story.idp.users.bob.id, username: 'bob' }] } },
    });
  });

  await t.test('a Casdoor backend (casdoor-nodejs-sdk) exchanges a code; the engine takes its token', async () => {
    const cert = await story.admin.data('get-cert', { id: 'admin/cert-built-in' });
    const sdk = new SDK({
      endpoint: idpUrl,
      clientId: story.idp.clientId,
      clientSecret: story.idp.clientSecret,
      certificate: cert.certificate,
      orgName: 'Hasura',
      appName: 'app-hasura',
    });
    const redirectUri = `${engineUrl}/login`;
    const location = await signInWithForm(idpUrl, {
      clientId: story.idp.clientId,
      redirectUri,
      state: 'sdk',
      username: 'alice',
      password: story.idp.users.alice.password,
    });
    const { access_token: token } = await sdk.getAuthToken(location.searchParams.get('code'));
    const user = sdk.parseJwtToken(token);
    assert.equal(user.id, story.idp.users.alice.id);
    assert.deepEqual(user.roles, ['user']);
    const r = await graphql(engineUrl, QUERY, { headers: bearer(token) });
    assert.deepEqual(r.body, { data: { users: [{ id: story.idp.users.alice.id, username: 'alice' }] } });
  });

  await t.test('no token: invalid-headers, as Hasura answers', async () => {
    const r = await graphql(engineUrl, QUERY);
    assert.deepEqual(r, {
      status: 200,
      body: hasuraError(
        'invalid-headers',
        "Missing 'Authorization' or 'Cookie' header in JWT authentication mode",
      ),
    });
  });

  await t.test('an Authorization header that is not a bearer token: invalid-headers', async () => {
    const r = await graphql(engineUrl, QUERY, { headers: { authorization: 'Basic YWxpY2U6eA==' } });
    assert.deepEqual(r, { status: 200, body: hasuraError('invalid-headers', 'Malformed Authorization header') });
  });

  await t.test('a tampered token (id changed to the dummy row, signature kept): invalid-jwt', async () => {
    const forged = tamperToken(story.alice.token.access_token, 'id', 'dummy-user-id');
    const r = await graphql(engineUrl, QUERY, { headers: bearer(forged) });
    assert.deepEqual(r, {
      status: 200,
      body: hasuraError('invalid-jwt', 'Could not verify JWT: JWSError JWSInvalidSignature'),
    });
  });

  await t.test('a token signed with another key under the IdP\'s kid: invalid-jwt', async () => {
    const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
    const claims = { ...decodeJwt(story.alice.token.access_token), id: 'dummy-user-id' };
    const header = decodeProtectedHeader(story.alice.token.access_token);
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: header.kid, typ: 'JWT' })
      .sign(privateKey);
    const r = await graphql(engineUrl, QUERY, { headers: bearer(forged) });
    assert.deepEqual(r, {
      status: 200,
      body: hasuraError('invalid-jwt', 'Could not verify JWT: JWSError JWSInvalidSignature'),
    });
  });

  await t.test('x-hasura-user-id and other session headers are ignored in JWT mode', async () => {
    const r = await graphql(engineUrl, QUERY, {
      headers: { ...bearer(story.alice.token.access_token), 'x-hasura-user-id': 'dummy-user-id' },
    });
    assert.deepEqual(r.body, { data: { users: [{ id: story.idp.users.alice.id, username: 'alice' }] } });
  });

  await t.test('a role outside the token\'s roles: access-denied', async () => {
    const r = await graphql(engineUrl, QUERY, {
      headers: { ...bearer(story.alice.token.access_token), 'x-hasura-role': 'admin' },
    });
    assert.deepEqual(r, {
      status: 200,
      body: hasuraError('access-denied', 'Your requested role is not in allowed roles'),
    });
  });

  await t.test('an expired token: invalid-jwt JWTExpired', async () => {
    // An application whose tokens live about one second (expireInHours is a float in Casdoor).
    await story.admin.write('add-application', {
      owner: 'admin',
      name: 'app-short',
      displayName: 'Short-lived tokens',
      organization: 'Hasura',
      cert: 'cert-built-in',
      redirectUris: [TUTORIAL_REDIRECT],
      expireInHours: 0.0003,
    });
    const app = await story.admin.data('get-application', { id: 'admin/app-short' });
    const short = await signInAndExchange(
      { ...story, idp: { ...story.idp, clientId: app.clientId, clientSecret: app.clientSecret } },
      'alice',
    );
    const claims = decodeJwt(short.token.access_token);
    assert.ok(claims.exp - claims.iat <= 2, 'the token lives about a second');
    const wait = claims.exp * 1000 - Date.now() + 1100;
    if (wait > 0) await sleep(wait);
    const r = await graphql(engineUrl, QUERY, { headers: bearer(short.token.access_token) });
    assert.deepEqual(r, { status: 200, body: hasuraError('invalid-jwt', 'Could not verify JWT: JWTExpired') });
  });

  return story;
}

// ---- PostgreSQL ----

// A PostgreSQL server for a test: WARD_TEST_PG_DSN when scripts/test started one, else a private
// cluster from scripts/start-postgres (stopped by stop()). Returns { dsn, stop() }.
export function postgresServer() {
  if (process.env.WARD_TEST_PG_DSN) {
    return { dsn: process.env.WARD_TEST_PG_DSN, stop() {} };
  }
  const out = execFileSync(`${repo}/scripts/start-postgres`, { encoding: 'utf8' });
  const dsn = /WARD_TEST_PG_DSN=(\S+)/.exec(out)?.[1];
  const dir = /WARD_TEST_PG_DIR=(\S+)/.exec(out)?.[1];
  assert.ok(dsn && dir, `scripts/start-postgres printed ${out}`);
  return {
    dsn,
    stop() {
      execFileSync(`${repo}/scripts/start-postgres`, ['--stop', dir], { stdio: 'ignore' });
    },
  };
}

function withDatabase(dsn, name) {
  const url = new URL(dsn);
  url.pathname = `/${name}`;
  return url.toString();
}

// The rows of a query, one line per row, columns separated by '|'.
export function psqlQuery(url, sql) {
  return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-XAtc', sql], {
    encoding: 'utf8',
  }).trim();
}

// A fresh database on the server of dsn; returns { url, drop() }.
export function freshDatabase(dsn, prefix) {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  execFileSync('psql', [dsn, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${name}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return {
    url: withDatabase(dsn, name),
    drop() {
      execFileSync('psql', [dsn, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`], {
        stdio: 'ignore',
      });
    },
  };
}
