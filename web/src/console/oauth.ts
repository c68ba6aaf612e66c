// "Sign in with Ward IdP": authorization-code flow with PKCE S256, back to the console page.
import { buildAuthorizeUrl, challengeS256, parseCallback, randomState, randomVerifier, redirectUriFor, stripCallbackParams, tokenRequestBody } from '../common/pkce';
import { defaultIdpUrl, idpOriginFromConfig } from '../common/url';

const CFG_KEY = 'ward.console.idp';
const PENDING_KEY = 'ward.console.pkce';
export const TOKEN_KEY = 'ward.console.idpToken';

export interface IdpConfig {
  url: string;
  clientId: string;
  scope: string;
}

/** The configuration the person saved in this browser, or null (then the URL is found: findIdpUrl). */
export function loadSavedIdpConfig(): IdpConfig | null {
  try {
    const c = JSON.parse(localStorage.getItem(CFG_KEY) ?? 'null');
    if (c && typeof c.url === 'string' && c.url) return { url: c.url, clientId: c.clientId ?? '', scope: c.scope ?? 'openid profile email' };
  } catch {
    /* ignore */
  }
  return null;
}

export const DEFAULT_SCOPE = 'openid profile email';

async function fetchText(url: string): Promise<string | null> {
  try {
    const r = await fetch(url, { credentials: 'omit', headers: { Accept: 'application/json, text/html' } });
    return r.ok ? await r.text() : null;
  } catch {
    return null;
  }
}

/**
 * The IdP URL the engine was configured with (its idp_origin, with the IdP's path prefix when it
 * is mounted under one), so that the console signs in at the right IdP without typing. In order:
 * a <meta name="ward-idp-origin"> in the page, the console's config.json next to the page
 * ({"idp_origin": ...}; 404 when the engine knows no IdP), and last the console's host on port
 * 8000.
 */
export async function findIdpUrl(): Promise<string> {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="ward-idp-origin"]')?.content;
  const fromMeta = idpOriginFromConfig({ idp_origin: meta });
  if (fromMeta) return fromMeta;
  const cfg = await fetchText(new URL('config.json', window.location.href).href);
  if (cfg) {
    try {
      const fromCfg = idpOriginFromConfig(JSON.parse(cfg));
      if (fromCfg) return fromCfg;
    } catch {
      /* not JSON: an engine without the config.json route answers with the console's page */
    }
  }
  return defaultIdpUrl(window.location);
}

export function saveIdpConfig(c: IdpConfig) {
  localStorage.setItem(CFG_KEY, JSON.stringify(c));
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

export async function discover(idpUrl: string): Promise<Discovery> {
  const base = idpUrl.replace(/\/+$/, '');
  try {
    const r = await fetch(base + '/.well-known/openid-configuration');
    if (r.ok) {
      const d = await r.json();
      if (d.authorization_endpoint && d.token_endpoint) return d;
    }
  } catch {
    /* fall back to the documented paths */
  }
  return { authorization_endpoint: base + '/login/oauth/authorize', token_endpoint: base + '/api/login/oauth/access_token' };
}

/** The client ID of app-built-in, read from the IdP's public get-application API when not set. */
export async function defaultClientId(idpUrl: string): Promise<string> {
  const r = await fetch(idpUrl.replace(/\/+$/, '') + '/api/get-application?id=admin/app-built-in', { credentials: 'omit' });
  const env = await r.json();
  const id = env?.data?.clientId;
  if (env?.status !== 'ok' || typeof id !== 'string' || !id) throw new Error(env?.msg || 'Could not read the client ID of app-built-in; enter it by hand');
  return id;
}

export async function startSignIn(cfg: IdpConfig): Promise<void> {
  const clientId = cfg.clientId || (await defaultClientId(cfg.url));
  const d = await discover(cfg.url);
  const verifier = randomVerifier();
  const state = randomState();
  const redirectUri = redirectUriFor(window.location);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state, verifier, clientId, redirectUri, tokenEndpoint: d.token_endpoint }));
  window.location.assign(buildAuthorizeUrl({ authorizationEndpoint: d.authorization_endpoint, clientId, redirectUri, state, codeChallenge: await challengeS256(verifier), scope: cfg.scope }));
}

/** If the page was opened by the IdP's redirect, exchange the code. Returns the access token, or null. */
export async function finishSignIn(): Promise<string | null> {
  const cb = parseCallback(window.location.search);
  if (cb.kind === 'none') return null;
  const pendingRaw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  window.history.replaceState(null, '', stripCallbackParams(window.location.href));
  if (cb.kind === 'error') throw new Error(`Sign-in failed: ${cb.error}${cb.description ? ` (${cb.description})` : ''}`);
  if (!pendingRaw) throw new Error('Sign-in failed: no sign-in was started from this browser tab');
  const pending = JSON.parse(pendingRaw);
  if (pending.state !== cb.state) throw new Error('Sign-in failed: the state does not match');
  const r = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: tokenRequestBody({ code: cb.code, codeVerifier: pending.verifier, clientId: pending.clientId, redirectUri: pending.redirectUri }),
  });
  const body = await r.json().catch(() => null);
  if (!body || typeof body.access_token !== 'string' || !body.access_token) {
    throw new Error(`Token exchange failed: ${body?.error_description || body?.error || body?.msg || `HTTP ${r.status}`}`);
  }
  sessionStorage.setItem(TOKEN_KEY, body.access_token);
  return body.access_token;
}
