// Test harness for the end-to-end suites: starts the real `ward` binary (WARD_BIN, default the
// debug build) on free loopback ports in a fresh temporary folder, waits until every server it
// runs answers /healthz, and stops it with SIGTERM. What the first start prints (the IdP admin's
// generated password, the engine's admin secret) is parsed from stderr for the tests to use.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export function wardBinary() {
  const bin = process.env.WARD_BIN || join(repo, 'build/debug/src/ward/ward');
  if (!existsSync(bin)) {
    throw new Error(`ward binary not found at ${bin}: build it first (scripts/test does) or set WARD_BIN`);
  }
  return bin;
}

// A port that was free a moment ago.
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitHealthy(url, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false;
    try {
      const r = await fetch(url);
      if (r.status === 200) return true;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  return false;
}

// Starts `ward <command> [args]`. options: { command = 'up', args = [], env = {}, dir (reuse a
// work folder, e.g. to restart on the same data), timeoutMs = 30000 }.
// Returns { idpUrl, engineUrl, idpPort, enginePort, dir, stderr(), stdout(), adminPassword,
// adminSecret, stop(signal) }.
export async function startWard(options = {}) {
  const command = options.command ?? 'up';
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ward-e2e-'));
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? dir,
    // ASan's leak checker reports at exit on SIGTERM paths that are not leaks of Ward's.
    ASAN_OPTIONS: process.env.ASAN_OPTIONS ?? 'detect_leaks=0',
    ...options.env,
  };
  const runsIdp = command === 'up' || command === 'idp';
  const runsEngine = command === 'up' || command === 'engine';
  const idpPort = runsIdp ? Number(env.WARD_IDP_PORT ?? (await freePort())) : undefined;
  const enginePort = runsEngine
    ? Number(env.HASURA_GRAPHQL_SERVER_PORT ?? (await freePort()))
    : undefined;
  if (runsIdp) env.WARD_IDP_PORT = String(idpPort);
  if (runsEngine) env.HASURA_GRAPHQL_SERVER_PORT = String(enginePort);

  const child = spawn(wardBinary(), [command, ...(options.args ?? [])], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));

  const idpUrl = runsIdp ? `http://localhost:${idpPort}` : undefined;
  const engineUrl = runsEngine ? `http://localhost:${enginePort}` : undefined;
  const deadline = Date.now() + (options.timeoutMs ?? 30000);
  for (const url of [idpUrl && `${idpUrl}/api/health`, engineUrl && `${engineUrl}/healthz`]) {
    if (url && !(await waitHealthy(url, child, deadline))) {
      child.kill('SIGKILL');
      await exited;
      throw new Error(`ward ${command} did not become healthy (${url}); stderr:\n${err}`);
    }
  }
  // The first-start lines are printed right after the servers listen.
  await sleep(100);

  const password = /built-in\/admin with password (\S+)/.exec(err)?.[1];
  const secretFile = join(dir, 'ward-data', 'admin-secret');
  const adminSecret =
    env.HASURA_GRAPHQL_ADMIN_SECRET ??
    (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);

  let stopped = false;
  return {
    idpUrl,
    engineUrl,
    idpPort,
    enginePort,
    dir,
    adminPassword: env.WARD_ADMIN_PASSWORD ?? password,
    adminSecret,
    stdout: () => out,
    stderr: () => err,
    // Stops ward and resolves to its exit { code, signal }. Removes the folder unless keep.
    async stop({ signal = 'SIGTERM', keep = false } = {}) {
      if (!stopped) {
        stopped = true;
        if (child.exitCode === null) child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
        const result = await exited;
        clearTimeout(timer);
        if (!keep && options.dir === undefined) rmSync(dir, { recursive: true, force: true });
        return result;
      }
      return exited;
    },
  };
}

// POST a GraphQL request to the engine; returns { status, body }.
export async function graphql(engineUrl, query, { variables, headers = {}, operationName } = {}) {
  const r = await fetch(`${engineUrl}/v1/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: r.status, body: await r.json() };
}

// POST a metadata / run_sql command as admin.
export async function adminPost(engineUrl, path, body, adminSecret) {
  const r = await fetch(`${engineUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hasura-admin-secret': adminSecret },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json() };
}
