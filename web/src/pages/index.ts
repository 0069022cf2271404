import type { Action } from "../../../server/modules/auth/permissions";
import type { Page } from "../lib/router";
import { auditPage, parametersPage, usersPage } from "./admin";
import { mailOutboxPage } from "./mail";
import { apiTokensPage } from "./api-tokens";
import { alertsPage } from "./alerts";
import { bankStatementPage, bankStatementsPage } from "./bank-statements";
import { financePage, leaseLedgerPage } from "./finance";
import { financeMonthPage } from "./finance-month";
import { irlPage } from "./irl";
import { chargeStatementPage, chargesPage } from "./charges";
import { keepingPage } from "./keeping";
import { landlordPage, landlordsPage, mandatesPage } from "./landlords";
import { editPersonPage, newPersonPage } from "./person-form";
import { accountPage } from "./set-password";
import { tightMarketPage } from "./lease-notice";
import { leasePage, leasesPage } from "./leases";
import { contoursImportPage } from "./contours-import";
import { mapPage } from "./map-page";
import { neighbourhoodsPage } from "./neighbourhoods";
import { personPage, personsPage } from "./persons";
import { portalPage } from "./portal";
import { personSituationPage, programmePage } from "./programme";
import { buildingPage, stockPage, unitPage } from "./stock";
import { stockImportPage } from "./stock-import";
import { yearlyReportsPage } from "./yearly-reports";

/** The navigation, by role: an item shows when the user's permissions include its page's permission. */
export const navigation: { path: string; label: string; permission: Action }[] = [
  { path: "/carte", label: "Carte du parc", permission: "stock.read" },
  { path: "/personnes", label: "Personnes et propositions", permission: "persons.read" },
  { path: "/programme", label: "Obligations du programme", permission: "persons.read" },
  { path: "/alertes", label: "Alertes", permission: "persons.read" },
  { path: "/parc", label: "Parc de logements", permission: "stock.write" },
  { path: "/proprietaires", label: "Propriétaires et mandats", permission: "landlords.read" },
  { path: "/baux", label: "Baux et documents", permission: "leases.read" },
  { path: "/maintien", label: "Maintien dans le logement", permission: "leases.read" },
  { path: "/finances", label: "Finances", permission: "reports.read" },
  { path: "/portail", label: "Mon espace propriétaire", permission: "portal.read" },
  { path: "/admin/utilisateurs", label: "Utilisateurs", permission: "users.manage" },
  { path: "/admin/jetons", label: "Jetons d'API", permission: "users.manage" },
  { path: "/admin/parametres", label: "Paramètres du programme", permission: "organisation.update" },
  { path: "/admin/rapports", label: "Rapports annuels", permission: "programme.reports" },
  { path: "/admin/journal", label: "Journal d'audit", permission: "audit.read" },
  { path: "/admin/courriels", label: "Courriels envoyés", permission: "mail.manage" },
];

export const pages: Page[] = [
  mapPage,
  contoursImportPage,
  neighbourhoodsPage,
  personsPage,
  // before "/personnes/:id", which would take "nouvelle" for an id
  newPersonPage,
  editPersonPage,
  personPage,
  personSituationPage,
  programmePage,
  alertsPage,
  landlordsPage,
  landlordPage,
  mandatesPage,
  stockPage,
  stockImportPage,
  buildingPage,
  unitPage,
  leasesPage,
  tightMarketPage,
  leasePage,
  keepingPage,
  financePage,
  financeMonthPage,
  irlPage,
  chargesPage,
  chargeStatementPage,
  leaseLedgerPage,
  bankStatementsPage,
  bankStatementPage,
  portalPage,
  usersPage,
  apiTokensPage,
  parametersPage,
  yearlyReportsPage,
  auditPage,
  mailOutboxPage,
  accountPage,
];
