import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// One project, two apps. `--mode idp` builds the IdP admin pages into dist/idp/,
// `--mode console` builds the engine console into dist/console/. Each app has its
// own index.html under idp/ or console/ and its own assets folder, so the C++ side
// can embed each tree as it is. Asset URLs are relative (base './') so the pages
// work under any path prefix behind a reverse proxy. WARD_WEB_OUT_DIR moves dist/ elsewhere
// (CMake builds into its own build folder, so two build folders never share an output).
const outRoot = process.env.WARD_WEB_OUT_DIR ?? resolve(import.meta.dirname, 'dist');

export default defineConfig(({ mode }) => {
  const app = mode === 'console' ? 'console' : 'idp';
  return {
    root: resolve(import.meta.dirname, app),
    base: './',
    publicDir: false,
    plugins: [react()],
    build: {
      outDir: resolve(outRoot, app),
      emptyOutDir: true,
      assetsDir: 'assets',
      chunkSizeWarningLimit: 4000,
      sourcemap: false,
    },
    server: {
      port: app === 'console' ? 5174 : 5173,
      // During development the API calls go to the real servers.
      proxy:
        app === 'console'
          ? { '/v1': 'http://127.0.0.1:8080', '/v2': 'http://127.0.0.1:8080' }
          : { '/api': 'http://127.0.0.1:8000', '/.well-known': 'http://127.0.0.1:8000' },
      fs: { allow: [resolve(import.meta.dirname)] },
    },
    test: {
      root: import.meta.dirname,
      include: ['src/**/*.test.ts'],
      environment: 'node',
    },
  };
});
