import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Spin, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { decodeJwt } from '../common/jwt';
import { CopyButton, DownloadButton, ErrorAlert, hrefFor, useAsync } from '../common/ui';
import { idp, type Application, type Cert, type Organization, type Role, type Session, type Token, type User } from './api';
import { ListPage, ObjectForm, link, useOrg, type FieldSpec } from './components';

const nav = (path: string) => {
  window.location.hash = hrefFor(path);
};

function rand(n = 6): string {
  const b = new Uint8Array(n);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => (x % 36).toString(36)).join('');
}

function PageTitle({ children, back }: { children: ReactNode; back?: string }) {
  return (
    <Space direction="vertical" size={0} style={{ marginBottom: 16 }}>
      {back && <Typography.Link href={hrefFor(back)}>← Back to list</Typography.Link>}
      <Typography.Title level={1} id="page-title" style={{ fontSize: 24, margin: 0 }}>
        {children}
      </Typography.Title>
    </Space>
  );
}

/** Loads an object and shows an edit form; `save` gets the edited object. */
function EditPage<T extends Record<string, unknown>>({
  title,
  back,
  load,
  deps,
  fields,
  save,
  extra,
  after,
}: {
  title: string;
  back: string;
  load: () => Promise<T>;
  deps: unknown[];
  fields: FieldSpec[] | ((v: T) => FieldSpec[]);
  save?: (v: T) => Promise<void>;
  extra?: (v: T) => ReactNode;
  after?: (v: T) => ReactNode;
}) {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useAsync(load, deps);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  return (
    <section aria-labelledby={title ? 'page-title' : undefined}>
      {title && <PageTitle back={back}>{title}</PageTitle>}
      <ErrorAlert error={error} onRetry={reload} />
      <ErrorAlert error={saveError} />
      {loading && <Spin />}
      {data && (
        <>
          {save ? (
            <ObjectForm
              value={data}
              fields={typeof fields === 'function' ? fields(data) : fields}
              saving={saving}
              extra={extra?.(data)}
              onSave={(v) => {
                setSaving(true);
                setSaveError(null);
                save(v).then(
                  () => {
                    setSaving(false);
                    message.success('Saved');
                  },
                  (e) => {
                    setSaving(false);
                    setSaveError(e);
                  },
                );
              }}
            />
          ) : (
            extra?.(data)
          )}
          {after?.(data)}
        </>
      )}
    </section>
  );
}

// ---------------------------------------------------------------- organizations

export function OrganizationsPage() {
  const { message } = App.useApp();
  return (
    <ListPage<Organization>
      title="Organizations"
      scope="admin"
      fetch={idp.getOrganizations}
      rowKey={(r) => r.name}
      searchFields={[
        { value: 'name', label: 'Name' },
        { value: 'displayName', label: 'Display name' },
      ]}
      columns={[
        { title: 'Name', dataIndex: 'name', key: 'name', sorter: true, render: (n: string) => link(`organizations/${n}`, n) },
        { title: 'Display name', dataIndex: 'displayName', key: 'displayName', sorter: true },
        { title: 'Created', dataIndex: 'createdTime', key: 'createdTime', sorter: true },
        { title: 'Password type', dataIndex: 'passwordType', key: 'passwordType' },
        { title: 'Default token format', dataIndex: 'defaultTokenFormat', key: 'defaultTokenFormat' },
        { title: 'Users', key: 'users', render: (_: unknown, r) => link(`users?org=${encodeURIComponent(r.name)}`, 'Users') },
      ]}
      onAdd={() => {
        const name = `organization_${rand()}`;
        idp
          .addOrganization({ owner: 'admin', name, displayName: `New Organization - ${name}`, passwordType: 'bcrypt', passwordOptions: ['AtLeast6'], defaultTokenFormat: 'JWT', websiteUrl: '', countryCodes: ['US'], languages: ['en'] })
          .then(() => nav(`organizations/${name}`), (e) => message.error((e as Error).message));
      }}
      onDelete={(r) => idp.deleteOrganization(r)}
    />
  );
}

export function OrganizationEdit({ name }: { name: string }) {
  return (
    <EditPage<Organization>
      title={`Organization ${name}`}
      back="organizations"
      load={() => idp.getOrganization(name)}
      deps={[name]}
      fields={[
        { name: 'name', label: 'Name', kind: 'text', disabled: name === 'built-in' },
        { name: 'displayName', label: 'Display name', kind: 'text' },
        { name: 'websiteUrl', label: 'Website URL', kind: 'text' },
        { name: 'logo', label: 'Logo URL', kind: 'text' },
        { name: 'passwordType', label: 'Password type', kind: 'select', options: ['plain', 'salt', 'sha512-salt', 'md5-salt', 'bcrypt', 'pbkdf2-salt', 'argon2id', 'pbkdf2-django'] },
        { name: 'passwordOptions', label: 'Password complexity', kind: 'multiselect', options: ['AtLeast6', 'AtLeast8', 'Aa123', 'SpecialChar', 'NoRepeat'] },
        { name: 'defaultTokenFormat', label: 'Default token format', kind: 'select', options: ['JWT', 'JWT-Empty', 'JWT-Custom', 'JWT-Standard'] },
        { name: 'defaultApplication', label: 'Default application', kind: 'text' },
        { name: 'hasPrivilegeConsent', label: 'Has privilege consent', kind: 'bool' },
        { name: 'enableSoftDeletion', label: 'Soft deletion', kind: 'bool' },
      ]}
      save={async (v) => {
        await idp.updateOrganization(name, v);
        if (v.name !== name) nav(`organizations/${v.name}`);
      }}
    />
  );
}

// ---------------------------------------------------------------- applications

const GRANT_TYPES = [
  'authorization_code',
  'password',
  'client_credentials',
  'token',
  'id_token',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:device_code',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:token-exchange',
];

export function ApplicationsPage() {
  const { message } = App.useApp();
  return (
    <ListPage<Application>
      title="Applications"
      scope="admin"
      fetch={idp.getApplications}
      rowKey={(r) => r.name}
      searchFields={[
        { value: 'name', label: 'Name' },
        { value: 'displayName', label: 'Display name' },
        { value: 'organization', label: 'Organization' },
      ]}
      columns={[
        { title: 'Name', dataIndex: 'name', key: 'name', sorter: true, render: (n: string) => link(`applications/${n}`, n) },
        { title: 'Display name', dataIndex: 'displayName', key: 'displayName', sorter: true },
        { title: 'Organization', dataIndex: 'organization', key: 'organization', sorter: true },
        { title: 'Client ID', dataIndex: 'clientId', key: 'clientId', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
        { title: 'Token format', dataIndex: 'tokenFormat', key: 'tokenFormat' },
        { title: 'Created', dataIndex: 'createdTime', key: 'createdTime', sorter: true },
      ]}
      onAdd={() => {
        const name = `application_${rand()}`;
        idp
          .addApplication({
            owner: 'admin',
            name,
            displayName: `New Application - ${name}`,
            organization: 'built-in',
            cert: 'cert-built-in',
            enablePassword: true,
            enableSignUp: true,
            redirectUris: ['http://localhost:9000/callback'],
            grantTypes: ['authorization_code', 'password', 'client_credentials', 'token', 'id_token', 'refresh_token'],
            tokenFormat: 'JWT',
            tokenSigningMethod: 'RS256',
            expireInHours: 168,
            refreshExpireInHours: 168,
            cookieExpireInHours: 720,
            signinMethods: [
              { name: 'Password', displayName: 'Password', rule: 'All' },
              { name: 'Verification code', displayName: 'Verification code', rule: 'All' },
            ],
          })
          .then(() => nav(`applications/${name}`), (e) => message.error((e as Error).message));
      }}
      onDelete={(r) => idp.deleteApplication(r)}
    />
  );
}

export function ApplicationEdit({ name }: { name: string }) {
  const { orgs } = useOrg();
  const certs = useAsync(() => idp.getCerts({ owner: 'admin', page: 1, pageSize: 200 }), []);
  const certNames = (certs.data?.items ?? []).map((c) => c.name);
  return (
    <EditPage<Application>
      title={`Application ${name}`}
      back="applications"
      load={() => idp.getApplication(name)}
      deps={[name]}
      fields={(a) => [
        { name: 'name', label: 'Name', kind: 'text', disabled: name === 'app-built-in' },
        { name: 'displayName', label: 'Display name', kind: 'text' },
        { name: 'logo', label: 'Logo URL', kind: 'text' },
        { name: 'homepageUrl', label: 'Home page URL', kind: 'text' },
        { name: 'description', label: 'Description', kind: 'text' },
        { name: 'organization', label: 'Organization', kind: 'select', options: orgs },
        { name: 'clientId', label: 'Client ID', kind: 'copy' },
        { name: 'clientSecret', label: 'Client secret', kind: 'copy' },
        { name: 'redirectUris', label: 'Redirect URIs', kind: 'tags', help: 'Press Enter after each URI' },
        { name: 'grantTypes', label: 'Grant types', kind: 'multiselect', options: GRANT_TYPES },
        { name: 'tokenFormat', label: 'Token format', kind: 'select', options: ['JWT', 'JWT-Empty', 'JWT-Custom', 'JWT-Standard'] },
        { name: 'tokenSigningMethod', label: 'Token signing method', kind: 'select', options: ['RS256', 'RS512', 'ES256', 'ES384', 'ES512'] },
        { name: 'tokenFields', label: 'Token fields', kind: 'tags', disabled: a.tokenFormat !== 'JWT-Custom', help: 'Only for JWT-Custom' },
        { name: 'cert', label: 'Cert', kind: 'select', options: certNames.length ? certNames : a.cert ? [a.cert] : [] },
        { name: 'expireInHours', label: 'Expire in (hours)', kind: 'number' },
        { name: 'refreshExpireInHours', label: 'Refresh expire in (hours)', kind: 'number' },
        { name: 'cookieExpireInHours', label: 'Cookie expire in (hours)', kind: 'number' },
        { name: 'enablePassword', label: 'Password sign-in', kind: 'bool' },
        { name: 'enableSignUp', label: 'Sign-up', kind: 'bool' },
        { name: 'enableAutoSignin', label: 'Auto sign-in', kind: 'bool' },
      ]}
      save={async (v) => {
        await idp.updateApplication(name, v);
        if (v.name !== name) nav(`applications/${v.name}`);
      }}
      after={(a) => (
        <Card title="Sign-in page" style={{ marginTop: 16 }}>
          <Typography.Paragraph>
            OAuth sign-in URL (authorization-code flow):{' '}
            <Typography.Text code copyable>
              {`${window.location.origin}${window.location.pathname.replace(/[^/]*$/, '')}login/oauth/authorize?client_id=${a.clientId ?? ''}&response_type=code&redirect_uri=${encodeURIComponent((a.redirectUris ?? [])[0] ?? '')}&scope=openid&state=${a.name}`}
            </Typography.Text>
          </Typography.Paragraph>
        </Card>
      )}
    />
  );
}

// ---------------------------------------------------------------- users

export function UsersPage() {
  const [open, setOpen] = useState<string | null>(null);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  return (
    <>
      <ListPage<User>
        title="Users"
        scope="org"
        fetch={idp.getUsers}
        rowKey={(r) => `${r.owner}/${r.name}`}
        searchFields={[
          { value: 'name', label: 'Name' },
          { value: 'displayName', label: 'Display name' },
          { value: 'email', label: 'Email' },
          { value: 'phone', label: 'Phone' },
          { value: 'tag', label: 'Tag' },
        ]}
        columns={[
          { title: 'Name', dataIndex: 'name', key: 'name', sorter: true, render: (n: string, r) => link(`users/${r.owner}/${n}`, n) },
          { title: 'Display name', dataIndex: 'displayName', key: 'displayName', sorter: true },
          { title: 'Email', dataIndex: 'email', key: 'email', sorter: true },
          { title: 'Phone', dataIndex: 'phone', key: 'phone' },
          { title: 'Tag', dataIndex: 'tag', key: 'tag', sorter: true },
          { title: 'Roles', key: 'roles', render: (_: unknown, r) => (r.roles ?? []).map((x) => <Tag key={x.name}>{x.name}</Tag>) },
          { title: 'Admin', dataIndex: 'isAdmin', key: 'isAdmin', render: (b: boolean) => (b ? 'Yes' : 'No') },
          { title: 'Forbidden', dataIndex: 'isForbidden', key: 'isForbidden', render: (b: boolean) => (b ? 'Yes' : 'No') },
          { title: 'Created', dataIndex: 'createdTime', key: 'createdTime', sorter: true },
        ]}
        onAdd={(owner) => {
          setErr(null);
          form.setFieldsValue({ name: `user_${rand()}`, displayName: '', email: '', password: '' });
          setOpen(owner);
        }}
        onDelete={(r) => idp.deleteUser(r)}
      />
      <Modal
        open={open !== null}
        title={`Add user to ${open}`}
        okText="Create"
        confirmLoading={busy}
        onCancel={() => setOpen(null)}
        onOk={() =>
          form.validateFields().then((v) => {
            setBusy(true);
            const owner = open!;
            idp
              .addUser({ owner, name: v.name, displayName: v.displayName || v.name, email: v.email, password: v.password, type: 'normal-user', signupApplication: 'app-built-in', tag: 'staff', isAdmin: false })
              .then(
                () => {
                  setBusy(false);
                  setOpen(null);
                  nav(`users/${owner}/${v.name}`);
                },
                (e) => {
                  setBusy(false);
                  setErr(e);
                },
              );
          })
        }
      >
        <ErrorAlert error={err} />
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="Name" rules={[{ required: true, message: 'A name is required' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label="Display name">
            <Input />
          </Form.Item>
          <Form.Item name="email" label="Email">
            <Input type="email" />
          </Form.Item>
          <Form.Item name="password" label="Password" rules={[{ required: true, message: 'A password is required' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function PasswordModal({ owner, name, needOld, open, onClose }: { owner: string; name: string; needOld: boolean; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={`Modify password of ${owner}/${name}`}
      okText="Set password"
      confirmLoading={busy}
      destroyOnClose
      onCancel={onClose}
      onOk={() =>
        form.validateFields().then((v) => {
          setBusy(true);
          setErr(null);
          idp.setPassword(owner, name, v.oldPassword ?? '', v.newPassword).then(
            () => {
              setBusy(false);
              message.success('Password changed');
              form.resetFields();
              onClose();
            },
            (e) => {
              setBusy(false);
              setErr(e);
            },
          );
        })
      }
    >
      <ErrorAlert error={err} />
      <Form form={form} layout="vertical" preserve={false}>
        {needOld && (
          <Form.Item name="oldPassword" label="Old password" rules={[{ required: true, message: 'Enter the old password' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Form.Item name="newPassword" label="New password" rules={[{ required: true, message: 'Enter a new password' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="Re-enter new password"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: 'Re-enter the new password' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error('The passwords do not match'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesAndPermissions({ u }: { u: User }) {
  return (
    <Descriptions bordered size="small" column={1} style={{ marginTop: 16 }}>
      <Descriptions.Item label="Roles">
        {(u.roles ?? []).length ? (u.roles ?? []).map((r) => <Tag key={`${r.owner}/${r.name}`}>{r.displayName || r.name}</Tag>) : 'None'}
      </Descriptions.Item>
      <Descriptions.Item label="Permissions">
        {(u.permissions ?? []).length ? (u.permissions ?? []).map((p) => <Tag key={`${p.owner}/${p.name}`}>{p.displayName || p.name}</Tag>) : 'None'}
      </Descriptions.Item>
      <Descriptions.Item label="Groups">{(u.groups ?? []).length ? (u.groups ?? []).map((g) => <Tag key={g}>{g}</Tag>) : 'None'}</Descriptions.Item>
    </Descriptions>
  );
}

const USER_FIELDS: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text' },
  { name: 'id', label: 'ID', kind: 'copy' },
  { name: 'displayName', label: 'Display name', kind: 'text' },
  { name: 'type', label: 'User type', kind: 'select', options: ['normal-user', 'paid-user'] },
  { name: 'email', label: 'Email', kind: 'text' },
  { name: 'phone', label: 'Phone', kind: 'text' },
  { name: 'avatar', label: 'Avatar URL', kind: 'text' },
  { name: 'affiliation', label: 'Affiliation', kind: 'text' },
  { name: 'tag', label: 'Tag', kind: 'text' },
  { name: 'isAdmin', label: 'Is admin', kind: 'bool' },
  { name: 'isForbidden', label: 'Is forbidden', kind: 'bool' },
  { name: 'isDeleted', label: 'Is deleted', kind: 'bool' },
];

export function UserEdit({ org, name }: { org: string; name: string }) {
  const [pw, setPw] = useState(false);
  return (
    <>
      <EditPage<User>
        title={`User ${org}/${name}`}
        back="users"
        load={() => idp.getUser(org, name)}
        deps={[org, name]}
        fields={USER_FIELDS}
        save={async (v) => {
          await idp.updateUser(org, name, { ...v, password: '***' });
          if (v.name !== name) nav(`users/${org}/${v.name}`);
        }}
        extra={() => (
          <Form.Item label="Password" labelCol={{ flex: '200px' }}>
            <Button onClick={() => setPw(true)}>Modify password…</Button>
          </Form.Item>
        )}
        after={(u) => <RolesAndPermissions u={u} />}
      />
      <PasswordModal owner={org} name={name} needOld={false} open={pw} onClose={() => setPw(false)} />
    </>
  );
}

// ---------------------------------------------------------------- roles

export function RolesPage() {
  const { message } = App.useApp();
  return (
    <ListPage<Role>
      title="Roles"
      scope="org"
      fetch={idp.getRoles}
      rowKey={(r) => `${r.owner}/${r.name}`}
      searchFields={[
        { value: 'name', label: 'Name' },
        { value: 'displayName', label: 'Display name' },
      ]}
      columns={[
        { title: 'Name', dataIndex: 'name', key: 'name', sorter: true, render: (n: string, r) => link(`roles/${r.owner}/${n}`, n) },
        { title: 'Display name', dataIndex: 'displayName', key: 'displayName', sorter: true },
        { title: 'Users', dataIndex: 'users', key: 'users', render: (u: string[] | null) => <TagList items={u} /> },
        { title: 'Sub-roles', dataIndex: 'roles', key: 'roles', render: (u: string[] | null) => <TagList items={u} /> },
        { title: 'Enabled', dataIndex: 'isEnabled', key: 'isEnabled', render: (b: boolean) => (b ? 'Yes' : 'No') },
      ]}
      onAdd={(owner) => {
        const name = `role_${rand()}`;
        idp
          .addRole({ owner, name, displayName: `New Role - ${name}`, users: [], groups: [], roles: [], domains: [], isEnabled: true })
          .then(() => nav(`roles/${owner}/${name}`), (e) => message.error((e as Error).message));
      }}
      onDelete={(r) => idp.deleteRole(r)}
    />
  );
}

function TagList({ items, max = 5 }: { items?: string[] | null; max?: number }) {
  const list = items ?? [];
  return (
    <>
      {list.slice(0, max).map((x) => (
        <Tag key={x}>{x}</Tag>
      ))}
      {list.length > max && <Tag>+{list.length - max} more</Tag>}
    </>
  );
}

export function RoleEdit({ org, name }: { org: string; name: string }) {
  const roles = useAsync(() => idp.getRoles({ owner: org, page: 1, pageSize: 500 }), [org]);
  const roleIds = (roles.data?.items ?? []).map((r) => `${r.owner}/${r.name}`).filter((id) => id !== `${org}/${name}`);
  return (
    <EditPage<Role>
      title={`Role ${org}/${name}`}
      back="roles"
      load={() => idp.getRole(org, name)}
      deps={[org, name]}
      fields={[
        { name: 'name', label: 'Name', kind: 'text' },
        { name: 'displayName', label: 'Display name', kind: 'text' },
        { name: 'description', label: 'Description', kind: 'text' },
        { name: 'users', label: 'Members (org/user)', kind: 'tags', help: 'User ids such as built-in/admin; press Enter after each' },
        { name: 'groups', label: 'Groups (org/group)', kind: 'tags' },
        { name: 'roles', label: 'Sub-roles', kind: 'multiselect', options: roleIds },
        { name: 'domains', label: 'Domains', kind: 'tags' },
        { name: 'isEnabled', label: 'Enabled', kind: 'bool' },
      ]}
      save={async (v) => {
        await idp.updateRole(org, name, v);
        if (v.name !== name) nav(`roles/${org}/${v.name}`);
      }}
    />
  );
}

// ---------------------------------------------------------------- certs

export function CertsPage() {
  const { message } = App.useApp();
  return (
    <ListPage<Cert>
      title="Certs"
      scope="admin"
      fetch={idp.getCerts}
      rowKey={(r) => `${r.owner}/${r.name}`}
      searchFields={[
        { value: 'name', label: 'Name' },
        { value: 'displayName', label: 'Display name' },
      ]}
      columns={[
        { title: 'Name', dataIndex: 'name', key: 'name', sorter: true, render: (n: string, r) => link(`certs/${r.owner}/${n}`, n) },
        { title: 'Owner', dataIndex: 'owner', key: 'owner' },
        { title: 'Display name', dataIndex: 'displayName', key: 'displayName', sorter: true },
        { title: 'Scope', dataIndex: 'scope', key: 'scope' },
        { title: 'Type', dataIndex: 'type', key: 'type' },
        { title: 'Algorithm', dataIndex: 'cryptoAlgorithm', key: 'cryptoAlgorithm' },
        { title: 'Bit size', dataIndex: 'bitSize', key: 'bitSize' },
        { title: 'Expire in (years)', dataIndex: 'expireInYears', key: 'expireInYears' },
      ]}
      onAdd={() => {
        const name = `cert_${rand()}`;
        idp
          .addCert({ owner: 'admin', name, displayName: `New Cert - ${name}`, scope: 'JWT', type: 'x509', cryptoAlgorithm: 'RS256', bitSize: 2048, expireInYears: 20, certificate: '', privateKey: '' })
          .then(() => nav(`certs/admin/${name}`), (e) => message.error((e as Error).message));
      }}
      onDelete={(r) => idp.deleteCert(r)}
    />
  );
}

function PemBlock({ label, text, filename }: { label: string; text?: string; filename: string }) {
  const id = `pem-${filename.replace(/\W/g, '-')}`;
  return (
    <Card size="small" title={<label htmlFor={id}>{label}</label>} style={{ marginTop: 16 }} extra={
      <Space>
        <CopyButton text={text ?? ''} label={`Copy ${label.toLowerCase()}`} />
        <DownloadButton filename={filename} text={text ?? ''} label={`Download ${label.toLowerCase()}`} />
      </Space>
    }>
      <Input.TextArea id={id} value={text ?? ''} readOnly autoSize={{ minRows: 6, maxRows: 20 }} style={{ fontFamily: 'monospace' }} spellCheck={false} />
    </Card>
  );
}

export function CertEdit({ owner, name }: { owner: string; name: string }) {
  return (
    <EditPage<Cert>
      title={`Cert ${owner}/${name}`}
      back="certs"
      load={() => idp.getCert(owner, name)}
      deps={[owner, name]}
      fields={[
        { name: 'name', label: 'Name', kind: 'text' },
        { name: 'displayName', label: 'Display name', kind: 'text' },
        { name: 'scope', label: 'Scope', kind: 'select', options: ['JWT'] },
        { name: 'type', label: 'Type', kind: 'select', options: ['x509'] },
        { name: 'cryptoAlgorithm', label: 'Crypto algorithm', kind: 'select', options: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'] },
        { name: 'bitSize', label: 'Bit size', kind: 'number' },
        { name: 'expireInYears', label: 'Expire in (years)', kind: 'number' },
      ]}
      save={async (v) => {
        await idp.updateCert(owner, name, v);
        if (v.name !== name) nav(`certs/${owner}/${v.name}`);
      }}
      after={(c) => (
        <>
          <PemBlock label="Certificate" text={c.certificate} filename={`${c.name}.pem`} />
          {c.privateKey && c.privateKey !== '***' && <PemBlock label="Private key" text={c.privateKey} filename={`${c.name}.key`} />}
        </>
      )}
    />
  );
}

// ---------------------------------------------------------------- tokens

export function TokensPage() {
  return (
    <ListPage<Token>
      title="Tokens"
      scope="admin"
      fetch={idp.getTokens}
      rowKey={(r) => r.name}
      searchFields={[
        { value: 'name', label: 'Name' },
        { value: 'application', label: 'Application' },
        { value: 'organization', label: 'Organization' },
        { value: 'user', label: 'User' },
      ]}
      columns={[
        { title: 'Name', dataIndex: 'name', key: 'name', render: (n: string) => link(`tokens/${n}`, n) },
        { title: 'Created', dataIndex: 'createdTime', key: 'createdTime', sorter: true },
        { title: 'Application', dataIndex: 'application', key: 'application', sorter: true },
        { title: 'Organization', dataIndex: 'organization', key: 'organization', sorter: true },
        { title: 'User', dataIndex: 'user', key: 'user', sorter: true },
        { title: 'Authorization code', dataIndex: 'code', key: 'code' },
        {
          title: 'Access token',
          dataIndex: 'accessToken',
          key: 'accessToken',
          render: (t: string) => (
            <Space>
              <Typography.Text style={{ maxWidth: 160 }} ellipsis>
                {t}
              </Typography.Text>
              {t && <CopyButton size="small" text={t} label="Copy access token" />}
            </Space>
          ),
        },
        { title: 'Expires in', dataIndex: 'expiresIn', key: 'expiresIn', sorter: true },
        { title: 'Scope', dataIndex: 'scope', key: 'scope' },
        { title: 'Token type', dataIndex: 'tokenType', key: 'tokenType' },
      ]}
      onDelete={(r) => idp.deleteToken(r)}
    />
  );
}

function expiry(t: Token): string {
  if (!t.createdTime || t.expiresIn === undefined) return '';
  const d = new Date(new Date(t.createdTime).getTime() + t.expiresIn * 1000);
  return isNaN(d.getTime()) ? '' : d.toISOString();
}

export function TokenEdit({ name }: { name: string }) {
  return (
    <EditPage<Token>
      title={`Token ${name}`}
      back="tokens"
      load={() => idp.getToken(name)}
      deps={[name]}
      fields={[]}
      extra={(t) => {
        const decoded = t.accessToken ? decodeJwt(t.accessToken) : null;
        // The IdP mints a sign-in's access token together with its authorization code (as
        // Casdoor does), so only a row written without one (add-token, update-token) lacks it.
        const missing = !t.accessToken;
        return (
          <>
            <Descriptions bordered size="small" column={1}>
              <Descriptions.Item label="Name">{t.name}</Descriptions.Item>
              <Descriptions.Item label="Application">{t.application}</Descriptions.Item>
              <Descriptions.Item label="Organization">{t.organization}</Descriptions.Item>
              <Descriptions.Item label="User">{t.user}</Descriptions.Item>
              <Descriptions.Item label="Authorization code">{t.code || '—'}</Descriptions.Item>
              <Descriptions.Item label="Created">{t.createdTime}</Descriptions.Item>
              <Descriptions.Item label="Expires in (seconds)">
                {t.expiresIn} {expiry(t) && `(until ${expiry(t)})`}
              </Descriptions.Item>
              <Descriptions.Item label="Scope">{t.scope}</Descriptions.Item>
              <Descriptions.Item label="Token type">{t.tokenType}</Descriptions.Item>
            </Descriptions>
            {missing && (
              <Alert
                style={{ marginTop: 16 }}
                type="warning"
                showIcon
                message="This row has no access token"
                description="Ward IdP issues the access token together with the authorization code: a sign-in's token is shown here at once, before the application redeems the code, and the token endpoint (POST /api/login/oauth/access_token) returns this same token. This row was written without one (through the add-token or update-token API)."
              />
            )}
            <Card size="small" style={{ marginTop: 16 }} title={<label htmlFor="access-token">Access token</label>} extra={<CopyButton text={t.accessToken ?? ''} label="Copy access token" />}>
              <Input.TextArea id="access-token" value={t.accessToken ?? ''} readOnly autoSize={{ minRows: 4, maxRows: 12 }} style={{ fontFamily: 'monospace', wordBreak: 'break-all' }} />
            </Card>
            <Card size="small" style={{ marginTop: 16 }} title="Parsed result">
              {decoded ? (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} tabIndex={0} aria-label="Decoded access token">
                  {JSON.stringify({ header: decoded.header, payload: decoded.payload }, null, 2)}
                </pre>
              ) : (
                <Alert type="info" message={t.accessToken ? 'The access token is not a JWT.' : 'No access token.'} />
              )}
            </Card>
            {t.refreshToken && (
              <Card size="small" style={{ marginTop: 16 }} title={<label htmlFor="refresh-token">Refresh token</label>} extra={<CopyButton text={t.refreshToken} label="Copy refresh token" />}>
                <Input.TextArea id="refresh-token" value={t.refreshToken} readOnly autoSize={{ minRows: 3, maxRows: 8 }} style={{ fontFamily: 'monospace', wordBreak: 'break-all' }} />
              </Card>
            )}
          </>
        );
      }}
    />
  );
}

// ---------------------------------------------------------------- sessions

export function SessionsPage() {
  return (
    <ListPage<Session>
      title="Sessions"
      scope="org"
      fetch={idp.getSessions}
      rowKey={(r) => `${r.owner}/${r.name}/${r.application ?? ''}`}
      searchFields={[
        { value: 'name', label: 'User' },
        { value: 'application', label: 'Application' },
      ]}
      columns={[
        { title: 'Organization', dataIndex: 'owner', key: 'owner' },
        { title: 'User', dataIndex: 'name', key: 'name', sorter: true, render: (n: string, r) => link(`users/${r.owner}/${n}`, n) },
        { title: 'Application', dataIndex: 'application', key: 'application', sorter: true },
        { title: 'Created', dataIndex: 'createdTime', key: 'createdTime', sorter: true },
        { title: 'Session IDs', dataIndex: 'sessionId', key: 'sessionId', render: (s: string[] | null) => <TagList items={s} max={3} /> },
      ]}
      onDelete={(r) => idp.deleteSession(r)}
      emptyText="No sessions"
    />
  );
}

// ---------------------------------------------------------------- account

export function AccountPage({ user, reload }: { user: User; reload: () => void }) {
  const [pw, setPw] = useState(false);
  const isGlobalAdmin = user.owner === 'built-in';
  return (
    <section aria-labelledby="page-title">
      <PageTitle>My account</PageTitle>
      <EditPage<User>
        title=""
        back=""
        load={() => idp.getUser(user.owner, user.name)}
        deps={[user.owner, user.name]}
        fields={USER_FIELDS.filter((f) => isGlobalAdmin || !['isAdmin', 'isForbidden', 'isDeleted', 'type', 'name'].includes(f.name))}
        save={async (v) => {
          await idp.updateUser(user.owner, user.name, { ...v, password: '***' });
          reload();
        }}
        extra={() => (
          <Form.Item label="Password" labelCol={{ flex: '200px' }}>
            <Button onClick={() => setPw(true)}>Modify password…</Button>
          </Form.Item>
        )}
        after={(u) => <RolesAndPermissions u={u} />}
      />
      <PasswordModal owner={user.owner} name={user.name} needOld open={pw} onClose={() => setPw(false)} />
    </section>
  );
}

export function NotFound() {
  return (
    <section aria-labelledby="page-title">
      <PageTitle>Page not found</PageTitle>
      <Typography.Link href={hrefFor('organizations')}>Go to Organizations</Typography.Link>
    </section>
  );
}
