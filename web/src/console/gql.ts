// Builds the GraphQL documents the data browser sends to /v1/graphql, using Hasura's
// generated root fields (<t>, <t>_aggregate, insert_<t>_one, update_<t>_by_pk, delete_<t>_by_pk).
// Values are written as GraphQL literals so no type names need to be known.

export class Enum {
  constructor(readonly name: string) {}
}

const NAME_RE = /^[_A-Za-z][_0-9A-Za-z]*$/;

export function isGraphQLName(s: string): boolean {
  return NAME_RE.test(s);
}

/** A JSON value as a GraphQL input literal. Object keys must be GraphQL names. */
export function literal(v: unknown): string {
  if (v instanceof Enum) return v.name;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('not a finite number');
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(literal).join(', ') + ']';
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => {
      if (!isGraphQLName(k)) throw new Error(`"${k}" is not a valid GraphQL name`);
      return `${k}: ${literal(x)}`;
    });
    return '{' + parts.join(', ') + '}';
  }
  throw new Error('unsupported value');
}

/** jsonb/json column values are passed as GraphQL objects, everything else as scalars. */
export function jsonbLiteral(v: unknown): string {
  // JSON scalar values of a jsonb column may have keys that are not GraphQL names; use a variable instead.
  return literal(v);
}

/** Root field names of a tracked table (Hasura's default naming plus custom_name/custom_root_fields). */
export interface RootFields {
  select: string;
  select_aggregate: string;
  select_by_pk: string;
  insert_one: string;
  update_by_pk: string;
  delete_by_pk: string;
}

export function rootFields(schema: string, name: string, configuration?: { custom_name?: string; custom_root_fields?: Record<string, unknown> }): RootFields {
  const def = (schema === 'public' || schema === 'main' || schema === '' ? name : `${schema}_${name}`);
  const base = configuration?.custom_name || def;
  const crf = configuration?.custom_root_fields ?? {};
  const pick = (k: string, dflt: string) => {
    const v = crf[k];
    if (typeof v === 'string' && v) return v;
    if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string' && (v as { name: string }).name) return (v as { name: string }).name;
    return dflt;
  };
  return {
    select: pick('select', base),
    select_aggregate: pick('select_aggregate', `${base}_aggregate`),
    select_by_pk: pick('select_by_pk', `${base}_by_pk`),
    insert_one: pick('insert_one', `insert_${base}_one`),
    update_by_pk: pick('update_by_pk', `update_${base}_by_pk`),
    delete_by_pk: pick('delete_by_pk', `delete_${base}_by_pk`),
  };
}

export interface BrowseArgs {
  columns: string[];
  where: Record<string, unknown>;
  orderBy: { column: string; direction: 'asc' | 'desc' }[];
  limit: number;
  offset: number;
}

export function browseQuery(rf: RootFields, a: BrowseArgs, withCount = true): string {
  const args: string[] = [];
  if (Object.keys(a.where).length) args.push(`where: ${literal(a.where)}`);
  if (a.orderBy.length) args.push(`order_by: ${literal(a.orderBy.map((o) => ({ [o.column]: new Enum(o.direction) })))}`);
  args.push(`limit: ${a.limit}`, `offset: ${a.offset}`);
  const cols = a.columns.filter(isGraphQLName).join(' ');
  let q = `query WardBrowseRows {\n  rows: ${rf.select}(${args.join(', ')}) { ${cols} }\n`;
  if (withCount) {
    const where = Object.keys(a.where).length ? `(where: ${literal(a.where)})` : '';
    q += `  total: ${rf.select_aggregate}${where} { aggregate { count } }\n`;
  }
  return q + '}';
}

export function insertMutation(rf: RootFields, row: Record<string, unknown>, returning: string[]): string {
  return `mutation WardInsertRow {\n  row: ${rf.insert_one}(object: ${literal(row)}) { ${returning.filter(isGraphQLName).join(' ') || '__typename'} }\n}`;
}

export function updateMutation(rf: RootFields, pk: Record<string, unknown>, set: Record<string, unknown>, returning: string[]): string {
  return `mutation WardUpdateRow {\n  row: ${rf.update_by_pk}(pk_columns: ${literal(pk)}, _set: ${literal(set)}) { ${returning.filter(isGraphQLName).join(' ') || '__typename'} }\n}`;
}

export function deleteMutation(rf: RootFields, pk: Record<string, unknown>): string {
  const args = Object.entries(pk)
    .map(([k, v]) => `${k}: ${literal(v)}`)
    .join(', ');
  return `mutation WardDeleteRow {\n  row: ${rf.delete_by_pk}(${args}) { __typename }\n}`;
}

/** Converts a text field to the value for a column of the given SQL type. */
export function coerceCell(text: string, sqlType: string): unknown {
  const t = sqlType.toLowerCase();
  if (/^(int|integer|smallint|bigint|int2|int4|int8|serial|bigserial|smallserial)/.test(t)) {
    if (!/^-?\d+$/.test(text.trim())) throw new Error(`"${text}" is not an integer`);
    // bigint beyond 2^53 goes as a string (Hasura accepts strings for bigint)
    const n = Number(text.trim());
    return Number.isSafeInteger(n) ? n : text.trim();
  }
  if (/^(real|double|float|numeric|decimal)/.test(t)) {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(n)) throw new Error(`"${text}" is not a number`);
    return n;
  }
  if (/^bool/.test(t)) {
    if (/^(true|t|1|yes)$/i.test(text.trim())) return true;
    if (/^(false|f|0|no)$/i.test(text.trim())) return false;
    throw new Error(`"${text}" is not a boolean`);
  }
  if (/^json/.test(t)) {
    try {
      return JSON.parse(text);
    } catch {
      throw new Error('not valid JSON');
    }
  }
  return text;
}
