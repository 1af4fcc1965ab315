import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server (port 4000 by default) serves /graphql and, in development, /dev/outbox; `npm run dev`
// proxies both so the SPA stays same-origin and the session cookie just works.
const API = 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/graphql': API, '/dev': API } },
});
