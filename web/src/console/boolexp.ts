// Hasura boolean expressions <-> an editable tree for the row-filter builder.
// JSON forms accepted: {} (true), several keys = AND, _and/_or/_not, column operators,
// relationship nesting, the "$op" spellings and the permission shorthand {col: value} (= _eq).
// Anything else (e.g. _exists) is kept verbatim as a raw node so nothing is lost.

export type BoolExp = Record<string, unknown>;

export type Node =
  | { kind: 'and' | 'or'; items: Node[] }
  | { kind: 'not'; item: Node }
  | { kind: 'col'; column: string; op: string; value: unknown }
  | { kind: 'rel'; name: string; item: Node }
  | { kind: 'raw'; key: string; value: unknown };

export const OPERATORS = [
  '_eq', '_neq', '_gt', '_lt', '_gte', '_lte', '_in', '_nin', '_is_null',
  '_like', '_nlike', '_ilike', '_nilike', '_similar', '_nsimilar', '_regex', '_nregex', '_iregex', '_niregex',
  '_ceq', '_cne', '_cgt', '_clt', '_cgte', '_clte',
  '_contains', '_contained_in', '_has_key', '_has_keys_any', '_has_keys_all',
] as const;

const OP_SET = new Set<string>([...OPERATORS, '_ne', '_cast', '_jsonb_path_exists', '_jsonb_path_match']);

function normOp(k: string): string {
  const op = k.startsWith('$') ? '_' + k.slice(1) : k;
  return op === '_ne' ? '_neq' : op;
}

function isOpKey(k: string): boolean {
  return OP_SET.has(normOp(k)) || k.startsWith('_st_') || k.startsWith('$st_');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON -> tree. The root is always an 'and' node (an empty 'and' is {}). */
export function fromJson(exp: unknown): Node {
  if (!isPlainObject(exp)) return { kind: 'and', items: [{ kind: 'raw', key: '', value: exp }] };
  const items: Node[] = [];
  for (const [k, v] of Object.entries(exp)) items.push(...entry(k, v));
  return { kind: 'and', items };
}

function entry(key: string, v: unknown): Node[] {
  const k = key.startsWith('$') ? '_' + key.slice(1) : key;
  if ((k === '_and' || k === '_or') && Array.isArray(v)) {
    return [{ kind: k === '_and' ? 'and' : 'or', items: v.map((x) => single(fromJson(x))) }];
  }
  if (k === '_not' && isPlainObject(v)) return [{ kind: 'not', item: single(fromJson(v)) }];
  if (k.startsWith('_')) return [{ kind: 'raw', key, value: v }];
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length > 0 && keys.every(isOpKey)) {
      return keys.map((op) => ({ kind: 'col' as const, column: key, op: normOp(op), value: v[op] }));
    }
    return [{ kind: 'rel', name: key, item: single(fromJson(v)) }];
  }
  // shorthand {col: value}
  return [{ kind: 'col', column: key, op: '_eq', value: v }];
}

/** An 'and' with one item is that item (keeps the tree small). */
function single(n: Node): Node {
  return n.kind === 'and' && n.items.length === 1 ? n.items[0] : n;
}

/** Tree -> JSON. An 'and' whose parts use distinct keys is written as one object. */
export function toJson(n: Node): BoolExp {
  switch (n.kind) {
    case 'col':
      return { [n.column]: { [n.op]: n.value } };
    case 'rel':
      return { [n.name]: toJson(n.item) };
    case 'raw':
      return n.key === '' ? (isPlainObject(n.value) ? n.value : {}) : { [n.key]: n.value };
    case 'not':
      return { _not: toJson(n.item) };
    case 'or':
      return { _or: n.items.map(toJson) };
    case 'and': {
      const parts = n.items.map(toJson);
      const merged: BoolExp = {};
      for (const p of parts) {
        for (const [k, v] of Object.entries(p)) {
          if (!(k in merged)) {
            merged[k] = v;
          } else if (isPlainObject(merged[k]) && isPlainObject(v) && isColumnOps(merged[k]) && isColumnOps(v) && !Object.keys(v).some((op) => op in (merged[k] as object))) {
            merged[k] = { ...(merged[k] as object), ...v };
          } else {
            return { _and: parts };
          }
        }
      }
      return merged;
    }
  }
}

function isColumnOps(v: Record<string, unknown>): boolean {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every(isOpKey);
}

/** Parses what the user typed in a value box: JSON when it parses, else the plain string. */
export function parseValueInput(text: string, op: string): unknown {
  const t = text.trim();
  if (op === '_is_null') return t === '' || t === 'true';
  if (op === '_in' || op === '_nin' || op === '_has_keys_any' || op === '_has_keys_all') {
    if (t.startsWith('[')) {
      try {
        const v = JSON.parse(t);
        if (Array.isArray(v)) return v;
      } catch {
        /* fall through */
      }
    }
    if (/^x-hasura-/i.test(t)) return t; // a session variable holding an array
    return t === '' ? [] : t.split(',').map((s) => scalar(s.trim()));
  }
  if (op === '_contains' || op === '_contained_in') {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  if (op === '_like' || op === '_nlike' || op === '_ilike' || op === '_nilike' || op === '_similar' || op === '_nsimilar' || op.endsWith('regex') || op === '_has_key') return text;
  return scalar(t);
}

function scalar(t: string): unknown {
  if (t === 'true') return true;
  if (t === 'false') return false;
  if (t === 'null') return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t) && t.length < 16) return Number(t);
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      return JSON.parse(t);
    } catch {
      return t;
    }
  }
  return t;
}

/** The text shown in a value box for a stored value. */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  return JSON.stringify(v);
}

/** Every column name mentioned at the top level of a tree (used to warn about unknown columns). */
export function columnsUsed(n: Node): string[] {
  switch (n.kind) {
    case 'col':
      return [n.column];
    case 'and':
    case 'or':
      return n.items.flatMap(columnsUsed);
    case 'not':
      return columnsUsed(n.item);
    default:
      return [];
  }
}
