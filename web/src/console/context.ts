import { createContext, useContext } from 'react';
import type { Metadata, SourceMeta } from './api';

export interface ConsoleCtx {
  metadata: Metadata | undefined;
  reloadMetadata: () => void;
  source: SourceMeta | undefined;
  setSourceName: (s: string) => void;
}
export const ConsoleContext = createContext<ConsoleCtx>({ metadata: undefined, reloadMetadata: () => {}, source: undefined, setSourceName: () => {} });
export const useConsole = () => useContext(ConsoleContext);

/** All roles that appear in the metadata (besides admin). */
export function rolesIn(m: Metadata | undefined): string[] {
  const set = new Set<string>();
  for (const s of m?.sources ?? [])
    for (const t of s.tables ?? [])
      for (const k of ['select_permissions', 'insert_permissions', 'update_permissions', 'delete_permissions'] as const)
        for (const p of t[k] ?? []) set.add(p.role);
  for (const r of m?.inherited_roles ?? []) set.add(r.role_name);
  set.delete('admin');
  return [...set].sort();
}
