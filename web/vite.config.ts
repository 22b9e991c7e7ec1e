import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// The web app is built into dist/web and served by the Fastify server (one process, one port).
export default defineConfig({
  root: here,
  plugins: [react()],
  build: { outDir: path.join(here, '..', 'dist', 'web'), emptyOutDir: true, sourcemap: false },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' }, fs: { allow: [path.join(here, '..')] } },
});
