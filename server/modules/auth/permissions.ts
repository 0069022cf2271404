/**
 * The permission matrix: the one place that says which role may do what.
 * Every route declares one permission (lib/openapi.ts `defineRoute`); the
 * authorization test enumerates the OpenAPI document and fails on a route without one.
 *
 * Landlords never hold stock/person/ledger permissions: they reach their own objects
 * through the portal routes only, scoped to their landlord record.
 */
export const roles = ["admin", "housing_officer", "finance", "landlord"] as const;
export type Role = (typeof roles)[number];

export const actions = [
  "organisation.read",
  "organisation.update",
  "users.manage",
  "audit.read",
  // the outbox: every e-mail sent, and resending one that failed
  "mail.manage",
  "landlords.read",
  "landlords.write",
  "landlords.readBankDetails",
  "stock.read",
  "stock.write",
  "persons.read",
  "persons.write",
  "panels.write",
  "leases.read",
  "leases.write",
  "mandates.read",
  "mandates.write",
  "mandates.sign",
  "documents.read",
  "ledger.read",
  "ledger.write",
  "costs.read",
  "costs.write",
  "reports.read",
  // the yearly reports (cahier des charges §8.12): an anonymised export of people's data and the
  // activity report mixing people and money; admins only, who hold both persons.read and reports.read
  "programme.reports",
  "portal.read",
] as const;
export type Action = (typeof actions)[number];

/** A route open to anyone ("public") or to any logged-in user ("authenticated"). */
export type Permission = Action | "public" | "authenticated";

const officerActions: Action[] = [
  "organisation.read",
  "landlords.read",
  "landlords.write",
  "stock.read",
  "stock.write",
  "persons.read",
  "persons.write",
  "panels.write",
  "leases.read",
  "leases.write",
  "mandates.read",
  "mandates.write",
  "documents.read",
];

const financeActions: Action[] = [
  "organisation.read",
  "landlords.read",
  "landlords.readBankDetails",
  "stock.read",
  "leases.read",
  "mandates.read",
  "documents.read",
  "ledger.read",
  "ledger.write",
  "costs.read",
  "costs.write",
  "reports.read",
];

export const permissionMatrix: Record<Role, ReadonlySet<Action>> = {
  admin: new Set<Action>([
    ...actions.filter((action) => action !== "portal.read" && action !== "mandates.sign"),
  ]),
  housing_officer: new Set(officerActions),
  finance: new Set(financeActions),
  landlord: new Set<Action>(["portal.read", "mandates.sign", "documents.read"]),
};

export function can(role: Role, permission: Permission): boolean {
  if (permission === "public" || permission === "authenticated") return true;
  return permissionMatrix[role].has(permission);
}

/** Each permission as a person reads it (the API tokens' scopes, on screen). */
export const actionLabels: Record<Action, string> = {
  "organisation.read": "Lire l'organisation",
  "organisation.update": "Modifier les paramètres de l'organisation",
  "users.manage": "Gérer les utilisateurs",
  "audit.read": "Lire le journal d'audit",
  "mail.manage": "Suivre et renvoyer les courriels",
  "landlords.read": "Lire les propriétaires",
  "landlords.write": "Modifier les propriétaires",
  "landlords.readBankDetails": "Lire les coordonnées bancaires des propriétaires",
  "stock.read": "Lire le parc de logements",
  "stock.write": "Modifier le parc de logements",
  "persons.read": "Lire les dossiers des personnes",
  "persons.write": "Modifier les dossiers des personnes",
  "panels.write": "Faire des propositions de logement",
  "leases.read": "Lire les baux",
  "leases.write": "Modifier les baux",
  "mandates.read": "Lire les mandats de gestion",
  "mandates.write": "Modifier les mandats de gestion",
  "mandates.sign": "Signer un mandat (propriétaire)",
  "documents.read": "Lire les documents",
  "ledger.read": "Lire la comptabilité locative",
  "ledger.write": "Passer des écritures (loyers, encaissements, relevés bancaires)",
  "costs.read": "Lire les coûts",
  "costs.write": "Saisir des coûts",
  "reports.read": "Lire les tableaux de bord et exports",
  "programme.reports": "Produire les rapports annuels du programme",
  "portal.read": "Espace propriétaire",
};

/**
 * The scopes a user of this role may put on an API token: the role's own permissions, except
 * managing accounts (a token must not be able to invite or promote a person, who would then hold a
 * password the token's creator never chose) and the landlord portal's. A landlord holds no tokens:
 * tokens serve the back office's integrations, and a landlord's reach is their own portal.
 */
export function tokenGrantableActions(role: Role): Action[] {
  if (role === "landlord") return [];
  return actions.filter(
    (action) =>
      permissionMatrix[role].has(action) &&
      action !== "users.manage" &&
      action !== "portal.read" &&
      action !== "mandates.sign",
  );
}
