import { describe, expect, it } from 'vitest';
import { createPermissionQuery, createTableSql, dropPermissionQuery, engineErrorFrom, listColumnsSql, listTablesSql, normTable, sqlIdent, tableLabel, sqlRows, sqlString } from './api';
import { headersIdentity, setHeader, parseHeaders } from './headers';
import { convertPermission } from './permissions';

describe('engine wire formats', () => {
  it('reads run_sql TuplesOk results', () => {
    expect(sqlRows({ result_type: 'TuplesOk', result: [['a', 'b'], ['1', null], ['2', 'x']] })).toEqual([
      { a: '1', b: null },
      { a: '2', b: 'x' },
    ]);
    expect(sqlRows({ result_type: 'CommandOk', result: null })).toEqual([]);
  });
  it('labels tables as the Data tree does', () => {
    expect(tableLabel('sqlite', 'users')).toBe('main.users');
    expect(tableLabel('postgres', 'users')).toBe('public.users');
    expect(tableLabel('postgres', { schema: 'app', name: 'users' })).toBe('app.users');
  });
  it('quotes SQL', () => {
    expect(sqlString("o'k")).toBe("'o''k'");
    expect(sqlIdent('we"ird')).toBe('"we""ird"');
  });
  it('lists tables per source kind', () => {
    expect(listTablesSql('postgres')).toMatch(/information_schema\.tables/);
    expect(listTablesSql('sqlite')).toMatch(/sqlite_master/);
    expect(listColumnsSql('sqlite', { schema: 'main', name: "t'x" })).toMatch(/pragma_table_info\('t''x'\)/);
    expect(listColumnsSql('postgres', { schema: 'public', name: 'users' })).toMatch(/c\.table_schema = 'public' AND c\.table_name = 'users'/);
  });
  it('normalises table references', () => {
    expect(normTable('users')).toEqual({ schema: 'public', name: 'users' });
    expect(normTable({ schema: 's', name: 'n' })).toEqual({ schema: 's', name: 'n' });
    expect(normTable({ name: 'n' })).toEqual({ schema: 'public', name: 'n' });
  });
  it('builds CREATE TABLE', () => {
    expect(
      createTableSql('postgres', { schema: 'public', name: 'users' }, [
        { name: 'id', type: 'text', nullable: false, unique: false, default: '' },
        { name: 'n', type: 'integer', nullable: true, unique: true, default: '0' },
      ], ['id']),
    ).toBe('CREATE TABLE "users" (\n  "id" text NOT NULL,\n  "n" integer UNIQUE DEFAULT 0,\n  PRIMARY KEY ("id")\n);');
    expect(createTableSql('postgres', { schema: 'app', name: 't' }, [{ name: 'id', type: 'int', nullable: false, unique: false, default: '' }], [])).toMatch(/^CREATE TABLE "app"\."t"/);
    expect(createTableSql('sqlite', { schema: 'main', name: 't' }, [{ name: 'id', type: 'INTEGER', nullable: false, unique: false, default: '' }], ['id'])).toMatch(/^CREATE TABLE "t"/);
    expect(() => createTableSql('postgres', { schema: 'public', name: '' }, [], [])).toThrow();
    expect(() => createTableSql('postgres', { schema: 'public', name: 't' }, [], [])).toThrow();
  });
  it('builds permission commands', () => {
    expect(createPermissionQuery('postgres', 'default', { schema: 'public', name: 'users' }, 'user', 'select', { columns: ['id'], filter: {} })).toEqual({
      type: 'pg_create_select_permission',
      args: { source: 'default', table: { schema: 'public', name: 'users' }, role: 'user', permission: { columns: ['id'], filter: {} } },
    });
    expect(dropPermissionQuery('postgres', 'default', { schema: 'public', name: 'users' }, 'user', 'delete').type).toBe('pg_drop_delete_permission');
  });
  it('turns Hasura error bodies into messages', () => {
    expect(engineErrorFrom(400, { path: '$.args', error: 'restricted access : admin only', code: 'access-denied' }, '').message).toBe('restricted access : admin only');
    const e = engineErrorFrom(200, { errors: [{ message: 'field "x" not found', extensions: { code: 'validation-failed', path: '$.selectionSet.x' } }] }, '');
    expect(e.message).toBe('field "x" not found');
    expect(e.code).toBe('validation-failed');
    expect(engineErrorFrom(401, null, '').message).toMatch(/admin secret/);
    expect(engineErrorFrom(500, null, 'boom').message).toBe('HTTP 500: boom');
    expect(engineErrorFrom(400, { error: 'inconsistent', internal: [{ reason: 'no such table' }] }, '').message).toBe('inconsistent: no such table');
  });
});

describe('request headers', () => {
  it('sets and removes headers case-insensitively', () => {
    const t = setHeader('{"X-Hasura-Admin-Secret":"s"}', 'x-hasura-admin-secret', null);
    expect(parseHeaders(t)).toEqual({});
    expect(parseHeaders(setHeader('{}', 'Authorization', 'Bearer a'))).toEqual({ Authorization: 'Bearer a' });
    expect(parseHeaders(setHeader('not json', 'a', 'b'))).toEqual({ a: 'b' });
    expect(() => parseHeaders('[1]')).toThrow();
    expect(parseHeaders('  ')).toEqual({});
  });
  it('names a set of headers for re-introspection: same headers, same identity; half-typed JSON, none', () => {
    const a = headersIdentity('{"X-Hasura-Role":"user","Authorization":"Bearer t"}');
    expect(a).not.toBeNull();
    expect(headersIdentity('{\n  "authorization": "Bearer t",\n  "x-hasura-role": "user"\n}')).toBe(a);
    expect(headersIdentity('{"X-Hasura-Role":"admin","Authorization":"Bearer t"}')).not.toBe(a);
    expect(headersIdentity('{"X-Hasura-Role":"us')).toBeNull();
    expect(headersIdentity('[1]')).toBeNull();
    expect(headersIdentity('')).toBe(headersIdentity('{}'));
  });
});

describe('copying permissions', () => {
  it('moves the filter between actions', () => {
    const sel = { columns: ['id', 'name'], filter: { id: { _eq: 'X-Hasura-User-Id' } }, limit: 10, allow_aggregations: true };
    expect(convertPermission(sel, 'select', 'select')).toEqual(sel);
    expect(convertPermission(sel, 'select', 'delete')).toEqual({ filter: { id: { _eq: 'X-Hasura-User-Id' } } });
    expect(convertPermission(sel, 'select', 'insert')).toEqual({ columns: ['id', 'name'], check: { id: { _eq: 'X-Hasura-User-Id' } }, set: {} });
    expect(convertPermission(sel, 'select', 'update')).toEqual({ columns: ['id', 'name'], filter: { id: { _eq: 'X-Hasura-User-Id' } }, check: null, set: {} });
    const ins = { columns: '*', check: { owner: { _eq: 'X-Hasura-User-Id' } }, set: { owner: 'x-hasura-user-id' }, backend_only: true };
    expect(convertPermission(ins, 'insert', 'update')).toEqual({ columns: '*', filter: { owner: { _eq: 'X-Hasura-User-Id' } }, check: null, set: { owner: 'x-hasura-user-id' } });
    expect(convertPermission(ins, 'insert', 'insert')).toEqual(ins);
  });
});
