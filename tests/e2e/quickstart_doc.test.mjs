// docs/quickstart.md cannot rot: every ```sh block of it runs, in order, in one bash against a
// `ward up` started the way the document's ```console block starts it. The document's URLs name
// the default ports (8000, 8080); the test rewrites them to the ports of its own `ward up`. A
// block followed by a ```text output or ```json output block must print exactly that (JSON is
// compared as values, one document per line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startWard } from './lib/ward.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const docPath = join(repo, 'docs/quickstart.md');

// Fenced blocks in document order: { info ("sh", "text output" …), body, line }.
function fencedBlocks(markdown) {
  const blocks = [];
  const re = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;
  for (const m of markdown.matchAll(re)) {
    blocks.push({
      info: m[1].trim(),
      body: m[2],
      line: markdown.slice(0, m.index).split('\n').length,
    });
  }
  return blocks;
}

function runBash(script, cwd, timeoutMs) {
  return new Promise((ok) => {
    const child = spawn('bash', ['-c', script], {
      cwd,
      env: { PATH: process.env.PATH, HOME: cwd, LC_ALL: 'C.UTF-8' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      ok({ code, signal, stderr });
    });
  });
}

function assertOutput(actual, expected, where) {
  if (expected.info === 'text output') {
    assert.equal(actual.trim(), expected.body.trim(), where);
    return;
  }
  const lines = (text) =>
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const parse = (l) => {
    try {
      return JSON.parse(l);
    } catch {
      assert.fail(`${where}: not JSON: ${l}`);
    }
  };
  assert.deepEqual(lines(actual).map(parse), lines(expected.body).map(parse), where);
}

test('docs/quickstart.md: every sh block runs against ward up and prints what the document says', async () => {
  const doc = readFileSync(docPath, 'utf8');
  const blocks = fencedBlocks(doc);
  const start = blocks.find((b) => b.info === 'console' && /\bscripts\/up\b/.test(b.body));
  assert.ok(start, 'the document shows how to start Ward');
  const adminPassword = /WARD_ADMIN_PASSWORD=(\S+)/.exec(start.body)?.[1];
  assert.ok(adminPassword, 'the start command sets WARD_ADMIN_PASSWORD');

  const ward = await startWard({ command: 'up', env: { WARD_ADMIN_PASSWORD: adminPassword } });
  try {
    const ports = (text) =>
      text
        .replaceAll('localhost:8000', `localhost:${ward.idpPort}`)
        .replaceAll('localhost:8080', `localhost:${ward.enginePort}`);
    const outDir = join(ward.dir, 'quickstart-out');
    mkdirSync(outDir);
    const steps = [];
    let script = 'set -euo pipefail\n';
    blocks.forEach((block, i) => {
      if (block.info !== 'sh') return;
      const next = blocks[i + 1];
      const expected = next && /^(text|json) output$/.test(next.info) ? next : undefined;
      const out = join(outDir, `${steps.length}.out`);
      steps.push({ block, expected, out });
      // A group, not a subshell: variables and functions carry over to the next block.
      script += `{\n${ports(block.body)}\n} > '${out}'\n`;
    });
    assert.ok(steps.length >= 8, `${steps.length} sh blocks`);
    assert.ok(
      steps.filter((s) => s.expected).length >= 8,
      'the document shows what its commands print',
    );
    writeFileSync(join(outDir, 'script.sh'), script);

    const run = await runBash(script, ward.dir, 120000);
    const reached = steps.filter((s) => existsSync(s.out)).length;
    const failedAt = steps[Math.max(0, reached - 1)].block.line;
    assert.equal(
      run.code,
      0,
      `the sh block at docs/quickstart.md:${failedAt} failed (${run.signal ?? run.code}):\n${run.stderr}`,
    );
    assert.equal(run.stderr, '', 'the commands print no errors');
    for (const step of steps) {
      if (!step.expected) continue;
      assertOutput(
        readFileSync(step.out, 'utf8'),
        step.expected,
        `output of the sh block at docs/quickstart.md:${step.block.line}`,
      );
    }
  } finally {
    await ward.stop();
  }
});
