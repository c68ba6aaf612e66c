import { describe, expect, it } from 'vitest';
import { ApiError, checkAffected, listTotal, splitId, unwrapEnvelope } from './envelope';

describe('Casdoor envelope handling', () => {
  it('returns ok envelopes', () => {
    const env = unwrapEnvelope(200, JSON.stringify({ status: 'ok', msg: '', data: [{ name: 'a' }], data2: 42 }));
    expect(env.data).toEqual([{ name: 'a' }]);
    expect(listTotal(env as never)).toBe(42);
  });
  it('throws the server msg of an error envelope (HTTP 200)', () => {
    expect(() => unwrapEnvelope(200, JSON.stringify({ status: 'error', msg: 'Unauthorized operation', data: null }))).toThrow('Unauthorized operation');
    try {
      unwrapEnvelope(200, JSON.stringify({ status: 'error', msg: '', data: 'only in data' }));
    } catch (e) {
      expect((e as Error).message).toBe('only in data');
    }
  });
  it('marks "Please login first" as needing a sign-in', () => {
    try {
      unwrapEnvelope(200, JSON.stringify({ status: 'error', msg: 'Please login first', data: 'Please login first' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).needsLogin).toBe(true);
    }
  });
  it('reports non-JSON bodies and HTTP errors', () => {
    expect(() => unwrapEnvelope(502, '<html>Bad gateway</html>')).toThrow(/HTTP 502/);
    expect(() => unwrapEnvelope(200, 'not json')).toThrow(/Unexpected reply/);
    expect(() => unwrapEnvelope(200, '[]')).toThrow(/Unexpected reply/);
    expect(() => unwrapEnvelope(500, JSON.stringify({ status: 'ok' }))).toThrow(/HTTP 500/);
    expect(() => unwrapEnvelope(200, JSON.stringify({ data: 1 }))).toThrow(/no status/);
  });
  it('totals fall back to the list length without data2', () => {
    expect(listTotal({ status: 'ok', data: [1, 2, 3] })).toBe(3);
    expect(listTotal({ status: 'ok', data: [1], data2: null })).toBe(1);
    expect(listTotal({ status: 'ok', data: [], data2: '7' })).toBe(7);
    expect(listTotal({ status: 'ok', data: [], data2: 0 })).toBe(0);
  });
  it('Unaffected writes are errors', () => {
    expect(() => checkAffected({ status: 'ok', data: 'Unaffected' })).toThrow(/Nothing was changed/);
    expect(() => checkAffected({ status: 'ok', data: 'Affected' })).not.toThrow();
  });
  it('splits ids with exactly one slash', () => {
    expect(splitId('built-in/admin')).toEqual(['built-in', 'admin']);
    expect(() => splitId('a/b/c')).toThrow(/wrong token count/);
    expect(() => splitId('abc')).toThrow(/wrong token count/);
  });
});
