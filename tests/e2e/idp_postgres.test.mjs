// `ward idp` on PostgreSQL (WARD_IDP_DATABASE_URL): the core openid-client flow, and two
// processes on one database behaving as one (DESIGN.md "Data": codes, refresh tokens, sessions
// and failed-login counters live in the database). Uses WARD_TEST_PG_DSN when set (scripts/test
// sets it), else starts a private cluster with scripts/start-postgres.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { freePort } from './lib/ward.mjs';
import { startIdp, provision, signIn, signInForCode, submitSignIn, freshPostgresDatabase, REDIRECT_URI } from './lib/idp.mjs';

let db;
let a;
let b;
let env;
let origin;

before(async () => {
  db = freshPostgresDatabase('ward_idp_e2e');
  const [portA, portB] = [await freePort(), await freePort()];
  origin = `http://localhost:${portA}`;
  // Both start at once on the empty database: one first start wins, the other sees its objects.
  const common = { WARD_IDP_DATABASE_URL: db.url, WARD_IDP_ORIGIN: origin };
  [a, b] = await Promise.all([
    startIdp({ ...common, WARD_IDP_PORT: String(portA) }),
    startIdp({ ...common, WARD_IDP_PORT: String(portB) }),
  ]);
  env = await provision(a.idpUrl);
});
after(async () => {
  await a?.stop();
  await b?.stop();
  db?.cleanup();
});

test('exactly one first start: both processes serve the same key and admin', async () => {
  const ka = await (await fetch(`${a.idpUrl}/.well-known/jwks`)).json();
  const kb = await (await fetch(`${b.idpUrl}/.well-known/jwks`)).json();
  assert.equal(ka.keys.length, 1);
  assert.deepEqual(ka, kb);
  assert.equal((await signIn(b.idpUrl)).body.status, 'ok');
  assert.equal(`${a.stderr()}${b.stderr()}`.match(/First start: sign in/g)?.length ?? 0, 0, 'the password was given, never printed');
});

test('openid-client: code flow with PKCE on PostgreSQL, code issued by one process and redeemed at the other', async () => {
  const configA = await client.discovery(new URL(a.idpUrl), env.app.clientId, env.app.clientSecret, undefined, { execute: [client.allowInsecureRequests] });
  assert.equal(configA.serverMetadata().issuer, origin);
  // The other process as a second node behind the same origin.
  const configB = new client.Configuration(
    { ...configA.serverMetadata(), token_endpoint: `${b.idpUrl}/api/login/oauth/access_token`, userinfo_endpoint: `${b.idpUrl}/api/userinfo`, introspection_endpoint: `${b.idpUrl}/api/login/oauth/introspect` },
    env.app.clientId,
    env.app.clientSecret,
  );
  client.allowInsecureRequests(configB);

  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(configA, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const signed = await submitSignIn(url, { username: env.user.name, password: env.user.password });
  assert.equal(signed.status, 302, signed.html);
  const back = new URL(signed.location);
  const tokens = await client.authorizationCodeGrant(configB, back, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
  assert.equal(tokens.claims().sub, env.user.id);
  // Replayed at the first process: the code is spent for both.
  await assert.rejects(client.authorizationCodeGrant(configA, back, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }), (e) => e.error === 'invalid_grant');

  const info = await client.fetchUserInfo(configA, tokens.access_token, env.user.id);
  assert.equal(info.preferred_username, env.user.name);
  const { payload } = await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${b.idpUrl}/.well-known/jwks`)), { issuer: origin, audience: env.app.clientId });
  assert.deepEqual(payload.roles, ['editor']);

  // Refresh at A, then replay the spent refresh token at B: the family is revoked everywhere (C9).
  const refreshed = await client.refreshTokenGrant(configA, tokens.refresh_token);
  await assert.rejects(client.refreshTokenGrant(configB, tokens.refresh_token), (e) => e.error === 'invalid_grant');
  assert.equal((await client.tokenIntrospection(configA, refreshed.access_token)).active, false);
});

test('the same code redeemed at both processes at once succeeds exactly once (C12)', async () => {
  const { code, verifier } = await signInForCode(a.idpUrl, { clientId: env.app.clientId, username: env.user.name, password: env.user.password });
  const redeem = (url) =>
    fetch(`${url}/api/login/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT_URI, client_id: env.app.clientId, client_secret: env.app.clientSecret }),
    }).then((r) => r.status);
  const statuses = await Promise.all([redeem(a.idpUrl), redeem(b.idpUrl), redeem(a.idpUrl), redeem(b.idpUrl)]);
  assert.deepEqual(statuses.sort(), [200, 400, 400, 400]);
});

test('a lockout counted on one process holds on the other (C8)', async () => {
  const add = await fetch(`${a.idpUrl}/api/add-user`, {
    method: 'POST',
    headers: { authorization: 'Basic ' + Buffer.from(env.auth.basic.join(':')).toString('base64'), 'content-type': 'application/json' },
    body: JSON.stringify({ owner: env.org, name: 'carol', password: 'Car0l-password' }),
  });
  assert.equal((await add.json()).data, 'Affected');
  const attempt = (ward, password) => signIn(ward.idpUrl, { organization: env.org, username: 'carol', password, application: env.app.name });
  for (let i = 0; i < 5; i++) assert.equal((await attempt(i % 2 ? b : a, `wrong-${i}`)).body.status, 'error');
  const onB = await attempt(b, 'Car0l-password');
  assert.equal(onB.body.status, 'error');
  assert.match(onB.body.msg, /too many times/);
  const onA = await attempt(a, 'Car0l-password');
  assert.match(onA.body.msg, /too many times/);
});

test('a browser session made on one process is valid on the other', async () => {
  const { cookie } = await signIn(a.idpUrl, { organization: env.org, username: env.user.name, password: env.user.password, application: env.app.name });
  const r = await fetch(`${b.idpUrl}/api/get-account`, { headers: { cookie } });
  assert.equal((await r.json()).name, env.user.name);
});
