import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64UrlEncode, buildAuthorizeUrl, challengeS256, isValidVerifier, parseCallback, randomState, randomVerifier, redirectUriFor, stripCallbackParams, tokenRequestBody } from './pkce';

describe('PKCE S256', () => {
  it('matches RFC 7636 appendix B', async () => {
    expect(await challengeS256('dBjftJeZ4CVP-mJ92K9qpvdEmqD1rD5_PYMmU2nOP8u')).toBe(
      createHash('sha256').update('dBjftJeZ4CVP-mJ92K9qpvdEmqD1rD5_PYMmU2nOP8u').digest('base64url'),
    );
  });
  it('agrees with node crypto for random verifiers', async () => {
    for (let i = 0; i < 20; i++) {
      const v = randomVerifier(43 + i * 4);
      expect(isValidVerifier(v)).toBe(true);
      expect(v.length).toBe(43 + i * 4);
      expect(await challengeS256(v)).toBe(createHash('sha256').update(v).digest('base64url'));
    }
  });
  it('rejects bad verifier lengths', () => {
    expect(() => randomVerifier(42)).toThrow();
    expect(() => randomVerifier(129)).toThrow();
    expect(isValidVerifier('short')).toBe(false);
    expect(isValidVerifier('a'.repeat(43) + '+')).toBe(false);
  });
  it('base64url has no padding or +/', () => {
    expect(base64UrlEncode(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe('-__-');
    expect(base64UrlEncode(new Uint8Array([1]))).toBe('AQ');
    expect(randomState()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
  it('builds the authorize URL', () => {
    const u = new URL(
      buildAuthorizeUrl({ authorizationEndpoint: 'http://localhost:8000/login/oauth/authorize', clientId: 'abc', redirectUri: 'http://localhost:8080/console/', state: 's1', codeChallenge: 'ch', scope: 'openid' }),
    );
    expect(u.origin + u.pathname).toBe('http://localhost:8000/login/oauth/authorize');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      client_id: 'abc',
      response_type: 'code',
      redirect_uri: 'http://localhost:8080/console/',
      scope: 'openid',
      state: 's1',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });
  it('parses the callback', () => {
    expect(parseCallback('?code=c1&state=s1')).toEqual({ kind: 'code', code: 'c1', state: 's1' });
    expect(parseCallback('error=access_denied&error_description=no&state=x')).toEqual({ kind: 'error', error: 'access_denied', description: 'no', state: 'x' });
    expect(parseCallback('')).toEqual({ kind: 'none' });
    expect(parseCallback('?foo=1')).toEqual({ kind: 'none' });
  });
  it('builds the token request body', () => {
    const b = new URLSearchParams(tokenRequestBody({ code: 'c', codeVerifier: 'v', clientId: 'id', redirectUri: 'http://h/console/' }));
    expect(Object.fromEntries(b)).toEqual({ grant_type: 'authorization_code', code: 'c', code_verifier: 'v', client_id: 'id', redirect_uri: 'http://h/console/' });
  });
  it('redirect URI and cleanup keep the prefix and hash', () => {
    expect(redirectUriFor({ origin: 'http://h:8080', pathname: '/p/console/' })).toBe('http://h:8080/p/console/');
    expect(stripCallbackParams('http://h:8080/p/console/?code=1&state=2&keep=3#/api')).toBe('/p/console/?keep=3#/api');
    expect(stripCallbackParams('http://h/console/?code=1&state=2')).toBe('/console/');
  });
});
