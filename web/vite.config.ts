import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const zodShim = fileURLToPath(new URL("./src/lib/zod-openapi-shim.ts", import.meta.url));

// The browser app: built into dist/web and served by the Hono server (no separate server).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    // the API's zod schemas are shared with the forms; @hono/zod-openapi (and server/lib/openapi,
    // which some schemas take `z` from) stay on the server: both resolve to plain zod here
    alias: [
      { find: "@hono/zod-openapi", replacement: zodShim },
      { find: /^(?:\.\.\/)+lib\/openapi$/, replacement: zodShim },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    target: "es2022",
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
