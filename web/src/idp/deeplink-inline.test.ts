import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deepLinkToHash } from '../common/url';
import { ROUTES } from './routes';

// idp/index.html carries an inline copy of deepLinkToHash (it must run before any asset
// loads). Run that copy against a fake location and compare with the tested function.
const html = readFileSync(join(import.meta.dirname, '..', '..', 'idp', 'index.html'), 'utf8');
const inline = /<script>([\s\S]*?)<\/script>/.exec(html)![1];

function runInline(pathname: string, hash = '', search = ''): string | null {
  let target: string | null = null;
  const location = { pathname, hash, search, replace: (u: string) => (target = u) };
  new Function('location', inline)(location);
  return target;
}

describe('inline deep-link script in idp/index.html', () => {
  it('uses the same route list', () => {
    expect(inline).toContain(JSON.stringify([...ROUTES]).replace(/"/g, "'").replace(/,/g, ', '));
  });
  for (const p of ['/users', '/users/built-in/admin', '/idp/tokens/abc', '/idp/users/', '/', '/login/oauth/authorize', '/a/b/roles/org/r', '/account']) {
    it(`agrees with deepLinkToHash for ${p}`, () => {
      expect(runInline(p)).toBe(deepLinkToHash(p, '', ROUTES));
    });
  }
  it('keeps the query string and leaves hash routes alone', () => {
    expect(runInline('/users', '', '?org=acme')).toBe('/?org=acme#/users');
    expect(runInline('/users', '#/roles')).toBeNull();
  });
});
