/**
 * The API's schemas (server/modules/<area>/<area>.schemas.ts) import `z` from
 * @hono/zod-openapi and call `.openapi(name)` to document themselves. In the browser the
 * same schemas validate forms, so vite aliases @hono/zod-openapi to this file: plain zod,
 * with `.openapi()` a no-op. No server code (hono, the OpenAPI generator) enters the bundle.
 */
import { z } from "zod";
import { useFrenchMessages } from "../../../server/lib/zod-messages";

const prototype = z.ZodType.prototype as unknown as { openapi?: (...args: unknown[]) => unknown };
if (typeof prototype.openapi !== "function") {
  prototype.openapi = function openapi(this: unknown) {
    return this;
  };
}

// No compiled parsers: the Content-Security-Policy forbids eval, and zod's probe for it
// (`new Function("")`) would be reported as a violation on every page.
z.config({ jitless: true });

export { z };

// French messages in the forms, the same as the API's
useFrenchMessages(z);
