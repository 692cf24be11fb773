import { defineConfig } from "vite";

// The console is served by `canopy serve` from web/dist; `npx vite` proxies the API and hub to a running server.
export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { "/api": "http://127.0.0.1:5080", "/hub": { target: "http://127.0.0.1:5080", ws: true } } },
});
