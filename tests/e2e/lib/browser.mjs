// Browser harness for the browser_*.test.mjs suites: Debian's Chromium (scripts/install-deps)
// driven by playwright-core, an axe-core check that fails on serious or critical violations, and
// numbered screenshots kept under tests/artifacts/browser/<suite>/ (git-ignored) for each step.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const artifactsDir = join(repo, 'tests/artifacts/browser');

export function chromiumPath() {
  const path = process.env.WARD_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: run scripts/install-deps (or set WARD_CHROMIUM)`);
  }
  return path;
}

// Starts headless Chromium. The caller closes it (t.after(() => browser.close())).
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

// A fresh browser context (its own cookies and localStorage, like another person's browser) with
// clipboard access, so that the pages' copy buttons can be used and their result read back.
// `origins` are the only origins the pages may load from (Ward works offline: no CDN).
// `colorScheme` is what the browser reports as prefers-color-scheme ('light' unless told).
export async function newSession(browser, { origins, colorScheme = 'light' }) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme, acceptDownloads: true });
  for (const origin of origins) {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  }
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (/^(data|blob|about):/.test(url)) return;
    if (!origins.some((o) => url.startsWith(o))) problems.push(`request outside Ward: ${url}`);
  });
  return { context, page, problems };
}

// Runs axe-core on the page and asserts that no serious or critical violation is found.
// Returns every violation (for the report of minor ones).
export async function assertAccessible(page, name) {
  // evaluate (not a <script> tag) so that a Content-Security-Policy of the page does not stop it.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    // Elements in the middle of an antd enter/leave animation (a toast fading out) have a
    // passing opacity; they are measured once they are shown, not while they come or go.
    const moving = [...document.querySelectorAll('[class*="-leave"], [class*="-enter"], [class*="-appear"]')];
    const context = moving.length ? { include: [document], exclude: moving } : document;
    const r = await window.axe.run(context, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1).join(' ')}`),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.join('\n    ')}`),
    [],
    `axe-core: serious or critical accessibility violations on ${name}`,
  );
  return result;
}

let shot = 0;
let shotsDir = artifactsDir;

// Keeps this suite's screenshots in tests/artifacts/browser/<suite>/, emptied first, so that a run
// leaves exactly its own numbered steps (suites run in parallel, each in its own folder).
export function useArtifactsFolder(suite) {
  shotsDir = join(artifactsDir, suite);
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  shot = 0;
  return shotsDir;
}

// Saves a full-page screenshot as tests/artifacts/browser/[<suite>/]NN-name.png.
export async function screenshot(page, name) {
  mkdirSync(shotsDir, { recursive: true });
  shot += 1;
  const file = join(shotsDir, `${String(shot).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// One tutorial step's evidence: waits for the page to settle, takes the screenshot and runs axe.
export async function record(page, name) {
  await page.waitForLoadState('networkidle').catch(() => {});
  // antd's entrance animations (modals, messages) must end before axe measures contrast.
  await page.waitForTimeout(400);
  await screenshot(page, name);
  return assertAccessible(page, name);
}

// Clicks `button` and returns { name, text } of the file the page downloads.
export async function downloadOf(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

// The page's colour mode as the pages set it (html[data-theme]) and as they remember it.
export async function themeOf(page) {
  return page.evaluate(() => ({ shown: document.documentElement.dataset.theme, saved: localStorage.getItem('ward.theme') }));
}

// The text the page's last copy button put on the clipboard.
export async function clipboardText(page) {
  return page.evaluate(() => navigator.clipboard.readText());
}

// Steps of one browser story, each a subtest of `t`: after a failure the later steps fail at once
// (instead of timing out one by one), and the failing page is kept as a screenshot.
export function stepRunner(t, page) {
  let broken = false;
  return (name, fn) =>
    t.test(name, async () => {
      assert.ok(!broken, 'an earlier step failed');
      try {
        await fn();
      } catch (e) {
        broken = true;
        await screenshot(page, `FAILED-${name.slice(0, 40)}`).catch(() => {});
        throw e;
      }
    });
}

// Waits for an antd message (toast) with this text.
export const toast = (page, text) => page.locator('.ant-message-notice', { hasText: text }).first().waitFor();

// The text of a GraphiQL (CodeMirror 5) editor.
export const editorValue = (page, selector) => page.$eval(`${selector} .CodeMirror`, (el) => el.CodeMirror.getValue());

// The console-at-scale data set (issue 6: "1,000 tracked tables and 100k rows in a table"), made
// through the engine's own API as a user would: one run_sql with `tables` empty tables t0000…,
// one run_sql that fills big_table (id, label, score) with `rows` rows, and one /v1/metadata
// bulk that tracks them all. Used by browser_scale.test.mjs and bench/console/run.
// Returns { tables: [names], big: 'big_table', rows }.
export async function createScaleData(engineUrl, adminSecret, { tables = 1000, rows = 100000 } = {}) {
  const post = async (path, body) => {
    const r = await fetch(`${engineUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hasura-admin-secret': adminSecret },
      body: JSON.stringify(body),
    });
    const json = await r.json();
    if (r.status !== 200) throw new Error(`${path} ${body.type}: HTTP ${r.status} ${JSON.stringify(json).slice(0, 300)}`);
    return json;
  };
  const names = Array.from({ length: tables }, (_, i) => `t${String(i).padStart(4, '0')}`);
  const ddl = names.map((n) => `CREATE TABLE ${n} (id integer PRIMARY KEY, name text);`).join('\n');
  await post('/v2/query', { type: 'run_sql', args: { source: 'default', sql: ddl } });
  await post('/v2/query', {
    type: 'run_sql',
    args: {
      source: 'default',
      sql:
        'CREATE TABLE big_table (id integer PRIMARY KEY, label text NOT NULL, score integer NOT NULL);\n' +
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows}) ` +
        "INSERT INTO big_table (id, label, score) SELECT i, 'row ' || i, (i * 7919) % 1000 FROM n;",
    },
  });
  const track = [...names, 'big_table'].map((table) => ({ type: 'pg_track_table', args: { source: 'default', table } }));
  const done = await post('/v1/metadata', { type: 'bulk', args: track });
  if (done.length !== track.length) throw new Error(`bulk tracked ${done.length} of ${track.length} tables`);
  return { tables: names, big: 'big_table', rows };
}
