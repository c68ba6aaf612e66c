import { LoginOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Space, Typography } from 'antd';
import { GraphiQL } from 'graphiql';
import 'graphiql/graphiql.css';
import './graphiql-overrides.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useThemeMode } from '../../common/theme';
import { ErrorAlert } from '../../common/ui';
import { getAdminSecret, graphqlUrl } from '../api';
import { headersIdentity, parseHeaders, setHeader } from '../headers';
import { DEFAULT_SCOPE, TOKEN_KEY, findIdpUrl, finishSignIn, loadSavedIdpConfig, saveIdpConfig, startSignIn, type IdpConfig } from '../oauth';

const HEADERS_KEY = 'ward.console.headers';

// GraphiQL keeps its tabs in localStorage and, when it mounts, looks for the tab matching its
// query, variables and headers props; given none, a stored tab holding a query never matches and
// it opens a second tab (whose tab bar has serious accessibility violations), depending on
// whether its debounced write of the tabs had happened yet. The console has one editor: keep the
// active tab only, without headers (the console keeps those itself), and hand its query and
// variables back as the props, so that it matches.
const TABS_KEY = 'graphiql:tabState';
function singleStoredTab(): { query?: string; variables?: string } {
  try {
    const raw = localStorage.getItem(TABS_KEY);
    if (!raw) return {};
    const state = JSON.parse(raw);
    const tabs = Array.isArray(state?.tabs) ? state.tabs : [];
    const tab = tabs[typeof state.activeTabIndex === 'number' ? state.activeTabIndex : 0] ?? tabs[0];
    if (!tab || typeof tab !== 'object') {
      localStorage.removeItem(TABS_KEY);
      return {};
    }
    const only = { ...tab, headers: null };
    localStorage.setItem(TABS_KEY, JSON.stringify({ ...state, tabs: [only], activeTabIndex: 0 }));
    return {
      query: typeof tab.query === 'string' && tab.query !== '' ? tab.query : undefined,
      variables: typeof tab.variables === 'string' && tab.variables !== '' ? tab.variables : undefined,
    };
  } catch {
    localStorage.removeItem(TABS_KEY);
    return {};
  }
}

function initialHeaders(): string {
  const saved = localStorage.getItem(HEADERS_KEY);
  if (saved) return saved;
  const s = getAdminSecret();
  return s ? setHeader('{}', 'x-hasura-admin-secret', s) : '{}';
}

export function ApiExplorer() {
  const { message } = App.useApp();
  const { mode } = useThemeMode();
  const [stored] = useState(singleStoredTab);
  const [headers, setHeaders] = useState<string>(initialHeaders);
  // The headers requests use now, and those the schema was last introspected with (see fetcher).
  const headersRef = useRef(headers);
  headersRef.current = headers;
  const [schemaHeaders, setSchemaHeaders] = useState(() => headersIdentity(headers));
  const [editorKey, setEditorKey] = useState(0);
  const [cfg, setCfg] = useState<IdpConfig>(() => loadSavedIdpConfig() ?? { url: '', clientId: '', scope: DEFAULT_SCOPE });
  const [findingUrl, setFindingUrl] = useState(() => loadSavedIdpConfig() === null);

  // Without a saved choice, the IdP is the one the engine knows.
  useEffect(() => {
    if (!findingUrl) return;
    let alive = true;
    findIdpUrl().then((url) => {
      if (!alive) return;
      setCfg((c) => (c.url ? c : { ...c, url }));
      setFindingUrl(false);
    });
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    finishSignIn().then(
      (tok) => {
        if (tok) {
          const next = setHeader(setHeader(headers, 'x-hasura-admin-secret', null), 'Authorization', `Bearer ${tok}`);
          setHeaders(next);
          // The remount below introspects with these headers already: no second introspection.
          setSchemaHeaders(headersIdentity(next));
          localStorage.setItem(HEADERS_KEY, next);
          // GraphiQL opens a second tab when it remounts with headers that differ from its stored
          // active tab; whether that tab was stored yet depends on a debounce. Start from one tab.
          localStorage.removeItem(TABS_KEY);
          setEditorKey((k) => k + 1);
          message.success('Signed in: the Authorization header is set');
        }
      },
      (e) => setErr(e),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    document.body.classList.toggle('graphiql-dark', mode === 'dark');
    document.body.classList.toggle('graphiql-light', mode !== 'dark');
  }, [mode]);

  // GraphiQL introspects again whenever its fetcher changes, and with 1,000 tracked tables an
  // introspection is tens of megabytes and a second of work in the page. So requests always use
  // the current headers (a ref), but the fetcher is replaced (and the schema fetched again, for
  // the role the new headers name) only once the headers editor holds a different valid set of
  // headers and has been left alone for a moment: not on every keystroke.
  useEffect(() => {
    const next = headersIdentity(headers);
    if (next === null || next === schemaHeaders) return;
    const timer = setTimeout(() => setSchemaHeaders(next), 800);
    return () => clearTimeout(timer);
  }, [headers, schemaHeaders]);
  const fetcher = useMemo(
    () => async (params: unknown, opts?: { headers?: Record<string, unknown> }) => {
      let h: Record<string, string> = {};
      try {
        h = parseHeaders(headersRef.current);
      } catch {
        /* the editor shows the problem */
      }
      const merged = { 'Content-Type': 'application/json', ...h, ...((opts?.headers as Record<string, string>) ?? {}) };
      const r = await fetch(graphqlUrl(), { method: 'POST', headers: merged, body: JSON.stringify(params), credentials: 'same-origin' });
      const text = await r.text();
      try {
        return JSON.parse(text);
      } catch {
        return { errors: [{ message: `HTTP ${r.status}: ${text.slice(0, 300)}` }] };
      }
    },
    // schemaHeaders is the reason to make a new fetcher (see above), not a value it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [schemaHeaders],
  );

  // GraphiQL's CodeMirror editors use hidden textareas without labels; name them for
  // screen readers (and axe). Editors appear lazily, so watch the container.
  useEffect(() => {
    const names: [string, string][] = [
      ['.graphiql-query-editor', 'Query editor'],
      ['.graphiql-editor-tool [aria-label="Variables"], .graphiql-editor-tool .graphiql-editor:not(.hidden)', 'Variables or headers editor'],
      ['.result-window', 'Response'],
    ];
    const label = () => {
      document.querySelectorAll<HTMLTextAreaElement>('.graphiql-container .CodeMirror textarea:not([aria-label])').forEach((ta) => {
        const match = names.find(([sel]) => ta.closest(sel));
        ta.setAttribute('aria-label', match ? match[1] : 'Editor');
      });
      // An editor that scrolls (a long bearer token, a long result) must be scrollable from the
      // keyboard too: its scroll box takes focus (axe "scrollable-region-focusable").
      // (CodeMirror gives it tabindex -1.)
      document.querySelectorAll<HTMLElement>('.graphiql-container .CodeMirror-scroll').forEach((el) => {
        if (el.tabIndex !== 0) el.tabIndex = 0;
      });
    };
    label();
    const mo = new MutationObserver(label);
    mo.observe(document.body, { childList: true, subtree: true });
    return () => mo.disconnect();
  }, []);

  const token = sessionStorage.getItem(TOKEN_KEY);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, height: 'calc(100vh - 140px)', minHeight: 500 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        API
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <label htmlFor="idp-url">Ward IdP URL</label>
          <Input id="idp-url" value={cfg.url} placeholder={findingUrl ? 'Looking up the engine’s IdP…' : 'http://localhost:8000'} onChange={(e) => setCfg({ ...cfg, url: e.target.value })} style={{ width: 240 }} />
          <label htmlFor="idp-client">Client ID</label>
          <Input id="idp-client" value={cfg.clientId} placeholder="app-built-in's client ID" onChange={(e) => setCfg({ ...cfg, clientId: e.target.value })} style={{ width: 220 }} />
          <label htmlFor="idp-scope">Scope</label>
          <Input id="idp-scope" value={cfg.scope} onChange={(e) => setCfg({ ...cfg, scope: e.target.value })} style={{ width: 180 }} />
          <Button
            type="primary"
            icon={<LoginOutlined />}
            loading={busy}
            disabled={!cfg.url}
            onClick={() => {
              setErr(null);
              setBusy(true);
              saveIdpConfig(cfg);
              startSignIn(cfg).catch((e) => {
                setBusy(false);
                setErr(e);
              });
            }}
          >
            Sign in with Ward IdP
          </Button>
          <Button
            onClick={() => {
              const s = getAdminSecret();
              const next = setHeader(setHeader(headers, 'Authorization', null), 'x-hasura-admin-secret', s ?? null);
              setHeaders(next);
              localStorage.setItem(HEADERS_KEY, next);
              // As after signing in: new headers in a remounted GraphiQL would open a second tab.
              localStorage.removeItem(TABS_KEY);
              setEditorKey((k) => k + 1);
            }}
          >
            Use admin secret
          </Button>
        </Space>
        {token && <Alert style={{ marginTop: 8 }} type="success" showIcon message="A token from Ward IdP is in the Authorization header (remove it in the headers editor to go back)." />}
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
          The redirect URI to allow in the application is <Typography.Text code copyable>{window.location.origin + window.location.pathname}</Typography.Text>
        </Typography.Paragraph>
      </Card>
      <ErrorAlert error={err} />
      <div style={{ flex: 1, minHeight: 400, border: '1px solid rgba(128,128,128,0.3)' }}>
        <GraphiQL
          key={editorKey}
          fetcher={fetcher}
          query={editorKey === 0 ? stored.query : undefined}
          variables={editorKey === 0 ? stored.variables : undefined}
          headers={headers}
          isHeadersEditorEnabled
          shouldPersistHeaders={false}
          defaultEditorToolsVisibility="headers"
          forcedTheme={mode}
          onEditHeaders={(h) => {
            setHeaders(h);
            localStorage.setItem(HEADERS_KEY, h);
          }}
          defaultQuery={'# Ward Engine GraphQL API\n# Write a query, then press the run button (Ctrl-Enter).\nquery {\n  __typename\n}\n'}
        >
          <GraphiQL.Logo>Ward</GraphiQL.Logo>
        </GraphiQL>
      </div>
    </div>
  );
}
