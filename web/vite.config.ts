import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The browser app: built into dist/web and served by the Hono server (no separate server).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
