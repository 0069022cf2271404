import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";

/** The README's screenshots: 1280 px wide, the visible screen only, so the files stay small. */
export const docsScreenshotDir = join(process.cwd(), "docs", "screenshots");

export async function docsScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(docsScreenshotDir, { recursive: true });
  const size = page.viewportSize();
  if (size?.width !== 1280) await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: join(docsScreenshotDir, `${name}.png`) });
}
