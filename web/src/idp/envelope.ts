// Casdoor's REST envelope: {status: "ok"|"error", msg, data, data2, ...}, always HTTP 200.

export interface Envelope<T = unknown, T2 = unknown> {
  status: 'ok' | 'error';
  msg?: string;
  sub?: string;
  name?: string;
  data?: T;
  data2?: T2;
  data3?: unknown;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly httpStatus = 200,
    readonly needsLogin = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const LOGIN_MESSAGES = ['Please login first', 'Please sign in first'];

/** Parses a response body; throws ApiError with the server's `msg` on an error envelope. */
export function unwrapEnvelope<T = unknown, T2 = unknown>(httpStatus: number, bodyText: string): Envelope<T, T2> {
  let body: unknown;
  try {
    body = bodyText === '' ? undefined : JSON.parse(bodyText);
  } catch {
    const snippet = bodyText.trim().slice(0, 200);
    throw new ApiError(httpStatus >= 400 ? `HTTP ${httpStatus}: ${snippet || 'no body'}` : `Unexpected reply from the server: ${snippet}`, httpStatus);
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    if (httpStatus >= 400) throw new ApiError(`HTTP ${httpStatus}`, httpStatus);
    throw new ApiError('Unexpected reply from the server', httpStatus);
  }
  const env = body as Envelope<T, T2>;
  if (env.status === 'error') {
    const msg = (env.msg && String(env.msg)) || (typeof env.data === 'string' && env.data) || 'Error';
    throw new ApiError(msg, httpStatus, LOGIN_MESSAGES.some((m) => msg.startsWith(m)));
  }
  if (httpStatus >= 400) {
    throw new ApiError(env.msg || `HTTP ${httpStatus}`, httpStatus, httpStatus === 401);
  }
  if (env.status !== 'ok') {
    throw new ApiError('Unexpected reply from the server: no status', httpStatus);
  }
  return env;
}

/** "Affected"/"Unaffected" results of add-*, update-*, delete-*. */
export function checkAffected(env: Envelope): void {
  if (env.data === 'Unaffected') throw new ApiError('Nothing was changed (the object may already exist or no longer exist).');
}

/** The total count of a paginated list (data2), or the list length when absent. */
export function listTotal(env: Envelope<unknown[], unknown>): number {
  const n = typeof env.data2 === 'number' ? env.data2 : Number(env.data2);
  if (Number.isFinite(n) && env.data2 !== null && env.data2 !== undefined && env.data2 !== '') return n;
  return Array.isArray(env.data) ? env.data.length : 0;
}

/** Splits "owner/name" (exactly one slash). */
export function splitId(id: string): [string, string] {
  const i = id.indexOf('/');
  if (i < 0 || id.indexOf('/', i + 1) >= 0) throw new Error(`wrong token count for ID: ${id}`);
  return [id.slice(0, i), id.slice(i + 1)];
}
