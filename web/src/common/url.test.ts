import { describe, expect, it } from 'vitest';
import { appRoot, cleanIdpUrl, deepLinkToHash, defaultIdpUrl, engineBase, idpOriginFromConfig, joinUrl, queryString } from './url';

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
  it('is read from a configuration object', () => {
    expect(idpOriginFromConfig({ idp_origin: 'http://localhost:8000/' })).toBe('http://localhost:8000');
    expect(idpOriginFromConfig({ idpOrigin: 'https://idp.example' })).toBe('https://idp.example');
    expect(idpOriginFromConfig({ idp_origin: 'https://proxy.example/ward/idp' })).toBe('https://proxy.example/ward/idp');
    expect(idpOriginFromConfig({ idp_origin: 'javascript:alert(1)//' })).toBeNull();
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
