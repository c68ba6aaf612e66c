// Path-prefix aware URL building. Nothing in the UI may use an absolute path such
// as "/api/..." directly: every URL is derived from where the page itself is served,
// so the apps keep working behind a reverse proxy that mounts them under a prefix.

/** The folder that holds the page, always ending in "/": "/a/b/index.html" -> "/a/b/". */
export function appRoot(pathname: string): string {
  if (!pathname) return '/';
  const i = pathname.lastIndexOf('/');
  return i < 0 ? '/' : pathname.slice(0, i + 1);
}

/** Joins a base ("/", "/x/", "http://h:1/x") and a relative path ("api/get-users" or "/api/..."). */
export function joinUrl(base: string, path: string): string {
  const b = base.endsWith('/') ? base : base + '/';
  const p = path.startsWith('/') ? path.slice(1) : path;
  return b + p;
}

/**
 * Base URL of the engine API for a console page. The console lives at "<prefix>console/",
 * the engine's endpoints at "<prefix>v1/graphql" etc.
 */
export function engineBase(pathname: string): string {
  const root = appRoot(pathname);
  const m = /^(.*\/)console\/$/.exec(root);
  return m ? m[1] : root;
}

/** Builds "?a=1&b=2" from an object; undefined values are left out, empty strings kept. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(v)));
  }
  return parts.length ? '?' + parts.join('&') : '';
}

/**
 * The IdP server answers unknown non-API paths with index.html (SPA fallback). The app
 * routes with the URL hash, so a deep link such as "/idp/users/built-in/admin" is turned
 * into "/idp/#/users/built-in/admin". Returns the URL to go to, or null when nothing to do.
 * (index.html carries a copy of this logic inline so that it runs before any asset loads.)
 */
export function deepLinkToHash(pathname: string, hash: string, routes: readonly string[]): string | null {
  if (hash && hash.length > 1) return null;
  const segs = pathname.split('/');
  for (let i = 1; i < segs.length; i++) {
    if (routes.includes(segs[i])) {
      const base = segs.slice(0, i).join('/') + '/';
      const rest = segs.slice(i).filter((s, j) => s !== '' || j === 0).join('/');
      return base + '#/' + rest;
    }
  }
  return null;
}

/** The IdP's URL when nothing better is known: the console's host on port 8000 (`ward up`'s default). */
export function defaultIdpUrl(loc: { protocol: string; hostname: string }): string {
  const host = loc.hostname.includes(':') && !loc.hostname.startsWith('[') ? `[${loc.hostname}]` : loc.hostname;
  return `${loc.protocol}//${host}:8000`;
}

/** An absolute http(s) URL without a trailing slash, or null for anything else. */
export function cleanIdpUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password || u.search || u.hash) return null;
  return (u.origin + u.pathname).replace(/\/+$/, '');
}

/** The IdP origin in the engine's console configuration (`{"idp_origin": "..."}`), or null. */
export function idpOriginFromConfig(json: unknown): string | null {
  if (!json || typeof json !== 'object') return null;
  const o = json as Record<string, unknown>;
  return cleanIdpUrl(o.idp_origin ?? o.idpOrigin);
}
