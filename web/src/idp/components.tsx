import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult, TablePaginationConfig } from 'antd/es/table/interface';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { CopyButton, ErrorAlert, hrefFor, useAsync } from '../common/ui';
import type { ListQuery, Page } from './api';

export const OrgContext = createContext<{ orgs: string[]; org: string; setOrg: (o: string) => void }>({ orgs: [], org: 'built-in', setOrg: () => {} });
export const useOrg = () => useContext(OrgContext);

export function OrgSelect() {
  const { orgs, org, setOrg } = useOrg();
  return (
    <Space>
      <label htmlFor="org-select">Organization</label>
      <Select id="org-select" value={org} onChange={setOrg} style={{ minWidth: 180 }} options={orgs.map((o) => ({ value: o, label: o }))} showSearch />
    </Space>
  );
}

export interface ListPageProps<T> {
  title: string;
  /** "admin" for global objects; otherwise the selected organization is the owner. */
  scope: 'admin' | 'org';
  fetch: (q: ListQuery) => Promise<Page<T>>;
  columns: ColumnsType<T>;
  searchFields: { value: string; label: string }[];
  rowKey: (r: T) => string;
  onAdd?: (owner: string) => void;
  onDelete?: (r: T) => Promise<void>;
  extraQuery?: Partial<ListQuery>;
  emptyText?: string;
}

/** A server-side paginated, searchable and sortable list (data2 = total count). */
export function ListPage<T extends object>(p: ListPageProps<T>) {
  const { org } = useOrg();
  const { message } = App.useApp();
  const owner = p.scope === 'admin' ? 'admin' : org;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [field, setField] = useState(p.searchFields[0]?.value ?? 'name');
  const [value, setValue] = useState('');
  const [sort, setSort] = useState<{ field: string; order: 'ascend' | 'descend' | '' }>({ field: '', order: '' });
  useEffect(() => setPage(1), [owner, value, field]);
  const { data, error, loading, reload } = useAsync(
    () => p.fetch({ owner, page, pageSize, field: value ? field : '', value, sortField: sort.field, sortOrder: sort.order, ...p.extraQuery }),
    [owner, page, pageSize, field, value, sort.field, sort.order],
  );
  const columns: ColumnsType<T> = p.onDelete
    ? [
        ...p.columns,
        {
          title: 'Action',
          key: '_action',
          fixed: 'right',
          width: 90,
          render: (_: unknown, r: T) => (
            <Popconfirm
              title={`Delete ${p.rowKey(r)}?`}
              okText="Delete"
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                p.onDelete!(r).then(
                  () => {
                    message.success('Deleted');
                    reload();
                  },
                  (e) => message.error((e as Error).message),
                )
              }
            >
              <Button danger size="small" icon={<DeleteOutlined />} aria-label={`Delete ${p.rowKey(r)}`} />
            </Popconfirm>
          ),
        },
      ]
    : p.columns;
  return (
    <section aria-labelledby="page-title">
      <Typography.Title level={1} id="page-title" style={{ fontSize: 24 }}>
        {p.title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        {p.scope === 'org' && <OrgSelect />}
        <Select aria-label="Search field" value={field} onChange={setField} options={p.searchFields} style={{ minWidth: 140 }} />
        <Input.Search aria-label="Search" placeholder="Search" allowClear onSearch={setValue} style={{ width: 260 }} />
        <Button icon={<ReloadOutlined />} onClick={reload}>
          Refresh
        </Button>
        {p.onAdd && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => p.onAdd!(owner)}>
            Add
          </Button>
        )}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<T>
        rowKey={p.rowKey}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        size="middle"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: error ? 'Could not load' : p.emptyText ?? 'Nothing here yet' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (t) => `${t} in total`,
        }}
        onChange={(pg: TablePaginationConfig, _f, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T>;
          const f = s?.order ? String(s.columnKey ?? s.field ?? '') : '';
          const order = s?.order ?? '';
          // A new sort order or page size starts again from the first page.
          if (f !== sort.field || order !== sort.order) {
            setSort({ field: f, order });
            setPage(1);
          } else if (pg.pageSize && pg.pageSize !== pageSize) {
            setPageSize(pg.pageSize);
            setPage(1);
          } else setPage(pg.current ?? 1);
        }}
      />
    </section>
  );
}

export const link = (path: string, text: ReactNode) => <Typography.Link href={hrefFor(path)}>{text}</Typography.Link>;

export type FieldKind = 'text' | 'number' | 'bool' | 'tags' | 'select' | 'multiselect' | 'textarea' | 'readonly' | 'copy';
export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  options?: string[];
  help?: string;
  disabled?: boolean;
}

/** A form over an object with the given fields; unknown fields of the object are kept on save. */
export function ObjectForm<T extends Record<string, unknown>>({
  value,
  fields,
  onSave,
  saving,
  extra,
}: {
  value: T;
  fields: FieldSpec[];
  onSave: (v: T) => void;
  saving?: boolean;
  extra?: ReactNode;
}) {
  const [form] = Form.useForm();
  useEffect(() => {
    const init: Record<string, unknown> = {};
    for (const f of fields) {
      const v = value[f.name];
      init[f.name] = (f.kind === 'tags' || f.kind === 'multiselect') ? (Array.isArray(v) ? v : []) : v;
    }
    form.setFieldsValue(init);
  }, [value, fields, form]);
  return (
    <Card>
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ flex: '200px' }}
        labelWrap
        onFinish={(vals) => onSave({ ...value, ...vals })}
      >
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} help={f.help} valuePropName={f.kind === 'bool' ? 'checked' : 'value'}>
            {fieldInput(f, value)}
          </Form.Item>
        ))}
        {extra}
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={saving}>
            Save
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}

function CopyInput({ value, label, id }: { value?: string; label: string; id?: string }) {
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input id={id} value={value ?? ''} readOnly />
      <CopyButton text={value ?? ''} label={`Copy ${label}`} />
    </Space.Compact>
  );
}

function fieldInput(f: FieldSpec, _v: Record<string, unknown>) {
  switch (f.kind) {
    case 'number':
      return <InputNumber style={{ width: 200 }} disabled={f.disabled} />;
    case 'bool':
      return <Switch disabled={f.disabled} />;
    case 'tags':
      return <Select mode="tags" tokenSeparators={[',', ' ']} disabled={f.disabled} open={false} suffixIcon={null} placeholder="Type and press Enter" />;
    case 'select':
      return <Select disabled={f.disabled} options={(f.options ?? []).map((o) => ({ value: o, label: o }))} showSearch />;
    case 'multiselect':
      return <Select mode="multiple" disabled={f.disabled} options={(f.options ?? []).map((o) => ({ value: o, label: o }))} />;
    case 'textarea':
      return <Input.TextArea autoSize={{ minRows: 3, maxRows: 16 }} disabled={f.disabled} spellCheck={false} />;
    case 'readonly':
      return <Input readOnly />;
    case 'copy':
      return <CopyInput label={f.label} />;
    default:
      return <Input disabled={f.disabled} />;
  }
}
