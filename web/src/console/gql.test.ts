import { describe, expect, it } from 'vitest';
import { Enum, browseQuery, coerceCell, deleteMutation, insertMutation, literal, rootFields, updateMutation } from './gql';

describe('GraphQL literals', () => {
  it('writes values', () => {
    expect(literal({ a: 1, b: 'x"y', c: [true, null], d: new Enum('asc') })).toBe('{a: 1, b: "x\\"y", c: [true, null], d: asc}');
    expect(literal({ _and: [{ id: { _eq: 1 } }] })).toBe('{_and: [{id: {_eq: 1}}]}');
    expect(() => literal({ 'bad key': 1 })).toThrow(/not a valid GraphQL name/);
    expect(() => literal(NaN)).toThrow();
  });
});

describe('root field names', () => {
  it('follows hasura-default naming', () => {
    expect(rootFields('public', 'users')).toEqual({
      select: 'users',
      select_aggregate: 'users_aggregate',
      select_by_pk: 'users_by_pk',
      insert_one: 'insert_users_one',
      update_by_pk: 'update_users_by_pk',
      delete_by_pk: 'delete_users_by_pk',
    });
    expect(rootFields('main', 'users').select).toBe('users');
    expect(rootFields('sales', 'orders').select).toBe('sales_orders');
  });
  it('honours custom_name and custom_root_fields', () => {
    const rf = rootFields('public', 'user_profile', { custom_name: 'profile', custom_root_fields: { select: 'profiles', delete_by_pk: { name: 'removeProfile' } } });
    expect(rf.select).toBe('profiles');
    expect(rf.select_aggregate).toBe('profile_aggregate');
    expect(rf.delete_by_pk).toBe('removeProfile');
    expect(rf.insert_one).toBe('insert_profile_one');
  });
});

describe('documents', () => {
  const rf = rootFields('public', 'users');
  it('browse query with where, order, paging and count', () => {
    const q = browseQuery(rf, { columns: ['id', 'name'], where: { name: { _ilike: '%a%' } }, orderBy: [{ column: 'id', direction: 'desc' }], limit: 20, offset: 40 });
    expect(q).toBe(
      'query WardBrowseRows {\n  rows: users(where: {name: {_ilike: "%a%"}}, order_by: [{id: desc}], limit: 20, offset: 40) { id name }\n  total: users_aggregate(where: {name: {_ilike: "%a%"}}) { aggregate { count } }\n}',
    );
    expect(browseQuery(rf, { columns: ['id'], where: {}, orderBy: [], limit: 10, offset: 0 }, false)).toBe('query WardBrowseRows {\n  rows: users(limit: 10, offset: 0) { id }\n}');
  });
  it('mutations by primary key', () => {
    expect(insertMutation(rf, { id: 'u1', name: 'A' }, ['id', 'name'])).toBe('mutation WardInsertRow {\n  row: insert_users_one(object: {id: "u1", name: "A"}) { id name }\n}');
    expect(updateMutation(rf, { id: 'u1' }, { name: 'B' }, ['id'])).toBe('mutation WardUpdateRow {\n  row: update_users_by_pk(pk_columns: {id: "u1"}, _set: {name: "B"}) { id }\n}');
    expect(deleteMutation(rf, { id: 'u1', n: 2 })).toBe('mutation WardDeleteRow {\n  row: delete_users_by_pk(id: "u1", n: 2) { __typename }\n}');
  });
  it('coerces cell text by SQL type', () => {
    expect(coerceCell('42', 'integer')).toBe(42);
    expect(coerceCell('42', 'INTEGER')).toBe(42);
    expect(coerceCell('9007199254740993', 'bigint')).toBe('9007199254740993');
    expect(() => coerceCell('4.2', 'integer')).toThrow();
    expect(coerceCell('4.5', 'numeric')).toBe(4.5);
    expect(coerceCell('t', 'boolean')).toBe(true);
    expect(coerceCell('false', 'bool')).toBe(false);
    expect(coerceCell('{"a":1}', 'jsonb')).toEqual({ a: 1 });
    expect(() => coerceCell('{', 'json')).toThrow();
    expect(coerceCell('hello', 'text')).toBe('hello');
    expect(coerceCell('2024-01-01', 'date')).toBe('2024-01-01');
  });
});
