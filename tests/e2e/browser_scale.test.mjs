// The console at scale (issue 6: "the console stays responsive with 1,000 tracked tables and 100k
// rows in a table"), in Chromium against the real `ward up`: 1,000 tracked tables and one table of
// 100,000 rows, made through /v2/query run_sql and a /v1/metadata bulk. What it checks is
// behaviour, not time: the Data page lists the tables in a virtual list (a few dozen nodes in the
// page, not a thousand), the filter finds t0999, the big table opens on its first page with the
// total row count, next page, last page and sorting ask the server for one page at a time
// (limit/offset and an aggregate count; never every row), the Permissions tab and the API page
// (GraphiQL over the whole schema) open, nothing is logged as an error and axe-core finds no
// serious or critical violation. bench/console/run measures the same steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWard } from './lib/ward.mjs';
import { createScaleData, editorValue, launchBrowser, newSession, record, stepRunner, useArtifactsFolder } from './lib/browser.mjs';

// The text of the cells of the browse table's first row (after the Actions column).
const firstRow = async (page) => (await page.locator('.ant-table-tbody tr.ant-table-row').first().locator('td').allTextContents()).slice(1);

test('the console with 1,000 tracked tables and a table of 100,000 rows', { timeout: 300000 }, async (t) => {
  const ward = await startWard({
    command: 'up',
    env: process.env.WARD_WEB_DIR ? { WARD_WEB_DIR: process.env.WARD_WEB_DIR } : {},
  });
  t.after(() => ward.stop());
  const data = await createScaleData(ward.engineUrl, ward.adminSecret, { tables: 1000, rows: 100000 });
  assert.equal(data.tables.length, 1000);

  useArtifactsFolder('scale');
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const session = await newSession(browser, { origins: [ward.engineUrl, ward.idpUrl] });
  const page = session.page;
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  // Every GraphQL request the console sends, to check that rows are only ever read a page at a time.
  const queries = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/v1/graphql') && r.method() === 'POST') queries.push(JSON.parse(r.postData() ?? '{}').query ?? '');
  });
  // GraphiQL's introspections of the whole schema (27 MB with these tables).
  const introspections = () => queries.filter((q) => q.includes('__schema')).length;
  const consoleUrl = `${ward.engineUrl}/console/`;
  const step = stepRunner(t, page);
  // The tables' nodes of the tree (leaves; the schema node "main (n)" is their parent).
  const treeTitles = () => page.locator('.ant-tree-treenode-leaf .ant-tree-title');

  await step('the Data page lists 1,001 tracked tables in a virtual list', async () => {
    await page.goto(consoleUrl);
    const dialog = page.getByRole('dialog');
    await dialog.locator('#admin-secret').fill(ward.adminSecret);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('1001 tracked of 1001 tables.').waitFor();
    await page.getByText('main (1001)').waitFor();
    await treeTitles().filter({ hasText: /^t0000\b/ }).waitFor();
    const shown = await treeTitles().count();
    assert.ok(shown > 5 && shown < 100, `the tree renders only what is in view (${shown} nodes)`);
    await record(page, 'scale-data');
  });

  await step('the filter finds t0999', async () => {
    await page.getByRole('searchbox', { name: 'Filter tables' }).fill('0999');
    await page.getByText('main (1)').waitFor();
    assert.deepEqual(await treeTitles().allTextContents(), ['t0999 ']);
    await treeTitles().first().click();
    await page.getByRole('heading', { name: 'main.t0999' }).waitFor();
    await page.getByText('No rows').waitFor();
    await record(page, 'scale-filter-t0999');
  });

  await step('opening the 100k-row table shows its first page and the row count', async () => {
    await page.getByRole('searchbox', { name: 'Filter tables' }).fill('big');
    await page.getByText('main (1)').waitFor();
    await treeTitles().filter({ hasText: /^big_table\b/ }).click();
    await page.getByRole('heading', { name: 'main.big_table' }).waitFor();
    await page.getByText('100000 rows').waitFor();
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 20);
    assert.deepEqual(await firstRow(page), ['1', 'row 1', '919']);
    await page.locator('.ant-pagination-item-5000').waitFor();
    await record(page, 'scale-big-table');
  });

  await step('next page, last page', async () => {
    await page.locator('.ant-pagination-next').click();
    await page.waitForFunction(() => document.querySelector('.ant-table-tbody tr.ant-table-row td:nth-child(2)')?.textContent === '21');
    await page.locator('.ant-pagination-item-5000').click();
    await page.waitForFunction(() => document.querySelector('.ant-table-tbody tr.ant-table-row td:nth-child(2)')?.textContent === '99981');
    assert.equal(await page.locator('.ant-table-tbody tr.ant-table-row').count(), 20);
    assert.deepEqual((await page.locator('.ant-table-tbody tr.ant-table-row').last().locator('td').allTextContents()).slice(1), ['100000', 'row 100000', '0']);
    await record(page, 'scale-big-table-last-page');
  });

  await step('sorting by a column reads the sorted first page from the server', async () => {
    const score = page.locator('.ant-table-thead th', { hasText: /^score$/ });
    await score.click();
    // Ascending, back on page 1: the smallest score first (ties in any order).
    await page.waitForFunction(() => document.querySelector('.ant-table-tbody tr.ant-table-row td:nth-child(4)')?.textContent === '0');
    await page.locator('.ant-pagination-item-1.ant-pagination-item-active').waitFor();
    await score.click();
    await page.waitForFunction(() => document.querySelector('.ant-table-tbody tr.ant-table-row td:nth-child(4)')?.textContent === '999');
    await page.getByText('100000 rows').waitFor();
    await record(page, 'scale-big-table-sorted');
  });

  await step('the Permissions tab of the big table opens', async () => {
    await page.getByRole('tab', { name: 'Permissions' }).click();
    await page.getByLabel('New role name').waitFor();
    assert.equal(await page.getByText('full (admin)').count(), 4, 'admin: one cell per action');
    await record(page, 'scale-permissions');
  });

  await step('the API page opens over the whole schema and runs a query', async () => {
    await page.goto(`${consoleUrl}#/api`);
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.evaluate(() => {
      document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ t0999 { id } big_table_aggregate { aggregate { count } } }');
      document.querySelector('.result-window .CodeMirror')?.CodeMirror.setValue('');
    });
    await page.locator('.graphiql-execute-button').click();
    await page.waitForFunction(() => document.querySelector('.result-window .CodeMirror')?.CodeMirror.getValue().trim().startsWith('{'));
    assert.deepEqual(JSON.parse(await editorValue(page, '.result-window')), { data: { t0999: [], big_table_aggregate: { aggregate: { count: 100000 } } } });
    assert.equal(introspections(), 1, 'the schema was introspected once');
    await record(page, 'scale-api');
  });

  await step('typing a header does not introspect the schema again on every keystroke', async () => {
    // "x-hasura-role": "admin" typed one letter at a time, each a valid, different header set.
    const before = introspections();
    for (const role of ['a', 'ad', 'adm', 'admi', 'admin']) {
      await page.evaluate(
        ([secret, value]) =>
          document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').CodeMirror.setValue(JSON.stringify({ 'x-hasura-admin-secret': secret, 'x-hasura-role': value }, null, 2)),
        [ward.adminSecret, role],
      );
      await page.waitForTimeout(100);
    }
    // Once the editor rests, the schema is fetched again once, for the headers as they are now.
    for (let waited = 0; introspections() === before && waited < 10000; waited += 100) await page.waitForTimeout(100);
    await page.waitForTimeout(1500);
    assert.equal(introspections(), before + 1, 'one introspection for the new headers, not one per keystroke');
  });

  await step('rows were only read a page at a time, and nothing failed in the page', async () => {
    const rowReads = queries.filter((q) => /rows: big_table\(/.test(q));
    assert.ok(rowReads.length >= 4, `the console read pages of big_table (${rowReads.length} reads)`);
    for (const q of rowReads) assert.match(q, /limit: 20, offset: \d+/);
    assert.deepEqual(session.problems, []);
    assert.deepEqual(consoleErrors, []);
  });
});
