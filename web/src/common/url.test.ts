import { describe, expect, it } from 'vitest';
import { appRoot, cleanIdpUrl, deepLinkToHash, defaultIdpUrl, engineBase, idpOriginFromConfig, idpOriginFromLoginPage, joinUrl, queryString } from './url';

const ROUTES = ['organizations', 'applications', 'users', 'roles', 'certs', 'tokens', 'sessions', 'account'];

describe('path-prefix URL building', () => {
  it('appRoot is the folder of the page', () => {
    expect(appRoot('/')).toBe('/');
    expect(appRoot('/index.html')).toBe('/');
    expect(appRoot('/idp/')).toBe('/idp/');
    expect(appRoot('/a/b/index.html')).toBe('/a/b/');
    expect(appRoot('')).toBe('/');
  });
  it('joinUrl never doubles or drops the slash', () => {
    expect(joinUrl('/', 'api/get-users')).toBe('/api/get-users');
    expect(joinUrl('/', '/api/get-users')).toBe('/api/get-users');
    expect(joinUrl('/prefix', 'api/x')).toBe('/prefix/api/x');
    expect(joinUrl('/prefix/', '/api/x')).toBe('/prefix/api/x');
    expect(joinUrl('http://h:8080/p/', 'v1/graphql')).toBe('http://h:8080/p/v1/graphql');
  });
  it('engineBase strips the console folder', () => {
    expect(engineBase('/console/')).toBe('/');
    expect(engineBase('/console/index.html')).toBe('/');
    expect(engineBase('/hasura/console/')).toBe('/hasura/');
    expect(engineBase('/a/b/console/')).toBe('/a/b/');
    expect(engineBase('/other/')).toBe('/other/');
    expect(engineBase('/console')).toBe('/');
  });
  it('queryString encodes and keeps empty strings', () => {
    expect(queryString({ owner: 'built-in', p: 1, pageSize: 20, field: '', value: 'a b&c' })).toBe('?owner=built-in&p=1&pageSize=20&field=&value=a%20b%26c');
    expect(queryString({ a: undefined, b: null })).toBe('');
    expect(queryString({ id: 'admin/app-built-in' })).toBe('?id=admin%2Fapp-built-in');
  });
  it('deep links become hash routes under any prefix', () => {
    expect(deepLinkToHash('/users', '', ROUTES)).toBe('/#/users');
    expect(deepLinkToHash('/users/built-in/admin', '', ROUTES)).toBe('/#/users/built-in/admin');
    expect(deepLinkToHash('/idp/tokens/abc', '', ROUTES)).toBe('/idp/#/tokens/abc');
    expect(deepLinkToHash('/idp/users/', '', ROUTES)).toBe('/idp/#/users');
    expect(deepLinkToHash('/', '', ROUTES)).toBeNull();
    expect(deepLinkToHash('/users', '#/roles', ROUTES)).toBeNull();
    expect(deepLinkToHash('/login/oauth/authorize', '', ROUTES)).toBeNull();
  });
  it('defaultIdpUrl uses the same host on port 8000', () => {
    expect(defaultIdpUrl({ protocol: 'http:', hostname: 'localhost' })).toBe('http://localhost:8000');
    expect(defaultIdpUrl({ protocol: 'https:', hostname: 'ward.example' })).toBe('https://ward.example:8000');
    expect(defaultIdpUrl({ protocol: 'http:', hostname: '::1' })).toBe('http://[::1]:8000');
    expect(defaultIdpUrl({ protocol: 'http:', hostname: '[::1]' })).toBe('http://[::1]:8000');
  });
});

describe('the IdP origin the engine knows', () => {
  // The engine's /login page as Ward Engine writes it (src/engine/server/service.cpp login_page).
  const page = (idp: string) =>
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Ward Engine: login redirect</title></head><body>\n' +
    '<h1>Signed in at the identity provider</h1>\n<h2>Getting a token for the GraphQL API</h2>\n<p>The engine does not exchange the code itself.</p>\n' +
    `<pre>curl -X POST ${idp}/api/login/oauth/access_token \\\n  -d grant_type=authorization_code -d client_id=&lt;client id&gt; -d client_secret=&lt;client secret&gt; \\\n  -d code=&lt;code&gt;</pre>\n`;
  it('is read from the /login page', () => {
    expect(idpOriginFromLoginPage(page('http://localhost:41234'))).toBe('http://localhost:41234');
    expect(idpOriginFromLoginPage(page('https://auth.example.com/ward/idp'))).toBe('https://auth.example.com/ward/idp');
    expect(idpOriginFromLoginPage(page('http://[::1]:8000'))).toBe('http://[::1]:8000');
  });
  it('is null when the page names no IdP or something that is not an http URL', () => {
    expect(idpOriginFromLoginPage(page('&lt;identity provider&gt;'))).toBeNull();
    expect(idpOriginFromLoginPage(page('javascript:alert(1)//'))).toBeNull();
    expect(idpOriginFromLoginPage('')).toBeNull();
    expect(idpOriginFromLoginPage('<html><body>index.html of the console</body></html>')).toBeNull();
  });
  it('is read from a configuration object', () => {
    expect(idpOriginFromConfig({ idp_origin: 'http://localhost:8000/' })).toBe('http://localhost:8000');
    expect(idpOriginFromConfig({ idpOrigin: 'https://idp.example' })).toBe('https://idp.example');
    expect(idpOriginFromConfig({ idp_origin: '' })).toBeNull();
    expect(idpOriginFromConfig({ idp_origin: 42 })).toBeNull();
    expect(idpOriginFromConfig(null)).toBeNull();
    expect(idpOriginFromConfig('http://localhost:8000')).toBeNull();
  });
  it('cleanIdpUrl keeps a path prefix and refuses other schemes, credentials and queries', () => {
    expect(cleanIdpUrl('http://h:1/p/')).toBe('http://h:1/p');
    expect(cleanIdpUrl('ftp://h/')).toBeNull();
    expect(cleanIdpUrl('http://u:p@h/')).toBeNull();
    expect(cleanIdpUrl('http://h/?x=1')).toBeNull();
    expect(cleanIdpUrl('not a url')).toBeNull();
  });
});
