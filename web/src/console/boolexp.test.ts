import { describe, expect, it } from 'vitest';
import { columnsUsed, formatValue, fromJson, parseValueInput, toJson, type Node } from './boolexp';

const round = (x: Record<string, unknown>) => toJson(fromJson(x));

describe('boolean expression builder <-> JSON', () => {
  it('{} is an empty AND and back', () => {
    expect(fromJson({})).toEqual({ kind: 'and', items: [] });
    expect(round({})).toEqual({});
  });
  it('round-trips canonical expressions unchanged', () => {
    const cases: Record<string, unknown>[] = [
      { id: { _eq: 'X-Hasura-User-Id' } },
      { id: { _eq: 1 }, name: { _ilike: '%a%' } },
      { age: { _gt: 18, _lt: 65 } },
      { _or: [{ a: { _eq: 1 } }, { b: { _is_null: true } }] },
      { _and: [{ a: { _eq: 1 } }, { a: { _eq: 2 } }] },
      { _not: { deleted: { _eq: true } } },
      { author: { id: { _eq: 'X-Hasura-User-Id' } } },
      { articles: { _or: [{ published: { _eq: true } }, { author_id: { _eq: 'X-Hasura-User-Id' } }] } },
      { tags: { _in: ['a', 'b'] }, data: { _contains: { k: 1 } } },
      { _exists: { _table: { schema: 'public', name: 't' }, _where: { id: { _eq: 1 } } } },
      { id: { _ceq: ['$', 'owner_id'] } },
    ];
    for (const c of cases) expect(round(c)).toEqual(c);
  });
  it('reads the tree structure', () => {
    expect(fromJson({ _or: [{ a: { _eq: 1 } }, { b: { _gt: 2 } }] })).toEqual({
      kind: 'and',
      items: [
        {
          kind: 'or',
          items: [
            { kind: 'col', column: 'a', op: '_eq', value: 1 },
            { kind: 'col', column: 'b', op: '_gt', value: 2 },
          ],
        },
      ],
    });
    expect(fromJson({ author: { id: { _eq: 1 } } }).items[0]).toEqual({ kind: 'rel', name: 'author', item: { kind: 'col', column: 'id', op: '_eq', value: 1 } });
  });
  it('normalises $ spellings, _ne and the shorthand', () => {
    expect(round({ $or: [{ a: { $eq: 1 } }] })).toEqual({ _or: [{ a: { _eq: 1 } }] });
    expect(round({ a: { _ne: 1 } })).toEqual({ a: { _neq: 1 } });
    expect(round({ author_id: 'X-Hasura-User-Id' })).toEqual({ author_id: { _eq: 'X-Hasura-User-Id' } });
  });
  it('writes an AND with a repeated column op as _and', () => {
    const n: Node = {
      kind: 'and',
      items: [
        { kind: 'col', column: 'a', op: '_eq', value: 1 },
        { kind: 'col', column: 'a', op: '_eq', value: 2 },
      ],
    };
    expect(toJson(n)).toEqual({ _and: [{ a: { _eq: 1 } }, { a: { _eq: 2 } }] });
  });
  it('merges different ops on one column, nested groups and not', () => {
    const n: Node = {
      kind: 'and',
      items: [
        { kind: 'col', column: 'a', op: '_gt', value: 1 },
        { kind: 'col', column: 'a', op: '_lt', value: 5 },
        { kind: 'not', item: { kind: 'or', items: [{ kind: 'col', column: 'b', op: '_eq', value: 'x' }] } },
      ],
    };
    expect(toJson(n)).toEqual({ a: { _gt: 1, _lt: 5 }, _not: { _or: [{ b: { _eq: 'x' } }] } });
  });
  it('parses value boxes by operator', () => {
    expect(parseValueInput('12', '_eq')).toBe(12);
    expect(parseValueInput('12.5', '_gt')).toBe(12.5);
    expect(parseValueInput('true', '_eq')).toBe(true);
    expect(parseValueInput('null', '_eq')).toBe(null);
    expect(parseValueInput('X-Hasura-User-Id', '_eq')).toBe('X-Hasura-User-Id');
    expect(parseValueInput('"12"', '_eq')).toBe('12');
    expect(parseValueInput('00123', '_eq')).toBe('00123');
    expect(parseValueInput('12345678901234567890', '_eq')).toBe('12345678901234567890');
    expect(parseValueInput('a, b, 3', '_in')).toEqual(['a', 'b', 3]);
    expect(parseValueInput('["a",1]', '_nin')).toEqual(['a', 1]);
    expect(parseValueInput('X-Hasura-Allowed-Ids', '_in')).toBe('X-Hasura-Allowed-Ids');
    expect(parseValueInput('', '_in')).toEqual([]);
    expect(parseValueInput('false', '_is_null')).toBe(false);
    expect(parseValueInput('true', '_is_null')).toBe(true);
    expect(parseValueInput('%12%', '_like')).toBe('%12%');
    expect(parseValueInput('123', '_ilike')).toBe('123');
    expect(parseValueInput('{"a":1}', '_contains')).toEqual({ a: 1 });
  });
  it('formats values for display', () => {
    expect(formatValue('abc')).toBe('abc');
    expect(formatValue(3)).toBe('3');
    expect(formatValue(['a', 1])).toBe('["a",1]');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(undefined)).toBe('');
  });
  it('lists the columns used', () => {
    expect(columnsUsed(fromJson({ a: { _eq: 1 }, _or: [{ b: { _eq: 1 } }], rel: { c: { _eq: 1 } } })).sort()).toEqual(['a', 'b']);
  });
});
