import "./styles.css";
import "./lib/zod-openapi-shim";
import { api, onUnauthenticated } from "./lib/api";
import { h, mount } from "./lib/dom";
import { roleLabels } from "./lib/format";
import { findPage, type Page, type PublicConfig } from "./lib/router";
import { can, currentUser, type Me } from "./lib/session";
import { forbiddenPage, notFoundPage } from "./pages/errors";
import { renderLogin } from "./pages/login";
import { renderSetPassword, tokenFromLocation } from "./pages/set-password";
import { setServerToday, todayInParis } from "./lib/ui";
import { navigation, pages } from "./pages";

/**
 * The back office in the browser: a login page, then a shell whose navigation depends on the
 * role (GET /api/auth/me: role + permissions). Pages are plain DOM, drawn by each module of pages/.
 */
const app = document.getElementById("app")!;
let config: PublicConfig = {
  mapStyleUrl: null,
  mapAttribution: null,
  // unknown until the configuration answers: the address search tries, and says when it cannot
  geocoder: true,
  today: todayInParis(),
};
let me: Me | null = null;
let cleanup: (() => void) | undefined;

function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  void route();
}

/** Where each role starts its day: its own work, never a page it has no use for. */
const landingByRole: Record<string, string> = {
  housing_officer: "/personnes",
  finance: "/finances",
  admin: "/admin/utilisateurs",
  landlord: "/portail",
};

function homeOf(user: Me): string {
  const landing = landingByRole[user.role];
  const page = landing ? findPage(pages, landing)?.page : undefined;
  if (landing && page && can(user, page.permission)) return landing;
  return navigation.find((item) => can(user, item.permission))?.path ?? "/";
}

/** A message for the next login page (after choosing a password). */
let loginNotice: string | null = null;

async function logout(): Promise<void> {
  try {
    await api.post("/api/auth/logout");
  } finally {
    me = null;
    navigate("/connexion", true);
  }
}

function shell(user: Me): HTMLElement {
  const current = location.pathname;
  const links = navigation
    .filter((item) => can(user, item.permission))
    .map((item) => {
      const active = current === item.path || current.startsWith(`${item.path}/`);
      return h(
        "li",
        null,
        h("a", { href: item.path, "data-link": true, "aria-current": active ? "page" : null }, item.label),
      );
    });
  return h(
    "div",
    { class: "shell" },
    h("a", { class: "skip-link", href: "#page" }, "Aller au contenu"),
    h(
      "header",
      { class: "topbar" },
      h("a", { class: "brand", href: homeOf(user), "data-link": true }, "Back office logement"),
      h(
        "div",
        { class: "who" },
        h("span", { class: "who-name" }, user.fullName),
        h("span", { class: "role-badge", "data-role": user.role }, roleLabels[user.role] ?? user.role),
        h("a", { href: "/compte", "data-link": true }, "Mon compte"),
        h("button", { type: "button", class: "link-button", onclick: () => void logout() }, "Se déconnecter"),
      ),
    ),
    h("nav", { class: "sidebar", "aria-label": "Navigation principale" }, h("ul", null, links)),
    h("main", { id: "page", class: "page", tabindex: "-1" }),
    h("div", { id: "status", class: "status", role: "status", "aria-live": "polite" }),
  );
}

async function route(): Promise<void> {
  cleanup?.();
  cleanup = undefined;
  const path = location.pathname;
  if (path === "/set-password") {
    // the invitation or reset link: open with or without a session
    document.title = "Choisir mon mot de passe — Back office logement";
    mount(
      app,
      renderSetPassword(tokenFromLocation(location.hash), () => {
        me = null;
        loginNotice = "Mot de passe enregistré : connectez-vous avec votre adresse et ce mot de passe.";
        navigate("/connexion", true);
      }),
    );
    return;
  }
  if (!me) me = await currentUser();
  if (!me || path === "/connexion") {
    if (me && path === "/connexion") return navigate(homeOf(me), true);
    document.title = "Connexion — Back office logement";
    const next = path === "/connexion" || path === "/" ? null : path + location.search;
    const notice = loginNotice;
    loginNotice = null;
    mount(
      app,
      renderLogin((user) => {
        me = user;
        navigate(next ?? homeOf(user), true);
      }, notice),
    );
    if (path !== "/connexion") history.replaceState(null, "", "/connexion");
    return;
  }
  if (path === "/" || path === "") return navigate(homeOf(me), true);

  mount(app, shell(me));
  const root = document.getElementById("page")!;
  const found = findPage(pages, path);
  let page: Page;
  let params: Record<string, string> = {};
  if (!found) page = notFoundPage;
  else if (!can(me, found.page.permission)) page = forbiddenPage;
  else {
    page = found.page;
    params = found.params;
  }
  document.title = `${page.title} — Back office logement`;
  app.dataset.page = page === found?.page ? page.path : page.title;
  try {
    const result = await page.render({
      me,
      config,
      params,
      query: new URLSearchParams(location.search),
      root,
      navigate,
    });
    cleanup = typeof result === "function" ? result : undefined;
  } catch (error) {
    mount(
      root,
      h("h1", null, page.title),
      h("p", { class: "error", role: "alert" }, (error as Error).message),
    );
  }
  root.focus({ preventScroll: true });
}

// Internal links navigate without reloading; modified clicks keep the browser's behaviour.
document.addEventListener("click", (event) => {
  const link = (event.target as Element | null)?.closest?.("a[data-link]") as HTMLAnchorElement | null;
  if (!link || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.getAttribute("href")!);
});
window.addEventListener("popstate", () => void route());
onUnauthenticated(() => {
  me = null;
  navigate(`/connexion`, true);
});

try {
  config = await api.get<PublicConfig>("/api/config");
  setServerToday(config.today);
} catch {
  // offline map by default
}
await route();
