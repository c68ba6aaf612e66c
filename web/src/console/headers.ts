// The GraphiQL request-headers editor holds JSON text; these helpers edit it.

export function parseHeaders(text: string): Record<string, string> {
  if (!text.trim()) return {};
  const v = JSON.parse(text);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('headers must be a JSON object');
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
}

/** Sets (or with value null removes) a header, case-insensitively, and returns the new JSON text. */
export function setHeader(text: string, name: string, value: string | null): string {
  let h: Record<string, string>;
  try {
    h = parseHeaders(text);
  } catch {
    h = {};
  }
  for (const k of Object.keys(h)) if (k.toLowerCase() === name.toLowerCase()) delete h[k];
  if (value !== null) h[name] = value;
  return JSON.stringify(h, null, 2);
}

/**
 * What decides whether GraphiQL must introspect again after the headers editor changed: the
 * headers as a canonical string (names lowercased, sorted), or null while the text is not a
 * JSON object (half typed). Spacing, key order and the case of names do not change the schema a
 * role sees, so they do not cost a new introspection (tens of megabytes with 1,000 tables).
 */
export function headersIdentity(text: string): string | null {
  let h: Record<string, string>;
  try {
    h = parseHeaders(text);
  } catch {
    return null;
  }
  const entries = Object.entries(h).map(([k, v]) => [k.toLowerCase(), v] as const);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
