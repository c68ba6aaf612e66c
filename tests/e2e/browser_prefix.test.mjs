// Ward's pages behind a reverse proxy that mounts them under a path prefix: the IdP at /ward/idp/
// and the engine at /ward/engine/ of one origin, the prefix stripped before the request reaches
// ward (nginx's `location /ward/idp/ { proxy_pass http://127.0.0.1:8000/; }`). In Chromium, every
// request the pages make must stay under /ward/ (asset URLs and API calls are relative), deep links
// must work, and each page passes axe-core. The IdP is told its public URL with the prefix
// (--idp-origin http://<proxy>/ward/idp): openid-client discovers it through the proxy, tokens
// carry that issuer, and the console's "Sign in with Ward IdP" goes there and back.
// Screenshots in tests/artifacts/browser/prefix/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { startWard, freePort } from './lib/ward.mjs';
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { editorValue, launchBrowser, newSession, record, stepRunner, toast, useArtifactsFolder } from './lib/browser.mjs';

// A minimal reverse proxy: `mounts` maps a path prefix to an upstream origin; the prefix is
// stripped, the rest of the request (method, headers, body) passes as it is. Unknown paths 404.
// Listens on `port` (chosen before ward starts, so ward can be told its public URL).
async function startProxy(port, mounts) {
  const server = createServer((req, res) => {
    const mount = Object.keys(mounts).find((p) => req.url.startsWith(p));
    if (!mount) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not under a mounted prefix: ${req.url}`);
      return;
    }
    const upstream = new URL(mounts[mount]);
    const path = '/' + req.url.slice(mount.length);
    const out = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, path, method: req.method, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${e.message}`);
    });
    req.pipe(out);
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://localhost:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

test('the IdP pages and the console under a path prefix behind a reverse proxy', { timeout: 180000 }, async (t) => {
  const proxyPort = await freePort();
  const proxyUrl = `http://localhost:${proxyPort}`;
  const ward = await startWard({
    command: 'up',
    // The trailing slash is normalised away: the issuer is exactly http://localhost:<port>/ward/idp.
    args: ['--idp-origin', `${proxyUrl}/ward/idp/`],
    env: process.env.WARD_WEB_DIR ? { WARD_WEB_DIR: process.env.WARD_WEB_DIR } : {},
  });
  t.after(() => ward.stop());
  const proxy = await startProxy(proxyPort, { '/ward/idp/': ward.idpUrl, '/ward/engine/': ward.engineUrl });
  t.after(() => proxy.close());
  const idp = `${proxy.url}/ward/idp/`;
  const issuer = `${proxy.url}/ward/idp`;
  const consoleUrl = `${proxy.url}/ward/engine/console/`;

  useArtifactsFolder('prefix');
  const browser = await launchBrowser();
  t.after(() => browser.close());
  // Only the proxy's /ward/ paths count as Ward: a request to "/api/..." or "/assets/..." at the
  // proxy's root (an absolute path in the pages) is reported as a problem.
  const session = await newSession(browser, { origins: [`${proxy.url}/ward/`] });
  const page = session.page;
  const paths = [];
  page.on('request', (r) => paths.push(new URL(r.url()).pathname));

  const step = stepRunner(t, page);

  await step('the IdP pages load under /ward/idp/ and the admin signs in', async () => {
    await page.goto(idp);
    await page.locator('#username').waitFor();
    await record(page, 'prefix-idp-sign-in');
    await page.fill('#username', 'admin');
    await page.fill('#password', ward.adminPassword);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await page.getByRole('link', { name: 'built-in', exact: true }).waitFor();
    await record(page, 'prefix-idp-organizations');
    assert.ok(paths.some((p) => p.startsWith('/ward/idp/assets/')), 'the assets came through the prefix');
    assert.ok(paths.some((p) => p === '/ward/idp/api/login'), 'the sign-in went through the prefix');
  });

  await step('a deep link under the prefix opens its page', async () => {
    await page.goto(`${idp}users/built-in/admin`);
    await page.waitForURL(`${idp}#/users/built-in/admin`);
    await page.getByRole('heading', { name: 'User built-in/admin' }).waitFor();
    await page.locator('#id[value]:not([value=""])').waitFor();
    await record(page, 'prefix-idp-user');
    await page.getByRole('link', { name: 'Certs' }).click();
    await page.getByRole('link', { name: 'cert-built-in' }).click();
    await page.getByRole('heading', { name: 'Cert admin/cert-built-in' }).waitFor();
    assert.match(await page.locator('#pem-cert-built-in-pem').inputValue(), /^-----BEGIN CERTIFICATE-----/);
  });

  await step('the console loads under /ward/engine/console/ and talks to /ward/engine/v1/...', async () => {
    await page.goto(consoleUrl);
    const dialog = page.getByRole('dialog');
    await dialog.locator('#admin-secret').fill(ward.adminSecret);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('No tables yet').waitFor();
    await record(page, 'prefix-console-data');
    assert.ok(paths.includes('/ward/engine/v1/metadata'), 'metadata calls go through the prefix');
    await page.goto(`${consoleUrl}#/settings`);
    await page.getByText('The metadata is consistent.').waitFor();
    await record(page, 'prefix-console-settings');
  });

  await step('GraphiQL under the prefix runs a query', async () => {
    await page.goto(`${consoleUrl}#/api`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.evaluate(() => document.querySelector('.result-window .CodeMirror')?.CodeMirror.setValue(''));
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(() => document.querySelector('.result-window .CodeMirror')?.CodeMirror.getValue().trim().startsWith('{'));
    const result = await page.$eval('.result-window .CodeMirror', (el) => el.CodeMirror.getValue());
    assert.deepEqual(JSON.parse(result), { data: { __typename: 'query_root' } });
    assert.ok(paths.includes('/ward/engine/v1/graphql'));
    await record(page, 'prefix-console-api');
  });

  let meta;
  await step('openid-client discovers the IdP at its prefixed issuer through the proxy', async () => {
    const config = await client.discovery(new URL(issuer), 'any-client', undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    meta = config.serverMetadata();
    assert.equal(meta.issuer, issuer);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri', 'introspection_endpoint', 'revocation_endpoint', 'end_session_endpoint']) {
      assert.ok(meta[key].startsWith(`${issuer}/`), `${key} is under the prefix: ${meta[key]}`);
    }
    assert.equal(meta.authorization_endpoint, `${issuer}/login/oauth/authorize`);
    // The key set is reachable where the document says.
    const jwks = await (await fetch(meta.jwks_uri)).json();
    assert.ok(jwks.keys.length >= 1);
    // The engine tells the console the same prefixed address.
    const cfg = await (await fetch(`${consoleUrl}config.json`)).json();
    assert.deepEqual(cfg, { idp_origin: issuer });
  });

  await step('the console under the prefix signs in with Ward IdP under the prefix (PKCE) and gets a token of that issuer', async () => {
    // app-built-in accepts the console's prefixed address as a redirect URI (set through the
    // IdP's admin API from its page, as the Applications page does).
    await page.goto(idp);
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    const saved = await page.evaluate(async (uri) => {
      const got = await (await fetch('api/get-application?id=admin/app-built-in')).json();
      const app = got.data;
      app.redirectUris = [...(app.redirectUris ?? []), uri];
      const r = await fetch('api/update-application?id=admin/app-built-in', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(app),
      });
      return (await r.json()).status;
    }, consoleUrl);
    assert.equal(saved, 'ok');
    await page.goto(`${consoleUrl}#/api`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.waitForFunction(() => document.querySelector('#idp-url')?.value);
    assert.equal(await page.locator('#idp-url').inputValue(), issuer, 'the console knows the prefixed IdP URL');
    await page.getByRole('button', { name: 'Sign in with Ward IdP' }).click();
    await page.waitForURL(`${issuer}/login/oauth/authorize?**`);
    assert.equal(new URL(page.url()).searchParams.get('redirect_uri'), consoleUrl);
    await page.getByLabel('Username or email').fill('admin');
    await page.getByLabel('Password').fill(ward.adminPassword);
    await record(page, 'prefix-idp-authorize');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${consoleUrl}**`);
    await toast(page, 'Signed in: the Authorization header is set');
    const headers = JSON.parse(await editorValue(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)'));
    const token = headers.Authorization.replace(/^Bearer /, '');
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(meta.jwks_uri)), { issuer });
    assert.equal(payload.name, 'admin');
    assert.ok(paths.includes('/ward/idp/api/login/oauth/access_token'), 'the code was exchanged through the prefix');
    await record(page, 'prefix-console-signed-in');
  });

  await step('nothing was requested outside /ward/ and no page threw', async () => {
    assert.deepEqual(session.problems, []);
    assert.deepEqual(paths.filter((p) => !p.startsWith('/ward/')), []);
  });
});
