// jose (v6) against `ward idp`: the access token and the ID token verify with
// createRemoteJWKSet(<idp>/.well-known/jwks) and carry the claims Casdoor puts in (casdoor.md §3),
// with Ward's departures C1 (role names), C2 (no secrets in tokens) and C7 (a real ID token).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader, errors } from 'jose';
import { startIdp, provision, codeFlowTokens } from './lib/idp.mjs';

let ward;
let env;
let tokens;
let JWKS;

before(async () => {
  ward = await startIdp();
  env = await provision(ward.idpUrl);
  tokens = await codeFlowTokens(ward.idpUrl, {
    clientId: env.app.clientId,
    clientSecret: env.app.clientSecret,
    username: env.user.name,
    password: env.user.password,
    scope: 'openid profile email',
  });
  JWKS = createRemoteJWKSet(new URL(`${ward.idpUrl}/.well-known/jwks`));
});
after(() => ward?.stop());

test('the JWKS publishes cert-built-in with kid, alg, use and x5c', async () => {
  const jwks = await (await fetch(`${ward.idpUrl}/.well-known/jwks`)).json();
  const key = jwks.keys.find((k) => k.kid === 'cert-built-in');
  assert.ok(key);
  assert.equal(key.kty, 'RSA');
  assert.equal(key.alg, 'RS256');
  assert.equal(key.use, 'sig');
  assert.ok(Array.isArray(key.x5c) && key.x5c.length === 1);
  assert.equal(key.d, undefined, 'no private part');
});

test('the access token verifies and carries Casdoor claims', async () => {
  assert.deepEqual(decodeProtectedHeader(tokens.access_token), { alg: 'RS256', kid: 'cert-built-in', typ: 'JWT' });
  const { payload } = await jwtVerify(tokens.access_token, JWKS, {
    issuer: ward.idpUrl,
    audience: env.app.clientId,
    algorithms: ['RS256'],
  });
  assert.equal(payload.sub, env.user.id);
  assert.equal(payload.id, env.user.id);
  assert.equal(payload.owner, env.org);
  assert.equal(payload.name, env.user.name);
  assert.equal(payload.displayName, 'Alice Example');
  assert.equal(payload.email, `${env.user.name}@example.com`);
  assert.equal(payload.tokenType, 'access-token');
  assert.equal(payload.azp, env.app.clientId);
  assert.equal(payload.scope, 'openid profile email');
  assert.match(payload.jti, /^admin\//);
  assert.deepEqual(payload.aud, [env.app.clientId]);
  assert.equal(payload.exp - payload.iat, 2 * 3600, 'the application expireInHours');
  // C1: role names, ready for Hasura's claims_map ($.roles, $.roles[0]).
  assert.deepEqual(payload.roles, ['editor']);
  assert.ok(Array.isArray(payload.permissions) && Array.isArray(payload.groups));
  // C2: no credential or secret in a bearer token.
  for (const secret of ['password', 'passwordSalt', 'totpSecret', 'recoveryCodes', 'hash', 'preHash', 'accessSecret']) {
    assert.ok(!payload[secret], `${secret} must not be in the token`);
  }
});

test('the ID token is a proper OIDC ID token (C7)', async () => {
  assert.notEqual(tokens.id_token, tokens.access_token);
  const { payload, protectedHeader } = await jwtVerify(tokens.id_token, JWKS, {
    issuer: ward.idpUrl,
    audience: env.app.clientId,
  });
  assert.equal(protectedHeader.kid, 'cert-built-in');
  assert.equal(payload.sub, env.user.id);
  assert.equal(payload.nonce, tokens.nonce);
  assert.ok(Number.isInteger(payload.auth_time));
  assert.ok(typeof payload.at_hash === 'string' && payload.at_hash.length > 0);
  assert.ok(payload.exp > Date.now() / 1000);
});

test('a token for another audience, issuer or a tampered token does not verify', async () => {
  await assert.rejects(jwtVerify(tokens.access_token, JWKS, { audience: 'someone-else' }), errors.JWTClaimValidationFailed);
  await assert.rejects(jwtVerify(tokens.access_token, JWKS, { issuer: 'https://evil.example' }), errors.JWTClaimValidationFailed);
  const [h, p, s] = tokens.access_token.split('.');
  const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url')), roles: ['admin'] })).toString('base64url');
  await assert.rejects(jwtVerify(`${h}.${forged}.${s}`, JWKS), errors.JWSSignatureVerificationFailed);
});

test('the refresh token is opaque and is no JWT (C11)', async () => {
  assert.ok(tokens.refresh_token);
  await assert.rejects(jwtVerify(tokens.refresh_token, JWKS));
});

test('the per-application JWKS verifies the application\'s tokens', async () => {
  const appJwks = createRemoteJWKSet(new URL(`${ward.idpUrl}/.well-known/${env.app.name}/jwks`));
  const { payload } = await jwtVerify(tokens.access_token, appJwks, { issuer: ward.idpUrl });
  assert.equal(payload.name, env.user.name);
});

test('a client_credentials token names the application as its subject', async () => {
  const r = await fetch(`${ward.idpUrl}/api/login/oauth/access_token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: env.app.clientId, client_secret: env.app.clientSecret }),
  });
  const body = await r.json();
  const { payload } = await jwtVerify(body.access_token, JWKS, { issuer: ward.idpUrl, audience: env.app.clientId });
  assert.equal(payload.sub, `admin/${env.app.name}`);
  assert.equal(payload.type, 'application');
});
