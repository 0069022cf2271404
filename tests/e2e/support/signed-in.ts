import { afterAll, beforeAll } from "vitest";
import { loginAs } from "./actions";
import { type BrowserSession, openBrowser } from "./browser";
import type { RunningServer } from "./server";

/**
 * Inside a `describeInBrowser`: a browser logged in as `email` (a demo account) before the block's
 * tests, closed after them: `const browser = useBrowserAs(server, "gestion@demo.fr");`, then
 * `browser.current.page` in the tests.
 */
export function useBrowserAs(
  server: { readonly current: RunningServer },
  email: string,
): { readonly current: BrowserSession } {
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await openBrowser(server.current.baseUrl);
    await loginAs(session.page, server.current.baseUrl, email);
  });
  afterAll(async () => {
    await session?.close();
  });
  return {
    get current() {
      if (!session) throw new Error("the browser opens in beforeAll");
      return session;
    },
  };
}
