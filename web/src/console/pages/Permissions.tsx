import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, Checkbox, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../common/ui';
import { ACTIONS, tableLabel, createPermissionQuery, dropPermissionQuery, metadata, savePermission, type Action, type MetadataQuery, type Column, type TableMeta } from '../api';
import { OPERATORS, formatValue, fromJson, parseValueInput, toJson, type Node } from '../boolexp';
import { rolesIn, useConsole } from '../context';
import { convertPermission, defaultPerm } from '../permissions';

type Perm = Record<string, unknown>;

function permOf(t: TableMeta, role: string, a: Action): Perm | undefined {
  return (t[`${a}_permissions`] ?? []).find((p) => p.role === role)?.permission;
}

function access(p: Perm | undefined, a: Action): 'full' | 'partial' | 'none' {
  if (!p) return 'none';
  const exp = (a === 'insert' ? p.check : p.filter) as Record<string, unknown> | undefined;
  const cols = p.columns;
  const allCols = cols === '*' || cols === undefined;
  return exp && Object.keys(exp).length === 0 && allCols && !p.limit ? 'full' : 'partial';
}

/** Role x action grid for one table, with an editor for the chosen cell. */
export function PermissionsPanel({ table, columns }: { table: TableMeta; columns: Column[] }) {
  const { metadata: md, source, reloadMetadata } = useConsole();
  const known = rolesIn(md);
  const [extraRoles, setExtraRoles] = useState<string[]>([]);
  const [newRole, setNewRole] = useState('');
  const roles = [...new Set([...known, ...extraRoles])];
  const [sel, setSel] = useState<{ role: string; action: Action } | null>(null);
  const label = { full: 'Full access', partial: 'Partial access', none: 'No access' };
  const data = roles.map((role) => ({ role }));
  return (
    <div>
      <Table
        size="small"
        rowKey="role"
        pagination={false}
        dataSource={[{ role: 'admin' }, ...data]}
        columns={[
          { title: 'Role', dataIndex: 'role', key: 'role' },
          ...ACTIONS.map((a) => ({
            title: a,
            key: a,
            render: (_: unknown, r: { role: string }) => {
              if (r.role === 'admin') return <Tag>full (admin)</Tag>;
              const st = access(permOf(table, r.role, a), a);
              const selected = sel?.role === r.role && sel.action === a;
              return (
                <Button size="small" type={selected ? 'primary' : 'default'} aria-label={`${st}: edit ${a} permission of role ${r.role} (${label[st]})`} onClick={() => setSel({ role: r.role, action: a })}>
                  {st}
                </Button>
              );
            },
          })),
        ]}
        footer={() => (
          <Space>
            <Input aria-label="New role name" placeholder="New role" value={newRole} onChange={(e) => setNewRole(e.target.value)} style={{ width: 200 }} />
            <Button
              icon={<PlusOutlined />}
              disabled={!newRole.trim() || roles.includes(newRole.trim()) || newRole.trim() === 'admin'}
              onClick={() => {
                setExtraRoles((r) => [...r, newRole.trim()]);
                setSel({ role: newRole.trim(), action: 'select' });
                setNewRole('');
              }}
            >
              Add role
            </Button>
          </Space>
        )}
      />
      {sel && source && (
        <PermissionEditor
          key={`${sel.role}/${sel.action}/${JSON.stringify(permOf(table, sel.role, sel.action) ?? null)}`}
          table={table}
          columns={columns}
          role={sel.role}
          action={sel.action}
          roles={roles}
          kind={source.kind}
          source={source.name}
          onSaved={reloadMetadata}
        />
      )}
    </div>
  );
}

function PermissionEditor(props: { table: TableMeta; columns: Column[]; role: string; action: Action; roles: string[]; kind: string; source: string; onSaved: () => void }) {
  const { table, columns, role, action, kind, source } = props;
  const { message } = App.useApp();
  const existing = permOf(table, role, action);
  const [perm, setPerm] = useState<Perm>(() => (existing ? structuredClone(existing) : defaultPerm(action)));
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [copyOpen, setCopyOpen] = useState(false);
  const colNames = columns.map((c) => c.name);
  const relNames = [...(table.object_relationships ?? []), ...(table.array_relationships ?? [])].map((r) => r.name);
  const cols = perm.columns === '*' ? colNames : ((perm.columns as string[] | undefined) ?? []);
  const expKey = action === 'insert' ? 'check' : 'filter';

  const save = () => {
    setBusy(true);
    setErr(null);
    savePermission(kind, source, table.table, role, action, perm, !!existing).then(
      () => {
        setBusy(false);
        message.success('Permission saved');
        props.onSaved();
      },
      (e) => {
        setBusy(false);
        setErr(e);
      },
    );
  };
  const remove = () => {
    setBusy(true);
    metadata.bulk([dropPermissionQuery(kind, source, table.table, role, action)]).then(
      () => {
        setBusy(false);
        message.success('Permission removed');
        props.onSaved();
      },
      (e) => {
        setBusy(false);
        setErr(e);
      },
    );
  };

  return (
    <Card style={{ marginTop: 16 }} title={`Role "${role}": ${action} permission on ${tableLabel(kind, table.table)}`} extra={
      <Space>
        <Button icon={<CopyOutlined />} onClick={() => setCopyOpen(true)}>
          Copy to…
        </Button>
      </Space>
    }>
      <ErrorAlert error={err} />
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {action === 'insert' ? 'Row check (applied to inserted rows)' : 'Row filter'}
      </Typography.Title>
      <BoolExpEditor value={(perm[expKey] as Record<string, unknown>) ?? {}} onChange={(v) => setPerm({ ...perm, [expKey]: v })} columns={colNames} relationships={relNames} idPrefix={`${action}-${expKey}`} />
      {action === 'update' && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            Post-update check
          </Typography.Title>
          <Checkbox checked={perm.check !== null && perm.check !== undefined} onChange={(e) => setPerm({ ...perm, check: e.target.checked ? {} : null })}>
            Check the rows after the update
          </Checkbox>
          {perm.check !== null && perm.check !== undefined && (
            <BoolExpEditor value={perm.check as Record<string, unknown>} onChange={(v) => setPerm({ ...perm, check: v })} columns={colNames} relationships={relNames} idPrefix="update-check" />
          )}
        </>
      )}
      {action !== 'delete' && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            Columns
          </Typography.Title>
          <Space wrap>
            <Button size="small" onClick={() => setPerm({ ...perm, columns: colNames })}>
              Toggle all on
            </Button>
            <Button size="small" onClick={() => setPerm({ ...perm, columns: [] })}>
              Toggle all off
            </Button>
          </Space>
          <div style={{ marginTop: 8 }}>
            <Checkbox.Group
              value={cols}
              onChange={(v) => setPerm({ ...perm, columns: colNames.filter((c) => (v as string[]).includes(c)) })}
              options={colNames.map((c) => ({ value: c, label: c }))}
            />
          </div>
          {colNames.length === 0 && <Alert type="info" message="The columns of this table could not be read." />}
        </>
      )}
      {(action === 'insert' || action === 'update') && (
        <PresetsEditor value={(perm.set as Record<string, unknown>) ?? {}} columns={colNames} onChange={(set) => setPerm({ ...perm, set })} />
      )}
      {action === 'select' && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            Limits and aggregations
          </Typography.Title>
          <Space wrap>
            <label htmlFor="perm-limit">Row limit</label>
            <InputNumber id="perm-limit" min={0} value={perm.limit as number | undefined} onChange={(v) => {
              const p = { ...perm };
              if (v === null || v === undefined) delete p.limit;
              else p.limit = v;
              setPerm(p);
            }} />
            <label htmlFor="perm-agg">Allow aggregation queries</label>
            <Switch id="perm-agg" checked={!!perm.allow_aggregations} onChange={(v) => setPerm({ ...perm, allow_aggregations: v })} />
          </Space>
        </>
      )}
      {action !== 'select' && (
        <div style={{ marginTop: 16 }}>
          <Space>
            <label htmlFor="perm-backend-only">Backend only</label>
            <Switch id="perm-backend-only" checked={!!perm.backend_only} onChange={(v) => setPerm({ ...perm, backend_only: v })} />
          </Space>
        </div>
      )}
      <Space style={{ marginTop: 24, display: 'flex' }}>
        <Button type="primary" loading={busy} onClick={save}>
          Save permissions
        </Button>
        {existing && (
          <Button danger icon={<DeleteOutlined />} loading={busy} onClick={remove}>
            Delete permissions
          </Button>
        )}
      </Space>
      <CopyModal
        open={copyOpen}
        onClose={() => setCopyOpen(false)}
        roles={props.roles}
        from={{ role, action }}
        onCopy={(targets) => {
          const queries = targets.flatMap(({ role: r, action: a }) => {
            const p = convertPermission(perm, action, a);
            const q: MetadataQuery[] = [createPermissionQuery(kind, source, table.table, r, a, p)];
            if (permOf(table, r, a)) q.unshift(dropPermissionQuery(kind, source, table.table, r, a));
            return q;
          });
          return metadata.bulk(queries).then(() => {
            message.success(`Copied to ${targets.length} permission(s)`);
            props.onSaved();
          });
        }}
      />
    </Card>
  );
}

function CopyModal({ open, onClose, roles, from, onCopy }: { open: boolean; onClose: () => void; roles: string[]; from: { role: string; action: Action }; onCopy: (t: { role: string; action: Action }[]) => Promise<void> }) {
  const [targets, setTargets] = useState<string[]>([]);
  const [err, setErr] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [extra, setExtra] = useState('');
  useEffect(() => {
    if (open) {
      setTargets([]);
      setErr(null);
    }
  }, [open]);
  const allRoles = [...new Set([...roles, ...extra.split(',').map((s) => s.trim()).filter(Boolean)])];
  const options = allRoles.flatMap((r) => ACTIONS.map((a) => `${r}:${a}`)).filter((k) => k !== `${from.role}:${from.action}`);
  return (
    <Modal
      open={open}
      title={`Copy the ${from.action} permission of "${from.role}"`}
      okText="Copy"
      okButtonProps={{ disabled: targets.length === 0 }}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => {
        setBusy(true);
        onCopy(targets.map((t) => ({ role: t.slice(0, t.lastIndexOf(':')), action: t.slice(t.lastIndexOf(':') + 1) as Action }))).then(
          () => {
            setBusy(false);
            onClose();
          },
          (e) => {
            setBusy(false);
            setErr(e);
          },
        );
      }}
    >
      <ErrorAlert error={err} />
      <Typography.Paragraph>Existing permissions of the chosen targets are replaced. Filters move between actions (an insert check becomes a filter and back).</Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <label htmlFor="copy-extra-roles">Other roles (comma separated)</label>
        <Input id="copy-extra-roles" value={extra} onChange={(e) => setExtra(e.target.value)} />
        <label htmlFor="copy-targets">Targets (role:action)</label>
        <Select id="copy-targets" mode="multiple" style={{ width: '100%' }} value={targets} onChange={setTargets} options={options.map((o) => ({ value: o, label: o }))} />
      </Space>
    </Modal>
  );
}

function PresetsEditor({ value, columns, onChange }: { value: Record<string, unknown>; columns: string[]; onChange: (v: Record<string, unknown>) => void }) {
  const entries = Object.entries(value);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
        Column presets
      </Typography.Title>
      <Typography.Paragraph>A value starting with X-Hasura- is read from that session variable.</Typography.Paragraph>
      {entries.map(([col, v], i) => (
        <Space key={i} style={{ display: 'flex', marginBottom: 8 }}>
          <Select aria-label={`Preset ${i + 1} column`} value={col} style={{ width: 200 }} options={columns.map((c) => ({ value: c, label: c }))} onChange={(c) => {
            const next: Record<string, unknown> = {};
            for (const [k, x] of entries) next[k === col ? c : k] = x;
            onChange(next);
          }} />
          <Input aria-label={`Preset ${i + 1} value`} value={formatValue(v)} style={{ width: 260 }} onChange={(e) => onChange({ ...value, [col]: parseValueInput(e.target.value, '_eq') })} />
          <Button aria-label={`Remove preset ${col}`} icon={<DeleteOutlined />} onClick={() => {
            const next = { ...value };
            delete next[col];
            onChange(next);
          }} />
        </Space>
      ))}
      <Button size="small" icon={<PlusOutlined />} disabled={columns.every((c) => c in value)} onClick={() => {
        const c = columns.find((x) => !(x in value));
        if (c) onChange({ ...value, [c]: 'X-Hasura-User-Id' });
      }}>
        Add preset
      </Button>
    </>
  );
}

/** The row-filter builder: a tree editor over the boolean expression with a raw JSON view. */
export function BoolExpEditor({ value, onChange, columns, relationships, idPrefix }: { value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void; columns: string[]; relationships: string[]; idPrefix: string }) {
  const [mode, setMode] = useState<'builder' | 'json'>('builder');
  const tree = useMemo(() => fromJson(value), [value]);
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [jsonErr, setJsonErr] = useState<string | null>(null);
  useEffect(() => {
    if (mode === 'builder') setText(JSON.stringify(value, null, 2));
  }, [value, mode]);
  return (
    <div>
      <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} optionType="button" size="small" aria-label="Filter editor mode" options={[{ value: 'builder', label: 'Builder' }, { value: 'json', label: 'JSON' }]} />
      {mode === 'builder' ? (
        <div style={{ marginTop: 8 }}>
          <NodeEditor node={tree} onChange={(n) => onChange(toJson(n))} columns={columns} relationships={relationships} path={idPrefix} />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            <code>{JSON.stringify(value)}</code>
          </Typography.Text>
        </div>
      ) : (
        <div style={{ marginTop: 8 }}>
          <label htmlFor={`${idPrefix}-json`} style={{ display: 'block' }}>
            Boolean expression (JSON)
          </label>
          <Input.TextArea
            id={`${idPrefix}-json`}
            value={text}
            autoSize={{ minRows: 4, maxRows: 20 }}
            style={{ fontFamily: 'monospace' }}
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              try {
                const v = JSON.parse(e.target.value);
                if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('must be a JSON object');
                setJsonErr(null);
                onChange(v);
              } catch (x) {
                setJsonErr((x as Error).message);
              }
            }}
          />
          {jsonErr && <Alert type="error" role="alert" message={`Invalid JSON: ${jsonErr}`} />}
        </div>
      )}
    </div>
  );
}

function NodeEditor({ node, onChange, columns, relationships, path, onRemove }: { node: Node; onChange: (n: Node) => void; columns: string[]; relationships: string[]; path: string; onRemove?: () => void }) {
  const border = { borderLeft: '2px solid rgba(128,128,128,0.4)', paddingLeft: 12, marginTop: 4 };
  const remove = onRemove && <Button size="small" aria-label="Remove condition" icon={<DeleteOutlined />} onClick={onRemove} />;
  switch (node.kind) {
    case 'and':
    case 'or':
      return (
        <div style={border}>
          <Space>
            <Select
              size="small"
              aria-label="Combine conditions with"
              value={node.kind}
              onChange={(k) => onChange({ kind: k, items: node.items })}
              options={[{ value: 'and', label: 'All of (AND)' }, { value: 'or', label: 'Any of (OR)' }]}
              style={{ width: 140 }}
            />
            {node.items.length === 0 && node.kind === 'and' && <Typography.Text type="secondary">no condition: every row</Typography.Text>}
            {remove}
          </Space>
          {node.items.map((it, i) => (
            <NodeEditor
              key={i}
              node={it}
              columns={columns}
              relationships={relationships}
              path={`${path}-${i}`}
              onChange={(n) => onChange({ ...node, items: node.items.map((x, j) => (j === i ? n : x)) })}
              onRemove={() => onChange({ ...node, items: node.items.filter((_, j) => j !== i) })}
            />
          ))}
          <Space style={{ marginTop: 4 }} wrap>
            <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...node, items: [...node.items, { kind: 'col', column: columns[0] ?? '', op: '_eq', value: 'X-Hasura-User-Id' }] })}>
              Condition
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...node, items: [...node.items, { kind: node.kind === 'and' ? 'or' : 'and', items: [] }] })}>
              Group
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...node, items: [...node.items, { kind: 'not', item: { kind: 'and', items: [] } }] })}>
              Not
            </Button>
            {relationships.length > 0 && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => onChange({ ...node, items: [...node.items, { kind: 'rel', name: relationships[0], item: { kind: 'and', items: [] } }] })}>
                Relationship
              </Button>
            )}
          </Space>
        </div>
      );
    case 'not':
      return (
        <div style={border}>
          <Space>
            <Typography.Text strong>NOT</Typography.Text>
            {remove}
          </Space>
          <NodeEditor node={node.item} columns={columns} relationships={relationships} path={`${path}-n`} onChange={(n) => onChange({ ...node, item: n })} />
        </div>
      );
    case 'rel':
      return (
        <div style={border}>
          <Space>
            <Select size="small" aria-label="Relationship" value={node.name} style={{ width: 180 }} options={relationships.map((r) => ({ value: r, label: r }))} onChange={(name) => onChange({ ...node, name })} />
            <Typography.Text type="secondary">has a row where</Typography.Text>
            {remove}
          </Space>
          <NodeEditor node={node.item} columns={[]} relationships={[]} path={`${path}-r`} onChange={(n) => onChange({ ...node, item: n })} />
        </div>
      );
    case 'col':
      return (
        <Space style={{ display: 'flex', marginTop: 4 }} wrap>
          <AutoComplete
            size="small"
            aria-label="Column"
            value={node.column}
            style={{ width: 180 }}
            options={columns.map((c) => ({ value: c }))}
            onChange={(column) => onChange({ ...node, column })}
          />
          <Select size="small" aria-label="Operator" value={node.op} style={{ width: 130 }} options={OPERATORS.map((o) => ({ value: o, label: o }))} onChange={(op) => onChange({ ...node, op, value: parseValueInput(formatValue(node.value), op) })} />
          <Tooltip title="JSON, a plain string, or a session variable such as X-Hasura-User-Id">
            <Input size="small" aria-label="Value" value={formatValue(node.value)} style={{ width: 220 }} onChange={(e) => onChange({ ...node, value: parseValueInput(e.target.value, node.op) })} />
          </Tooltip>
          {remove}
        </Space>
      );
    case 'raw':
      return (
        <Space style={{ display: 'flex', marginTop: 4 }}>
          <Typography.Text code>{JSON.stringify(node.key ? { [node.key]: node.value } : node.value)}</Typography.Text>
          <Typography.Text type="secondary">(edit in the JSON view)</Typography.Text>
          {remove}
        </Space>
      );
  }
}
