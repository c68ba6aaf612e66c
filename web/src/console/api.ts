// The one module that talks to Ward Engine (Hasura v2 wire formats): /v1/metadata,
// /v2/query (run_sql) and /v1/graphql. URLs are derived from the console page's own
// location ("<prefix>console/" -> "<prefix>v1/...").
import { engineBase, joinUrl } from '../common/url';

const SECRET_KEY = 'ward.console.adminSecret';
const ENGINE_KEY = 'ward.console.engineUrl';

export function getAdminSecret(): string | null {
  try {
    return localStorage.getItem(SECRET_KEY);
  } catch {
    return null;
  }
}
export function setAdminSecret(s: string | null) {
  if (s === null) localStorage.removeItem(SECRET_KEY);
  else localStorage.setItem(SECRET_KEY, s);
}

/** The engine's base URL: an override kept in localStorage, else derived from the page. */
export function engineUrl(): string {
  try {
    const o = localStorage.getItem(ENGINE_KEY);
    if (o) return o.endsWith('/') ? o : o + '/';
  } catch {
    /* ignore */
  }
  return engineBase(window.location.pathname);
}

export class EngineError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly path?: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Hasura error bodies: {error, code, path} (metadata/query) or {errors:[{message, extensions}]} (graphql). */
export function engineErrorFrom(status: number, body: unknown, text: string): EngineError {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; code?: string; path?: string; errors?: { message?: string; extensions?: { code?: string; path?: string } }[]; internal?: unknown };
    if (typeof b.error === 'string') {
      let msg = b.error;
      if (Array.isArray(b.internal) && b.internal.length) {
        msg += ': ' + b.internal.map((i: { reason?: string; name?: string }) => i.reason ?? i.name ?? JSON.stringify(i)).join('; ');
      }
      return new EngineError(msg, status, b.code, b.path, body);
    }
    if (Array.isArray(b.errors) && b.errors.length) {
      const e = b.errors[0];
      return new EngineError(b.errors.map((x) => x.message ?? 'error').join('; '), status, e.extensions?.code, e.extensions?.path, body);
    }
  }
  if (status === 401) return new EngineError('Unauthorized: check the admin secret', status, 'access-denied');
  return new EngineError(`HTTP ${status}: ${text.slice(0, 200) || 'no body'}`, status);
}

export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
  const s = getAdminSecret();
  if (s) h['x-hasura-admin-secret'] = s;
  return h;
}

async function post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
  let res: Response;
  try {
    res = await fetch(joinUrl(engineUrl(), path), { method: 'POST', credentials: 'same-origin', headers: headers ?? authHeaders(), body: JSON.stringify(body) });
  } catch (e) {
    throw new EngineError(`Cannot reach the engine: ${(e as Error).message}`, 0);
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    throw engineErrorFrom(res.status, null, text);
  }
  if (!res.ok) throw engineErrorFrom(res.status, json, text);
  if (json && typeof json === 'object' && Array.isArray((json as { errors?: unknown }).errors)) throw engineErrorFrom(res.status, json, text);
  return json as T;
}

// ------------------------------------------------------------------ metadata

export interface TableRef {
  schema: string;
  name: string;
}
export interface PermissionEntry<P = Record<string, unknown>> {
  role: string;
  permission: P;
  comment?: string;
}
export interface RelationshipEntry {
  name: string;
  using: Record<string, unknown>;
  comment?: string;
}
export interface TableMeta {
  table: TableRef;
  configuration?: { custom_name?: string; custom_root_fields?: Record<string, unknown>; column_config?: Record<string, unknown> };
  object_relationships?: RelationshipEntry[];
  array_relationships?: RelationshipEntry[];
  select_permissions?: PermissionEntry[];
  insert_permissions?: PermissionEntry[];
  update_permissions?: PermissionEntry[];
  delete_permissions?: PermissionEntry[];
  [k: string]: unknown;
}
export interface SourceMeta {
  name: string;
  kind: string;
  tables: TableMeta[];
  [k: string]: unknown;
}
export interface Metadata {
  version: number;
  sources?: SourceMeta[];
  inherited_roles?: { role_name: string; role_set: string[] }[];
  [k: string]: unknown;
}
export interface InconsistentObject {
  type: string;
  name?: string;
  reason?: string;
  definition?: unknown;
}

/** "public.users" -> {schema, name}; metadata may also give a bare string. */
export function normTable(t: unknown): TableRef {
  if (typeof t === 'string') return { schema: 'public', name: t };
  const o = t as { schema?: string; name: string };
  return { schema: o.schema ?? 'public', name: o.name };
}

/** "schema.name" as the Data tree shows it: a SQLite source has the one schema "main". */
export function tableLabel(kind: string, t: unknown): string {
  const r = normTable(t);
  return `${kind === 'sqlite' && r.schema === 'public' ? 'main' : r.schema}.${r.name}`;
}

/** The prefix of source-specific metadata commands. Hasura uses pg_ for Postgres; Ward
 *  accepts the pg_ names for its SQLite sources too (the brief's documented commands). */
export function cmdPrefix(_kind: string): string {
  return 'pg_';
}

export const metadata = {
  call: <T = unknown>(type: string, args: unknown, version?: number) => post<T>('v1/metadata', version ? { type, version, args } : { type, args }),
  bulk: (queries: { type: string; args: unknown }[]) => post<unknown[]>('v1/metadata', { type: 'bulk', args: queries }),
  export: async (): Promise<Metadata> => {
    const r = await post<Metadata | { metadata: Metadata }>('v1/metadata', { type: 'export_metadata', args: {} });
    return ('metadata' in r && r.metadata ? r.metadata : r) as Metadata;
  },
  replace: (m: Metadata, allowInconsistent = false) =>
    post<{ message?: string; is_consistent?: boolean; inconsistent_objects?: InconsistentObject[] }>('v1/metadata', { type: 'replace_metadata', version: 2, args: { allow_inconsistent_metadata: allowInconsistent, metadata: m } }),
  reload: () => post<{ is_consistent?: boolean; message?: string; inconsistent_objects?: InconsistentObject[] }>('v1/metadata', { type: 'reload_metadata', args: { reload_remote_schemas: true, reload_sources: true } }),
  inconsistent: () => post<{ is_consistent: boolean; inconsistent_objects: InconsistentObject[] }>('v1/metadata', { type: 'get_inconsistent_metadata', args: {} }),
  dropInconsistent: () => post('v1/metadata', { type: 'drop_inconsistent_metadata', args: {} }),
  trackTable: (kind: string, source: string, table: TableRef) => post('v1/metadata', { type: `${cmdPrefix(kind)}track_table`, args: { source, table } }),
  untrackTable: (kind: string, source: string, table: TableRef, cascade = false) => post('v1/metadata', { type: `${cmdPrefix(kind)}untrack_table`, args: { source, table, cascade } }),
};

export type Action = 'select' | 'insert' | 'update' | 'delete';
export const ACTIONS: Action[] = ['select', 'insert', 'update', 'delete'];

export interface MetadataQuery {
  type: string;
  args: Record<string, unknown>;
}

export function createPermissionQuery(kind: string, source: string, table: TableRef, role: string, action: Action, permission: Record<string, unknown>): MetadataQuery {
  return { type: `${cmdPrefix(kind)}create_${action}_permission`, args: { source, table, role, permission } };
}
export function dropPermissionQuery(kind: string, source: string, table: TableRef, role: string, action: Action): MetadataQuery {
  return { type: `${cmdPrefix(kind)}drop_${action}_permission`, args: { source, table, role } };
}

/** Saves a permission: drop (if it exists) and create, in one bulk request. */
export function savePermission(kind: string, source: string, table: TableRef, role: string, action: Action, permission: Record<string, unknown>, exists: boolean) {
  const q: MetadataQuery[] = [createPermissionQuery(kind, source, table, role, action, permission)];
  if (exists) q.unshift(dropPermissionQuery(kind, source, table, role, action));
  return metadata.bulk(q);
}

export function createRelationship(kind: string, source: string, table: TableRef, type: 'object' | 'array', name: string, using: Record<string, unknown>) {
  return metadata.call(`${cmdPrefix(kind)}create_${type}_relationship`, { source, table, name, using });
}
export function dropRelationship(kind: string, source: string, table: TableRef, relationship: string) {
  return metadata.call(`${cmdPrefix(kind)}drop_relationship`, { source, table, relationship });
}

// ------------------------------------------------------------------ run_sql

export interface SqlResult {
  result_type: 'CommandOk' | 'TuplesOk';
  result: string[][] | null;
}

export function runSql(source: string, sql: string, readOnly = false, cascade = false): Promise<SqlResult> {
  return post<SqlResult>('v2/query', { type: 'run_sql', args: { source, sql, cascade, read_only: readOnly } });
}

/** Rows of a TuplesOk result as objects keyed by the header row. */
export function sqlRows(r: SqlResult): Record<string, string | null>[] {
  if (!r.result || r.result.length === 0) return [];
  const [head, ...rows] = r.result;
  return rows.map((row) => Object.fromEntries(head.map((h, i) => [h, row[i] ?? null])));
}

export function sqlString(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}
export function sqlIdent(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}

export function listTablesSql(kind: string): string {
  if (kind === 'sqlite') {
    return "SELECT 'main' AS table_schema, name AS table_name, type AS table_type FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'hdb_%' ORDER BY name";
  }
  return "SELECT table_schema, table_name, table_type FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog','information_schema','hdb_catalog') AND table_schema NOT LIKE 'pg_toast%' ORDER BY table_schema, table_name";
}

export function listColumnsSql(kind: string, t: TableRef): string {
  if (kind === 'sqlite') {
    return `SELECT name AS column_name, type AS data_type, CASE WHEN "notnull" = 1 THEN 'NO' ELSE 'YES' END AS is_nullable, dflt_value AS column_default, pk AS pk_position FROM pragma_table_info(${sqlString(t.name)}) ORDER BY cid`;
  }
  return (
    `SELECT c.column_name, c.data_type, c.is_nullable, c.column_default, ` +
    `(SELECT k.ordinal_position FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage k ` +
    `ON k.constraint_name = tc.constraint_name AND k.table_schema = tc.table_schema AND k.table_name = tc.table_name ` +
    `WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema AND tc.table_name = c.table_name AND k.column_name = c.column_name) AS pk_position ` +
    `FROM information_schema.columns c WHERE c.table_schema = ${sqlString(t.schema)} AND c.table_name = ${sqlString(t.name)} ORDER BY c.ordinal_position`
  );
}

export interface Column {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  pk: number; // 0 when not part of the primary key, else its position
}

export async function listColumns(kind: string, source: string, t: TableRef): Promise<Column[]> {
  const r = await runSql(source, listColumnsSql(kind, t), true);
  return sqlRows(r).map((x) => ({
    name: x.column_name ?? '',
    type: x.data_type ?? '',
    nullable: x.is_nullable !== 'NO',
    default: x.column_default,
    pk: Number(x.pk_position ?? 0) || 0,
  }));
}

export interface DbTable extends TableRef {
  type: string;
}
export async function listTables(kind: string, source: string): Promise<DbTable[]> {
  const r = await runSql(source, listTablesSql(kind), true);
  return sqlRows(r).map((x) => ({ schema: x.table_schema ?? 'public', name: x.table_name ?? '', type: x.table_type ?? '' }));
}

export interface NewColumn {
  name: string;
  type: string;
  nullable: boolean;
  unique: boolean;
  default: string;
}

/** CREATE TABLE for the "create table" form. Defaults are SQL expressions written by the user. */
export function createTableSql(kind: string, t: TableRef, cols: NewColumn[], pk: string[]): string {
  if (!t.name) throw new Error('The table needs a name');
  if (!cols.length) throw new Error('The table needs at least one column');
  const qualified = kind === 'sqlite' || t.schema === 'public' || !t.schema ? sqlIdent(t.name) : `${sqlIdent(t.schema)}.${sqlIdent(t.name)}`;
  const defs = cols.map((c) => {
    if (!c.name || !c.type) throw new Error('Every column needs a name and a type');
    let d = `${sqlIdent(c.name)} ${c.type}`;
    if (!c.nullable) d += ' NOT NULL';
    if (c.unique) d += ' UNIQUE';
    if (c.default.trim()) d += ` DEFAULT ${c.default.trim()}`;
    return d;
  });
  if (pk.length) defs.push(`PRIMARY KEY (${pk.map(sqlIdent).join(', ')})`);
  return `CREATE TABLE ${qualified} (\n  ${defs.join(',\n  ')}\n);`;
}

// ------------------------------------------------------------------ graphql

export async function graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
  const r = await post<{ data?: T }>('v1/graphql', { query, variables: variables ?? {} }, headers);
  return (r?.data ?? {}) as T;
}

export function graphqlUrl(): string {
  return joinUrl(engineUrl(), 'v1/graphql');
}
