import { ApartmentOutlined, AppstoreOutlined, KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, TeamOutlined, UserOutlined, IdcardOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Layout, Menu, Space, Spin, Typography, theme } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert, ThemeToggle, hrefFor, useAsync, useHashRoute } from '../common/ui';
import { idp, type User } from './api';
import { OrgContext } from './components';
import {
  AccountPage,
  ApplicationEdit,
  ApplicationsPage,
  CertEdit,
  CertsPage,
  NotFound,
  OrganizationEdit,
  OrganizationsPage,
  RoleEdit,
  RolesPage,
  SessionsPage,
  TokenEdit,
  TokensPage,
  UserEdit,
  UsersPage,
} from './pages';


function LoginPage({ onDone }: { onDone: () => void }) {
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main style={{ display: 'flex', justifyContent: 'center', alignItems: 'center', minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center' }}>
          Ward IdP
        </Typography.Title>
        <Typography.Paragraph style={{ textAlign: 'center' }}>Sign in as an administrator</Typography.Paragraph>
        <ErrorAlert error={err} />
        <Form
          layout="vertical"
          onFinish={(v) => {
            setBusy(true);
            setErr(null);
            idp.login(v.username, v.password).then(
              () => {
                setBusy(false);
                onDone();
              },
              (e) => {
                setBusy(false);
                setErr(e);
              },
            );
          }}
        >
          <Form.Item name="username" label="Username" rules={[{ required: true, message: 'Enter the username' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="Password" rules={[{ required: true, message: 'Enter the password' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Sign in
          </Button>
        </Form>
      </Card>
    </main>
  );
}

const MENU = [
  { key: 'organizations', icon: <ApartmentOutlined />, label: 'Organizations' },
  { key: 'applications', icon: <AppstoreOutlined />, label: 'Applications' },
  { key: 'users', icon: <UserOutlined />, label: 'Users' },
  { key: 'roles', icon: <TeamOutlined />, label: 'Roles' },
  { key: 'certs', icon: <SafetyCertificateOutlined />, label: 'Certs' },
  { key: 'tokens', icon: <KeyOutlined />, label: 'Tokens' },
  { key: 'sessions', icon: <ClockCircleOutlined />, label: 'Sessions' },
  { key: 'account', icon: <IdcardOutlined />, label: 'My account' },
];

function hashQuery(): URLSearchParams {
  const h = window.location.hash;
  const i = h.indexOf('?');
  return new URLSearchParams(i >= 0 ? h.slice(i + 1) : '');
}

function Shell({ user, reloadAccount }: { user: User; reloadAccount: () => void }) {
  const [segs, navigate] = useHashRoute();
  const { token } = theme.useToken();
  const isGlobalAdmin = user.owner === 'built-in';
  const [org, setOrg] = useState<string>(() => hashQuery().get('org') ?? user.owner ?? 'built-in');
  const page0 = segs[0];
  // Read again on every page change: an organization added a moment ago must be choosable.
  const orgs = useAsync(() => (isGlobalAdmin ? idp.getOrganizationNames() : Promise.resolve([user.owner])), [isGlobalAdmin, user.owner, page0]);
  useEffect(() => {
    const q = hashQuery().get('org');
    if (q) setOrg(q);
  }, [segs]);
  useEffect(() => {
    if (segs.length === 0) navigate(isGlobalAdmin ? 'organizations' : 'account');
  }, [segs, navigate, isGlobalAdmin]);
  const [page, a, b] = segs;
  let content;
  switch (page) {
    case 'organizations':
      content = a ? <OrganizationEdit name={a} /> : <OrganizationsPage />;
      break;
    case 'applications':
      content = a ? <ApplicationEdit name={a} /> : <ApplicationsPage />;
      break;
    case 'users':
      content = a && b ? <UserEdit org={a} name={b} /> : <UsersPage />;
      break;
    case 'roles':
      content = a && b ? <RoleEdit org={a} name={b} /> : <RolesPage />;
      break;
    case 'certs':
      content = a && b ? <CertEdit owner={a} name={b} /> : <CertsPage />;
      break;
    case 'tokens':
      content = a ? <TokenEdit name={a} /> : <TokensPage />;
      break;
    case 'sessions':
      content = <SessionsPage />;
      break;
    case 'account':
      content = <AccountPage user={user} reload={reloadAccount} />;
      break;
    case undefined:
      content = <Spin />;
      break;
    default:
      content = <NotFound />;
  }
  const items = (isGlobalAdmin ? MENU : MENU.filter((m) => m.key === 'account' || (user.isAdmin && ['users', 'roles', 'sessions'].includes(m.key)))).map((m) => ({
    key: m.key,
    icon: m.icon,
    label: <a href={hrefFor(m.key)}>{m.label}</a>,
  }));
  return (
    <OrgContext.Provider value={{ orgs: orgs.data ?? [org], org, setOrg }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            Ward IdP
          </Typography.Text>
          <span style={{ flex: 1 }} />
          <Space>
            <Typography.Text>
              {user.displayName || user.name} ({user.owner}/{user.name})
            </Typography.Text>
            <ThemeToggle />
            <Button
              icon={<LogoutOutlined />}
              onClick={() => idp.logout().finally(() => reloadAccount())}
            >
              Sign out
            </Button>
          </Space>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={210} breakpoint="lg" collapsedWidth={0} theme="light" style={{ background: token.colorBgContainer }}>
            <nav aria-label="Main">
              <Menu mode="inline" selectedKeys={[page ?? '']} items={items} style={{ borderInlineEnd: 0 }} />
            </nav>
          </Layout.Sider>
          <Layout.Content style={{ padding: 24, minWidth: 0 }}>
            {content}
          </Layout.Content>
        </Layout>
      </Layout>
    </OrgContext.Provider>
  );
}

export function IdpApp() {
  const account = useAsync(() => idp.getAccount(), []);
  if (account.loading && !account.data) {
    return (
      <main style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
        <Spin aria-label="Loading" />
      </main>
    );
  }
  if (!account.data?.user) {
    const e = account.error as { needsLogin?: boolean } | null;
    return (
      <>
        {e && !e.needsLogin && (
          <div style={{ padding: 16 }}>
            <Alert type="warning" showIcon message={`Could not read the current account: ${(account.error as Error).message}`} />
          </div>
        )}
        <LoginPage onDone={account.reload} />
      </>
    );
  }
  return <Shell user={account.data.user} reloadAccount={account.reload} />;
}
