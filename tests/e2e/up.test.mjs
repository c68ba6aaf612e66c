// `ward up` with no configuration, as the README's quick start runs it: both servers answer, the
// IdP publishes its key, and the engine is in JWT mode with the admin secret it generated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startWard, graphql } from './lib/ward.mjs';

test('ward up serves the IdP and the engine with no set-up', async (t) => {
  const ward = await startWard({ command: 'up' });
  t.after(() => ward.stop());

  assert.ok(ward.adminPassword, 'the first start prints the admin password');
  assert.ok(ward.adminSecret, 'the first start writes the admin secret');

  const jwks = await (await fetch(`${ward.idpUrl}/.well-known/jwks`)).json();
  assert.equal(jwks.keys[0].kid, 'cert-built-in');

  const admin = await graphql(ward.engineUrl, '{ __typename }', {
    headers: { 'x-hasura-admin-secret': ward.adminSecret },
  });
  assert.deepEqual(admin.body, { data: { __typename: 'query_root' } });

  const anonymous = await graphql(ward.engineUrl, '{ __typename }');
  assert.equal(anonymous.body.errors[0].extensions.code, 'invalid-headers');
});
