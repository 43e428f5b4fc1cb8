import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  // The drill server reads the manifest to find the chunks built from scenarios/ (served to signed-in trainers only).
  build: { manifest: true },
  // npm run dev: the app with hot reload; the API and WebSocket come from `npm start` on 8080.
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080', '/ws': { target: 'ws://localhost:8080', ws: true } } },
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
    // codemirror-json-schema's ESM build imports without file extensions, which Node cannot resolve: Vite resolves it instead.
    server: { deps: { inline: ['codemirror-json-schema'] } },
  },
});
