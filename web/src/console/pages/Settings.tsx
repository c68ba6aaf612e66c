import { DownloadOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Popconfirm, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { downloadText, ErrorAlert, useAsync } from '../../common/ui';
import { metadata, type InconsistentObject, type Metadata } from '../api';
import { useConsole } from '../context';

export function SettingsPage() {
  const { message } = App.useApp();
  const { reloadMetadata } = useConsole();
  const inc = useAsync(() => metadata.inconsistent(), []);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [allowInconsistent, setAllowInconsistent] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const run = (what: string, p: Promise<unknown>, ok: string) => {
    setBusy(what);
    setErr(null);
    p.then(
      () => {
        setBusy(null);
        message.success(ok);
        reloadMetadata();
        inc.reload();
      },
      (e) => {
        setBusy(null);
        setErr(e);
      },
    );
  };
  return (
    <section aria-labelledby="settings-title">
      <Typography.Title level={1} id="settings-title" style={{ fontSize: 22 }}>
        Settings
      </Typography.Title>
      <ErrorAlert error={err} />
      <Card title="Metadata" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'export'}
            onClick={() => {
              setBusy('export');
              metadata.export().then(
                (m) => {
                  setBusy(null);
                  downloadText(`metadata-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, JSON.stringify(m, null, 2), 'application/json');
                },
                (e) => {
                  setBusy(null);
                  setErr(e);
                },
              );
            }}
          >
            Export metadata
          </Button>
          <Button icon={<UploadOutlined />} loading={busy === 'import'} onClick={() => fileRef.current?.click()}>
            Import metadata
          </Button>
          <input
            ref={fileRef}
            type="file"
            accept="application/json,.json"
            aria-label="Metadata file to import"
            style={{ display: 'none' }}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              f.text().then((t) => {
                let m: Metadata;
                try {
                  const parsed = JSON.parse(t);
                  m = parsed && parsed.metadata && parsed.resource_version !== undefined ? parsed.metadata : parsed;
                } catch (x) {
                  setErr(new Error(`The file is not JSON: ${(x as Error).message}`));
                  return;
                }
                run('import', metadata.replace(m, allowInconsistent), 'Metadata imported');
              });
            }}
          />
          <Checkbox checked={allowInconsistent} onChange={(e) => setAllowInconsistent(e.target.checked)}>
            Allow inconsistent metadata on import
          </Checkbox>
          <Button icon={<ReloadOutlined />} loading={busy === 'reload'} onClick={() => run('reload', metadata.reload(), 'Metadata reloaded')}>
            Reload metadata
          </Button>
        </Space>
      </Card>
      <Card title="Inconsistent objects" extra={<Button size="small" icon={<ReloadOutlined />} aria-label="Check again" onClick={inc.reload} />}>
        <ErrorAlert error={inc.error} onRetry={inc.reload} />
        {inc.data?.is_consistent && <Alert type="success" showIcon message="The metadata is consistent." />}
        {inc.data && !inc.data.is_consistent && (
          <>
            <Table<InconsistentObject>
              size="small"
              rowKey={(r) => `${r.type}:${r.name ?? JSON.stringify(r.definition)}`}
              dataSource={inc.data.inconsistent_objects ?? []}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: 'Type', dataIndex: 'type', key: 'type' },
                { title: 'Name', dataIndex: 'name', key: 'name' },
                { title: 'Reason', dataIndex: 'reason', key: 'reason' },
              ]}
            />
            <Popconfirm title="Remove every inconsistent object from the metadata?" onConfirm={() => run('drop', metadata.dropInconsistent(), 'Inconsistent objects removed')}>
              <Button danger loading={busy === 'drop'}>
                Delete all inconsistent objects
              </Button>
            </Popconfirm>
          </>
        )}
      </Card>
    </section>
  );
}
