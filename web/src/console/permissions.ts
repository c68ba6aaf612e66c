// Pure helpers for permission objects (unit-tested).
import type { Action } from './api';

type Perm = Record<string, unknown>;

export function defaultPerm(a: Action): Perm {
  switch (a) {
    case 'select':
      return { columns: [], filter: {} };
    case 'insert':
      return { columns: [], check: {}, set: {} };
    case 'update':
      return { columns: [], filter: {}, check: null, set: {} };
    case 'delete':
      return { filter: {} };
  }
}

/** Converts a permission of one action into the shape of another (for copying). */
export function convertPermission(p: Perm, from: Action, to: Action): Perm {
  const exp = (from === 'insert' ? p.check : p.filter) ?? {};
  const out: Perm = defaultPerm(to);
  if (to !== 'delete' && p.columns !== undefined) out.columns = p.columns;
  if (to === 'insert') out.check = exp;
  else out.filter = exp;
  if ((to === 'insert' || to === 'update') && (from === 'insert' || from === 'update') && p.set) out.set = p.set;
  if (to === 'update' && from === 'update' && p.check !== undefined) out.check = p.check;
  if (to === 'select' && from === 'select') {
    for (const k of ['limit', 'allow_aggregations', 'computed_fields', 'query_root_fields', 'subscription_root_fields']) if (p[k] !== undefined) out[k] = p[k];
  }
  if (from === to && p.backend_only !== undefined) out.backend_only = p.backend_only;
  return out;
}

