// `npm start`: rebuild what is stale (the browser app, the compiled server), then run the
// compiled server in this same process: npm execs this script (`exec node …`), so the tree is
// npm → node and a signal sent to npm, to the group or by Ctrl-C reaches the server itself.
import { ensureBuilt } from "./build.mjs";

await ensureBuilt({ template: false, log: (line) => console.log(`start: ${line}`) });
await import("../dist/server/index.js");
