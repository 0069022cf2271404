import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../../db/seed/demo-accounts";

/** Logs in through the login page, as a user would, and waits for the shell. */
export async function loginAs(
  page: Page,
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.getByRole("navigation", { name: "Navigation principale" }).waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.getByRole("button", { name: "Se connecter" }).waitFor();
}

/** The labels of the main navigation, in order. */
export async function navigationLabels(page: Page): Promise<string[]> {
  return page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link").allTextContents();
}

/** Fetches a document with the page's session, as its link opens it: status, type and first bytes. */
export async function pdfAt(
  page: Page,
  url: string,
): Promise<{ status: number; type: string | null; head: string }> {
  return page.evaluate(async (address) => {
    const response = await fetch(address);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      head: String.fromCharCode(...bytes.slice(0, 5)),
    };
  }, url);
}
