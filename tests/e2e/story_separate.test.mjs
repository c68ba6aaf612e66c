// Issue 5's tutorial with the two servers as separate processes, configured only with the
// variables the tutorial names: `ward idp`, then `ward engine` with HASURA_GRAPHQL_JWT_SECRET
// (claims map + jwk_url of the IdP, fetched over HTTP) and HASURA_GRAPHQL_ADMIN_SECRET.
import { test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { startWard } from './lib/ward.mjs';
import { runStory, tutorialJwtSecret } from './lib/story.mjs';

test('the seed story on ward idp + ward engine as separate processes (SQLite)', async (t) => {
  const idp = await startWard({ command: 'idp' });
  t.after(() => idp.stop());
  const adminSecret = randomBytes(18).toString('base64url');
  const engine = await startWard({
    command: 'engine',
    env: {
      HASURA_GRAPHQL_JWT_SECRET: tutorialJwtSecret(idp.idpUrl),
      HASURA_GRAPHQL_ADMIN_SECRET: adminSecret,
    },
  });
  t.after(() => engine.stop());
  await runStory(t, {
    idpUrl: idp.idpUrl,
    engineUrl: engine.engineUrl,
    adminPassword: idp.adminPassword,
    adminSecret,
    backend: 'sqlite',
  });
});
