import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The browser app: built into dist/web and served by the Hono server (no separate server).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    alias: {
      // the API's zod schemas are shared with the forms; @hono/zod-openapi stays on the server
      "@hono/zod-openapi": fileURLToPath(new URL("./src/lib/zod-openapi-shim.ts", import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    target: "es2022",
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
