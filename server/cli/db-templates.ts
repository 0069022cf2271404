import { buildEmbeddedTemplates } from "../../db/build-templates";
import { systemClock } from "../lib/clock";

// The compiled template builder (dist/server/db-templates.js), run by scripts/build.mjs after it
// compiled the server: the migrated template, and the demo template seeded as of today.
await buildEmbeddedTemplates(systemClock);
