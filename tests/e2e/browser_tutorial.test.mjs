// The tutorial of issue 5 done through the web pages only, in Debian's Chromium, against the real
// `ward up`: the admin's first sign-in at the IdP with the printed password, organization Hasura,
// a user with a password, the role `user`, an application with the engine's /login as redirect
// URI; in the engine console a table `users` with two rows, tracked, and a select permission for
// `user`; the user's own sign-in at /login/oauth/authorize; the access token copied from the IdP's
// Tokens page; and the query in the console's GraphiQL that returns exactly the user's row.
// Every step leaves a screenshot in tests/artifacts/browser/tutorial/ and passes an axe-core check.
// Then the pages the tutorial does not need: Certs (copy, download), Sessions, console Settings
// (export, import, reload, inconsistent objects), relationships, editing and deleting a row, dark
// mode on both apps, a long users list, empty lists and server errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWard, adminPost, graphql } from './lib/ward.mjs';
import { launchBrowser, newSession, record, clipboardText, stepRunner, downloadOf, themeOf, useArtifactsFolder } from './lib/browser.mjs';

const USER = 'alice';
const PASSWORD = 'alice-Pa55word';
const FIRST_PASSWORD = 'first-Pa55word';

// Picks the option `label` of the antd Select whose clickable box is `select`.
async function pick(page, select, label) {
  await select.click();
  const open = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';
  await page.locator(`${open} .ant-select-item-option[title="${label}"]`).last().click();
  // A single select closes by itself; a multiple one is closed here. Either way the list must be
  // gone before the next control is used.
  if (await page.locator(open).count()) await page.keyboard.press('Escape');
  await page.locator(open).first().waitFor({ state: 'detached' }).catch(() => {});
  await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, open);
}

// The antd Select box that carries the input with this id or aria-label.
const selectBox = (page, inputSelector) =>
  page.locator('.ant-select').filter({ has: page.locator(inputSelector) });

// Waits for an antd message (toast) with this text.
const toast = (page, text) =>
  page.locator('.ant-message-notice', { hasText: text }).first().waitFor();

// The text of a GraphiQL (CodeMirror 5) editor.
const editorValue = (page, selector) =>
  page.$eval(`${selector} .CodeMirror`, (el) => el.CodeMirror.getValue());

// Replaces the text of a GraphiQL editor the way a person does: click, select all, type.
async function replaceEditorText(page, selector, text) {
  await page.locator(`${selector} .CodeMirror`).first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

// Runs the query of GraphiQL and waits for a new result.
async function runQuery(page) {
  await page.evaluate(() => document.querySelector('.result-window .CodeMirror')?.CodeMirror.setValue(''));
  await page.locator('.graphiql-execute-button').click();
  await page.waitForFunction(() => {
    const cm = document.querySelector('.result-window .CodeMirror')?.CodeMirror;
    return cm && cm.getValue().trim().startsWith('{');
  });
}

test('the tutorial of issue 5 through the web pages, in Chromium', { timeout: 480000 }, async (t) => {
  const ward = await startWard({
    command: 'up',
    // Pages from a vite build on disk instead of the embedded copy, for work on web/.
    env: process.env.WARD_WEB_DIR ? { WARD_WEB_DIR: process.env.WARD_WEB_DIR } : {},
  });
  t.after(() => ward.stop());
  assert.ok(ward.adminPassword, 'ward up printed the admin password');
  assert.ok(ward.adminSecret, 'ward up wrote the admin secret');
  const idp = ward.idpUrl;
  const engine = ward.engineUrl;
  const redirectUri = `${engine}/login`;
  const consoleUrl = `${engine}/console/`;

  useArtifactsFolder('tutorial');
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const origins = [idp, engine];
  const admin = await newSession(browser, { origins });
  const page = admin.page;

  const story = {};
  const step = stepRunner(t, page);

  await step('the admin signs in at the IdP with the printed password', async () => {
    await page.goto(`${idp}/`);
    await page.locator('#username').waitFor();
    await record(page, 'idp-sign-in');
    await page.fill('#username', 'admin');
    await page.fill('#password', 'not-the-password');
    await page.click('button[type=submit]');
    await page.getByRole('alert').waitFor();
    await record(page, 'idp-sign-in-wrong-password');
    await page.fill('#password', ward.adminPassword);
    await page.click('button[type=submit]');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('heading', { name: 'Organizations' }).waitFor();
    await record(page, 'idp-organizations');
  });

  await step('Organizations: add the organization Hasura', async () => {
    await page.getByRole('button', { name: /^(plus )?Add$/ }).click();
    await page.getByRole('heading', { name: /^Organization organization_/ }).waitFor();
    await page.fill('#name', 'Hasura');
    await page.fill('#displayName', 'Hasura');
    await record(page, 'idp-organization-edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Organization Hasura' }).waitFor();
    await page.goto(`${idp}/#/organizations`);
    await page.getByRole('link', { name: 'Hasura', exact: true }).waitFor();
    await record(page, 'idp-organizations-with-hasura');
  });

  await step('Users: add a user to Hasura and modify the password', async () => {
    await page.goto(`${idp}/#/users`);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await pick(page, selectBox(page, '#org-select'), 'Hasura');
    await page.getByText('Nothing here yet').waitFor();
    await page.getByRole('button', { name: /^(plus )?Add$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Add user to Hasura').waitFor();
    await dialog.locator('#name').fill(USER);
    await dialog.locator('#displayName').fill('Alice');
    await dialog.locator('#password').fill(FIRST_PASSWORD);
    await record(page, 'idp-add-user');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: `User Hasura/${USER}` }).waitFor();
    await page.locator('#id').waitFor();
    story.userId = await page.locator('#id').inputValue();
    assert.match(story.userId, /^[0-9a-f-]{36}$/, 'the user page shows the user id');
    await record(page, 'idp-user');

    await page.getByRole('button', { name: 'Modify password…' }).click();
    const pw = page.getByRole('dialog');
    await pw.locator('#newPassword').fill(PASSWORD);
    await pw.locator('#confirm').fill(PASSWORD);
    await record(page, 'idp-modify-password');
    await pw.getByRole('button', { name: 'Set password' }).click();
    await toast(page, 'Password changed');
  });

  await step('Roles: the role user in Hasura with the user as member', async () => {
    await page.goto(`${idp}/#/roles`);
    await page.getByRole('heading', { name: 'Roles' }).waitFor();
    await pick(page, selectBox(page, '#org-select'), 'Hasura');
    await page.getByRole('button', { name: /^(plus )?Add$/ }).click();
    await page.getByRole('heading', { name: /^Role Hasura\/role_/ }).waitFor();
    await page.fill('#name', 'user');
    await page.fill('#displayName', 'user');
    await page.locator('#users').fill(`Hasura/${USER}`);
    await page.keyboard.press('Enter');
    await page.locator('.ant-select-selection-item', { hasText: `Hasura/${USER}` }).waitFor();
    await record(page, 'idp-role-edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Role Hasura/user' }).waitFor();
    // The user's page shows the role.
    await page.goto(`${idp}/#/users/Hasura/${USER}`);
    const roles = page.locator('.ant-descriptions-row', { hasText: 'Roles' });
    await roles.locator('.ant-tag', { hasText: 'user' }).waitFor();
    await record(page, 'idp-user-with-role');
  });

  await step('Applications: an application of Hasura redirecting to the engine /login; copy its client ID', async () => {
    await page.goto(`${idp}/#/applications`);
    await page.getByRole('heading', { name: 'Applications' }).waitFor();
    await page.getByRole('button', { name: /^(plus )?Add$/ }).click();
    await page.getByRole('heading', { name: /^Application application_/ }).waitFor();
    await page.fill('#name', 'app-hasura');
    await page.fill('#displayName', 'Hasura tutorial');
    await pick(page, selectBox(page, '#organization'), 'Hasura');
    // Replace the example redirect URI with the engine's /login.
    const uris = selectBox(page, '#redirectUris');
    for (let n = await uris.locator('.ant-select-selection-item-remove').count(); n > 0; n--) {
      await uris.locator('.ant-select-selection-item-remove').first().click();
    }
    // The tutorial's /login, and the console itself for its "Sign in with Ward IdP" button.
    for (const uri of [redirectUri, consoleUrl]) {
      await page.locator('#redirectUris').fill(uri);
      await page.keyboard.press('Enter');
      await uris.locator(`.ant-select-selection-item[title="${uri}"]`).waitFor();
    }
    await record(page, 'idp-application-edit');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Application app-hasura' }).waitFor();
    await toast(page, 'Saved');
    await page.getByRole('button', { name: 'Copy Client ID' }).click();
    await toast(page, 'Copied');
    story.clientId = await clipboardText(page);
    assert.match(story.clientId, /^[0-9a-f]{20,}$/, 'the copy button copies the client ID');
    assert.equal(story.clientId, await page.locator('#clientId').inputValue());
    story.clientSecret = await page.locator('#clientSecret').inputValue();
    assert.match(story.clientSecret, /^[0-9a-f]{20,}$/, 'the page shows the client secret');
    await record(page, 'idp-application-saved');
    // What was saved is what the page shows after a reload.
    await page.reload();
    await page.getByRole('heading', { name: 'Application app-hasura' }).waitFor();
    // The heading comes before the application is loaded into the form.
    await page.locator('#clientId[value]:not([value=""])').waitFor();
    const saved = await selectBox(page, '#redirectUris').locator('.ant-select-selection-item').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
    assert.deepEqual(saved, [redirectUri, consoleUrl]);
  });

  await step('Certs: the certificate is shown, copied and downloaded, and is the key of the JWKS', async () => {
    await page.goto(`${idp}/#/certs`);
    await page.getByRole('heading', { name: 'Certs' }).waitFor();
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'cert-built-in' });
    await row.waitFor();
    await record(page, 'idp-certs');
    await row.getByRole('link', { name: 'cert-built-in' }).click();
    await page.getByRole('heading', { name: 'Cert admin/cert-built-in' }).waitFor();
    const pem = await page.locator('#pem-cert-built-in-pem').inputValue();
    assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+-----END CERTIFICATE-----\n?$/);
    // The certificate is the one whose key signs the tokens (the JWKS's x5c of the same kid).
    const jwks = await (await fetch(`${idp}/.well-known/jwks`)).json();
    const key = jwks.keys.find((k) => k.kid === 'cert-built-in');
    assert.ok(key, 'the JWKS has the key of cert-built-in');
    assert.equal(pem.replace(/-----[A-Z ]+-----|\s/g, ''), key.x5c[0]);
    await page.getByRole('button', { name: 'Copy certificate' }).click();
    await toast(page, 'Copied');
    assert.equal(await clipboardText(page), pem);
    const file = await downloadOf(page, page.getByRole('button', { name: 'Download certificate' }));
    assert.deepEqual(file, { name: 'cert-built-in.pem', text: pem });
    await record(page, 'idp-cert');
  });

  await step('dark mode on the IdP pages: switched on, kept after a reload, readable (axe contrast)', async () => {
    assert.deepEqual(await themeOf(page), { shown: 'light', saved: 'light' }, 'light by default when the browser prefers light');
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    assert.deepEqual(await themeOf(page), { shown: 'dark', saved: 'dark' });
    await record(page, 'idp-cert-dark');
    await page.reload();
    await page.getByRole('heading', { name: 'Cert admin/cert-built-in' }).waitFor();
    assert.deepEqual(await themeOf(page), { shown: 'dark', saved: 'dark' }, 'the choice is remembered');
    await page.goto(`${idp}/#/applications/app-hasura`);
    await page.getByRole('heading', { name: 'Application app-hasura' }).waitFor();
    await record(page, 'idp-application-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
    assert.deepEqual(await themeOf(page), { shown: 'light', saved: 'light' });
    // A browser that prefers dark gets dark pages without choosing (the sign-in page here).
    const night = await newSession(browser, { origins, colorScheme: 'dark' });
    t.after(() => night.context.close());
    await night.page.goto(`${idp}/`);
    await night.page.locator('#username').waitFor();
    assert.deepEqual(await themeOf(night.page), { shown: 'dark', saved: 'dark' });
    await record(night.page, 'idp-sign-in-dark');
    assert.deepEqual(night.problems, []);
  });

  await step('Sessions: the admin sign-in is listed; an organization without sessions says so', async () => {
    await page.goto(`${idp}/#/sessions`);
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'admin' });
    await row.first().waitFor();
    await record(page, 'idp-sessions');
    await pick(page, selectBox(page, '#org-select'), 'Hasura');
    await page.getByText('No sessions').waitFor();
    await record(page, 'idp-sessions-empty');
  });

  await step('console: enter the admin secret', async () => {
    await page.goto(consoleUrl);
    const dialog = page.getByRole('dialog');
    await dialog.locator('#admin-secret').waitFor();
    await record(page, 'console-admin-secret');
    await dialog.locator('#admin-secret').fill(ward.adminSecret);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Create table' }).first().waitFor();
    await page.getByText('No tables yet').waitFor();
    await record(page, 'console-data');
  });

  await step('console: create the table users (id text primary key, username text)', async () => {
    await page.getByRole('button', { name: 'Create table' }).first().click();
    await page.fill('#ct-name', 'users');
    await pick(page, selectBox(page, '[aria-label="Column 1 type"]'), 'TEXT');
    await page.getByRole('button', { name: 'Add column' }).click();
    await page.getByLabel('Column 2 name').fill('username');
    await pick(page, selectBox(page, '[aria-label="Column 2 type"]'), 'TEXT');
    await page.getByRole('checkbox', { name: 'Track this table' }).uncheck();
    const sql = await page.getByLabel('SQL to run').textContent();
    assert.match(sql, /CREATE TABLE "users" \(\s*"id" TEXT NOT NULL,\s*"username" TEXT,\s*PRIMARY KEY \("id"\)\s*\);/);
    await record(page, 'console-create-table');
    await page.getByRole('button', { name: 'Create table' }).last().click();
    await toast(page, 'Table created');
    await page.getByRole('heading', { name: 'main.users' }).waitFor();
    await page.getByText('not tracked').waitFor();
    await record(page, 'console-table-created');
  });

  await step('console: track users', async () => {
    await page.getByRole('button', { name: 'Track', exact: true }).click();
    await toast(page, 'Table tracked');
    await page.getByRole('tab', { name: 'Browse rows' }).waitFor();
    await record(page, 'console-table-tracked');
  });

  await step("console: insert the user's row and a dummy row", async () => {
    for (const [id, username] of [
      [story.userId, USER],
      ['dummy-user-id', 'dummy'],
    ]) {
      await page.getByRole('tab', { name: 'Insert row' }).click();
      await page.getByLabel('id', { exact: true }).fill(id);
      await page.getByLabel('username', { exact: true }).fill(username);
      if (username === USER) await record(page, 'console-insert-row');
      await page.locator('button[type=submit]', { hasText: /^Insert$/ }).click();
      await toast(page, 'Row inserted');
      await page.locator('.ant-message-notice').last().waitFor({ state: 'detached' });
    }
    await page.getByRole('tab', { name: 'Browse rows' }).click();
    await page.getByText('2 rows').waitFor();
    const cells = await page.locator('.ant-table-tbody td').allTextContents();
    for (const v of [story.userId, USER, 'dummy-user-id', 'dummy']) assert.ok(cells.includes(v), `${v} is shown`);
    await record(page, 'console-browse-rows');
  });

  await step('console: select permission for role user with the row filter', async () => {
    await page.getByRole('tab', { name: 'Permissions' }).click();
    await page.getByLabel('New role name').fill('user');
    await page.getByRole('button', { name: 'Add role' }).click();
    await page.getByText('Role "user": select permission on main.users').waitFor();
    await page.getByRole('button', { name: 'Condition' }).click();
    await page.locator('label.ant-radio-button-wrapper', { hasText: 'JSON' }).click();
    const json = await page.getByLabel('Boolean expression (JSON)').inputValue();
    assert.deepEqual(JSON.parse(json), { id: { _eq: 'X-Hasura-User-Id' } });
    await page.locator('label.ant-radio-button-wrapper', { hasText: 'Builder' }).click();
    await page.getByRole('button', { name: 'Toggle all on' }).click();
    await record(page, 'console-permission-edit');
    await page.getByRole('button', { name: 'Save permissions' }).click();
    await toast(page, 'Permission saved');
    await page.getByRole('button', { name: /^partial: edit select permission of role user/ }).waitFor();
    await record(page, 'console-permissions-grid');
  });

  await step('the user signs in at /login/oauth/authorize and lands on the engine /login page', async () => {
    const user = await newSession(browser, { origins });
    t.after(() => user.context.close());
    const authorize = new URL(`${idp}/login/oauth/authorize`);
    authorize.search = new URLSearchParams({
      client_id: story.clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'read',
      state: 'tutorial-state',
    }).toString();
    await user.page.goto(authorize.toString());
    await user.page.getByRole('heading', { name: /Hasura tutorial/ }).waitFor();
    await record(user.page, 'idp-authorize');
    await user.page.getByLabel('Username or email').fill(USER);
    await user.page.getByLabel('Password').fill(PASSWORD);
    await user.page.getByRole('button', { name: 'Sign in' }).click();
    await user.page.waitForURL(`${redirectUri}?**`);
    const landed = new URL(user.page.url());
    assert.equal(landed.searchParams.get('state'), 'tutorial-state');
    story.code = landed.searchParams.get('code');
    assert.match(story.code, /^[0-9a-f]{20,}$/);
    await user.page.getByText(story.code).first().waitFor();
    await user.page.getByText('Tokens').first().waitFor();
    await record(user.page, 'engine-login-landing');
    assert.deepEqual(user.problems, []);
  });

  await step("the IdP Tokens page lists the user's sign-in with its access token at once; the code exchange returns that token", async () => {
    await page.goto(`${idp}/#/tokens`);
    await page.getByRole('heading', { name: 'Tokens' }).waitFor();
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: story.code });
    await row.waitFor();
    const text = await row.textContent();
    for (const v of ['app-hasura', 'Hasura', USER]) assert.ok(text.includes(v), `the row shows ${v}`);
    // The IdP mints the access token with the code: the row has it before the code is redeemed.
    await row.getByRole('button', { name: 'Copy access token' }).waitFor();
    await record(page, 'idp-tokens-after-sign-in');
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Token / }).waitFor();
    assert.equal(await page.getByText('This row has no access token').count(), 0);
    await page.getByRole('button', { name: 'Copy access token' }).click();
    await toast(page, 'Copied');
    story.token = await clipboardText(page);
    assert.match(story.token, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a JWT');
    assert.equal(await page.locator('#access-token').inputValue(), story.token);
    const { header, payload } = JSON.parse(await page.getByLabel('Decoded access token').textContent());
    assert.equal(header.kid, 'cert-built-in');
    assert.equal(payload.id, story.userId);
    assert.equal(payload.name, USER);
    assert.equal(payload.owner, 'Hasura');
    assert.deepEqual(payload.roles, ['user']);
    await record(page, 'idp-token-of-the-code');
    // The application redeems the code and gets the very token the page showed.
    const r = await fetch(`${idp}/api/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: story.clientId, client_secret: story.clientSecret, code: story.code, redirect_uri: redirectUri }),
    });
    const tokens = await r.json();
    assert.equal(r.status, 200, JSON.stringify(tokens));
    assert.equal(tokens.access_token, story.token);
  });

  await step("Sessions: the user's sign-in is listed under Hasura", async () => {
    await page.goto(`${idp}/#/sessions?org=Hasura`);
    await page.getByRole('heading', { name: 'Sessions' }).waitFor();
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: USER });
    await row.waitFor();
    assert.ok((await row.textContent()).includes('Hasura'));
    await record(page, 'idp-sessions-user');
  });

  await step('the user, in the console API tab, signs in with "Sign in with Ward IdP" (PKCE)', async () => {
    // The user's own browser: no admin secret, so the secret dialog is left empty.
    const user = await newSession(browser, { origins });
    t.after(() => user.context.close());
    const p = user.page;
    await p.goto(`${consoleUrl}#/api`);
    await p.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await p.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await record(p, 'console-api');
    // The console knows the IdP the engine trusts: nothing to type but the client ID.
    await p.waitForFunction(() => document.querySelector('#idp-url')?.value);
    assert.equal(await p.locator('#idp-url').inputValue(), idp);
    await p.fill('#idp-client', story.clientId);
    await p.getByRole('button', { name: 'Sign in with Ward IdP' }).click();
    await p.waitForURL(`${idp}/login/oauth/authorize?**`);
    const authorize = new URL(p.url());
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('redirect_uri'), consoleUrl);
    await p.getByLabel('Username or email').fill(USER);
    await p.getByLabel('Password').fill(PASSWORD);
    await record(p, 'idp-authorize-pkce');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.waitForURL(`${consoleUrl}**`);
    await toast(p, 'Signed in: the Authorization header is set');
    const headersEditor = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
    const headers = JSON.parse(await editorValue(p, headersEditor));
    assert.deepEqual(Object.keys(headers), ['Authorization']);
    story.pkceToken = headers.Authorization.replace(/^Bearer /, '');
    await replaceEditorText(p, '.graphiql-query-editor', '{ users { id username } }');
    await runQuery(p);
    const result = JSON.parse(await editorValue(p, '.result-window'));
    assert.deepEqual(result, { data: { users: [{ id: story.userId, username: USER }] } });
    await record(p, 'console-api-pkce-user-query');
    assert.deepEqual(user.problems, []);
  });

  await step("the IdP Tokens page shows the token the console's sign-in received", async () => {
    await page.goto(`${idp}/#/tokens`);
    await page.getByRole('heading', { name: 'Tokens' }).waitFor();
    const row = page
      .locator('.ant-table-tbody tr.ant-table-row', { hasText: 'app-hasura' })
      .filter({ has: page.getByRole('button', { name: 'Copy access token' }) })
      // Not the row of the tutorial's first code: the one of the console's sign-in.
      .filter({ hasNotText: story.code });
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    await record(page, 'idp-tokens');
    await row.first().getByRole('link').first().click();
    await page.getByRole('heading', { name: /^Token / }).waitFor();
    await page.getByRole('button', { name: 'Copy access token' }).click();
    await toast(page, 'Copied');
    assert.equal(await clipboardText(page), story.pkceToken, 'the Tokens page shows the token the console received');
    const { payload } = JSON.parse(await page.getByLabel('Decoded access token').textContent());
    assert.equal(payload.id, story.userId);
    assert.equal(payload.name, USER);
    assert.deepEqual(payload.roles, ['user']);
    await record(page, 'idp-token-pkce');
  });

  await step('console API tab: Authorization header pasted by hand, { users { id username } } returns exactly one row', async () => {
    await page.goto(`${consoleUrl}#/api`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.getByRole('button', { name: 'Use admin secret' }).click();
    const headersEditor = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
    // The editors are built again with the admin secret in the headers.
    await page.waitForFunction(
      (sel) => document.querySelector(`${sel} .CodeMirror`)?.CodeMirror.getValue().includes('x-hasura-admin-secret'),
      headersEditor,
    );
    await replaceEditorText(page, '.graphiql-query-editor', '{ users { id username } }');
    await replaceEditorText(page, headersEditor, JSON.stringify({ Authorization: `Bearer ${story.token}` }));
    assert.deepEqual(JSON.parse(await editorValue(page, headersEditor)), { Authorization: `Bearer ${story.token}` });
    await runQuery(page);
    const result = JSON.parse(await editorValue(page, '.result-window'));
    assert.deepEqual(result, { data: { users: [{ id: story.userId, username: USER }] } });
    await record(page, 'console-api-user-query');
    // The admin secret sees both rows: the permission, not the data, hides the dummy row.
    await page.getByRole('button', { name: 'Use admin secret' }).click();
    await page.waitForFunction(
      (sel) => document.querySelector(`${sel} .CodeMirror`)?.CodeMirror.getValue().includes('x-hasura-admin-secret'),
      headersEditor,
    );
    await replaceEditorText(page, '.graphiql-query-editor', '{ users(order_by: {username: asc}) { username } }');
    await runQuery(page);
    assert.deepEqual(JSON.parse(await editorValue(page, '.result-window')), {
      data: { users: [{ username: USER }, { username: 'dummy' }] },
    });
    // GraphiQL stores its tab a moment after an edit, while it is on the page: the dark-mode step
    // comes back to this query.
    await page.waitForFunction(() => (localStorage.getItem('graphiql:tabState') ?? '').includes('order_by'));
  });

  // ---- the pages the tutorial does not need ----

  // The row of the console's browse table that shows `text`.
  const dataRow = (text) => page.locator('.ant-table-tbody tr.ant-table-row', { hasText: text });
  // The OK button of the open antd Popconfirm.
  const confirm = () => page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons').getByRole('button', { name: /^(OK|Delete)$/ }).click();
  // Opens a table of the console's Data page by its name in the tree.
  async function openTable(name) {
    await page.goto(`${consoleUrl}#/data`);
    // A fresh load reads the metadata again (tables tracked through the API a moment ago).
    await page.reload();
    await page.locator('.ant-tree-title', { hasText: new RegExp(`^${name}\\b`) }).first().click();
    await page.getByRole('heading', { name: `main.${name}` }).waitFor();
  }

  await step('console Relationships: posts.author (object) and users.posts (array) by column mapping', async () => {
    const sql = await adminPost(engine, '/v2/query', { type: 'run_sql', args: { source: 'default', sql: 'CREATE TABLE posts (id TEXT PRIMARY KEY, user_id TEXT, title TEXT)' } }, ward.adminSecret);
    assert.equal(sql.status, 200, JSON.stringify(sql.body));
    const tracked = await adminPost(engine, '/v1/metadata', { type: 'pg_track_table', args: { source: 'default', table: 'posts' } }, ward.adminSecret);
    assert.equal(tracked.status, 200, JSON.stringify(tracked.body));
    const inserted = await graphql(engine, `mutation { insert_posts_one(object: {id: "p1", user_id: "${story.userId}", title: "Hello"}) { id } }`, { headers: { 'x-hasura-admin-secret': ward.adminSecret } });
    assert.deepEqual(inserted.body, { data: { insert_posts_one: { id: 'p1' } } });

    await openTable('posts');
    await page.getByRole('tab', { name: 'Relationships' }).click();
    await page.getByText('No relationships').waitFor();
    await record(page, 'console-relationships-empty');
    await page.locator('label', { hasText: 'Manual column mapping' }).click();
    await page.fill('#rel-name', 'author');
    await pick(page, selectBox(page, '#rel-remote'), 'main.users');
    await page.fill('#rel-map', 'user_id->id');
    await record(page, 'console-relationship-edit');
    await page.getByRole('button', { name: 'Add relationship' }).click();
    await toast(page, 'Relationship added');
    await page.locator('.ant-table-tbody tr', { hasText: 'author' }).waitFor();
    await record(page, 'console-relationships');

    await openTable('users');
    await page.getByRole('tab', { name: 'Relationships' }).click();
    await page.locator('label', { hasText: 'Array (one-to-many)' }).click();
    await page.locator('label', { hasText: 'Manual column mapping' }).click();
    await page.fill('#rel-name', 'posts');
    await pick(page, selectBox(page, '#rel-remote'), 'main.posts');
    await page.fill('#rel-map', 'id->user_id');
    await page.getByRole('button', { name: 'Add relationship' }).click();
    await toast(page, 'Relationship added');
    await page.locator('.ant-table-tbody tr', { hasText: 'array' }).waitFor();

    const admin = { headers: { 'x-hasura-admin-secret': ward.adminSecret } };
    assert.deepEqual((await graphql(engine, '{ posts { title author { username } } }', admin)).body, { data: { posts: [{ title: 'Hello', author: { username: USER } }] } });
    assert.deepEqual((await graphql(engine, `{ users(where: {username: {_eq: "${USER}"}}) { posts { title } } }`, admin)).body, { data: { users: [{ posts: [{ title: 'Hello' }] }] } });
  });

  await step('console Data: edit a row and delete a row', async () => {
    await openTable('users');
    await page.getByText('2 rows').waitFor();
    await dataRow('dummy-user-id').getByRole('button', { name: 'Edit row' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Edit row').waitFor();
    assert.equal(await dialog.getByLabel('id', { exact: true }).inputValue(), 'dummy-user-id');
    await dialog.getByLabel('username', { exact: true }).fill('dummy-renamed');
    await record(page, 'console-edit-row');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Row updated');
    await dataRow('dummy-renamed').waitFor();
    await record(page, 'console-row-updated');
    await dataRow('dummy-user-id').getByRole('button', { name: 'Delete row' }).click();
    await page.getByText('Delete this row?').waitFor();
    await record(page, 'console-delete-row');
    await confirm();
    await toast(page, 'Row deleted');
    await page.getByText('1 row', { exact: true }).waitFor();
    assert.equal(await dataRow('dummy-user-id').count(), 0);
    const left = await graphql(engine, '{ users { id username } }', { headers: { 'x-hasura-admin-secret': ward.adminSecret } });
    assert.deepEqual(left.body, { data: { users: [{ id: story.userId, username: USER }] } });
  });

  await step('dark mode in the console: Data and API pages readable (axe contrast), kept after a reload', async () => {
    assert.deepEqual(await themeOf(page), { shown: 'light', saved: 'light' });
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    assert.deepEqual(await themeOf(page), { shown: 'dark', saved: 'dark' });
    await page.getByText('1 row', { exact: true }).waitFor();
    await record(page, 'console-browse-rows-dark');
    // GraphiQL stored its tab with the query of the API step: coming back must show that query
    // in one editor, not a second tab (GraphiQL's tab bar fails axe).
    assert.match(await page.evaluate(() => localStorage.getItem('graphiql:tabState') ?? ''), /order_by/);
    await page.goto(`${consoleUrl}#/api`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    assert.equal(await page.locator('.graphiql-tab').count(), 0, 'one editor, no tab bar');
    assert.match(await page.locator('.graphiql-query-editor .CodeMirror').innerText(), /username/);
    assert.deepEqual(await themeOf(page), { shown: 'dark', saved: 'dark' }, 'the choice is remembered');
    assert.ok(await page.evaluate(() => document.body.classList.contains('graphiql-dark')), 'GraphiQL is dark too');
    await record(page, 'console-api-dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
    assert.deepEqual(await themeOf(page), { shown: 'light', saved: 'light' });
  });

  await step('console Settings: export, reload, import with an inconsistent object, drop it', async () => {
    await page.goto(`${consoleUrl}#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByText('The metadata is consistent.').waitFor();
    await record(page, 'console-settings');
    const file = await downloadOf(page, page.getByRole('button', { name: 'Export metadata' }));
    assert.match(file.name, /^metadata-.*\.json$/);
    const exported = JSON.parse(file.text);
    const source = exported.sources.find((x) => x.name === 'default');
    const tableNamed = (n) => source.tables.find((x) => (x.table.name ?? x.table) === n);
    assert.deepEqual(tableNamed('posts').object_relationships.map((r) => r.name), ['author']);
    assert.deepEqual(tableNamed('users').array_relationships.map((r) => r.name), ['posts']);
    assert.deepEqual(tableNamed('users').select_permissions.map((p) => p.role), ['user']);

    await page.getByRole('button', { name: 'Reload metadata' }).click();
    await toast(page, 'Metadata reloaded');

    // The export with one more table that the database does not have.
    const ghost = structuredClone(tableNamed('posts'));
    ghost.table = typeof ghost.table === 'string' ? 'ghost' : { ...ghost.table, name: 'ghost' };
    delete ghost.object_relationships;
    source.tables.push(ghost);
    const dir = mkdtempSync(join(tmpdir(), 'ward-browser-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify(exported));
    await page.getByRole('checkbox', { name: 'Allow inconsistent metadata on import' }).check();
    await page.locator('input[aria-label="Metadata file to import"]').setInputFiles(join(dir, 'metadata.json'));
    await toast(page, 'Metadata imported');
    const bad = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'ghost' });
    await bad.waitFor();
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 1, 'only the ghost table is inconsistent');
    await record(page, 'console-settings-inconsistent');
    // Importing the export as it was makes the metadata consistent again. (The page's "Delete all
    // inconsistent objects" needs Hasura's drop_inconsistent_metadata, which the engine lacks.)
    writeFileSync(join(dir, 'exported.json'), file.text);
    await page.locator('input[aria-label="Metadata file to import"]').setInputFiles(join(dir, 'exported.json'));
    await page.getByText('The metadata is consistent.').waitFor();
    assert.equal(await bad.count(), 0);
    // Everything else survived the round trip.
    const admin = { headers: { 'x-hasura-admin-secret': ward.adminSecret } };
    assert.deepEqual((await graphql(engine, '{ posts { title author { username } } }', admin)).body, { data: { posts: [{ title: 'Hello', author: { username: USER } }] } });
  });

  await step('IdP Users: a list of 251 users pages, sorts and searches on the server', async () => {
    await page.goto(`${idp}/#/users?org=Hasura`);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    // 250 more users through the admin API, as the admin's own browser session.
    const added = await page.evaluate(async () => {
      const out = [];
      for (let batch = 0; batch < 10; batch++) {
        const replies = await Promise.all(
          Array.from({ length: 25 }, (_, i) => {
            const n = String(batch * 25 + i + 1).padStart(4, '0');
            return fetch('api/add-user', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ owner: 'Hasura', name: `bulk-${n}`, displayName: `Bulk user ${n}`, type: 'normal-user', email: `bulk-${n}@example.com` }),
            }).then((r) => r.json());
          }),
        );
        out.push(...replies.map((r) => `${r.status}:${r.data}`));
      }
      return out;
    });
    assert.deepEqual([...new Set(added)], ['ok:Affected']);
    await page.getByRole('button', { name: /^(reload )?Refresh$/ }).click();
    await page.getByText('251 in total').waitFor();
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 20);
    await record(page, 'idp-users-many');
    // 100 a page, then the last page.
    await pick(page, page.locator('.ant-pagination-options .ant-select'), '100 / page');
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 100);
    await page.locator('.ant-pagination-item-3').click();
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 51);
    await record(page, 'idp-users-last-page');
    // Sorted by name, descending: bulk-0250 first (on page 1 again).
    await page.locator('.ant-table-thead th', { hasText: /^Name$/ }).first().click();
    await page.locator('.ant-table-thead th', { hasText: /^Name$/ }).first().click();
    await page.waitForFunction(() => document.querySelector('.ant-table-tbody tr.ant-table-row')?.textContent.includes('bulk-0250'));
    // Search on the server.
    await page.getByRole('searchbox', { name: 'Search' }).fill('bulk-0123');
    await page.keyboard.press('Enter');
    await page.getByText('1 in total').waitFor();
    // The rows of the answer may render a frame after its total.
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody tr.ant-table-row').length === 1);
    await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'bulk-0123' }).waitFor();
    await record(page, 'idp-users-search');
    await page.getByRole('searchbox', { name: 'Search' }).fill('no-such-user');
    await page.keyboard.press('Enter');
    await page.getByText('Nothing here yet').waitFor();
    await record(page, 'idp-users-search-empty');
  });

  await step('server errors: the pages say what failed, keep working and recover with Retry', async () => {
    // The IdP answers a list with a bare 500.
    await page.goto(`${idp}/#/users?org=Hasura`);
    await page.reload();
    await page.getByText('251 in total').waitFor();
    await page.route('**/api/get-users?**', (route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'database is locked' }));
    await page.getByRole('button', { name: /^(reload )?Refresh$/ }).click();
    await page.getByRole('alert').filter({ hasText: 'HTTP 500: database is locked' }).waitFor();
    await page.getByText('Could not load').waitFor();
    await record(page, 'idp-users-server-error');
    await page.unroute('**/api/get-users?**');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('251 in total').waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'HTTP 500' }).count(), 0);

    // The engine answers GraphQL with an error envelope, then with a 502 from a proxy.
    await openTable('users');
    await page.getByText('1 row', { exact: true }).waitFor();
    await page.route('**/v1/graphql', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'database query error', extensions: { path: '$', code: 'unexpected' } }] }) }));
    await page.getByRole('button', { name: /^(reload )?Refresh$/ }).click();
    await page.getByRole('alert').filter({ hasText: 'database query error' }).waitFor();
    await page.getByText('Could not load rows').waitFor();
    await record(page, 'console-rows-server-error');
    await page.unroute('**/v1/graphql');
    await page.route('**/v1/graphql', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body>Bad Gateway</body></html>' }));
    await page.getByRole('button', { name: /^(reload )?Refresh$/ }).click();
    await page.getByRole('alert').filter({ hasText: '502' }).waitFor();
    await page.unroute('**/v1/graphql');
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('1 row', { exact: true }).waitFor();
    // An empty table filter and an empty relationship list say so.
    await page.goto(`${consoleUrl}#/data`);
    await page.getByRole('searchbox', { name: 'Filter tables' }).fill('zzz');
    await page.getByText('No table matches').waitFor();
    await record(page, 'console-tables-filter-empty');
  });

  await step('no page loaded anything from outside Ward and no page threw', async () => {
    assert.deepEqual(admin.problems, []);
  });
});
