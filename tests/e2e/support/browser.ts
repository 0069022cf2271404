import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { describe } from "vitest";
import { browserAvailable, chromiumArgs, chromiumPath } from "./browser-config";

export { browserAvailable, chromiumArgs, chromiumPath };

export const screenshotDir = join(process.cwd(), "test-results", "e2e");

/**
 * `describe` when chromium is installed. Without it: a loud banner and the suite is skipped;
 * with REQUIRE_BROWSER=1 (set by .ci/run) a missing browser fails the run instead.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (browserAvailable) {
    describe(name, body);
    return;
  }
  if (process.env.REQUIRE_BROWSER === "1") {
    describe(name, () => {
      throw new Error(
        `REQUIRE_BROWSER=1 but no chromium at ${chromiumPath}: install it with "apt-get install -y chromium"`,
      );
    });
    return;
  }
  const line = "!".repeat(78);
  console.warn(
    `\n${line}\n!!  BROWSER TESTS SKIPPED: no chromium at ${chromiumPath}\n!!  "${name}" did not run. Install Debian's chromium (apt-get install -y chromium)\n!!  or set CHROMIUM_PATH; REQUIRE_BROWSER=1 turns this into a failure.\n${line}\n`,
  );
  describe.skip(name, body);
}

export type BrowserSession = {
  context: BrowserContext;
  page: Page;
  /** requests that left the test server (the app must work offline) */
  externalRequests: string[];
  /** uncaught errors and console errors of the page */
  pageErrors: string[];
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
};

/** A fresh chromium profile on a temporary folder, watching for external requests and page errors. */
export async function openBrowser(baseUrl: string): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), "iml-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    headless: true,
    viewport: { width: 1360, height: 900 },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    // the date and month pickers follow the browser's own language, read from the environment on
    // Linux (with Debian's chromium-l10n installed): a French officer sees 23/11/2026, not 11/23/2026
    env: { ...process.env, LANG: "fr_FR.UTF-8", LANGUAGE: "fr" },
    acceptDownloads: true,
  });
  const externalRequests: string[] = [];
  const pageErrors: string[] = [];
  const origin = new URL(baseUrl).origin;
  context.on("request", (request) => {
    const url = request.url();
    // the network only: chrome's own pages (its PDF viewer: chrome://, chrome-extension://) are not requests out
    if (/^(https?|wss?):/.test(url) && !url.startsWith(origin)) externalRequests.push(url);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    context,
    page,
    externalRequests,
    pageErrors,
    async screenshot(name, options = {}) {
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path, fullPage: options.fullPage ?? false });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page's map has loaded its style and drawn its data (window.__mapReady). */
export async function waitForMap(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => (window as MapWindow).__mapReady === true, null, { timeout });
}

/** What the page exposes for tests (web/src/map/map.ts). */
export type MapWindow = {
  // biome-ignore lint/suspicious/noExplicitAny: the maplibre Map, used inside page.evaluate
  __map?: any;
  __mapReady?: boolean;
};
