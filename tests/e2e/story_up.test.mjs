// Issue 5's tutorial, steps 1-7, against `ward up` started with no configuration at all: the
// engine trusts the IdP next to it with the tutorial's claims map, the admin password and the
// admin secret are the ones the first start prints. SQLite for everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startWard } from './lib/ward.mjs';
import { runStory } from './lib/story.mjs';

test('the seed story on ward up with no configuration (SQLite)', async (t) => {
  const ward = await startWard({ command: 'up' });
  t.after(() => ward.stop());

  await t.test('the first start prints the admin sign-in, the URLs and a request that works', () => {
    const printed = ward.stderr();
    assert.ok(printed.includes(`Ward IdP listening on ${ward.idpUrl}`), printed);
    assert.ok(printed.includes(`Ward Engine listening on ${ward.engineUrl}`), printed);
    assert.ok(printed.includes(`Console: ${ward.engineUrl}/console`), printed);
    assert.match(printed, /sign in to Ward IdP as built-in\/admin with password \S+/);
    const example = /^Try: (curl .*)$/m.exec(printed)?.[1];
    assert.ok(example, 'an example request is printed');
    const answer = execFileSync('bash', ['-c', example], { cwd: ward.dir, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(answer), { data: { __typename: 'query_root' } });
  });

  await runStory(t, {
    idpUrl: ward.idpUrl,
    engineUrl: ward.engineUrl,
    adminPassword: ward.adminPassword,
    adminSecret: ward.adminSecret,
    backend: 'sqlite',
  });
});
