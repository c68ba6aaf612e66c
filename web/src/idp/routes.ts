/** Top-level routes of the IdP admin app (also listed inline in idp/index.html). */
export const ROUTES = ['organizations', 'applications', 'users', 'roles', 'certs', 'tokens', 'sessions', 'account'] as const;
