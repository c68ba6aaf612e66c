import { ApiOutlined, DatabaseOutlined, KeyOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Layout, Menu, Modal, Select, Space, Spin, Typography, theme } from 'antd';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { ErrorAlert, ThemeToggle, hrefFor, useAsync, useHashRoute } from '../common/ui';
import { getAdminSecret, metadata, setAdminSecret } from './api';
import { ConsoleContext } from './context';
import { DataPage } from './pages/Data';
import { SettingsPage } from './pages/Settings';

// GraphiQL and graphql-js are most of the console's code: only the API page loads them, so the
// Data page (the first one shown) does not wait for them. Once the browser is idle they are
// fetched ahead, so that opening the API page does not wait for them either.
const loadApiExplorer = () => import('./pages/ApiExplorer');
const ApiExplorer = lazy(() => loadApiExplorer().then((m) => ({ default: m.ApiExplorer })));
function prefetchApiExplorer() {
  const later = (window as { requestIdleCallback?: (f: () => void) => void }).requestIdleCallback ?? ((f: () => void) => setTimeout(f, 1000));
  later(() => void loadApiExplorer().catch(() => undefined));
}

function SecretModal({ open, onDone, onCancel }: { open: boolean; onDone: () => void; onCancel?: () => void }) {
  const [value, setValue] = useState(getAdminSecret() ?? '');
  return (
    <Modal
      open={open}
      title="Admin secret"
      okText="Save"
      closable={!!onCancel}
      maskClosable={false}
      cancelButtonProps={{ style: onCancel ? undefined : { display: 'none' } }}
      onCancel={onCancel}
      onOk={() => {
        setAdminSecret(value);
        onDone();
      }}
    >
      <Typography.Paragraph>The console sends it as x-hasura-admin-secret. It is kept in this browser only (localStorage). Leave it empty when the engine runs without an admin secret.</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="Admin secret" htmlFor="admin-secret">
          <Input.Password id="admin-secret" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="off" onPressEnter={() => { setAdminSecret(value); onDone(); }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ConsoleApp() {
  const [segs] = useHashRoute();
  const { token } = theme.useToken();
  const [asking, setAsking] = useState(getAdminSecret() === null);
  const [tick, setTick] = useState(0);
  const md = useAsync(() => (asking ? Promise.resolve(undefined) : metadata.export()), [asking, tick]);
  const [sourceName, setSourceName] = useState<string | null>(null);
  const page = segs[0] ?? 'data';
  useEffect(prefetchApiExplorer, []);
  const source = useMemo(() => {
    const list = md.data?.sources ?? [];
    return list.find((s) => s.name === sourceName) ?? list.find((s) => s.name === 'default') ?? list[0];
  }, [md.data, sourceName]);
  const unauthorized = (md.error as { status?: number } | null)?.status === 401 || /admin secret|access-denied|invalid x-hasura-admin-secret/i.test(String((md.error as Error | null)?.message ?? ''));
  let content;
  if (asking) content = <Spin />;
  else if (page === 'api')
    content = (
      <Suspense fallback={<Spin aria-label="Loading the API explorer" />}>
        <ApiExplorer />
      </Suspense>
    );
  else if (md.loading && !md.data) content = <Spin aria-label="Loading metadata" />;
  else if (md.error)
    content = (
      <>
        <ErrorAlert error={md.error} onRetry={md.reload} />
        {unauthorized && <Button onClick={() => setAsking(true)}>Enter the admin secret</Button>}
      </>
    );
  else if (!source && page === 'data') content = <Alert type="info" showIcon message="No database is connected to the engine (the metadata has no source)." />;
  else if (page === 'settings') content = <SettingsPage />;
  else content = <DataPage key={source?.name} />;
  const items = [
    { key: 'data', icon: <DatabaseOutlined />, label: <a href={hrefFor('data')}>Data</a> },
    { key: 'api', icon: <ApiOutlined />, label: <a href={hrefFor('api')}>API</a> },
    { key: 'settings', icon: <SettingOutlined />, label: <a href={hrefFor('settings')}>Settings</a> },
  ];
  return (
    <ConsoleContext.Provider value={{ metadata: md.data, reloadMetadata: () => setTick((t) => t + 1), source, setSourceName }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <Typography.Text strong style={{ fontSize: 18, whiteSpace: 'nowrap' }}>
            Ward Engine console
          </Typography.Text>
          <nav aria-label="Main" style={{ flex: 1, minWidth: 0 }}>
            <Menu mode="horizontal" selectedKeys={[page]} items={items} style={{ borderBottom: 0, background: 'transparent' }} />
          </nav>
          <Space>
            {(md.data?.sources?.length ?? 0) > 1 && (
              <Select aria-label="Database source" value={source?.name} onChange={setSourceName} options={(md.data?.sources ?? []).map((s) => ({ value: s.name, label: `${s.name} (${s.kind})` }))} style={{ minWidth: 160 }} />
            )}
            <Button icon={<KeyOutlined />} onClick={() => setAsking(true)}>
              Admin secret
            </Button>
            <ThemeToggle />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>{content}</Layout.Content>
      </Layout>
      <SecretModal
        open={asking}
        onDone={() => {
          setAsking(false);
          setTick((t) => t + 1);
        }}
        onCancel={getAdminSecret() !== null ? () => setAsking(false) : undefined}
      />
    </ConsoleContext.Provider>
  );
}
