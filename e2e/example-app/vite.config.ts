import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { EXAMPLE_APP_PORT } from './port.ts';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  preview: { host: '127.0.0.1', port: EXAMPLE_APP_PORT, strictPort: true },
  logLevel: 'warn',
});
