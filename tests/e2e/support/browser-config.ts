import { existsSync } from "node:fs";

/** Debian's chromium (apt), never a downloaded browser. CHROMIUM_PATH overrides. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const browserAvailable = existsSync(chromiumPath);

/** The flags that make WebGL render headless with SwiftShader. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--enable-unsafe-swiftshader",
  // French UI of the browser itself (date and month pickers)
  "--lang=fr-FR",
];
