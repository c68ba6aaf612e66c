// Casdoor's admin REST API over plain fetch, where no SDK call exists: set-password
// (multipart), get-account, pagination, field/value filters, sorting, masking for non-admins,
// the session cookie with its CSRF defence (C10) and the sign-in lockout (C8).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startIdp, provision, api, signIn, codeFlowTokens, formFields, REDIRECT_URI, ADMIN_PASSWORD } from './lib/idp.mjs';

let ward;
let env;
let aliceToken;

before(async () => {
  ward = await startIdp();
  env = await provision(ward.idpUrl);
  for (let i = 1; i <= 5; i++) {
    const r = await api(ward.idpUrl, '/api/add-user', {
      method: 'POST',
      auth: env.auth,
      body: { owner: env.org, name: `user${i}`, displayName: `User ${i}`, password: `Us3r-${i}-password`, email: `u${i}@example.com` },
    });
    assert.equal(r.data, 'Affected');
  }
  aliceToken = (await codeFlowTokens(ward.idpUrl, { clientId: env.app.clientId, clientSecret: env.app.clientSecret, username: env.user.name, password: env.user.password, scope: 'openid profile' })).access_token;
});
after(() => ward?.stop());

test('envelope: every key present, HTTP 200 even on errors', async () => {
  const r = await api(ward.idpUrl, '/api/get-users?owner=acme');
  assert.equal(r.http, 200);
  assert.equal(r.status, 'error');
  assert.deepEqual(Object.keys(r).filter((k) => !['http', 'headers', 'raw'].includes(k)).sort(), ['data', 'data2', 'data3', 'msg', 'name', 'status', 'sub']);
});

test('pagination: p and pageSize, total in data2', async () => {
  const page1 = await api(ward.idpUrl, '/api/get-users?owner=acme&p=1&pageSize=2&sortField=name&sortOrder=ascend', { auth: env.auth });
  assert.equal(page1.status, 'ok');
  assert.deepEqual(page1.data.map((u) => u.name), ['alice', 'user1']);
  assert.equal(page1.data2, 6);
  const page3 = await api(ward.idpUrl, '/api/get-users?owner=acme&p=3&pageSize=2&sortField=name&sortOrder=ascend', { auth: env.auth });
  assert.deepEqual(page3.data.map((u) => u.name), ['user4', 'user5']);
  const all = await api(ward.idpUrl, '/api/get-users?owner=acme', { auth: env.auth });
  assert.equal(all.data.length, 6);
  assert.equal(all.data2, null, 'no total without p and pageSize');
});

test('sortField / sortOrder, and a bad sortField is a clear error, not SQL', async () => {
  const desc = await api(ward.idpUrl, '/api/get-users?owner=acme&sortField=displayName&sortOrder=descend', { auth: env.auth });
  assert.deepEqual(desc.data.map((u) => u.displayName), ['User 5', 'User 4', 'User 3', 'User 2', 'User 1', 'Alice Example']);
  for (const bad of ['name; DROP TABLE "user"--', 'password_hash', '(select 1)']) {
    const r = await api(ward.idpUrl, `/api/get-users?owner=acme&sortField=${encodeURIComponent(bad)}&sortOrder=ascend`, { auth: env.auth });
    assert.equal(r.status, 'error');
    assert.match(r.msg, /invalid field/);
    assert.doesNotMatch(r.msg, /SQL|syntax|sqlite|postgres/i);
  }
  const order = await api(ward.idpUrl, '/api/get-users?owner=acme&sortField=name&sortOrder=sideways', { auth: env.auth });
  assert.equal(order.status, 'error');
  // Still all there.
  assert.equal((await api(ward.idpUrl, '/api/get-users?owner=acme', { auth: env.auth })).data.length, 6);
});

test('field / value filter, with SQL metacharacters taken literally', async () => {
  const r = await api(ward.idpUrl, '/api/get-users?owner=acme&field=displayName&value=User%203', { auth: env.auth });
  assert.deepEqual(r.data.map((u) => u.name), ['user3']);
  const byEmail = await api(ward.idpUrl, '/api/get-users?owner=acme&field=email&value=example.com&p=1&pageSize=10', { auth: env.auth });
  assert.equal(byEmail.data2, 6);
  const inject = await api(ward.idpUrl, `/api/get-users?owner=acme&field=name&value=${encodeURIComponent("' OR '1'='1")}`, { auth: env.auth });
  assert.equal(inject.status, 'ok');
  assert.deepEqual(inject.data, []);
  const badField = await api(ward.idpUrl, '/api/get-users?owner=acme&field=1%3D1&value=x', { auth: env.auth });
  assert.equal(badField.status, 'error');
  assert.match(badField.msg, /invalid field/);
});

test('get-account: the signed-in user, no secrets, roles as objects', async () => {
  const r = await api(ward.idpUrl, '/api/get-account', { auth: { bearer: aliceToken } });
  assert.equal(r.status, 'ok');
  assert.equal(r.sub, env.user.id);
  assert.equal(r.name, env.user.name);
  assert.equal(r.data.password, '***');
  assert.equal(r.data.accessToken, aliceToken);
  assert.equal(r.data.roles[0].name, 'editor');
  assert.equal(r.data2.name, env.org);
  const anonymous = await api(ward.idpUrl, '/api/get-account');
  assert.equal(anonymous.status, 'error');
  assert.equal(anonymous.msg, 'Please login first');
});

test('masking and refusals for a user who is not an admin', async () => {
  const app = await api(ward.idpUrl, `/api/get-application?id=admin/${env.app.name}`, { auth: { bearer: aliceToken } });
  assert.equal(app.status, 'ok');
  assert.equal(app.data.clientSecret, '***');
  assert.equal(app.data.clientId, env.app.clientId);
  const adminView = await api(ward.idpUrl, `/api/get-application?id=admin/${env.app.name}`, { auth: env.auth });
  assert.equal(adminView.data.clientSecret, env.app.clientSecret);
  // Numbers as Casdoor writes them: an integral float is an integer, not Boost's 2E0 or 1.68E2.
  assert.match(adminView.raw, /"expireInHours":2,/);
  assert.match(adminView.raw, /"refreshExpireInHours":24,/);
  assert.match(adminView.raw, /"cookieExpireInHours":720,/);

  const self = await api(ward.idpUrl, `/api/get-user?id=acme/${env.user.name}`, { auth: { bearer: aliceToken } });
  assert.equal(self.status, 'ok');
  assert.equal(self.data.password, '***');
  for (const path of ['/api/get-user?id=acme/user1', '/api/get-users?owner=acme', '/api/get-cert?id=admin/cert-built-in', '/api/get-tokens?owner=admin', '/api/get-applications?owner=admin']) {
    const r = await api(ward.idpUrl, path, { auth: { bearer: aliceToken } });
    assert.equal(r.status, 'error', path);
    assert.match(r.msg, /Unauthorized operation/, path);
  }
  const promote = await api(ward.idpUrl, `/api/update-user?id=acme/${env.user.name}`, { method: 'POST', auth: { bearer: aliceToken }, body: { isAdmin: true } });
  assert.equal(promote.status, 'error');
  const certs = await api(ward.idpUrl, '/api/get-certs?owner=acme', { auth: env.auth });
  assert.match(certs.data.find((c) => c.name === 'cert-built-in').privateKey, /PRIVATE KEY/);
});

test('set-password is multipart; users must prove the old password, admins need not', async () => {
  const mine = new FormData();
  mine.append('userOwner', 'acme');
  mine.append('userName', 'user1');
  mine.append('oldPassword', '');
  mine.append('newPassword', 'Adm1n-set-password');
  const byAdmin = await api(ward.idpUrl, '/api/set-password', { method: 'POST', auth: env.auth, form: mine });
  assert.equal(byAdmin.status, 'ok', byAdmin.msg);

  const wrongOld = new FormData();
  wrongOld.append('userOwner', 'acme');
  wrongOld.append('userName', env.user.name);
  wrongOld.append('oldPassword', 'not-it');
  wrongOld.append('newPassword', 'An0ther-password');
  const refused = await api(ward.idpUrl, '/api/set-password', { method: 'POST', auth: { bearer: aliceToken }, form: wrongOld });
  assert.equal(refused.status, 'error');

  const other = new FormData();
  other.append('userOwner', 'acme');
  other.append('userName', 'user2');
  other.append('oldPassword', 'Us3r-2-password');
  other.append('newPassword', 'St0len-password');
  const notYours = await api(ward.idpUrl, '/api/set-password', { method: 'POST', auth: { bearer: aliceToken }, form: other });
  assert.equal(notYours.status, 'error');
  assert.match(notYours.msg, /Unauthorized operation/);

  const signedIn = await signIn(ward.idpUrl, { organization: 'acme', username: 'user1', password: 'Adm1n-set-password', application: env.app.name });
  assert.equal(signedIn.body.status, 'ok');
});

test('session cookie: reads work, writes need an allowed Origin (C10)', async () => {
  const { body, cookie } = await signIn(ward.idpUrl, { organization: 'acme', username: 'user2', password: 'Us3r-2-password', application: env.app.name });
  assert.equal(body.data, 'acme/user2');
  assert.match(cookie, /^casdoor_session_id=/);
  const account = await api(ward.idpUrl, '/api/get-account', { auth: { cookie } });
  assert.equal(account.name, 'user2');

  const update = { displayName: 'Changed by cookie' };
  const noOrigin = await api(ward.idpUrl, '/api/update-user?id=acme/user2', { method: 'POST', auth: { cookie }, body: update });
  assert.equal(noOrigin.status, 'error');
  assert.match(noOrigin.msg, /Unauthorized operation/);
  const evil = await api(ward.idpUrl, '/api/update-user?id=acme/user2', { method: 'POST', auth: { cookie, origin: 'https://evil.example' }, body: update });
  assert.equal(evil.status, 'error');
  const form = new FormData();
  form.append('userOwner', 'acme');
  form.append('userName', 'user2');
  form.append('oldPassword', 'Us3r-2-password');
  form.append('newPassword', 'Csrf-password-1');
  const csrf = await api(ward.idpUrl, '/api/set-password', { method: 'POST', auth: { cookie, origin: 'https://evil.example' }, form });
  assert.equal(csrf.status, 'error', 'CVE-2023-34927: no cross-site password change');
  assert.equal((await api(ward.idpUrl, '/api/get-user?id=acme/user2', { auth: env.auth })).data.displayName, 'User 2');

  const sameSite = await api(ward.idpUrl, '/api/update-user?id=acme/user2', { method: 'POST', auth: { cookie, origin: ward.idpUrl }, body: update });
  assert.equal(sameSite.data, 'Affected', sameSite.msg);
  assert.equal((await api(ward.idpUrl, '/api/get-user?id=acme/user2', { auth: env.auth })).data.displayName, 'Changed by cookie');
});

test('lockout after 5 wrong passwords; one message for unknown users and wrong passwords (C8)', async () => {
  const attempt = (username, password) => signIn(ward.idpUrl, { organization: 'acme', username, password, application: env.app.name });
  const unknown = await attempt('nobody', 'whatever');
  const wrong = await attempt('user3', 'wrong-1');
  assert.equal(unknown.body.status, 'error');
  assert.equal(unknown.body.msg, wrong.body.msg, 'no user enumeration');
  for (let i = 2; i <= 5; i++) assert.equal((await attempt('user3', `wrong-${i}`)).body.status, 'error');
  const locked = await attempt('user3', 'Us3r-3-password');
  assert.equal(locked.body.status, 'error');
  assert.match(locked.body.msg, /wrong password or code too many times, please wait for 15 minutes/);
  // Locked for the token endpoint's password grant too.
  const r = await fetch(`${ward.idpUrl}/api/login/oauth/access_token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: env.app.clientId, client_secret: env.app.clientSecret, username: 'user3', password: 'Us3r-3-password' }),
  });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error, 'invalid_grant');
  // Other users are not affected.
  assert.equal((await attempt('user4', 'Us3r-4-password')).body.status, 'ok');
  assert.equal((await signIn(ward.idpUrl, { password: ADMIN_PASSWORD })).body.status, 'ok');
});

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as an authenticator app computes it.
function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).padStart(6, '0');
}

test('TOTP two-factor: enrol through mfa/setup, then sign in through the form with the code', async () => {
  const token = (await codeFlowTokens(ward.idpUrl, { clientId: env.app.clientId, clientSecret: env.app.clientSecret, username: 'user5', password: 'Us3r-5-password', scope: 'openid' })).access_token;
  const form = (fields) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    return f;
  };
  const init = await api(ward.idpUrl, '/api/mfa/setup/initiate', { method: 'POST', auth: { bearer: token }, form: form({ owner: 'acme', name: 'user5', mfaType: 'app' }) });
  assert.equal(init.status, 'ok', init.msg);
  const { secret, recoveryCodes } = init.data;
  assert.match(init.data.url, /^otpauth:\/\/totp\//);
  const verified = await api(ward.idpUrl, '/api/mfa/setup/verify', { method: 'POST', auth: { bearer: token }, form: form({ owner: 'acme', name: 'user5', mfaType: 'app', secret, passcode: totp(secret) }) });
  assert.equal(verified.status, 'ok', verified.msg);
  const enabled = await api(ward.idpUrl, '/api/mfa/setup/enable', { method: 'POST', auth: { bearer: token }, form: form({ owner: 'acme', name: 'user5', mfaType: 'app', secret, passcode: totp(secret), recoveryCodes: recoveryCodes.join(',') }) });
  assert.equal(enabled.status, 'ok', enabled.msg);

  const url = new URL('/login/oauth/authorize', ward.idpUrl);
  for (const [k, v] of Object.entries({ client_id: env.app.clientId, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'openid', state: 'st' })) url.searchParams.set(k, v);
  const page = formFields(await (await fetch(url)).text());
  const post = (fields, cookie) =>
    fetch(new URL(page.action, url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
  const step1 = await post({ ...page.fields, username: 'user5', password: 'Us3r-5-password' });
  assert.equal(step1.status, 200, 'the password alone issues no code');
  const mfa = formFields(await step1.text());
  assert.ok('passcode' in mfa.fields);
  const cookie = step1.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('casdoor_session_id='));
  const bad = await post({ ...mfa.fields, passcode: '000000' === totp(secret) ? '111111' : '000000' }, cookie);
  assert.equal(bad.status, 200);
  assert.match(await bad.text(), /role="alert"/);
  const step2 = await post({ ...mfa.fields, passcode: totp(secret) }, cookie);
  assert.equal(step2.status, 302);
  assert.match(step2.headers.get('location'), /\?code=[0-9a-f]+&state=st$/);

  // The password grant cannot carry the second factor.
  const r = await fetch(`${ward.idpUrl}/api/login/oauth/access_token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: env.app.clientId, client_secret: env.app.clientSecret, username: 'user5', password: 'Us3r-5-password' }),
  });
  assert.equal((await r.json()).error, 'invalid_grant');
});
