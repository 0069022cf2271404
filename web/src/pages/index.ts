import type { Action } from "../../../server/modules/auth/permissions";
import type { Page } from "../lib/router";
import { financePage, leaseLedgerPage } from "./finance";
import { tightMarketPage } from "./lease-notice";
import { leasePage, leasesPage } from "./leases";
import { mapPage } from "./map-page";
import { personPage, personsPage } from "./persons";
import { portalPage } from "./portal";
import { personSituationPage, programmePage } from "./programme";
import { buildingPage, stockPage, unitPage } from "./stock";
import { stockImportPage } from "./stock-import";

/** The navigation, by role: an item shows when the user's permissions include its page's permission. */
export const navigation: { path: string; label: string; permission: Action }[] = [
  { path: "/carte", label: "Carte du parc", permission: "stock.read" },
  { path: "/personnes", label: "Personnes et propositions", permission: "persons.read" },
  { path: "/programme", label: "Obligations du programme", permission: "persons.read" },
  { path: "/parc", label: "Parc de logements", permission: "stock.write" },
  { path: "/baux", label: "Baux et documents", permission: "leases.read" },
  { path: "/finances", label: "Finances", permission: "reports.read" },
  { path: "/portail", label: "Mon espace propriétaire", permission: "portal.read" },
];

export const pages: Page[] = [
  mapPage,
  personsPage,
  personPage,
  personSituationPage,
  programmePage,
  stockPage,
  stockImportPage,
  buildingPage,
  unitPage,
  leasesPage,
  tightMarketPage,
  leasePage,
  financePage,
  leaseLedgerPage,
  portalPage,
];
