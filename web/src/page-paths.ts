/**
 * Every address of the browser app, as its router knows it (":id" stands for one segment). The
 * server reads this list too, so that an address that is no page answers 404 (with the app's own
 * «page introuvable»), and a probe or a mistyped link never reads as a success. A page's `path`
 * must be listed here: tests/unit/page-paths.test.ts compares it with the pages.
 */
export const PAGE_PATHS = [
  "/",
  "/connexion",
  "/set-password",
  "/compte",
  "/carte",
  "/carte/contours",
  "/carte/quartiers",
  "/personnes",
  "/personnes/nouvelle",
  "/personnes/:id",
  "/personnes/:id/modifier",
  "/personnes/:id/situation",
  "/programme",
  "/alertes",
  "/parc",
  "/parc/import",
  "/parc/immeubles/:id",
  "/parc/logements/:id",
  "/proprietaires",
  "/proprietaires/:id",
  "/mandats",
  "/baux",
  "/baux/zone-tendue",
  "/baux/:id",
  "/maintien",
  "/finances",
  "/finances/mois",
  "/finances/irl",
  "/finances/charges",
  "/finances/charges/:id",
  "/finances/baux/:id",
  "/finances/releves",
  "/finances/releves/:id",
  "/portail",
  "/admin/utilisateurs",
  "/admin/jetons",
  "/admin/parametres",
  "/admin/rapports",
  "/admin/journal",
  "/admin/courriels",
] as const;

/** Whether an address is one of the app's pages (a trailing slash is the same page). */
export function isPagePath(path: string): boolean {
  const segments = path.replace(/\/+$/, "").split("/");
  return PAGE_PATHS.some((pattern) => {
    const parts = pattern.replace(/\/+$/, "").split("/");
    return (
      parts.length === segments.length &&
      parts.every((part, i) => (part.startsWith(":") ? segments[i] !== "" : part === segments[i]))
    );
  });
}
