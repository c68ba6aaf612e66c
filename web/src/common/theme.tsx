import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

// Dark mode with antd's theme algorithms, remembered in localStorage. Colours are
// chosen for WCAG AA contrast on both backgrounds (axe "color-contrast").

type Mode = 'light' | 'dark';
const KEY = 'ward.theme';

interface ThemeCtx {
  mode: Mode;
  toggle: () => void;
}
const Ctx = createContext<ThemeCtx>({ mode: 'light', toggle: () => {} });

export function useThemeMode(): ThemeCtx {
  return useContext(Ctx);
}

function initialMode(): Mode {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'dark' || saved === 'light') return saved;
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [mode, setMode] = useState<Mode>(initialMode);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, mode);
    } catch {
      /* storage may be disabled */
    }
    document.documentElement.dataset.theme = mode;
    document.documentElement.style.colorScheme = mode;
    document.body.style.background = mode === 'dark' ? '#141414' : '#f5f5f5';
  }, [mode]);
  const value = useMemo(() => ({ mode, toggle: () => setMode((m) => (m === 'dark' ? 'light' : 'dark')) }), [mode]);
  const dark = mode === 'dark';
  return (
    <Ctx.Provider value={value}>
      <ConfigProvider
        theme={{
          algorithm: dark ? antTheme.darkAlgorithm : antTheme.defaultAlgorithm,
          token: dark
            ? {
                colorPrimary: '#1765cc',
                colorPrimaryHover: '#1f5fb8',
                colorPrimaryActive: '#134f9c',
                colorLink: '#69b1ff',
                colorLinkHover: '#91caff',
                colorLinkActive: '#69b1ff',
                colorError: '#f05a5c',
                colorTextTertiary: 'rgba(255,255,255,0.65)',
                colorTextDescription: 'rgba(255,255,255,0.65)',
                colorTextPlaceholder: 'rgba(255,255,255,0.55)',
                borderRadius: 4,
              }
            : {
                colorPrimary: '#0958d9',
                colorPrimaryHover: '#003eb3',
                colorPrimaryActive: '#002c8c',
                colorLink: '#0958d9',
                // A hovered link keeps 4.5:1 on white (antd's default hover blue has 2.8:1).
                colorLinkHover: '#003eb3',
                colorLinkActive: '#002c8c',
                colorError: '#cf1322',
                colorTextTertiary: 'rgba(0,0,0,0.65)',
                colorTextDescription: 'rgba(0,0,0,0.65)',
                colorTextPlaceholder: 'rgba(0,0,0,0.55)',
                borderRadius: 4,
              },
          // In dark mode the danger colour must read on the dark page and under the text of a
          // filled danger button: dark text on it keeps both above 4.5:1.
          // Selected menu items and tabs get a light blue that reads on the dark backgrounds.
          // An empty table's placeholder ("No rows") is drawn in colorTextDisabled, too faint to
          // read (1.8:1); it is information, so it gets the description colour.
          components: dark
            ? {
                Table: { colorTextDisabled: 'rgba(255,255,255,0.65)' },
                Button: { dangerColor: '#000000', colorError: '#ff7875', colorErrorHover: '#ff9c9c', colorErrorActive: '#ff7875', colorErrorBorderHover: '#ff9c9c' },
                Menu: { itemSelectedColor: '#8dc5ff', horizontalItemSelectedColor: '#8dc5ff', itemSelectedBg: '#15325b', colorPrimary: '#8dc5ff' },
                Tabs: { itemSelectedColor: '#8dc5ff', itemActiveColor: '#8dc5ff', itemHoverColor: '#a9d3ff', inkBarColor: '#8dc5ff' },
                Popconfirm: { colorError: '#ff7875' },
              }
            : { Table: { colorTextDisabled: 'rgba(0,0,0,0.65)' } },
        }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </Ctx.Provider>
  );
}
