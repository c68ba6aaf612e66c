import { DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Card, Checkbox, Empty, Form, Input, Modal, Popconfirm, Radio, Select, Space, Spin, Table, Tabs, Tag, Tree, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { ErrorAlert, useAsync } from '../../common/ui';
import {
  createRelationship,
  createTableSql,
  dropRelationship,
  graphql,
  listColumns,
  listTables,
  metadata,
  normTable,
  runSql,
  type Column,
  type NewColumn,
  type TableMeta,
  type TableRef,
} from '../api';
import { BoolExpEditor, PermissionsPanel } from './Permissions';
import { browseQuery, coerceCell, deleteMutation, insertMutation, rootFields, updateMutation } from '../gql';
import { useConsole } from '../context';

const key = (t: TableRef) => `${t.schema}.${t.name}`;

export function DataPage() {
  const { source, metadata: md } = useConsole();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [filter, setFilter] = useState('');
  const kind = source?.kind ?? 'postgres';
  const srcName = source?.name ?? 'default';
  const dbTables = useAsync(() => listTables(kind, srcName), [kind, srcName]);
  const tracked = useMemo(() => {
    const m = new Map<string, TableMeta>();
    for (const t of source?.tables ?? []) {
      // The metadata's own table reference is kept verbatim (sent back as is in commands);
      // only the lookup key is normalised (SQLite tables live in schema "main").
      const ref = normTable(t.table);
      if (kind === 'sqlite' && ref.schema === 'public') ref.schema = 'main';
      m.set(key(ref), t);
    }
    return m;
  }, [source, kind]);
  const all = useMemo(() => {
    const m = new Map<string, { ref: TableRef; inDb: boolean }>();
    for (const t of dbTables.data ?? []) m.set(key(t), { ref: { schema: t.schema, name: t.name }, inDb: true });
    for (const [k, t] of tracked) if (!m.has(k)) m.set(k, { ref: { schema: k.slice(0, k.indexOf('.')), name: normTable(t.table).name }, inDb: false });
    return [...m.values()];
  }, [dbTables.data, tracked]);
  const treeData = useMemo(() => {
    const f = filter.toLowerCase();
    const bySchema = new Map<string, { ref: TableRef; inDb: boolean }[]>();
    for (const t of all) {
      if (f && !key(t.ref).toLowerCase().includes(f)) continue;
      const list = bySchema.get(t.ref.schema) ?? [];
      list.push(t);
      bySchema.set(t.ref.schema, list);
    }
    return [...bySchema.entries()].map(([schema, list]) => ({
      key: `schema:${schema}`,
      title: `${schema} (${list.length})`,
      selectable: false,
      children: list.map((t) => ({
        key: key(t.ref),
        isLeaf: true,
        title: (
          <span>
            {t.ref.name} {tracked.has(key(t.ref)) ? '' : <Tag style={{ marginInlineStart: 4 }}>untracked</Tag>}
            {!t.inDb && <Tag color="error">missing</Tag>}
          </span>
        ),
      })),
    }));
  }, [all, filter, tracked]);
  const selRef = all.find((t) => key(t.ref) === selected)?.ref;
  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <nav aria-label="Tables" style={{ width: 300, flex: '0 0 300px' }}>
        <Card size="small" title={`Tables in "${srcName}" (${kind})`} extra={<Button size="small" aria-label="Refresh tables" icon={<ReloadOutlined />} onClick={dbTables.reload} />}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input.Search aria-label="Filter tables" placeholder="Filter tables" allowClear onChange={(e) => setFilter(e.target.value)} />
            <Button block icon={<PlusOutlined />} onClick={() => { setCreating(true); setSelected(null); }}>
              Create table
            </Button>
            <ErrorAlert error={dbTables.error} onRetry={dbTables.reload} />
            {dbTables.loading ? (
              <Spin />
            ) : treeData.length === 0 ? (
              <Empty description={filter ? 'No table matches' : 'No tables yet'} />
            ) : (
              <Tree
                height={560}
                virtual
                blockNode
                defaultExpandAll
                treeData={treeData}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => {
                  if (keys[0]) {
                    setSelected(String(keys[0]));
                    setCreating(false);
                  }
                }}
              />
            )}
          </Space>
        </Card>
      </nav>
      <div style={{ flex: 1, minWidth: 0 }}>
        {creating ? (
          <CreateTable onCreated={(t) => { setCreating(false); dbTables.reload(); setSelected(key(t)); }} />
        ) : selRef ? (
          <TableView key={key(selRef)} table={selRef} meta={tracked.get(key(selRef))} onChanged={dbTables.reload} />
        ) : (
          <Card>
            <Typography.Title level={1} style={{ fontSize: 22 }}>
              Data
            </Typography.Title>
            <Typography.Paragraph>
              Choose a table on the left, or create one. {md ? `${tracked.size} tracked of ${all.length} tables.` : ''}
            </Typography.Paragraph>
          </Card>
        )}
      </div>
    </div>
  );
}

function TableView({ table, meta, onChanged }: { table: TableRef; meta?: TableMeta; onChanged: () => void }) {
  const { source, reloadMetadata } = useConsole();
  const { message } = App.useApp();
  const kind = source?.kind ?? 'postgres';
  const srcName = source?.name ?? 'default';
  const cols = useAsync(() => listColumns(kind, srcName, table), [kind, srcName, table.schema, table.name]);
  const [busy, setBusy] = useState(false);
  const [err, setErr] = useState<unknown>(null);
  // SQLite has one schema; its tables are named by their bare name, as Hasura does for "public".
  const trackRef = meta ? meta.table : kind === 'sqlite' ? (table.name as unknown as TableRef) : table;
  const track = (on: boolean) => {
    setBusy(true);
    setErr(null);
    (on ? metadata.trackTable(kind, srcName, trackRef) : metadata.untrackTable(kind, srcName, trackRef)).then(
      () => {
        setBusy(false);
        message.success(on ? 'Table tracked' : 'Table untracked');
        reloadMetadata();
      },
      (e) => {
        setBusy(false);
        setErr(e);
      },
    );
  };
  const columns = cols.data ?? [];
  const items = [
    ...(meta ? [{ key: 'browse', label: 'Browse rows', children: <BrowseRows table={table} meta={meta} columns={columns} /> }] : []),
    ...(meta ? [{ key: 'insert', label: 'Insert row', children: <RowForm meta={meta} columns={columns} onDone={() => message.success('Row inserted')} /> }] : []),
    { key: 'structure', label: 'Structure', children: <Structure columns={columns} loading={cols.loading} error={cols.error} table={table} onDropped={onChanged} /> },
    ...(meta ? [{ key: 'relationships', label: 'Relationships', children: <Relationships meta={meta} /> }] : []),
    ...(meta ? [{ key: 'permissions', label: 'Permissions', children: <PermissionsPanel table={meta} columns={columns} /> }] : []),
  ];
  return (
    <section aria-labelledby="table-title">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={1} id="table-title" style={{ fontSize: 22, margin: 0 }}>
          {table.schema}.{table.name}
        </Typography.Title>
        {meta ? <Badge status="success" text="tracked" /> : <Badge status="default" text="not tracked" />}
        {meta ? (
          <Popconfirm title="Untrack this table? Its permissions and relationships are removed from the metadata." onConfirm={() => track(false)}>
            <Button loading={busy}>Untrack</Button>
          </Popconfirm>
        ) : (
          <Button type="primary" loading={busy} onClick={() => track(true)}>
            Track
          </Button>
        )}
      </Space>
      <ErrorAlert error={err} />
      <ErrorAlert error={cols.error} onRetry={cols.reload} />
      {!meta && <Alert type="info" showIcon message="Track this table to browse its rows, insert rows, and set relationships and permissions through the GraphQL API." style={{ marginBottom: 16 }} />}
      <Tabs items={items} destroyInactiveTabPane />
    </section>
  );
}

function pkOf(columns: Column[]): Column[] {
  return columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function BrowseRows({ meta, columns }: { table: TableRef; meta: TableMeta; columns: Column[] }) {
  const { message } = App.useApp();
  const rf = rootFields(normTable(meta.table).schema, normTable(meta.table).name, meta.configuration);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [where, setWhere] = useState<Record<string, unknown>>({});
  const [draftWhere, setDraftWhere] = useState<Record<string, unknown>>({});
  const [order, setOrder] = useState<{ column: string; direction: 'asc' | 'desc' }[]>([]);
  const [editing, setEditing] = useState<Record<string, unknown> | null>(null);
  const colNames = columns.map((c) => c.name);
  const pk = pkOf(columns);
  const rows = useAsync(async () => {
    if (!colNames.length) return { rows: [] as Record<string, unknown>[], total: 0 };
    const q = browseQuery(rf, { columns: colNames, where, orderBy: order, limit: pageSize, offset: (page - 1) * pageSize });
    const d = await graphql<{ rows: Record<string, unknown>[]; total?: { aggregate: { count: number } } }>(q);
    return { rows: d.rows ?? [], total: d.total?.aggregate?.count ?? 0 };
  }, [colNames.join(','), JSON.stringify(where), JSON.stringify(order), page, pageSize, rf.select]);
  const pkValues = (r: Record<string, unknown>) => Object.fromEntries(pk.map((c) => [c.name, r[c.name]]));
  const relNames = [...(meta.object_relationships ?? []), ...(meta.array_relationships ?? [])].map((r) => r.name);
  return (
    <div>
      <Card size="small" title="Filter" style={{ marginBottom: 12 }}>
        <BoolExpEditor value={draftWhere} onChange={setDraftWhere} columns={colNames} relationships={relNames} idPrefix="browse-where" />
        <Space style={{ marginTop: 8 }}>
          <Button type="primary" onClick={() => { setWhere(draftWhere); setPage(1); }}>
            Apply filter
          </Button>
          <Button onClick={() => { setDraftWhere({}); setWhere({}); setPage(1); }}>Clear</Button>
          <Button icon={<ReloadOutlined />} onClick={rows.reload}>
            Refresh
          </Button>
        </Space>
      </Card>
      <ErrorAlert error={rows.error} onRetry={rows.reload} />
      {pk.length === 0 && <Alert type="info" message="This table has no primary key: rows cannot be edited or deleted here." style={{ marginBottom: 12 }} />}
      <Table<Record<string, unknown>>
        size="small"
        rowKey={(r) => (pk.length ? JSON.stringify(pkValues(r)) : JSON.stringify(r))}
        loading={rows.loading}
        dataSource={rows.data?.rows ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: rows.error ? 'Could not load rows' : 'No rows' }}
        columns={[
          ...(pk.length
            ? [
                {
                  title: 'Actions',
                  key: '_actions',
                  fixed: 'left' as const,
                  width: 96,
                  render: (_: unknown, r: Record<string, unknown>) => (
                    <Space>
                      <Button size="small" aria-label="Edit row" icon={<EditOutlined />} onClick={() => setEditing(r)} />
                      <Popconfirm
                        title="Delete this row?"
                        okButtonProps={{ danger: true }}
                        onConfirm={() =>
                          graphql(deleteMutation(rf, pkValues(r))).then(
                            () => {
                              message.success('Row deleted');
                              rows.reload();
                            },
                            (e) => message.error((e as Error).message),
                          )
                        }
                      >
                        <Button size="small" danger aria-label="Delete row" icon={<DeleteOutlined />} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
          ...columns.map((c) => ({
            title: c.name,
            dataIndex: c.name,
            key: c.name,
            sorter: { multiple: 1 },
            sortOrder: (order.find((o) => o.column === c.name)?.direction === 'asc' ? 'ascend' : order.find((o) => o.column === c.name) ? 'descend' : null) as 'ascend' | 'descend' | null,
            ellipsis: true,
            render: (v: unknown) => (v === null || v === undefined ? <Typography.Text type="secondary">NULL</Typography.Text> : cellText(v)),
          })),
        ]}
        pagination={{ current: page, pageSize, total: rows.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], showTotal: (t) => `${t} row${t === 1 ? '' : 's'}` }}
        onChange={(pg, _f, sorter) => {
          const list = (Array.isArray(sorter) ? sorter : [sorter]) as SorterResult<Record<string, unknown>>[];
          const next = list.filter((s) => s.order).map((s) => ({ column: String(s.columnKey), direction: s.order === 'ascend' ? ('asc' as const) : ('desc' as const) }));
          if (JSON.stringify(next) !== JSON.stringify(order)) {
            setOrder(next);
            setPage(1);
          } else {
            if (pg.pageSize && pg.pageSize !== pageSize) {
              setPageSize(pg.pageSize);
              setPage(1);
            } else setPage(pg.current ?? 1);
          }
        }}
      />
      <Modal open={!!editing} title="Edit row" footer={null} onCancel={() => setEditing(null)} destroyOnClose width={640}>
        {editing && (
          <RowForm
            meta={meta}
            columns={columns}
            initial={editing}
            onDone={() => {
              setEditing(null);
              message.success('Row updated');
              rows.reload();
            }}
          />
        )}
      </Modal>
    </div>
  );
}

/** Insert (no `initial`) or update (with `initial`) one row. Empty fields are left out (database default) on insert. */
function RowForm({ meta, columns, initial, onDone }: { meta: TableMeta; columns: Column[]; initial?: Record<string, unknown>; onDone: () => void }) {
  const rf = rootFields(normTable(meta.table).schema, normTable(meta.table).name, meta.configuration);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [nulls, setNulls] = useState<Record<string, boolean>>(() => Object.fromEntries(columns.map((c) => [c.name, initial ? initial[c.name] === null : false])));
  const [form] = Form.useForm();
  const init = initial ? Object.fromEntries(columns.map((c) => [c.name, initial[c.name] === null || initial[c.name] === undefined ? '' : typeof initial[c.name] === 'object' ? JSON.stringify(initial[c.name]) : String(initial[c.name])])) : {};
  if (!columns.length) return <Empty description="No columns" />;
  return (
    <Form
      form={form}
      layout="horizontal"
      labelCol={{ flex: '180px' }}
      initialValues={init}
      onFinish={(vals: Record<string, string>) => {
        setErr(null);
        try {
          const obj: Record<string, unknown> = {};
          for (const c of columns) {
            if (nulls[c.name]) {
              obj[c.name] = null;
              continue;
            }
            const v = vals[c.name];
            if (!initial && (v === undefined || v === '')) continue;
            if (initial && String(v ?? '') === String(init[c.name] ?? '')) continue;
            obj[c.name] = coerceCell(v ?? '', c.type);
          }
          const names = columns.map((c) => c.name);
          let q: string;
          if (initial) {
            const pk = pkOf(columns);
            if (Object.keys(obj).length === 0) {
              onDone();
              return;
            }
            q = updateMutation(rf, Object.fromEntries(pk.map((c) => [c.name, initial[c.name]])), obj, names);
          } else q = insertMutation(rf, obj, names);
          setBusy(true);
          graphql(q).then(
            () => {
              setBusy(false);
              if (!initial) form.resetFields();
              onDone();
            },
            (e) => {
              setBusy(false);
              setErr(e);
            },
          );
        } catch (e) {
          setErr(e);
        }
      }}
    >
      <ErrorAlert error={err} />
      {columns.map((c) => (
        <Form.Item key={c.name} label={`${c.name} (${c.type})`} style={{ marginBottom: 8 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name={c.name} noStyle>
              <Input aria-label={c.name} disabled={nulls[c.name]} placeholder={c.default ? `default: ${c.default}` : c.nullable ? '' : 'required'} />
            </Form.Item>
          </Space.Compact>
          {c.nullable && (
            <Checkbox checked={nulls[c.name]} onChange={(e) => setNulls({ ...nulls, [c.name]: e.target.checked })}>
              NULL
            </Checkbox>
          )}
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={busy}>
        {initial ? 'Save' : 'Insert'}
      </Button>
    </Form>
  );
}

function Structure({ columns, loading, error, table, onDropped }: { columns: Column[]; loading: boolean; error: unknown; table: TableRef; onDropped: () => void }) {
  const { source, reloadMetadata } = useConsole();
  const { message } = App.useApp();
  const kind = source?.kind ?? 'postgres';
  return (
    <div>
      <Table<Column>
        size="small"
        rowKey="name"
        loading={loading}
        dataSource={columns}
        pagination={false}
        locale={{ emptyText: error ? 'Could not read the columns' : 'No columns' }}
        columns={[
          { title: 'Column', dataIndex: 'name', key: 'name' },
          { title: 'Type', dataIndex: 'type', key: 'type' },
          { title: 'Nullable', dataIndex: 'nullable', key: 'nullable', render: (b: boolean) => (b ? 'yes' : 'no') },
          { title: 'Default', dataIndex: 'default', key: 'default', render: (d: string | null) => d ?? '' },
          { title: 'Primary key', dataIndex: 'pk', key: 'pk', render: (n: number) => (n ? `yes (${n})` : '') },
        ]}
      />
      <Popconfirm
        title={`Drop table ${table.schema}.${table.name}? This deletes all its rows.`}
        okButtonProps={{ danger: true }}
        onConfirm={() => {
          const name = kind === 'sqlite' || table.schema === 'public' ? `"${table.name.replace(/"/g, '""')}"` : `"${table.schema.replace(/"/g, '""')}"."${table.name.replace(/"/g, '""')}"`;
          runSql(source?.name ?? 'default', `DROP TABLE ${name}`, false, true).then(
            () => {
              message.success('Table dropped');
              reloadMetadata();
              onDropped();
            },
            (e) => message.error((e as Error).message),
          );
        }}
      >
        <Button danger style={{ marginTop: 16 }} icon={<DeleteOutlined />}>
          Drop table
        </Button>
      </Popconfirm>
    </div>
  );
}

const PG_TYPES = ['text', 'integer', 'bigint', 'serial', 'bigserial', 'boolean', 'numeric', 'real', 'double precision', 'uuid', 'date', 'timestamptz', 'timestamp', 'jsonb', 'json'];
const SQLITE_TYPES = ['TEXT', 'INTEGER', 'REAL', 'NUMERIC', 'BLOB', 'BOOLEAN'];

function CreateTable({ onCreated }: { onCreated: (t: TableRef) => void }) {
  const { source, reloadMetadata } = useConsole();
  const { message } = App.useApp();
  const kind = source?.kind ?? 'postgres';
  const [schema, setSchema] = useState(kind === 'sqlite' ? 'main' : 'public');
  const [name, setName] = useState('');
  const [cols, setCols] = useState<NewColumn[]>([{ name: 'id', type: kind === 'sqlite' ? 'INTEGER' : 'serial', nullable: false, unique: false, default: '' }]);
  const [pk, setPk] = useState<string[]>(['id']);
  const [trackIt, setTrackIt] = useState(true);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const types = kind === 'sqlite' ? SQLITE_TYPES : PG_TYPES;
  const sql = (() => {
    try {
      return createTableSql(kind, { schema, name }, cols, pk);
    } catch (e) {
      return `-- ${(e as Error).message}`;
    }
  })();
  const upd = (i: number, patch: Partial<NewColumn>) => setCols(cols.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        Create table
      </Typography.Title>
      <ErrorAlert error={err} />
      <Space wrap style={{ marginBottom: 16 }}>
        {kind !== 'sqlite' && (
          <>
            <label htmlFor="ct-schema">Schema</label>
            <Input id="ct-schema" value={schema} onChange={(e) => setSchema(e.target.value)} style={{ width: 160 }} />
          </>
        )}
        <label htmlFor="ct-name">Table name</label>
        <Input id="ct-name" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 240 }} />
      </Space>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        Columns
      </Typography.Title>
      {cols.map((c, i) => (
        <Space key={i} wrap style={{ display: 'flex', marginBottom: 8 }}>
          <Input aria-label={`Column ${i + 1} name`} placeholder="name" value={c.name} onChange={(e) => {
            const old = c.name;
            upd(i, { name: e.target.value });
            setPk(pk.map((p) => (p === old ? e.target.value : p)));
          }} style={{ width: 180 }} />
          <Select aria-label={`Column ${i + 1} type`} value={c.type} showSearch style={{ width: 170 }} options={types.map((t) => ({ value: t, label: t }))} onChange={(t) => upd(i, { type: t })} />
          <Input aria-label={`Column ${i + 1} default`} placeholder="default (SQL)" value={c.default} onChange={(e) => upd(i, { default: e.target.value })} style={{ width: 160 }} />
          <Checkbox checked={c.nullable} onChange={(e) => upd(i, { nullable: e.target.checked })}>
            nullable
          </Checkbox>
          <Checkbox checked={c.unique} onChange={(e) => upd(i, { unique: e.target.checked })}>
            unique
          </Checkbox>
          <Button aria-label={`Remove column ${i + 1}`} icon={<DeleteOutlined />} onClick={() => { setCols(cols.filter((_, j) => j !== i)); setPk(pk.filter((p) => p !== c.name)); }} />
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setCols([...cols, { name: '', type: types[0], nullable: true, unique: false, default: '' }])}>
        Add column
      </Button>
      <div style={{ marginTop: 16 }}>
        <label htmlFor="ct-pk">Primary key</label>
        <Select id="ct-pk" mode="multiple" value={pk} onChange={setPk} style={{ width: '100%' }} options={cols.filter((c) => c.name).map((c) => ({ value: c.name, label: c.name }))} />
      </div>
      <Checkbox style={{ marginTop: 16 }} checked={trackIt} onChange={(e) => setTrackIt(e.target.checked)}>
        Track this table
      </Checkbox>
      <pre style={{ marginTop: 16, padding: 8, border: '1px solid rgba(128,128,128,0.4)', overflowX: 'auto' }} aria-label="SQL to run" tabIndex={0}>
        {sql}
      </pre>
      <Button
        type="primary"
        loading={busy}
        onClick={async () => {
          setErr(null);
          setBusy(true);
          try {
            const statement = createTableSql(kind, { schema, name }, cols, pk);
            await runSql(source?.name ?? 'default', statement);
            if (trackIt) await metadata.trackTable(kind, source?.name ?? 'default', kind === 'sqlite' ? (name as unknown as TableRef) : { schema, name });
            message.success('Table created');
            reloadMetadata();
            onCreated({ schema, name });
          } catch (e) {
            setErr(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        Create table
      </Button>
    </Card>
  );
}

function Relationships({ meta }: { meta: TableMeta }) {
  const { source, metadata: md, reloadMetadata } = useConsole();
  const { message } = App.useApp();
  const kind = source?.kind ?? 'postgres';
  const srcName = source?.name ?? 'default';
  const [err, setErr] = useState<unknown>(null);
  const [type, setType] = useState<'object' | 'array'>('object');
  const [name, setName] = useState('');
  const [how, setHow] = useState<'fk' | 'manual'>('fk');
  const [fkCols, setFkCols] = useState('');
  const [remote, setRemote] = useState<string | undefined>();
  const [mapping, setMapping] = useState('');
  const rels = [...(meta.object_relationships ?? []).map((r) => ({ ...r, type: 'object' })), ...(meta.array_relationships ?? []).map((r) => ({ ...r, type: 'array' }))];
  // Shown as schema.name (SQLite's tables in "main", as in the tree); sent back as the metadata
  // has them (a SQLite table is named by its bare name).
  const tables = (md?.sources?.find((s) => s.name === srcName)?.tables ?? []).map((t) => {
    const ref = normTable(t.table);
    if (kind === 'sqlite' && ref.schema === 'public') ref.schema = 'main';
    return { key: key(ref), table: t.table as TableRef };
  });
  const build = (): Record<string, unknown> => {
    const colList = fkCols.split(',').map((s) => s.trim()).filter(Boolean);
    const remoteRef = tables.find((t) => t.key === remote)?.table;
    if (how === 'fk') {
      if (type === 'object') {
        if (!colList.length) throw new Error('Name the foreign-key column(s) of this table');
        return { foreign_key_constraint_on: colList.length === 1 ? colList[0] : colList };
      }
      if (!remoteRef || !colList.length) throw new Error('Choose the remote table and its foreign-key column(s)');
      return { foreign_key_constraint_on: { table: remoteRef, columns: colList } };
    }
    if (!remoteRef) throw new Error('Choose the remote table');
    const column_mapping: Record<string, string> = {};
    for (const pair of mapping.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [l, r] = pair.split(/\s*(?:->|=|:)\s*/);
      if (!l || !r) throw new Error(`Write the mapping as local->remote, got "${pair}"`);
      column_mapping[l] = r;
    }
    if (!Object.keys(column_mapping).length) throw new Error('Give at least one column pair');
    return { manual_configuration: { remote_table: remoteRef, column_mapping } };
  };
  return (
    <div>
      <ErrorAlert error={err} />
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={rels}
        locale={{ emptyText: 'No relationships' }}
        columns={[
          { title: 'Name', dataIndex: 'name', key: 'name' },
          { title: 'Type', dataIndex: 'type', key: 'type' },
          { title: 'Definition', dataIndex: 'using', key: 'using', render: (u: unknown) => <code>{JSON.stringify(u)}</code> },
          {
            title: 'Action',
            key: 'a',
            render: (_: unknown, r: { name: string }) => (
              <Popconfirm title={`Remove relationship ${r.name}?`} onConfirm={() => dropRelationship(kind, srcName, meta.table, r.name).then(() => { message.success('Removed'); reloadMetadata(); }, setErr)}>
                <Button size="small" danger aria-label={`Remove relationship ${r.name}`} icon={<DeleteOutlined />} />
              </Popconfirm>
            ),
          },
        ]}
      />
      <Card size="small" title="Add a relationship" style={{ marginTop: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group value={type} onChange={(e) => setType(e.target.value)} aria-label="Relationship type" options={[{ value: 'object', label: 'Object (many-to-one)' }, { value: 'array', label: 'Array (one-to-many)' }]} />
          <Radio.Group value={how} onChange={(e) => setHow(e.target.value)} aria-label="Defined by" options={[{ value: 'fk', label: 'Foreign key' }, { value: 'manual', label: 'Manual column mapping' }]} />
          <Space wrap>
            <label htmlFor="rel-name">Name</label>
            <Input id="rel-name" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 200 }} />
            {(how === 'manual' || type === 'array') && (
              <>
                <label htmlFor="rel-remote">Remote table</label>
                <Select id="rel-remote" value={remote} onChange={setRemote} showSearch style={{ width: 240 }} options={tables.map((t) => ({ value: t.key, label: t.key }))} />
              </>
            )}
            {how === 'fk' ? (
              <>
                <label htmlFor="rel-fk">{type === 'object' ? 'Foreign-key column(s) here' : 'Foreign-key column(s) in the remote table'}</label>
                <Input id="rel-fk" value={fkCols} placeholder="author_id" onChange={(e) => setFkCols(e.target.value)} style={{ width: 200 }} />
              </>
            ) : (
              <>
                <label htmlFor="rel-map">Mapping (local-&gt;remote, comma separated)</label>
                <Input id="rel-map" value={mapping} placeholder="author_id->id" onChange={(e) => setMapping(e.target.value)} style={{ width: 240 }} />
              </>
            )}
          </Space>
          <Button
            type="primary"
            disabled={!name}
            onClick={() => {
              setErr(null);
              let using: Record<string, unknown>;
              try {
                using = build();
              } catch (e) {
                setErr(e);
                return;
              }
              createRelationship(kind, srcName, meta.table, type, name, using).then(() => {
                message.success('Relationship added');
                setName('');
                reloadMetadata();
              }, setErr);
            }}
          >
            Add relationship
          </Button>
        </Space>
      </Card>
    </div>
  );
}
