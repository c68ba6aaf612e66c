import { describe, expect, it } from 'vitest';
import { decodeJwt } from './jwt';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('decodeJwt', () => {
  it('decodes header and payload, including UTF-8', () => {
    const t = `${b64({ alg: 'RS256', kid: 'cert-built-in' })}.${b64({ sub: 'x', name: 'Zoë' })}.sig`;
    expect(decodeJwt(t)).toEqual({ header: { alg: 'RS256', kid: 'cert-built-in' }, payload: { sub: 'x', name: 'Zoë' }, signature: 'sig' });
  });
  it('returns null for non-JWTs', () => {
    expect(decodeJwt('abc')).toBeNull();
    expect(decodeJwt('a.b.c')).toBeNull();
    expect(decodeJwt(`${b64(1)}.${b64(2)}.x`)).toBeNull();
  });
});
