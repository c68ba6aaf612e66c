// casdoor-nodejs-sdk (1.24), configured as a Casdoor user configures it (endpoint, the
// application's client id and secret, the certificate from the Certs API, organization), against
// `ward idp`: getAuthToken / refreshToken / parseJwtToken and the admin API calls the SDK makes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SDK } from 'casdoor-nodejs-sdk';
import { startIdp, provision, signInForCode, api } from './lib/idp.mjs';

let ward;
let env;
let sdk;

before(async () => {
  ward = await startIdp();
  env = await provision(ward.idpUrl);
  // The certificate, read through the SDK itself (get-certs?owner=<org> includes global certs).
  const bootstrap = new SDK({ endpoint: ward.idpUrl, clientId: env.app.clientId, clientSecret: env.app.clientSecret, certificate: '', orgName: env.org, appName: env.app.name });
  const certs = (await bootstrap.getCerts()).data;
  assert.equal(certs.status, 'ok', JSON.stringify(certs));
  const cert = certs.data.find((c) => c.name === 'cert-built-in');
  assert.match(cert.certificate, /^-----BEGIN CERTIFICATE-----/);
  sdk = new SDK({ endpoint: ward.idpUrl, clientId: env.app.clientId, clientSecret: env.app.clientSecret, certificate: cert.certificate, orgName: env.org, appName: env.app.name });
});
after(() => ward?.stop());

test('getAuthToken exchanges a code from the sign-in page; parseJwtToken verifies it', async () => {
  const { code } = await signInForCode(ward.idpUrl, { clientId: env.app.clientId, username: env.user.name, password: env.user.password, pkce: false });
  const tokens = await sdk.getAuthToken(code);
  assert.ok(tokens.access_token);
  assert.ok(tokens.refresh_token);
  const user = sdk.parseJwtToken(tokens.access_token);
  assert.equal(user.name, env.user.name);
  assert.equal(user.owner, env.org);
  assert.equal(user.id, env.user.id);
  assert.deepEqual(user.roles, ['editor']);

  const refreshed = await sdk.refreshToken(tokens.refresh_token);
  assert.ok(refreshed.access_token && refreshed.access_token !== tokens.access_token);
  assert.equal(sdk.parseJwtToken(refreshed.access_token).name, env.user.name);

  // The SDK's introspect (form-encoded, Basic client authentication).
  const info = (await sdk.introspect(refreshed.access_token, 'access_token')).data;
  assert.equal(info.active, true);
  assert.equal(info.username, env.user.name);
});

test('parseJwtToken refuses a token whose signature was tampered with', async () => {
  const [h, p] = (await sdk.getAuthToken((await signInForCode(ward.idpUrl, { clientId: env.app.clientId, username: env.user.name, password: env.user.password, pkce: false })).code)).access_token.split('.');
  assert.throws(() => sdk.parseJwtToken(`${h}.${p}.${Buffer.from('x'.repeat(256)).toString('base64url')}`));
});

test('users: getUsers, getUser, addUser, updateUser, setPassword, deleteUser, getUserCount', async () => {
  const list = (await sdk.getUsers()).data;
  assert.equal(list.status, 'ok');
  assert.deepEqual(list.data.map((u) => u.name), [env.user.name]);
  const alice = (await sdk.getUser(env.user.name)).data.data;
  assert.equal(alice.id, env.user.id);
  assert.equal(alice.password, '***', 'never the hash');

  const added = (await sdk.addUser({ name: 'bob', displayName: 'Bob', email: 'bob@example.com', password: 'B0b-password', type: 'normal-user' })).data;
  assert.equal(added.data, 'Affected');
  assert.equal((await sdk.addUser({ name: 'bob', password: 'x' })).data.data, 'Unaffected', 'duplicate');
  const bob = (await sdk.getUser('bob')).data.data;
  assert.equal(bob.owner, env.org);
  assert.match(bob.id, /^[0-9a-f-]{36}$/);

  const updated = (await sdk.updateUser({ ...bob, displayName: 'Robert', password: '***' })).data;
  assert.equal(updated.data, 'Affected');
  assert.equal((await sdk.getUser('bob')).data.data.displayName, 'Robert');

  const count = (await sdk.getUserCount(false)).data;
  assert.equal(count.data, 2);

  const set = (await sdk.setPassword({ owner: env.org, name: 'bob', oldPassword: 'B0b-password', newPassword: 'N3w-bob-password' })).data;
  assert.equal(set.status, 'ok', JSON.stringify(set));
  // The new password signs in; the old one does not.
  await signInForCode(ward.idpUrl, { clientId: env.app.clientId, username: 'bob', password: 'N3w-bob-password' });
  await assert.rejects(signInForCode(ward.idpUrl, { clientId: env.app.clientId, username: 'bob', password: 'B0b-password' }));

  const deleted = (await sdk.deleteUser({ ...bob })).data;
  assert.equal(deleted.data, 'Affected');
  assert.equal((await sdk.getUser('bob')).data.data, null);
});

test('organizations, applications, certs', async () => {
  const orgs = (await sdk.getOrganizations()).data;
  assert.deepEqual(orgs.data.map((o) => o.name).sort(), ['acme', 'built-in']);
  assert.equal((await sdk.getOrganization(env.org)).data.data.displayName, 'ACME');

  const apps = (await sdk.getApplications()).data;
  assert.ok(apps.data.some((a) => a.name === env.app.name));
  const app = (await sdk.getApplication(env.app.name)).data.data;
  assert.equal(app.clientId, env.app.clientId);
  assert.equal((await sdk.addApplication({ name: 'second-app', organization: env.org, cert: 'cert-built-in' })).data.data, 'Affected');
  const second = (await sdk.getApplication('second-app')).data.data;
  assert.match(second.clientId, /^[0-9a-f]{20}$/);
  assert.match(second.clientSecret, /^[0-9a-f]{40}$/);
  assert.deepEqual(second.grantTypes, ['authorization_code', 'refresh_token'], 'C6: other grants are opt-in');
  assert.equal((await sdk.updateApplication({ ...second, displayName: 'Second' })).data.data, 'Affected');
  assert.equal((await sdk.deleteApplication(second)).data.data, 'Affected');

  assert.equal((await sdk.addCert({ name: 'acme-cert', displayName: 'Acme', scope: 'JWT', type: 'x509', cryptoAlgorithm: 'ES256', bitSize: 256, expireInYears: 1 })).data.data, 'Affected');
  const cert = (await sdk.getCert('acme-cert')).data.data;
  assert.match(cert.certificate, /BEGIN CERTIFICATE/);
  assert.match(cert.privateKey, /PRIVATE KEY/, 'the application acts as admin and sees the key');
  const jwks = await (await fetch(`${ward.idpUrl}/.well-known/jwks`)).json();
  assert.ok(jwks.keys.some((k) => k.kid === 'acme-cert' && k.kty === 'EC' && k.alg === 'ES256'));
  assert.equal((await sdk.deleteCert(cert)).data.data, 'Affected');
});

test('roles, permissions and groups', async () => {
  const roles = (await sdk.getRoles()).data.data;
  assert.deepEqual(roles.map((r) => r.name), ['editor']);
  assert.equal((await sdk.addRole({ name: 'viewer', displayName: 'Viewer', users: [], roles: ['acme/editor'], isEnabled: true })).data.data, 'Affected');
  assert.equal((await sdk.getRole('viewer')).data.data.displayName, 'Viewer');

  assert.equal((await sdk.addGroup({ name: 'staff', displayName: 'Staff', type: 'Virtual', isEnabled: true })).data.data, 'Affected');
  assert.equal((await sdk.getGroup('staff')).data.data.displayName, 'Staff');
  assert.ok((await sdk.getGroups()).data.data.some((g) => g.name === 'staff'));

  assert.equal((await sdk.addPermission({ name: 'read-docs', displayName: 'Read docs', users: [`${env.org}/${env.user.name}`], resourceType: 'Application', resources: [env.app.name], actions: ['Read'], effect: 'Allow', isEnabled: true })).data.data, 'Affected');
  assert.deepEqual((await sdk.getPermission('read-docs')).data.data.actions, ['Read']);
  assert.ok((await sdk.getPermissions()).data.data.some((p) => p.name === 'read-docs'));

  // Ancestor expansion (casdoor.md §1.5): alice is in editor, which viewer contains.
  const account = await api(ward.idpUrl, '/api/get-account', { auth: { bearer: (await sdk.getAuthToken((await signInForCode(ward.idpUrl, { clientId: env.app.clientId, username: env.user.name, password: env.user.password, pkce: false })).code)).access_token } });
  assert.deepEqual(account.data.roles.map((r) => r.name).sort(), ['editor', 'viewer']);
  assert.deepEqual(account.data.permissions.map((p) => p.name), ['read-docs']);

  assert.equal((await sdk.deletePermission({ owner: env.org, name: 'read-docs' })).data.data, 'Affected');
  assert.equal((await sdk.deleteGroup({ owner: env.org, name: 'staff' })).data.data, 'Affected');
  assert.equal((await sdk.deleteRole({ owner: env.org, name: 'viewer' })).data.data, 'Affected');
});

test('tokens and sessions', async () => {
  const { code } = await signInForCode(ward.idpUrl, { clientId: env.app.clientId, username: env.user.name, password: env.user.password, pkce: false });
  const { access_token } = await sdk.getAuthToken(code);
  const page = (await sdk.getTokens(1, 100)).data;
  assert.equal(page.status, 'ok');
  const row = page.data.find((t) => t.accessToken === access_token);
  assert.ok(row, 'the Tokens page shows the access token');
  assert.equal(row.user, env.user.name);
  assert.equal(row.application, env.app.name);
  assert.ok(page.data2 >= 1);
  const one = (await sdk.getToken(row.name)).data.data;
  assert.equal(one.accessToken, access_token);
  assert.ok(!one.refreshToken, 'refresh tokens are never stored in clear (C11)');
  assert.equal((await sdk.deleteToken(one)).data.data, 'Affected');
  const gone = await api(ward.idpUrl, '/api/get-account', { auth: { bearer: access_token } });
  assert.equal(gone.status, 'error');

  const sessions = (await sdk.getSessions()).data;
  assert.equal(sessions.status, 'ok');
  assert.ok(sessions.data.some((s) => s.name === env.user.name && s.application === env.app.name));
  const session = (await sdk.getSession(env.user.name, env.app.name)).data.data;
  assert.equal(session.name, env.user.name);
});

test("Casdoor's JSON sign-in API (get-app-login, then /api/login type code, as its login page calls them)", async () => {
  const q = new URLSearchParams({ clientId: env.app.clientId, responseType: 'code', redirectUri: 'http://127.0.0.1:9/callback', scope: 'openid profile', state: 'xyz', nonce: 'n-1' });
  const appLogin = await api(ward.idpUrl, `/api/get-app-login?${q}`);
  assert.equal(appLogin.status, 'ok', appLogin.msg);
  assert.equal(appLogin.data.name, env.app.name);
  assert.ok(!appLogin.data.clientSecret || appLogin.data.clientSecret === '***', 'never the secret');
  const badUri = await api(ward.idpUrl, `/api/get-app-login?${new URLSearchParams({ ...Object.fromEntries(q), redirectUri: 'https://evil.example/cb' })}`);
  assert.equal(badUri.status, 'error');
  assert.match(badUri.msg, /Redirect URI/);

  const login = await api(ward.idpUrl, `/api/login?${q}`, {
    method: 'POST',
    body: { application: env.app.name, organization: env.org, username: env.user.name, password: env.user.password, type: 'code' },
  });
  assert.equal(login.status, 'ok', login.msg);
  const tokens = await sdk.getAuthToken(login.data);
  const user = sdk.parseJwtToken(tokens.access_token);
  assert.equal(user.name, env.user.name);
  assert.equal(user.nonce, 'n-1');
});
