/**
 * The chart of accounts (plan comptable associatif, simplified to what IML needs).
 * Pure: codes and names only; accounts are created on first use per organisation.
 *
 * | code            | kind            | what it holds                                                   |
 * | --------------- | --------------- | --------------------------------------------------------------- |
 * | 512             | bank            | the organisation's bank account                                 |
 * | 411-<personId>  | tenant          | what a tenant owes (debit: rent called; credit: paid)          |
 * | 441-CAF         | housing_benefit | housing benefit expected from the CAF (per lease: entry.leaseId) |
 * | 401-<landlordId>| landlord        | what the organisation owes a landlord (credit) / paid (debit)   |
 * | 706             | income          | rent invoiced to tenants                                        |
 * | 708             | income          | charges invoiced to tenants                                     |
 * | 7061            | income          | management fees of mandates                                     |
 * | 7588            | income          | guarantee recovered from tenants (subrogation, C. civ. 1346)    |
 * | 613             | expense         | head-lease rent for days a sub-tenant occupies the unit        |
 * | 6xxx            | iml_cost        | one account per IML cost category                              |
 * | 471             | suspense        | bank receipts not matched yet (review step)                    |
 * | 165             | deposit         | tenants' deposits held by the organisation (sub-leases)        |
 * | 6712            | expense         | late-return penalties of deposits (loi 89-462 art. 22)          |
 */
import type { costCategory } from "../../../db/schema/ledger";

export type CostCategory = (typeof costCategory.enumValues)[number];
export type AccountKind =
  | "bank"
  | "tenant"
  | "housing_benefit"
  | "landlord"
  | "income"
  | "expense"
  | "iml_cost"
  | "suspense"
  | "deposit";

export type AccountSpec = {
  code: string;
  kind: AccountKind;
  name: string;
  personId?: string;
  landlordId?: string;
  costCategory?: CostCategory;
};

export const costCategories: readonly CostCategory[] = [
  "repairs",
  "vacancy",
  "unpaid_rent",
  "furnishing",
  "utilities",
  "rent_complement",
  "guarantee",
];

/** The IML costs the finance staff track (programme 177 budget lines). */
export const costCategoryLabels: Record<CostCategory, string> = {
  repairs: "Remise en état des logements (entrée / sortie)",
  vacancy: "Vacance",
  unpaid_rent: "Loyers impayés passés en perte",
  furnishing: "Forfait aménagement",
  utilities: "Fluides (sous-location)",
  rent_complement: "Compléments de loyer (résiduel > 30 % des ressources)",
  guarantee: "Garantie de loyers versée aux bailleurs",
};

const costAccountCodes: Record<CostCategory, string> = {
  repairs: "6152",
  vacancy: "6135",
  unpaid_rent: "654",
  furnishing: "6063",
  utilities: "6061",
  rent_complement: "6581",
  guarantee: "6582",
};

export const chart = {
  bank: (): AccountSpec => ({ code: "512", kind: "bank", name: "Banque" }),
  housingBenefit: (): AccountSpec => ({
    code: "441-CAF",
    kind: "housing_benefit",
    name: "CAF — aides au logement à recevoir",
  }),
  rentIncome: (): AccountSpec => ({ code: "706", kind: "income", name: "Loyers" }),
  chargesIncome: (): AccountSpec => ({ code: "708", kind: "income", name: "Charges récupérées" }),
  managementFees: (): AccountSpec => ({ code: "7061", kind: "income", name: "Honoraires de gestion" }),
  /** the tenant's repayments of arrears the guarantee paid: the programme's, by subrogation */
  guaranteeRecovery: (): AccountSpec => ({
    code: "7588",
    kind: "income",
    name: "Garantie de loyers recouvrée sur les locataires (subrogation)",
  }),
  headLeaseRent: (): AccountSpec => ({ code: "613", kind: "expense", name: "Loyers des baux principaux" }),
  suspense: (): AccountSpec => ({ code: "471", kind: "suspense", name: "Encaissements à identifier" }),
  deposits: (): AccountSpec => ({ code: "165", kind: "deposit", name: "Dépôts de garantie reçus" }),
  depositLatePenalty: (): AccountSpec => ({
    code: "6712",
    kind: "expense",
    name: "Majorations pour restitution tardive du dépôt de garantie",
  }),
  tenant: (personId: string, name: string): AccountSpec => ({
    code: `411-${personId}`,
    kind: "tenant",
    name: `Locataire ${name}`,
    personId,
  }),
  landlord: (landlordId: string, name: string): AccountSpec => ({
    code: `401-${landlordId}`,
    kind: "landlord",
    name: `Bailleur ${name}`,
    landlordId,
  }),
  cost: (category: CostCategory): AccountSpec => ({
    code: costAccountCodes[category],
    kind: "iml_cost",
    name: costCategoryLabels[category],
    costCategory: category,
  }),
};
