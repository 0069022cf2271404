/**
 * The screen registry: which page of the browser app calls which write operation of the API.
 *
 * tests/unit/screen-registry.test.ts reads /api/openapi.json and this file: every write
 * operation (POST, PUT, PATCH, DELETE) must be called from a page whose permission is held by a
 * role that also holds the operation's `x-permission`, or be listed below as integration-only
 * with its reason. A new write route without a page therefore fails the suite: add its page
 * here in the same change.
 *
 * Pure data (no DOM import): the test reads it under Node.
 */

/** A page (its address in the router, or "(shell)" for the frame around every page) and its calls. */
export type Screen = {
  /** the page's path as declared in its Page object ("/personnes/:id"), or a public page below */
  page: string;
  /** the module that makes the calls, relative to web/src */
  file: string;
  /** the module that declares the Page, when it is not `file` (it delegates the drawing) */
  declaredIn?: string;
  /** "METHOD /api/path/{param}" as in the OpenAPI document */
  operations: string[];
  /**
   * When the module builds the address at run time (`/api/${kind}/import`), the literal that
   * shows the call in its source; otherwise the test looks for the path itself.
   */
  via?: string;
};

/** Pages open without a session: drawn by main.ts before login, so they carry no permission. */
export const publicPages = ["/connexion", "/set-password"] as const;

/** "(shell)": the frame of every logged-in page (main.ts), open to any authenticated user. */
export const SHELL = "(shell)";

export const screens: Screen[] = [
  {
    page: "/personnes/:id/situation",
    file: "pages/programme.ts",
    operations: ["POST /api/persons/{id}/status", "PUT /api/persons/{id}/exit-review"],
  },
  { page: "/programme", file: "pages/programme.ts", operations: ["POST /api/programme/ars-notifications"] },
  {
    page: "/maintien",
    file: "pages/keeping.ts",
    operations: [
      "POST /api/leases/{id}/tenancy-risks",
      "POST /api/tenancy-risks/{id}/close",
      "POST /api/tenancy-risks/{id}/actions",
      "POST /api/risk-actions/{id}/done",
      "POST /api/tenancy-risks/{id}/prevention-steps",
      "POST /api/keeping/meetings",
      "POST /api/leases/{id}/relocation-requests",
    ],
  },
  {
    page: "/carte/contours",
    file: "pages/contours-import.ts",
    operations: ["POST /api/neighbourhoods/import"],
  },
  {
    page: "/carte/quartiers",
    file: "pages/neighbourhoods.ts",
    operations: ["PATCH /api/neighbourhoods/{id}", "DELETE /api/neighbourhoods/{id}"],
  },
  { page: "/connexion", file: "pages/login.ts", operations: ["POST /api/auth/login"] },
  { page: SHELL, file: "main.ts", operations: ["POST /api/auth/logout"] },
  { page: "/set-password", file: "pages/set-password.ts", operations: ["POST /api/auth/set-password"] },
  {
    page: "/compte",
    file: "pages/set-password.ts",
    operations: ["POST /api/auth/change-password"],
  },
  {
    page: "/admin/utilisateurs",
    file: "pages/admin.ts",
    operations: ["POST /api/users", "PATCH /api/users/{id}", "POST /api/users/{id}/password-link"],
  },
  {
    page: "/admin/jetons",
    file: "pages/api-tokens.ts",
    operations: ["POST /api/api-tokens", "POST /api/api-tokens/{id}/revoke"],
  },
  { page: "/admin/parametres", file: "pages/admin.ts", operations: ["PATCH /api/organisation"] },
  {
    page: "/admin/bareme-aides-logement",
    file: "pages/housing-benefit.ts",
    operations: ["POST /api/housing-benefit/scale", "PUT /api/housing-benefit/commune-zones"],
  },
  { page: "/admin/courriels", file: "pages/mail.ts", operations: ["POST /api/mail/outbox/{id}/resend"] },
  { page: "/personnes/nouvelle", file: "pages/person-form.ts", operations: ["POST /api/persons"] },
  {
    page: "/personnes/:id/modifier",
    file: "pages/person-form.ts",
    operations: ["PATCH /api/persons/{id}", "PUT /api/persons/{id}/choices"],
  },
  { page: "/alertes", file: "pages/alerts.ts", operations: ["POST /api/panels/expire"] },
  { page: "/proprietaires", file: "pages/landlords.ts", operations: ["POST /api/landlords"] },
  {
    page: "/proprietaires/:id",
    file: "pages/landlords.ts",
    operations: ["PATCH /api/landlords/{id}", "DELETE /api/landlords/{id}"],
  },
  { page: "/mandats", file: "pages/landlords.ts", operations: ["POST /api/mandates"] },
  {
    page: "/parc",
    file: "pages/stock.ts",
    operations: ["POST /api/buildings", "POST /api/units"],
  },
  {
    page: "/parc/immeubles/:id",
    file: "pages/stock.ts",
    operations: ["PATCH /api/buildings/{id}", "DELETE /api/buildings/{id}"],
  },
  {
    page: "/parc/logements/:id",
    file: "pages/stock.ts",
    operations: ["PATCH /api/units/{id}", "POST /api/units/{id}/transitions", "DELETE /api/units/{id}"],
  },
  {
    page: "/parc/import",
    file: "pages/stock-import.ts",
    operations: ["POST /api/landlords/import", "POST /api/buildings/import", "POST /api/units/import"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text of the call in its module
    via: "`/api/${kind}/import",
  },
  {
    page: "/personnes/:id",
    file: "pages/proposal.ts",
    declaredIn: "pages/persons.ts",
    operations: [
      "POST /api/persons/{id}/panels",
      "PATCH /api/panels/{id}/offers/{offerId}",
      "POST /api/persons/{id}/housing-benefit-rights",
    ],
  },
  {
    page: "/baux",
    file: "pages/leases.ts",
    operations: ["POST /api/leases"],
  },
  {
    page: "/baux/:id",
    file: "pages/leases.ts",
    operations: [
      "POST /api/leases/{id}/sign",
      "POST /api/leases/{id}/reviews",
      "POST /api/leases/{id}/glissement",
      "POST /api/leases/{id}/prefect-information",
    ],
  },
  {
    page: "/baux/:id",
    file: "pages/lease-notice.ts",
    declaredIn: "pages/leases.ts",
    operations: ["POST /api/leases/{id}/notice", "POST /api/leases/{id}/terminate"],
  },
  {
    page: "/baux/:id",
    file: "pages/lease-inspection.ts",
    declaredIn: "pages/leases.ts",
    operations: ["POST /api/leases/{id}/inspections", "POST /api/leases/{id}/deposit-return"],
  },
  {
    page: "/baux/:id",
    file: "pages/lease-relocation.ts",
    declaredIn: "pages/leases.ts",
    operations: ["POST /api/leases/{id}/relocation"],
  },
  {
    page: "/baux/:id",
    file: "pages/lease-payment-terms.ts",
    declaredIn: "pages/leases.ts",
    operations: ["POST /api/leases/{id}/payment-terms"],
  },
  {
    page: "/baux/zone-tendue",
    file: "pages/lease-notice.ts",
    operations: ["PUT /api/tight-market-communes"],
  },
  { page: "/finances", file: "pages/finance.ts", operations: ["POST /api/ledger/rent-calls"] },
  { page: "/finances/irl", file: "pages/irl.ts", operations: ["PUT /api/ledger/irl-indices"] },
  { page: "/finances/charges", file: "pages/charges.ts", operations: ["POST /api/charges/statements"] },
  {
    page: "/finances/charges/:id",
    file: "pages/charges.ts",
    operations: [
      "PUT /api/charges/statements/{id}",
      "POST /api/charges/statements/{id}/sending",
      "POST /api/charges/regularisations/{id}/confirmation",
    ],
    via: "/api/charges/",
  },
  {
    page: "/finances/releves",
    file: "pages/bank-statements.ts",
    operations: ["POST /api/ledger/bank-imports"],
  },
  {
    page: "/finances/releves/:id",
    file: "pages/bank-statements.ts",
    operations: ["POST /api/ledger/bank-lines/{id}/assignment"],
    via: "/api/ledger/bank-lines/${line.id}/assignment",
  },
  { page: "/portail", file: "pages/portal.ts", operations: ["POST /api/portal/mandates/{id}/sign"] },
  {
    page: "/finances/mois",
    file: "pages/finance-month.ts",
    operations: [
      "POST /api/ledger/housing-benefit-receipts",
      "POST /api/costs/rent-complements",
      "POST /api/ledger/mandate-payouts",
      "POST /api/ledger/landlord-payouts",
      "POST /api/ledger/landlords/{landlordId}/statements",
      "POST /api/ledger/direct-debits",
      "POST /api/costs",
      "PUT /api/costs/budgets",
    ],
  },
  {
    page: "/finances/baux/:id",
    file: "pages/finance-month.ts",
    declaredIn: "pages/finance.ts",
    operations: [
      "POST /api/ledger/payments",
      "POST /api/ledger/leases/{leaseId}/caf-reports",
      "POST /api/ledger/leases/{leaseId}/guarantee-payouts",
      "POST /api/ledger/leases/{leaseId}/write-offs",
      "POST /api/ledger/rent-calls/{id}/document",
      "POST /api/ledger/receipts/{id}/document",
    ],
  },
  {
    page: "/finances/baux/:id",
    file: "pages/lease-account.ts",
    declaredIn: "pages/finance.ts",
    operations: [
      "POST /api/ledger/transactions/{id}/reversal",
      "POST /api/ledger/leases/{leaseId}/repayment-plans",
      "POST /api/ledger/leases/{leaseId}/revision-proposals",
      "POST /api/ledger/revisions/{id}/request",
      "POST /api/ledger/leases/{leaseId}/debit-mandate",
      "POST /api/ledger/leases/{leaseId}/refunds",
    ],
  },
];

/** Write operations that no page calls on purpose: called by other systems, with the reason. */
export const integrationOnly: Record<string, string> = {};

/**
 * Write operations whose page is still to be built, with the area that builds it. This list must
 * only shrink: when a page calls one of them, move it to `screens` and lower AWAITING_CEILING in
 * the test. A new route never goes here; it comes with its page.
 */
export const awaitingScreen: Record<string, "screens" | "finance" | "leases" | "programme" | "map"> = {};
