// Helpers for the Ward IdP end-to-end suites: start `ward idp`, call Casdoor's admin API the way
// its clients do, create a test application and user, and drive the server-rendered sign-in
// form at /login/oauth/authorize with plain fetch, exactly as a browser submits it.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWard } from './ward.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const ADMIN_PASSWORD = 'Adm1n-e2e-password';
export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

// `ward idp` on a fresh SQLite data folder (or on env.WARD_IDP_DATABASE_URL), with a known
// admin password.
export async function startIdp(env = {}) {
  return startWard({ command: 'idp', env: { WARD_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env } });
}

// The Casdoor envelope of an admin API call, plus `http` (the HTTP status) and `headers`. `auth` is one of { basic: [id, secret] },
// { bearer: token }, { cookie: 'casdoor_session_id=…', origin }.
export async function api(idpUrl, path, { method = 'GET', body, auth, headers = {}, form } = {}) {
  const h = { ...headers };
  if (auth?.basic) h.authorization = 'Basic ' + Buffer.from(auth.basic.join(':')).toString('base64');
  if (auth?.bearer) h.authorization = 'Bearer ' + auth.bearer;
  if (auth?.cookie) h.cookie = auth.cookie;
  if (auth?.origin) h.origin = auth.origin;
  let payload;
  if (form) {
    payload = form; // FormData: fetch sets the multipart boundary
  } else if (body !== undefined) {
    h['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const r = await fetch(idpUrl + path, { method, headers: h, body: payload });
  const text = await r.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${path}: HTTP ${r.status}, not JSON: ${text.slice(0, 300)}`);
  }
  // raw: the body as written (number forms, key order).
  return { ...json, http: r.status, headers: r.headers, raw: text };
}

// Signs in through POST /api/login (type "login") and returns the session cookie.
export async function signIn(idpUrl, { organization = 'built-in', username = 'admin', password = ADMIN_PASSWORD, application = 'app-built-in' } = {}) {
  const r = await fetch(idpUrl + '/api/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ application, organization, username, password, type: 'login' }),
  });
  const body = await r.json();
  const cookie = (r.headers.getSetCookie?.() ?? [])
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('casdoor_session_id='));
  return { body, cookie };
}

// app-built-in's client id and secret: they act as the application with admin rights, as the
// Casdoor SDKs use them.
export async function builtInClient(idpUrl) {
  const { cookie } = await signIn(idpUrl);
  if (!cookie) throw new Error('admin sign-in set no session cookie');
  const app = await api(idpUrl, '/api/get-application?id=admin/app-built-in', { auth: { cookie } });
  if (app.status !== 'ok' || app.data?.clientSecret?.length !== 40) {
    throw new Error('cannot read app-built-in: ' + JSON.stringify(app));
  }
  return { clientId: app.data.clientId, clientSecret: app.data.clientSecret, cookie };
}

// Creates organization `org`, an application in it (all four grants, our redirect URI) and a
// user with a password. Returns { admin, app: {name, clientId, clientSecret}, user: {...} }.
export async function provision(idpUrl, { org = 'acme', appName = 'acme-app', user = 'alice', password = 'Al1ce-password', appExtra = {} } = {}) {
  const admin = await builtInClient(idpUrl);
  const auth = { basic: [admin.clientId, admin.clientSecret] };
  const mustAffect = (r, what) => {
    if (r.http !== 200 || r.status !== 'ok' || r.data !== 'Affected') {
      throw new Error(`${what}: ${JSON.stringify(r)}`);
    }
  };
  mustAffect(
    await api(idpUrl, '/api/add-organization', {
      method: 'POST',
      auth,
      body: { owner: 'admin', name: org, displayName: org.toUpperCase(), passwordType: 'argon2id', passwordOptions: ['AtLeast6'], defaultTokenFormat: 'JWT' },
    }),
    'add-organization',
  );
  mustAffect(
    await api(idpUrl, '/api/add-application', {
      method: 'POST',
      auth,
      body: {
        owner: 'admin',
        name: appName,
        displayName: 'Acme App',
        organization: org,
        cert: 'cert-built-in',
        redirectUris: [REDIRECT_URI],
        grantTypes: ['authorization_code', 'refresh_token', 'client_credentials', 'password'],
        tokenFormat: 'JWT',
        expireInHours: 2,
        refreshExpireInHours: 24,
        enablePassword: true,
        ...appExtra,
      },
    }),
    'add-application',
  );
  const app = await api(idpUrl, `/api/get-application?id=admin/${appName}`, { auth });
  mustAffect(
    await api(idpUrl, '/api/add-role', {
      method: 'POST',
      auth,
      body: { owner: org, name: 'editor', displayName: 'Editor', users: [`${org}/${user}`], isEnabled: true },
    }),
    'add-role',
  );
  mustAffect(
    await api(idpUrl, '/api/add-user', {
      method: 'POST',
      auth,
      body: { owner: org, name: user, displayName: 'Alice Example', email: `${user}@example.com`, password, signupApplication: appName, type: 'normal-user' },
    }),
    'add-user',
  );
  const created = await api(idpUrl, `/api/get-user?id=${org}/${user}`, { auth });
  return {
    admin,
    auth,
    org,
    app: { name: appName, clientId: app.data.clientId, clientSecret: app.data.clientSecret },
    user: { name: user, password, id: created.data.id, owner: org },
  };
}

// The hidden and visible inputs of the first <form> of a page.
export function formFields(html) {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) return null;
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields = {};
  for (const m of form[2].matchAll(/<input\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[1])?.[1] ?? '';
    if (name) fields[unescape(name)] = unescape(value);
  }
  return { action: unescape(form[1]), fields };
}

// GETs the sign-in page at `authorizationUrl`, submits the form with the credentials as the
// browser would (application/x-www-form-urlencoded, no redirect following) and returns
// { status, location, html }: location is the redirect to the client with ?code=&state=.
export async function submitSignIn(authorizationUrl, { username, password }) {
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) return { status: page.status, html, stage: 'page' };
  const form = formFields(html);
  if (!form) throw new Error('no form on the sign-in page: ' + html.slice(0, 500));
  const fields = { ...form.fields, username, password };
  const action = new URL(form.action, authorizationUrl);
  const r = await fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: r.status, location: r.headers.get('location'), html: await r.text(), stage: 'submit' };
}

// The browser half of the code flow without an OAuth library: PKCE S256, state and nonce, the
// sign-in form; returns { code, verifier, nonce, state }.
// pkce: false signs in as a Casdoor SDK does (getSignInUrl has no PKCE).
export async function signInForCode(idpUrl, { clientId, username, password, scope = 'openid profile email', redirectUri = REDIRECT_URI, pkce = true }) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const url = new URL('/login/oauth/authorize', idpUrl);
  const params = { client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope, state, nonce };
  if (pkce) Object.assign(params, { code_challenge: challenge, code_challenge_method: 'S256' });
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const signed = await submitSignIn(url, { username, password });
  if (signed.status !== 302) throw new Error(`sign-in failed (${signed.status}): ${signed.html.slice(0, 400)}`);
  const back = new URL(signed.location);
  if (back.searchParams.get('state') !== state) throw new Error('state not echoed');
  return { code: back.searchParams.get('code'), verifier, nonce, state };
}

// The code flow up to the token response (client_secret_post, form-encoded).
export async function codeFlowTokens(idpUrl, { clientId, clientSecret, username, password, scope }) {
  const { code, verifier, nonce } = await signInForCode(idpUrl, { clientId, username, password, scope });
  const r = await fetch(new URL('/api/login/oauth/access_token', idpUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI, client_id: clientId, client_secret: clientSecret }),
  });
  const body = await r.json();
  if (r.status !== 200) throw new Error('token exchange failed: ' + JSON.stringify(body));
  return { ...body, nonce };
}

// A fresh PostgreSQL database for one test: uses WARD_TEST_PG_DSN when set, else starts a private
// cluster with scripts/start-postgres (stopped by the returned cleanup). Returns { url, cleanup }.
export function freshPostgresDatabase(name) {
  let dsn = process.env.WARD_TEST_PG_DSN;
  let stop = () => {};
  if (!dsn) {
    const out = execFileSync(join(repo, 'scripts/start-postgres'), { encoding: 'utf8' });
    dsn = /WARD_TEST_PG_DSN=(\S+)/.exec(out)[1];
    const dir = /WARD_TEST_PG_DIR=(\S+)/.exec(out)[1];
    stop = () => spawnSync(join(repo, 'scripts/start-postgres'), ['--stop', dir]);
  }
  const db = `${name}_${process.pid}_${Date.now()}`;
  execFileSync('psql', [dsn, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE DATABASE ${db}`]);
  const url = new URL(dsn);
  url.pathname = '/' + db;
  return {
    url: url.toString(),
    cleanup: () => {
      spawnSync('psql', [dsn, '-qc', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`]);
      stop();
    },
  };
}
