import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const relay = process.env.CAUSEWAY_RELAY ?? 'http://127.0.0.1:4410';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': relay,
      '/healthz': relay,
      '/sync': { target: relay.replace(/^http/, 'ws'), ws: true },
    },
  },
});
