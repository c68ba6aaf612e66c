// Issue 5's tutorial, steps 1-7, against `ward up` started with no configuration at all: the
// engine trusts the IdP next to it with the tutorial's claims map, the admin password and the
// admin secret are the ones the first start prints. SQLite for everything.
import { test } from 'node:test';
import { startWard } from './lib/ward.mjs';
import { runStory } from './lib/story.mjs';

test('the seed story on ward up with no configuration (SQLite)', async (t) => {
  const ward = await startWard({ command: 'up' });
  t.after(() => ward.stop());
  await runStory(t, {
    idpUrl: ward.idpUrl,
    engineUrl: ward.engineUrl,
    adminPassword: ward.adminPassword,
    adminSecret: ward.adminSecret,
    backend: 'sqlite',
  });
});
