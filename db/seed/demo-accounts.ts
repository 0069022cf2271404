import type { Role } from "../../server/modules/auth/permissions";

/** The demo password, written in the README. Never valid in production (production-guard.ts). */
export const DEMO_PASSWORD = "demo-logement";

export const DEMO_ACCOUNTS: readonly { email: string; fullName: string; role: Role }[] = [
  { email: "admin@demo.fr", fullName: "Alice Administratrice", role: "admin" },
  { email: "gestion@demo.fr", fullName: "Gaëlle Gestionnaire", role: "housing_officer" },
  { email: "finance@demo.fr", fullName: "François Finances", role: "finance" },
  { email: "proprietaire@demo.fr", fullName: "Paul Propriétaire", role: "landlord" },
];
