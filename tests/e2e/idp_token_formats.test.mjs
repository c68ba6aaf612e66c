// Token formats, signing methods and key rotation through a real JOSE client (jose v6): the
// application is configured only through the admin API, as Casdoor's console does (get, change,
// update), and every access and ID token is verified with createRemoteJWKSet(<idp>/.well-known/jwks)
// + jwtVerify. The claims each format must and must not carry are casdoor.md §3.3 with Ward's
// departures C1 (role names), C2 (no secrets) and C7 (a real ID token).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader, errors } from 'jose';
import { startIdp, provision, codeFlowTokens, api, REDIRECT_URI } from './lib/idp.mjs';

let ward;
let env;

before(async () => {
  ward = await startIdp();
  env = await provision(ward.idpUrl);
});
after(() => ward?.stop());

// A JWKS client that refetches at once on an unknown kid (the default waits 30 s between fetches).
const jwks = () => createRemoteJWKSet(new URL(`${ward.idpUrl}/.well-known/jwks`), { cooldownDuration: 0 });
const publishedKids = async () => (await (await fetch(`${ward.idpUrl}/.well-known/jwks`)).json()).keys.map((k) => k.kid);

function mustAffect(r, what) {
  assert.equal(r.status, 'ok', `${what}: ${JSON.stringify(r)}`);
  assert.equal(r.data, 'Affected', `${what}: ${JSON.stringify(r)}`);
}

// Casdoor's console way: read the whole application, change some fields, write it back.
async function configureApp(changes) {
  const got = await api(ward.idpUrl, `/api/get-application?id=admin/${env.app.name}`, { auth: env.auth });
  assert.equal(got.status, 'ok', JSON.stringify(got));
  const r = await api(ward.idpUrl, `/api/update-application?id=admin/${env.app.name}`, {
    method: 'POST',
    auth: env.auth,
    body: { ...got.data, ...changes },
  });
  mustAffect(r, 'update-application ' + JSON.stringify(changes));
}

async function addCert(name, cryptoAlgorithm, bitSize = 2048) {
  mustAffect(
    await api(ward.idpUrl, '/api/add-cert', {
      method: 'POST',
      auth: env.auth,
      body: { owner: 'admin', name, displayName: name, scope: 'JWT', type: 'x509', cryptoAlgorithm, bitSize, expireInYears: 1 },
    }),
    `add-cert ${name}`,
  );
}

const signIn = () =>
  codeFlowTokens(ward.idpUrl, {
    clientId: env.app.clientId,
    clientSecret: env.app.clientSecret,
    username: env.user.name,
    password: env.user.password,
    scope: 'openid profile email',
  });

async function verifyBoth(tokens, alg, kid) {
  const opts = { issuer: ward.idpUrl, audience: env.app.clientId, algorithms: [alg] };
  const access = await jwtVerify(tokens.access_token, jwks(), opts);
  const id = await jwtVerify(tokens.id_token, jwks(), opts);
  for (const { protectedHeader } of [access, id]) {
    assert.equal(protectedHeader.alg, alg);
    assert.equal(protectedHeader.kid, kid);
  }
  // C7: a proper ID token whatever the access token's format.
  assert.equal(id.payload.sub, env.user.id);
  assert.equal(id.payload.nonce, tokens.nonce);
  assert.ok(typeof id.payload.at_hash === 'string' && id.payload.at_hash.length > 0);
  return { access: access.payload, id: id.payload };
}

const SECRETS = ['password', 'passwordSalt', 'totpSecret', 'recoveryCodes', 'hash', 'preHash', 'accessSecret', 'accessKey'];
const REGISTERED = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'];

function assertNoSecrets(payload) {
  for (const k of SECRETS) assert.ok(!(k in payload), `${k} must not be in the token`);
}

// ---- signing methods -----------------------------------------------------------------------

// Each signing method with a cert of its own key type, made by add-cert. PS256 is a Casdoor
// cert algorithm too (casdoor.md §1.5); EdDSA is neither a Casdoor cert algorithm nor a signing
// method, and add-cert cannot generate an Ed25519 key, so it is not offered.
for (const [alg, bits] of [['RS256', 2048], ['RS512', 2048], ['ES256', 256], ['ES384', 384], ['ES512', 521], ['PS256', 2048]]) {
  test(`signing method ${alg}: access and ID tokens verify through the remote JWKS`, async () => {
    const cert = `cert-${alg.toLowerCase()}`;
    await addCert(cert, alg, bits);
    const key = (await (await fetch(`${ward.idpUrl}/.well-known/jwks`)).json()).keys.find((k) => k.kid === cert);
    assert.ok(key, `${cert} is published`);
    assert.equal(key.alg, alg);
    assert.equal(key.kty, alg.startsWith('ES') ? 'EC' : 'RSA');
    assert.equal(key.d, undefined, 'no private part');
    await configureApp({ cert, tokenSigningMethod: alg, tokenFormat: 'JWT' });
    const tokens = await signIn();
    const { access } = await verifyBoth(tokens, alg, cert);
    assert.deepEqual(access.roles, ['editor']);
    assertNoSecrets(access);
    // The per-application JWKS has the application's cert only.
    const appKeys = await (await fetch(`${ward.idpUrl}/.well-known/${env.app.name}/jwks`)).json();
    assert.deepEqual(appKeys.keys.map((k) => k.kid), [cert]);
    // A signing method that does not fit the cert's key is refused at sign-in, not signed wrongly.
    const misfit = alg.startsWith('ES') ? 'RS256' : 'ES256';
    await configureApp({ tokenSigningMethod: misfit });
    await assert.rejects(signIn());
  });
}

// ---- token formats -------------------------------------------------------------------------

test('JWT-Empty carries the short identity set and no roles, permissions or tag', async () => {
  await addCert('cert-formats', 'RS256');
  await configureApp({ cert: 'cert-formats', tokenSigningMethod: 'RS256', tokenFormat: 'JWT-Empty' });
  const tokens = await signIn();
  const { access } = await verifyBoth(tokens, 'RS256', 'cert-formats');
  for (const k of [...REGISTERED, 'owner', 'name', 'id', 'displayName', 'avatar', 'email', 'phone', 'tokenType', 'nonce', 'scope', 'azp']) {
    assert.ok(k in access, `JWT-Empty carries ${k}`);
  }
  assert.equal(access.owner, env.org);
  assert.equal(access.name, env.user.name);
  assert.equal(access.displayName, 'Alice Example');
  assert.equal(access.tokenType, 'access-token');
  assert.equal(access.nonce, tokens.nonce);
  for (const k of ['roles', 'permissions', 'groups', 'tag', 'properties', 'isAdmin', 'createdTime', 'type']) {
    assert.ok(!(k in access), `JWT-Empty must not carry ${k}`);
  }
  assertNoSecrets(access);
});

test('JWT-Custom carries the registered claims, the selected tokenFields and tokenAttributes only', async () => {
  await configureApp({
    cert: 'cert-formats',
    tokenFormat: 'JWT-Custom',
    tokenFields: ['DisplayName', 'Email', 'permissionNames', 'Password', 'TotpSecret'],
    tokenAttributes: [
      { name: 'roles', category: 'Existing Field', value: 'Roles', type: 'Array' },
      { name: 'org', category: '', value: '$user.owner', type: 'String' },
      { name: 'who', category: '', value: '$user.owner/$user.name', type: 'String' },
      { name: 'roleList', category: '', value: 'role:$user.roles', type: 'Array' },
      { name: 'groupsIfAny', category: 'Existing Field', value: 'Groups', type: 'Array' },
      { name: 'sub', category: '', value: 'forged', type: 'String' },
    ],
  });
  const tokens = await signIn();
  const { access } = await verifyBoth(tokens, 'RS256', 'cert-formats');
  for (const k of [...REGISTERED, 'tokenType', 'nonce', 'scope', 'azp']) assert.ok(k in access, `JWT-Custom carries ${k}`);
  assert.equal(access.displayName, 'Alice Example');
  assert.equal(access.email, `${env.user.name}@example.com`);
  assert.deepEqual(access.permissionNames, []);
  assert.deepEqual(access.roles, ['editor']);
  assert.equal(access.org, env.org);
  assert.equal(access.who, `${env.org}/${env.user.name}`);
  assert.deepEqual(access.roleList, ['role:editor']);
  // An attribute with an empty result is omitted; one naming a registered claim cannot replace it.
  assert.ok(!('groupsIfAny' in access));
  assert.equal(access.sub, env.user.id);
  // Fields not selected are absent; secrets stay out even when selected (C2).
  for (const k of ['owner', 'name', 'avatar', 'phone', 'tag', 'permissions', 'groups', 'signinMethod', 'provider']) {
    assert.ok(!(k in access), `JWT-Custom must not carry unselected ${k}`);
  }
  assertNoSecrets(access);
});

test('JWT-Custom always carries nonce and scope, even empty (the token endpoint without nonce)', async () => {
  const r = await fetch(`${ward.idpUrl}/api/login/oauth/access_token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: env.app.clientId, client_secret: env.app.clientSecret, username: env.user.name, password: env.user.password }),
  });
  const body = await r.json();
  assert.equal(r.status, 200, JSON.stringify(body));
  const { payload } = await jwtVerify(body.access_token, jwks(), { issuer: ward.idpUrl, audience: env.app.clientId });
  assert.equal(payload.nonce, '');
  assert.equal(typeof payload.scope, 'string');
});

test('JWT-Standard carries OIDC-style claims and no roles, permissions or groups', async () => {
  await configureApp({ cert: 'cert-formats', tokenFormat: 'JWT-Standard', tokenFields: [], tokenAttributes: [] });
  const tokens = await signIn();
  const { access } = await verifyBoth(tokens, 'RS256', 'cert-formats');
  for (const k of [...REGISTERED, 'owner', 'preferred_username', 'id', 'name', 'email', 'address', 'tokenType', 'nonce', 'scope', 'azp']) {
    assert.ok(k in access, `JWT-Standard carries ${k}`);
  }
  assert.equal(access.preferred_username, env.user.name);
  assert.equal(access.name, 'Alice Example');
  assert.equal(typeof access.address, 'object');
  for (const k of ['formatted', 'street_address', 'locality', 'region', 'postal_code', 'country']) assert.ok(k in access.address, k);
  for (const k of ['roles', 'permissions', 'groups', 'displayName', 'phone_number']) {
    assert.ok(!(k in access), `JWT-Standard must not carry ${k}`);
  }
  assertNoSecrets(access);
});

// ---- /api/login type token and id_token (implicit style) ----------------------------------

async function loginAs(type) {
  const q = new URLSearchParams({ clientId: env.app.clientId, responseType: type, redirectUri: REDIRECT_URI, scope: 'openid profile', state: 's1', nonce: 'n-' + type });
  const r = await fetch(`${ward.idpUrl}/api/login?${q}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ application: env.app.name, organization: env.org, username: env.user.name, password: env.user.password, type }),
  });
  return r.json();
}

test('/api/login type token and id_token need the grant, then return verifiable JWTs', async () => {
  await configureApp({ cert: 'cert-formats', tokenFormat: 'JWT', grantTypes: ['authorization_code', 'refresh_token', 'password', 'client_credentials'] });
  for (const type of ['token', 'id_token']) {
    const refused = await loginAs(type);
    assert.equal(refused.status, 'error', JSON.stringify(refused));
  }
  await configureApp({ grantTypes: ['authorization_code', 'refresh_token', 'password', 'client_credentials', 'token', 'id_token'] });
  const token = await loginAs('token');
  assert.equal(token.status, 'ok', JSON.stringify(token));
  const access = await jwtVerify(token.data, jwks(), { issuer: ward.idpUrl, audience: env.app.clientId, algorithms: ['RS256'] });
  assert.equal(access.protectedHeader.kid, 'cert-formats');
  assert.equal(access.payload.tokenType, 'access-token');
  assert.deepEqual(access.payload.roles, ['editor']);
  assert.equal(access.payload.nonce, 'n-token');
  const id = await loginAs('id_token');
  assert.equal(id.status, 'ok', JSON.stringify(id));
  const idt = await jwtVerify(id.data, jwks(), { issuer: ward.idpUrl, audience: env.app.clientId });
  assert.equal(idt.payload.sub, env.user.id);
  assert.equal(idt.payload.nonce, 'n-id_token');
  // C11: whatever data2 holds, it is no JWT that verifies.
  if (token.data2) await assert.rejects(jwtVerify(token.data2, jwks()));
});

// ---- key rotation --------------------------------------------------------------------------

test('key rotation: a second cert, both kids published, old tokens verify until the old cert is deleted', async () => {
  await addCert('cert-old', 'RS256');
  await configureApp({ cert: 'cert-old', tokenFormat: 'JWT', tokenSigningMethod: 'RS256' });
  const before = await signIn();
  await verifyBoth(before, 'RS256', 'cert-old');

  await addCert('cert-new', 'ES256', 256);
  await configureApp({ cert: 'cert-new', tokenSigningMethod: 'ES256' });
  const kids = await publishedKids();
  assert.ok(kids.includes('cert-old') && kids.includes('cert-new'), kids.join());
  const afterSwitch = await signIn();
  await verifyBoth(afterSwitch, 'ES256', 'cert-new');
  // One long-lived JWKS client, as a resource server keeps it, verifies both generations.
  const shared = jwks();
  for (const t of [before.access_token, before.id_token, afterSwitch.access_token, afterSwitch.id_token]) {
    await jwtVerify(t, shared, { issuer: ward.idpUrl, audience: env.app.clientId });
  }

  mustAffect(await api(ward.idpUrl, '/api/delete-cert', { method: 'POST', auth: env.auth, body: { owner: 'admin', name: 'cert-old' } }), 'delete-cert');
  const left = await publishedKids();
  assert.ok(!left.includes('cert-old') && left.includes('cert-new'), left.join());
  for (const t of [before.access_token, before.id_token]) {
    await assert.rejects(jwtVerify(t, jwks(), { issuer: ward.idpUrl }), errors.JWKSNoMatchingKey);
  }
  await jwtVerify(afterSwitch.access_token, jwks(), { issuer: ward.idpUrl, audience: env.app.clientId });
  assert.equal(decodeProtectedHeader(afterSwitch.access_token).kid, 'cert-new');
});
