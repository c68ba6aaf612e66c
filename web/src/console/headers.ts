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
