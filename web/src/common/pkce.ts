// PKCE (RFC 7636) with S256, and the authorization-code flow helpers.

const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export function base64UrlEncode(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random string of `length` (43..128) unreserved characters. */
export function randomVerifier(length = 64): string {
  if (length < 43 || length > 128) throw new RangeError('code_verifier length must be 43..128');
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  // 66 characters: reject values >= 198 (3 * 66) to stay uniform.
  for (let i = 0; out.length < length; i++) {
    if (i >= bytes.length) {
      crypto.getRandomValues(bytes);
      i = 0;
    }
    if (bytes[i] < 198) out += UNRESERVED[bytes[i] % 66];
  }
  return out;
}

export function isValidVerifier(v: string): boolean {
  return /^[A-Za-z0-9\-._~]{43,128}$/.test(v);
}

/** base64url(SHA-256(verifier)) without padding. */
export async function challengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

export function randomState(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return base64UrlEncode(b);
}

export interface AuthorizeParams {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scope?: string;
  nonce?: string;
}

export function buildAuthorizeUrl(p: AuthorizeParams): string {
  const u = new URL(p.authorizationEndpoint);
  u.searchParams.set('client_id', p.clientId);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('redirect_uri', p.redirectUri);
  u.searchParams.set('scope', p.scope ?? 'openid profile email');
  u.searchParams.set('state', p.state);
  u.searchParams.set('code_challenge', p.codeChallenge);
  u.searchParams.set('code_challenge_method', 'S256');
  if (p.nonce) u.searchParams.set('nonce', p.nonce);
  return u.toString();
}

export type CallbackResult =
  | { kind: 'none' }
  | { kind: 'code'; code: string; state: string }
  | { kind: 'error'; error: string; description: string; state: string };

/** Reads ?code=&state= or ?error= from a redirect back to the console. */
export function parseCallback(search: string): CallbackResult {
  const q = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const state = q.get('state') ?? '';
  if (q.get('error')) return { kind: 'error', error: q.get('error')!, description: q.get('error_description') ?? '', state };
  const code = q.get('code');
  if (code) return { kind: 'code', code, state };
  return { kind: 'none' };
}

/** The form body for the token endpoint (application/x-www-form-urlencoded). */
export function tokenRequestBody(p: { code: string; codeVerifier: string; clientId: string; redirectUri: string }): string {
  const b = new URLSearchParams();
  b.set('grant_type', 'authorization_code');
  b.set('code', p.code);
  b.set('code_verifier', p.codeVerifier);
  b.set('client_id', p.clientId);
  b.set('redirect_uri', p.redirectUri);
  return b.toString();
}

/** The redirect URI for a page: its URL without query and hash. */
export function redirectUriFor(loc: { origin: string; pathname: string }): string {
  return loc.origin + loc.pathname;
}

/** The URL with the OAuth callback parameters removed (for history.replaceState). */
export function stripCallbackParams(href: string): string {
  const u = new URL(href);
  for (const k of ['code', 'state', 'error', 'error_description', 'session_state', 'iss']) u.searchParams.delete(k);
  return u.pathname + (u.searchParams.toString() ? '?' + u.searchParams.toString() : '') + u.hash;
}
