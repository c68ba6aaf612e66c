// openid-client (v6, the certified OpenID relying-party library) against `ward idp`: discovery,
// the authorization-code flow with PKCE, state and nonce through the server-rendered sign-in
// form, ID token validation, userinfo, refresh, introspection, revocation, client credentials,
// and the errors a relying party must see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { startIdp, provision, submitSignIn, REDIRECT_URI } from './lib/idp.mjs';

let ward;
let env;
let config;

before(async () => {
  ward = await startIdp();
  env = await provision(ward.idpUrl);
  config = await client.discovery(new URL(ward.idpUrl), env.app.clientId, env.app.clientSecret, undefined, {
    execute: [client.allowInsecureRequests],
  });
});
after(() => ward?.stop());

// Runs the browser part of the code flow and returns what authorizationCodeGrant needs.
async function signInWithCode({ scope = 'openid profile email offline_access', redirectUri = REDIRECT_URI } = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const signed = await submitSignIn(url, { username: env.user.name, password: env.user.password });
  return { verifier, state, nonce, url, signed };
}

test('discovery document is what openid-client needs', () => {
  const meta = config.serverMetadata();
  assert.equal(meta.issuer, ward.idpUrl);
  assert.equal(meta.authorization_endpoint, `${ward.idpUrl}/login/oauth/authorize`);
  assert.equal(meta.token_endpoint, `${ward.idpUrl}/api/login/oauth/access_token`);
  assert.equal(meta.jwks_uri, `${ward.idpUrl}/.well-known/jwks`);
  assert.ok(meta.code_challenge_methods_supported.includes('S256'));
  assert.ok(meta.introspection_endpoint && meta.revocation_endpoint && meta.userinfo_endpoint);
});

test('authorization code + PKCE through the sign-in form, then userinfo, refresh, introspection, revocation', async () => {
  const { verifier, state, nonce, signed } = await signInWithCode();
  assert.equal(signed.status, 302, signed.html);
  const back = new URL(signed.location);
  assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URI);
  assert.equal(back.searchParams.get('state'), state);
  assert.match(back.searchParams.get('code'), /^[0-9a-f]{20,}$/);

  const tokens = await client.authorizationCodeGrant(config, back, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  assert.equal(tokens.token_type.toLowerCase(), 'bearer');
  assert.ok(tokens.expires_in > 0 && tokens.expires_in <= 7200);
  const claims = tokens.claims(); // validated by openid-client: iss, aud, exp, iat, nonce
  assert.equal(claims.iss, ward.idpUrl);
  assert.equal(claims.sub, env.user.id);
  assert.equal(claims.nonce, nonce);
  assert.ok([claims.aud].flat().includes(env.app.clientId));
  assert.notEqual(tokens.id_token, tokens.access_token, 'C7: a real ID token');

  const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(info.sub, env.user.id);
  assert.equal(info.preferred_username, env.user.name);
  assert.equal(info.email, `${env.user.name}@example.com`);
  assert.deepEqual(info.roles, ['editor']);

  const active = await client.tokenIntrospection(config, tokens.access_token);
  assert.equal(active.active, true);
  assert.equal(active.client_id, env.app.clientId);
  assert.equal(active.sub, env.user.id);

  assert.ok(tokens.refresh_token, 'offline access: a refresh token');
  assert.ok(!tokens.refresh_token.includes('.'), 'C11: the refresh token is opaque, not a JWT');
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.access_token && refreshed.access_token !== tokens.access_token);
  assert.ok(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token, 'rotation');
  const info2 = await client.fetchUserInfo(config, refreshed.access_token, claims.sub);
  assert.equal(info2.sub, env.user.id);

  // C9: presenting the rotated refresh token again revokes the whole family.
  await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token), (e) => e.error === 'invalid_grant');
  const family = await client.tokenIntrospection(config, refreshed.refresh_token);
  assert.equal(family.active, false);

  // Revocation (RFC 7009): the access token stops working everywhere.
  const { verifier: v2, state: s2, nonce: n2, signed: again } = await signInWithCode();
  const fresh = await client.authorizationCodeGrant(config, new URL(again.location), {
    pkceCodeVerifier: v2,
    expectedState: s2,
    expectedNonce: n2,
  });
  await client.tokenRevocation(config, fresh.access_token);
  assert.equal((await client.tokenIntrospection(config, fresh.access_token)).active, false);
  await assert.rejects(client.fetchUserInfo(config, fresh.access_token, claims.sub));
});

test('a public client (no secret) redeems its PKCE code with client_id only', async () => {
  const pub = await client.discovery(new URL(ward.idpUrl), env.app.clientId, undefined, client.None(), {
    execute: [client.allowInsecureRequests],
  });
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(pub, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
  });
  const signed = await submitSignIn(url, { username: env.user.name, password: env.user.password });
  const tokens = await client.authorizationCodeGrant(pub, new URL(signed.location), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  assert.equal(tokens.claims().sub, env.user.id);
});

test('client_credentials grant gives an application token without refresh token', async () => {
  const tokens = await client.clientCredentialsGrant(config, { scope: 'read' });
  assert.equal(tokens.token_type.toLowerCase(), 'bearer');
  assert.equal(tokens.refresh_token, undefined);
  const active = await client.tokenIntrospection(config, tokens.access_token);
  assert.equal(active.active, true);
  assert.equal(active.sub, `admin/${env.app.name}`);
});

test('a wrong client secret is invalid_client (401)', async () => {
  const wrong = await client.discovery(new URL(ward.idpUrl), env.app.clientId, 'not-the-secret', undefined, {
    execute: [client.allowInsecureRequests],
  });
  await assert.rejects(client.clientCredentialsGrant(wrong), (e) => {
    assert.equal(e.error, 'invalid_client');
    assert.equal(e.status, 401);
    return true;
  });
  const { verifier, state, nonce, signed } = await signInWithCode({ scope: 'openid' });
  await assert.rejects(
    client.authorizationCodeGrant(wrong, new URL(signed.location), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    }),
    (e) => e.error === 'invalid_client',
  );
  // With HTTP Basic the 401 also carries the Basic challenge (RFC 6749 §5.2).
  const basic = await client.discovery(new URL(ward.idpUrl), env.app.clientId, 'not-the-secret', client.ClientSecretBasic(), {
    execute: [client.allowInsecureRequests],
  });
  await assert.rejects(client.clientCredentialsGrant(basic), (e) => {
    assert.equal(e.status, 401);
    assert.equal(e.cause[0].scheme, 'basic');
    return true;
  });
});

test('a code is single-use: the second exchange is invalid_grant', async () => {
  const { verifier, state, nonce, signed } = await signInWithCode({ scope: 'openid' });
  const back = new URL(signed.location);
  const expected = { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce };
  await client.authorizationCodeGrant(config, back, expected);
  await assert.rejects(
    client.authorizationCodeGrant(config, back, expected),
    (e) => e.error === 'invalid_grant' && e.status === 400,
  );
});

test('a wrong PKCE verifier is invalid_grant', async () => {
  const { state, signed } = await signInWithCode({ scope: 'openid' });
  await assert.rejects(
    client.authorizationCodeGrant(config, new URL(signed.location), {
      pkceCodeVerifier: client.randomPKCECodeVerifier(),
      expectedState: state,
    }),
    (e) => e.error === 'invalid_grant',
  );
});

test('an unregistered redirect_uri is refused on the sign-in page, never redirected to', async () => {
  const { signed } = await signInWithCode({ redirectUri: 'https://evil.example/callback' });
  assert.equal(signed.stage, 'page');
  assert.equal(signed.status, 400);
  assert.match(signed.html, /Redirect URI/);
});

test('a redirect_uri that differs at the token endpoint is invalid_grant (C4)', async () => {
  const { verifier, state, signed } = await signInWithCode({ scope: 'openid' });
  const code = new URL(signed.location).searchParams.get('code');
  const r = await fetch(config.serverMetadata().token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'http://127.0.0.1:9/other',
      client_id: env.app.clientId,
      client_secret: env.app.clientSecret,
    }),
  });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error, 'invalid_grant');
  assert.ok(state);
});

test('RP-initiated logout with id_token_hint ends the session and redirects back', async () => {
  const { verifier, state, nonce, signed } = await signInWithCode({ scope: 'openid' });
  const tokens = await client.authorizationCodeGrant(config, new URL(signed.location), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  const url = client.buildEndSessionUrl(config, {
    id_token_hint: tokens.id_token,
    post_logout_redirect_uri: REDIRECT_URI,
    state: 'bye',
  });
  const r = await fetch(url, { redirect: 'manual' });
  assert.equal(r.status, 302);
  assert.equal(r.headers.get('location'), `${REDIRECT_URI}?state=bye`);
  // The user's tokens for this application are revoked.
  assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false);
  // An unregistered post_logout_redirect_uri is not followed.
  const evil = await fetch(client.buildEndSessionUrl(config, { post_logout_redirect_uri: 'https://evil.example/', client_id: env.app.clientId }), { redirect: 'manual' });
  assert.equal(evil.status, 200);
  assert.equal((await evil.json()).status, 'error');
});

test('a wrong password on the form shows an error and issues no code', async () => {
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid',
    state: client.randomState(),
    code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  });
  const signed = await submitSignIn(url, { username: env.user.name, password: 'wrong-password' });
  assert.equal(signed.status, 200);
  assert.equal(signed.location, null);
  assert.match(signed.html, /role="alert"/);
});
