import { CopyOutlined, DownloadOutlined, MoonOutlined, SunOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Tooltip } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useThemeMode } from './theme';

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.left = '-9999px';
  document.body.appendChild(ta);
  ta.select();
  document.execCommand('copy');
  document.body.removeChild(ta);
}

export function CopyButton({ text, label, size }: { text: string; label: string; size?: 'small' | 'middle' }) {
  const { message } = App.useApp();
  return (
    <Tooltip title={label}>
      <Button
        size={size}
        icon={<CopyOutlined />}
        aria-label={label}
        disabled={!text}
        onClick={() =>
          copyText(text).then(
            () => message.success('Copied'),
            () => message.error('Copy failed'),
          )
        }
      />
    </Tooltip>
  );
}

export function downloadText(filename: string, text: string, type = 'text/plain') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function DownloadButton({ filename, text, label }: { filename: string; text: string; label: string }) {
  return (
    <Button icon={<DownloadOutlined />} disabled={!text} onClick={() => downloadText(filename, text)}>
      {label}
    </Button>
  );
}

export function ThemeToggle() {
  const { mode, toggle } = useThemeMode();
  const label = mode === 'dark' ? 'Switch to light mode' : 'Switch to dark mode';
  return (
    <Tooltip title={label}>
      <Button type="text" aria-label={label} onClick={toggle} icon={mode === 'dark' ? <SunOutlined /> : <MoonOutlined />} style={{ color: 'inherit' }} />
    </Tooltip>
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (!error) return null;
  const msg = error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={msg || 'Request failed'}
      action={onRetry ? <Button size="small" onClick={onRetry}>Retry</Button> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

export function EmptyState({ text }: { text: ReactNode }) {
  return <Empty description={text} />;
}

/** Current hash route as path segments: "#/users/org/name" -> ["users","org","name"]. */
export function useHashRoute(): [string[], (path: string) => void] {
  const parse = () =>
    window.location.hash
      .replace(/^#\/?/, '')
      .split('?')[0]
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
  const [segs, setSegs] = useState<string[]>(parse);
  useEffect(() => {
    const on = () => setSegs(parse());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const nav = useCallback((path: string) => {
    window.location.hash = '#/' + path.replace(/^\//, '');
  }, []);
  return [segs, nav];
}

export function hrefFor(path: string): string {
  return '#/' + path.replace(/^\//, '');
}

/** Small async-state helper: runs `fn` whenever deps change, exposes data/error/loading/reload. */
export function useAsync<T>(fn: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    fn().then(
      (data) => alive && setState({ data, error: null, loading: false }),
      (error) => alive && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}
