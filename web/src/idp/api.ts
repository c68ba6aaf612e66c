// The one module that talks to Ward IdP (Casdoor's REST API). Every path and body the
// admin pages use is here, so a mismatch with the server is fixed in one place.
import { appRoot, joinUrl, queryString } from '../common/url';
import { checkAffected, listTotal, unwrapEnvelope, type Envelope } from './envelope';

export { ApiError } from './envelope';

export interface Organization {
  owner: string;
  name: string;
  createdTime?: string;
  displayName?: string;
  websiteUrl?: string;
  logo?: string;
  passwordType?: string;
  defaultTokenFormat?: string;
  defaultApplication?: string;
  hasPrivilegeConsent?: boolean;
  [k: string]: unknown;
}

export interface Application {
  owner: string;
  name: string;
  createdTime?: string;
  displayName?: string;
  logo?: string;
  homepageUrl?: string;
  description?: string;
  organization?: string;
  cert?: string;
  clientId?: string;
  clientSecret?: string;
  redirectUris?: string[] | null;
  grantTypes?: string[] | null;
  tokenFormat?: string;
  tokenSigningMethod?: string;
  tokenFields?: string[] | null;
  expireInHours?: number;
  refreshExpireInHours?: number;
  cookieExpireInHours?: number;
  enablePassword?: boolean;
  enableSignUp?: boolean;
  [k: string]: unknown;
}

export interface Role {
  owner: string;
  name: string;
  createdTime?: string;
  displayName?: string;
  description?: string;
  users?: string[] | null;
  groups?: string[] | null;
  roles?: string[] | null;
  domains?: string[] | null;
  isEnabled?: boolean;
  [k: string]: unknown;
}

export interface User {
  owner: string;
  name: string;
  id?: string;
  createdTime?: string;
  type?: string;
  displayName?: string;
  password?: string;
  email?: string;
  phone?: string;
  avatar?: string;
  affiliation?: string;
  tag?: string;
  isAdmin?: boolean;
  isForbidden?: boolean;
  isDeleted?: boolean;
  roles?: Role[] | null;
  permissions?: { owner: string; name: string; displayName?: string }[] | null;
  groups?: string[] | null;
  properties?: Record<string, string> | null;
  [k: string]: unknown;
}

export interface Cert {
  owner: string;
  name: string;
  createdTime?: string;
  displayName?: string;
  scope?: string;
  type?: string;
  cryptoAlgorithm?: string;
  bitSize?: number;
  expireInYears?: number;
  certificate?: string;
  privateKey?: string;
  [k: string]: unknown;
}

export interface Token {
  owner: string;
  name: string;
  createdTime?: string;
  application?: string;
  organization?: string;
  user?: string;
  code?: string;
  accessToken?: string;
  refreshToken?: string;
  expiresIn?: number;
  scope?: string;
  tokenType?: string;
  [k: string]: unknown;
}

export interface Session {
  owner: string;
  name: string;
  application?: string;
  createdTime?: string;
  sessionId?: string[] | null;
  [k: string]: unknown;
}

export interface ListQuery {
  owner: string;
  page: number;
  pageSize: number;
  field?: string;
  value?: string;
  sortField?: string;
  sortOrder?: 'ascend' | 'descend' | '';
  organization?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

function base(): string {
  return appRoot(window.location.pathname);
}

/** Absolute-path-free URL of an API call, relative to where the app is served. */
export function apiUrl(name: string, params: Record<string, string | number | undefined> = {}): string {
  return joinUrl(base(), 'api/' + name) + queryString(params);
}

async function call<T = unknown, T2 = unknown>(url: string, init?: RequestInit): Promise<Envelope<T, T2>> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin', ...init, headers: { Accept: 'application/json', ...(init?.headers ?? {}) } });
  } catch (e) {
    throw new Error(`Cannot reach the server: ${(e as Error).message}`);
  }
  return unwrapEnvelope<T, T2>(res.status, await res.text());
}

export function get<T = unknown, T2 = unknown>(name: string, params: Record<string, string | number | undefined> = {}) {
  return call<T, T2>(apiUrl(name, params));
}

export function postJson<T = unknown>(name: string, body: unknown, params: Record<string, string | number | undefined> = {}) {
  return call<T>(apiUrl(name, params), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

function listParams(q: ListQuery): Record<string, string | number | undefined> {
  return {
    owner: q.owner,
    p: q.page,
    pageSize: q.pageSize,
    field: q.field ?? '',
    value: q.value ?? '',
    sortField: q.sortField ?? '',
    sortOrder: q.sortOrder ?? '',
    ...(q.organization !== undefined ? { organization: q.organization } : {}),
  };
}

async function list<T>(name: string, q: ListQuery): Promise<Page<T>> {
  const env = await get<T[]>(name, listParams(q));
  const items = Array.isArray(env.data) ? env.data : [];
  return { items, total: listTotal(env as Envelope<unknown[]>) };
}

async function one<T>(name: string, id: string, extra: Record<string, string> = {}): Promise<T> {
  const env = await get<T>(name, { id, ...extra });
  if (env.data === null || env.data === undefined) throw new Error(`Not found: ${id}`);
  return env.data;
}

async function write(name: string, body: unknown, params: Record<string, string> = {}): Promise<void> {
  checkAffected(await postJson(name, body, params));
}

export const idp = {
  // session
  login: (username: string, password: string) =>
    postJson('login', { application: 'app-built-in', organization: 'built-in', username, password, type: 'login', autoSignin: true }),
  logout: () => call(apiUrl('logout'), { method: 'POST' }),
  getAccount: async () => {
    const env = await get<User, Organization>('get-account');
    return { user: env.data as User, organization: env.data2 as Organization | undefined };
  },

  // organizations
  getOrganizations: (q: ListQuery) => list<Organization>('get-organizations', q),
  getOrganizationNames: async () => {
    const env = await get<Organization[]>('get-organizations', { owner: 'admin' });
    return (env.data ?? []).map((o) => o.name);
  },
  getOrganization: (name: string) => one<Organization>('get-organization', `admin/${name}`),
  addOrganization: (o: Organization) => write('add-organization', o),
  updateOrganization: (oldName: string, o: Organization) => write('update-organization', o, { id: `admin/${oldName}` }),
  deleteOrganization: (o: Organization) => write('delete-organization', o),

  // applications
  getApplications: (q: ListQuery) => list<Application>('get-applications', q),
  getApplication: (name: string) => one<Application>('get-application', `admin/${name}`),
  addApplication: (a: Application) => write('add-application', a),
  updateApplication: (oldName: string, a: Application) => write('update-application', a, { id: `admin/${oldName}` }),
  deleteApplication: (a: Application) => write('delete-application', a),

  // users
  getUsers: (q: ListQuery) => list<User>('get-users', q),
  getUser: (org: string, name: string) => one<User>('get-user', `${org}/${name}`),
  addUser: (u: User) => write('add-user', u),
  updateUser: (oldOrg: string, oldName: string, u: User) => write('update-user', u, { id: `${oldOrg}/${oldName}` }),
  deleteUser: (u: User) => write('delete-user', u),
  setPassword: async (userOwner: string, userName: string, oldPassword: string, newPassword: string) => {
    const form = new FormData();
    form.set('userOwner', userOwner);
    form.set('userName', userName);
    form.set('oldPassword', oldPassword);
    form.set('newPassword', newPassword);
    await call(apiUrl('set-password'), { method: 'POST', body: form });
  },

  // roles
  getRoles: (q: ListQuery) => list<Role>('get-roles', q),
  getRole: (org: string, name: string) => one<Role>('get-role', `${org}/${name}`),
  addRole: (r: Role) => write('add-role', r),
  updateRole: (oldOrg: string, oldName: string, r: Role) => write('update-role', r, { id: `${oldOrg}/${oldName}` }),
  deleteRole: (r: Role) => write('delete-role', r),

  // certs
  getCerts: (q: ListQuery) => list<Cert>('get-certs', q),
  getCert: (owner: string, name: string) => one<Cert>('get-cert', `${owner}/${name}`),
  addCert: (c: Cert) => write('add-cert', c),
  updateCert: (oldOwner: string, oldName: string, c: Cert) => write('update-cert', c, { id: `${oldOwner}/${oldName}` }),
  deleteCert: (c: Cert) => write('delete-cert', c),

  // tokens
  getTokens: (q: ListQuery) => list<Token>('get-tokens', q),
  getToken: (name: string) => one<Token>('get-token', `admin/${name}`),
  deleteToken: (t: Token) => write('delete-token', t),

  // sessions
  getSessions: (q: ListQuery) => list<Session>('get-sessions', q),
  deleteSession: (s: Session) => write('delete-session', s),
};
