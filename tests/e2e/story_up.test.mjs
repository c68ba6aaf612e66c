// Issue 5's tutorial, steps 1-7, against `ward up` started with no configuration at all: the
// engine trusts the IdP next to it with the tutorial's claims map, the admin password and the
// admin secret are the ones the first start prints. SQLite for everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startWard, graphql } from './lib/ward.mjs';
import { runStory, signInWithForm, exchangeCode } from './lib/story.mjs';

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

  const story = await runStory(t, {
    idpUrl: ward.idpUrl,
    engineUrl: ward.engineUrl,
    adminPassword: ward.adminPassword,
    adminSecret: ward.adminSecret,
    backend: 'sqlite',
  });

  // Step 6 as the tutorial words it: nobody redeems the code; the token is copied from the
  // Tokens page, which lists it as soon as the user signed in (Casdoor mints it with the code).
  await t.test('step 6 before any exchange: the Tokens API lists a token the engine accepts', async () => {
    const redirectUri = `${ward.engineUrl}/login`;
    const location = await signInWithForm(ward.idpUrl, {
      clientId: story.idp.clientId,
      redirectUri,
      state: 'tokens-page',
      username: 'bob',
      password: story.idp.users.bob.password,
    });
    const code = location.searchParams.get('code');
    const rows = await story.admin.data('get-tokens', { owner: 'admin' });
    const listed = rows.find((row) => row.code === code);
    assert.ok(listed, 'the Tokens API lists the row of the code');
    assert.equal(listed.codeIsUsed, false);
    assert.equal(listed.user, 'bob');
    assert.ok(listed.expiresIn > 0, `expiresIn ${listed.expiresIn}`);
    assert.match(listed.accessToken, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a compact JWT');
    const r = await graphql(ward.engineUrl, '{ users { id username } }', {
      headers: { authorization: `Bearer ${listed.accessToken}` },
    });
    assert.deepEqual(r, {
      status: 200,
      body: { data: { users: [{ id: story.idp.users.bob.id, username: 'bob' }] } },
    });
    // Redeeming the code later hands back that same token.
    const token = await exchangeCode(ward.idpUrl, {
      code,
      clientId: story.idp.clientId,
      clientSecret: story.idp.clientSecret,
      redirectUri,
    });
    assert.equal(token.access_token, listed.accessToken);
  });
});
