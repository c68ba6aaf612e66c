// Browser check of the built pages: loads every page in headless Chromium, runs axe-core
// (fails on serious or critical violations), flags any request that leaves the two servers
// (no CDN), and walks the main flows (deep link, sign-in error and sign-in, PKCE sign-in with
// Ward IdP, browse/sort/page/filter/edit/insert rows, permissions editor).
//
//   node scripts/ui-check.mjs --idp http://127.0.0.1:4100/ --engine http://127.0.0.1:4180/ \
//        [--dark] [--chromium /usr/bin/chromium] [--shots DIR] [--user admin --password 123] [--secret S]
//
// Written for scripts/mock-server.mjs (`npm run mock`); against the real servers, pass the
// admin password and secret. Chromium comes from the system (apt-get install chromium).
import puppeteer from 'puppeteer-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const argv = process.argv.slice(2);
const opt = (n, d) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : d);
const IDP = opt('--idp', 'http://127.0.0.1:4100/');
const ENG = opt('--engine', 'http://127.0.0.1:4180/');
const DARK = argv.includes('--dark');
const SHOTS = opt('--shots', '');
const USER = opt('--user', 'admin');
const PASS = opt('--password', '123');
const SECRET = opt('--secret', 'secret');
const axeSrc = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

const browser = await puppeteer.launch({ executablePath: opt('--chromium', '/usr/bin/chromium'), args: ['--no-sandbox', '--disable-gpu'], headless: true });
const page = await browser.newPage();
await page.setViewport({ width: 1400, height: 900 });
const problems = [];
const allowed = [new URL(IDP).origin, new URL(ENG).origin];
page.on('pageerror', (e) => problems.push('page error: ' + e.message));
page.on('console', (m) => m.type() === 'error' && problems.push('console error: ' + m.text()));
page.on('request', (r) => {
  const u = r.url();
  if (!/^(data|blob|about):/.test(u) && !allowed.some((o) => u.startsWith(o))) problems.push('request outside the servers: ' + u);
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const idle = () => page.waitForNetworkIdle({ idleTime: 300, timeout: 15000 }).catch(() => {});
let pages = 0, serious = 0;

async function axe(name) {
  await sleep(600);
  await page.addScriptTag({ content: axeSrc });
  const res = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  pages++;
  serious += bad.length;
  console.log(`${bad.length ? 'FAIL' : 'ok  '} axe ${name}${DARK ? ' (dark)' : ''}: ${res.violations.length} violations, ${bad.length} serious/critical`);
  for (const v of res.violations) {
    console.log(`       [${v.impact}] ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 3)) console.log('         ', n.target.join(' '), (n.any[0]?.message ?? '').slice(0, 140));
  }
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name.replace(/\W+/g, '_')}${DARK ? '-dark' : ''}.png` });
}
async function open(url) {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForNetworkIdle({ idleTime: 300, timeout: 15000 }).catch(() => {});
}
function step(name, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ': ' + detail : ''}`);
  if (!ok) problems.push('step failed: ' + name);
}

// ---------------------------------------------------------------- IdP
await open(IDP);
await page.evaluate((d) => localStorage.setItem('ward.theme', d ? 'dark' : 'light'), DARK);
await open(IDP);
if (await page.$('#username')) {
  await page.type('#username', USER);
  await page.type('#password', PASS);
  await page.click('button[type=submit]');
  await page.waitForSelector('text/Sign out');
}
for (const r of ['organizations', 'applications', 'users', 'roles', 'certs', 'tokens', 'sessions', 'account']) {
  await open(IDP + '#/' + r);
  await axe('idp ' + r);
  if (r === 'account') continue;
  const first = await page.$('.ant-table-tbody tr.ant-table-row a[href^="#/"]');
  if (first) {
    await first.click();
    await idle();
    await axe('idp ' + r + ' edit');
  }
}
await open(IDP + 'users/built-in/' + USER);
step('SPA fallback deep link becomes a hash route', page.url().includes('#/users/built-in/' + USER), page.url());
await (await page.waitForSelector('text/Modify password')).click();
await page.waitForSelector('.ant-modal input[type=password]');
await axe('idp modify password dialog');
await page.keyboard.press('Escape');
await open(IDP + '#/users');
await (await page.waitForSelector('button ::-p-text(Add)')).click();
await page.waitForSelector('.ant-modal input');
await axe('idp add user dialog');
await page.keyboard.press('Escape');
await open(IDP + 'users/built-in/' + USER);
await (await page.waitForSelector('text/Sign out')).click();
await page.waitForSelector('#username');
await axe('idp sign-in');
await page.type('#username', USER);
await page.type('#password', PASS + '-wrong');
await page.click('button[type=submit]');
await page.waitForSelector('[role=alert]');
step('wrong password shows the server message inline', true, await page.$eval('[role=alert]', (e) => e.textContent));
await page.click('#password', { clickCount: 3 });
await page.keyboard.press('Backspace');
await page.type('#password', PASS);
await page.click('button[type=submit]');
await page.waitForSelector('text/Sign out');
step('sign-in', true);

// ---------------------------------------------------------------- console
await open(ENG + 'console/');
await page.evaluate((d, s, idp) => {
  localStorage.setItem('ward.theme', d ? 'dark' : 'light');
  localStorage.setItem('ward.console.adminSecret', s);
  localStorage.removeItem('ward.console.headers');
  localStorage.setItem('ward.console.idp', JSON.stringify({ url: idp, clientId: '', scope: 'openid profile' }));
}, DARK, SECRET, IDP.replace(/\/$/, ''));
for (const r of ['data', 'api', 'settings']) {
  await open(ENG + 'console/#/' + r);
  if (r === 'api') await sleep(1000);
  await axe('console ' + r);
}
await open(ENG + 'console/#/data');
const tableLink = await page.waitForSelector('.ant-tree-treenode-leaf .ant-tree-title');
const tname = await tableLink.evaluate((e) => e.textContent);
const t0 = Date.now();
await tableLink.click();
await idle();
step('open a table', true, `${tname} in ${Date.now() - t0} ms`);
await axe('console browse rows');
const edit = await page.$('button[aria-label="Edit row"]');
if (edit) {
  await edit.click();
  await page.waitForSelector('.ant-modal input');
  await axe('console edit row dialog');
  await page.keyboard.press('Escape');
  await sleep(300);
}
const th = await page.$('.ant-table-thead th.ant-table-column-has-sorters');
if (th) {
  await th.click();
  await idle();
  await th.click();
  await idle();
  step('sort descending', !(await page.$('.ant-alert-error')));
}
const next = await page.$('li.ant-pagination-next:not(.ant-pagination-disabled)');
if (next) {
  await next.click();
  await idle();
  step('next page', !(await page.$('.ant-alert-error')));
}
await (await page.waitForSelector('text/Permissions')).click();
const cell = await page.waitForSelector('button[aria-label*="edit select permission"]');
await cell.click();
await sleep(300);
await axe('console permissions');
await (await page.waitForSelector('button ::-p-text(Copy to)')).click();
await page.waitForSelector('.ant-modal #copy-targets');
await axe('console copy permission dialog');
await page.keyboard.press('Escape');
await sleep(300);
await (await page.waitForSelector('text/Create table')).click();
await axe('console create table');

// PKCE sign-in with Ward IdP (the IdP session from above signs in at once where the IdP allows)
await open(ENG + 'console/#/api');
await (await page.waitForSelector('text/Sign in with Ward IdP')).click();
await page.waitForNavigation({ waitUntil: 'networkidle0', timeout: 15000 }).catch(() => {});
await sleep(1500);
const headers = await page.evaluate(() => localStorage.getItem('ward.console.headers') ?? '');
step('sign in with Ward IdP fills the Authorization header', /Bearer /.test(headers) && page.url().includes('#/api'), page.url());

await browser.close();
for (const p of [...new Set(problems)]) console.log('problem:', p);
console.log(`${pages} pages checked with axe, ${serious} serious/critical violations, ${problems.length} problems`);
process.exit(serious || problems.length ? 1 : 0);
