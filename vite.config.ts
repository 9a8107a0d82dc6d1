// Vite build of the three web apps (portal at /, admin at /admin, reception at /reception) from src/web into dist/web.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const subApps = ['admin', 'reception'];

// Vite's SPA fallback would answer /admin/sign-in with the portal's index.html; route sub-app deep links to their own page.
function subAppFallback(): Plugin {
  return {
    name: 'atrium-sub-app-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '/').split('?')[0];
        const app = subApps.find((name) => path === `/${name}` || path.startsWith(`/${name}/`));
        if (app && !path.includes('.') && req.headers.accept?.includes('text/html')) req.url = `/${app}/index.html`;
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), subAppFallback()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      input: {
        portal: `${root}/index.html`,
        admin: `${root}/admin/index.html`,
        reception: `${root}/reception/index.html`,
      },
    },
  },
  server: {
    proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` },
  },
});
