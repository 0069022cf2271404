import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns } from "./_columns";
import { leases } from "./leases";
import { mandates } from "./mandates";

/**
 * The double-entry ledger. Append-only: ledger_transactions, ledger_entries and
 * rent_calls refuse UPDATE and DELETE in the database (migration ledger_integrity), and every
 * transaction balances (Σ debits = Σ credits), checked by a deferred constraint trigger at commit.
 * The chart of accounts is server/modules/ledger/ledger.accounts.ts.
 */

export const accountKind = pgEnum("ledger_account_kind", [
  "bank", // 512 the organisation's bank
  "tenant", // 411 a tenant (person): rent and charges they owe
  "housing_benefit", // 441 the CAF: housing benefit expected for the person's lease
  "landlord", // 401 a landlord: rent owed to them (head lease) or collected for them (mandate)
  "income", // 706/708 rent and charges invoiced, 7061 management fees
  "expense", // 613 head-lease rent for occupied periods
  "iml_cost", // 6xx one per IML cost category
  "suspense", // 471 unmatched bank lines waiting for review
  "deposit", // 165 tenants' deposits held by the organisation
]);

export const costCategory = pgEnum("iml_cost_category", [
  "repairs", // remise en état à l'entrée / sortie
  "vacancy", // vacance entre deux occupants
  "unpaid_rent", // loyers impayés passés en perte
  "furnishing", // forfait aménagement
  "utilities", // fluides (sous-location, exceptionnel)
  "rent_complement", // complément de loyer: résiduel > 30 % des ressources
  "guarantee", // garantie de loyers (pack sécurisation)
]);

export const transactionKind = pgEnum("ledger_transaction_kind", [
  "rent_call", // avis d'échéance: tenant (+ CAF) → income
  "head_lease_rent", // rent owed to the landlord of a head lease (occupied → expense, vacant → vacancy cost)
  "payment", // tenant payment received on the bank
  "housing_benefit_receipt", // CAF payment received on the bank
  "cost", // an IML cost paid from the bank
  "rent_complement", // the organisation pays the part of the residual rent above 30 % of resources
  "write_off", // unpaid rent passed to loss
  "guarantee_payout", // guarantee pays the landlord what the tenant did not
  "landlord_payout", // the organisation pays a landlord
  "mandate_settlement", // mandate: rent collected for the landlord (706/708 → 401), management fee (401 → 7061)
  "charges_regularisation", // yearly charges (loi 89-462 art. 23): actual − provisions, 411 ↔ 708
  "reversal", // cancels another transaction, entry by entry
  "deposit_handover", // glissement: the sub-lease deposit handed to the landlord or refunded to the tenant
  "deposit_received", // the deposit of a contract the operator lets, received at its signature (512 → 165)
  "deposit_return", // the deposit returned after the exit inspection, net of justified deductions
  "tenant_refund", // what the tenant paid beyond what was owed, paid back (411 → 512)
]);

export const paymentMethod = pgEnum("payment_method", [
  "transfer",
  "direct_debit",
  "cheque",
  "cash",
  "housing_benefit",
]);

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    ...tenantColumns(),
    // "411-<personId>", "512", "6151"…: stable, unique per organisation
    code: text().notNull(),
    kind: accountKind().notNull(),
    name: text().notNull(),
    personId: uuid(),
    landlordId: uuid(),
    costCategory: costCategory(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("ledger_accounts_code_uq").on(t.organisationId, t.code),
  ],
);

export const ledgerTransactions = pgTable(
  "ledger_transactions",
  {
    ...tenantColumns(),
    kind: transactionKind().notNull(),
    // business date (value date of a payment, due date of a call)
    occurredOn: date({ mode: "string" }).notNull(),
    label: text().notNull(),
    leaseId: uuid(),
    personId: uuid(),
    unitId: uuid(),
    landlordId: uuid(),
    costCategory: costCategory(),
    method: paymentMethod(),
    // bank reference, cheque number, CAF bordereau…
    externalReference: text(),
    periodStart: date({ mode: "string" }),
    periodEnd: date({ mode: "string" }),
    reversesTransactionId: uuid(),
    createdByUserId: uuid(),
    recordedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.reversesTransactionId],
      foreignColumns: [t.organisationId, t.id],
    }),
    // a transaction is reversed at most once
    uniqueIndex("ledger_transactions_reversal_uq")
      .on(t.organisationId, t.reversesTransactionId)
      .where(sql`${t.reversesTransactionId} is not null`),
    // the rent-complement run creates at most one complement per lease and month
    uniqueIndex("ledger_transactions_complement_uq")
      .on(t.organisationId, t.leaseId, t.periodStart)
      .where(sql`${t.kind} = 'rent_complement'`),
    index("ledger_transactions_date_idx").on(t.organisationId, t.occurredOn),
    index("ledger_transactions_lease_idx").on(t.organisationId, t.leaseId),
  ],
);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    // tenant columns without a foreign key of their own to organisations: the entry's transaction
    // and account (same organisation, checked by ledger_entries_references) imply it, and the
    // check ran once more for each of the ~38 000 entries of a monthly rent-call run
    organisationId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    transactionId: uuid().notNull(),
    accountId: uuid().notNull(),
    debitCents: integer().notNull().default(0),
    creditCents: integer().notNull().default(0),
    // analytical dimension: the lease the entry concerns (tenant and CAF balances per lease)
    leaseId: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    check(
      "ledger_entries_one_side",
      sql`${t.debitCents} >= 0 and ${t.creditCents} >= 0 and (${t.debitCents} = 0) <> (${t.creditCents} = 0)`,
    ),
    // No declarative foreign keys to ledger_transactions and ledger_accounts: a foreign key is
    // checked row by row (two index probes per entry, ~38 000 entries in a monthly rent-call run).
    // The statement-level trigger ledger_entries_references (migration
    // 0016_ledger_entries_references_and_tenant_balances) checks every new entry's transaction and
    // account once per INSERT; transactions are append-only and accounts are permanent (never
    // deleted, re-keyed nor truncated: trigger ledger_accounts_permanent), so nothing dangles.
    index("ledger_entries_transaction_idx").on(t.organisationId, t.transactionId),
    index("ledger_entries_account_idx").on(t.organisationId, t.accountId, t.leaseId),
  ],
);

/**
 * One row per lease and period called: the amounts shown on the avis d'échéance, the split
 * between the tenant and the CAF, and the transaction that booked it. Unique per lease and
 * period start: running the period twice creates nothing new.
 */
export const rentCalls = pgTable(
  "rent_calls",
  {
    // tenant columns without a foreign key of their own to organisations: the composite key to
    // the lease (leases are keyed by organisation) implies it (one check less for each
    // of the ~11 000 calls of a monthly run)
    organisationId: uuid().notNull(),
    id: uuid().notNull().defaultRandom(),
    leaseId: uuid().notNull(),
    leaseKind: text().notNull(),
    unitId: uuid().notNull(),
    personId: uuid(),
    landlordId: uuid(),
    periodStart: date({ mode: "string" }).notNull(),
    periodEnd: date({ mode: "string" }).notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    rentCents: integer().notNull(),
    chargesCents: integer().notNull(),
    housingBenefitCents: integer().notNull(),
    tenantPartCents: integer().notNull(),
    // head lease only: days of the period without a sub-tenant, and their cost
    vacantDays: integer().notNull().default(0),
    vacancyCostCents: integer().notNull().default(0),
    transactionId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("rent_calls_lease_period_uq").on(t.organisationId, t.leaseId, t.periodStart),
    check(
      "rent_calls_split",
      sql`${t.housingBenefitCents} >= 0 and ${t.tenantPartCents} >= 0 and ${t.housingBenefitCents} + ${t.tenantPartCents} = ${t.rentCents} + ${t.chargesCents}`,
    ),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.transactionId],
      foreignColumns: [ledgerTransactions.organisationId, ledgerTransactions.id],
    }),
    index("rent_calls_period_idx").on(t.organisationId, t.periodStart),
    // arrears ageing: the calls due in the last 90 days
    index("rent_calls_due_idx").on(t.organisationId, t.dueOn),
  ],
);

/** Rent receipts issued: quittance (fully paid period, loi 89-462 art. 21) or reçu (partial payment). */
export const rentReceipts = pgTable(
  "rent_receipts",
  {
    ...tenantColumns(),
    kind: text({ enum: ["quittance", "recu"] }).notNull(),
    leaseId: uuid().notNull(),
    personId: uuid(),
    // quittance: the period paid; reçu: the payment acknowledged
    rentCallId: uuid(),
    transactionId: uuid(),
    periodStart: date({ mode: "string" }),
    periodEnd: date({ mode: "string" }),
    rentCents: integer(),
    chargesCents: integer(),
    amountCents: integer().notNull(),
    // reçu: what the period partly paid called (rent + charges) and what remains due after the payment
    dueCents: integer(),
    remainingCents: integer(),
    issuedOn: date({ mode: "string" }).notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    // one quittance per period
    uniqueIndex("rent_receipts_quittance_uq")
      .on(t.organisationId, t.rentCallId)
      .where(sql`${t.kind} = 'quittance'`),
    index("rent_receipts_lease_idx").on(t.organisationId, t.leaseId),
  ],
);

/**
 * Idempotency-Key of money-writing requests: the first request's hash and response. Inserted
 * in the same transaction as the write, so a failed write leaves no key and concurrent replays
 * wait on the primary key and then read the stored response.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    organisationId: uuid().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.key] })],
);

export type BankLineStatus = "matched" | "unmatched" | "ignored";

/** Bank statement lines imported from CSV; unmatched lines wait for a person to review them. */
/**
 * One imported statement file. The file's SHA-256 is unique per organisation: the same file
 * sent twice (a new Idempotency-Key, a second click) is refused, not booked twice.
 */
export const bankStatements = pgTable(
  "bank_statements",
  {
    ...tenantColumns(),
    fileHash: text().notNull(),
    fileName: text(),
    format: text({ enum: ["csv", "camt.053", "ofx"] }).notNull(),
    encoding: text({ enum: ["utf-8", "windows-1252"] }).notNull(),
    accountRef: text(),
    lineCount: integer().notNull(),
    firstBookedOn: date({ mode: "string" }),
    lastBookedOn: date({ mode: "string" }),
    createdByUserId: uuid(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("bank_statements_file_hash_idx").on(t.organisationId, t.fileHash),
  ],
);

export const bankStatementLines = pgTable(
  "bank_statement_lines",
  {
    ...tenantColumns(),
    importId: uuid().notNull(),
    lineNumber: integer().notNull(),
    bookedOn: date({ mode: "string" }).notNull(),
    valueOn: date({ mode: "string" }),
    label: text().notNull(),
    amountCents: integer().notNull(),
    bankReference: text(),
    status: text({ enum: ["matched", "unmatched", "ignored"] }).notNull(),
    /**
     * Why the line is in its state: ignored "debit" (money going out is never a rent receipt)
     * or "duplicate" (already imported from an overlapping statement); unmatched "no_match",
     * "ambiguous_reference" or "ambiguous_amount_and_name".
     */
    reason: text({
      enum: ["debit", "duplicate", "no_match", "ambiguous_reference", "ambiguous_amount_and_name"],
    }),
    /**
     * Identity of the operation across statements (account, date, amount, label, bank reference,
     * occurrence): unique, so an operation is booked once however many statements carry it.
     * Null on the lines ignored as duplicates.
     */
    fingerprint: text(),
    duplicateOfLineId: uuid(),
    matchedLeaseId: uuid(),
    matchedBy: text({ enum: ["reference", "amount_and_name", "review"] }),
    transactionId: uuid(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index("bank_statement_lines_status_idx").on(t.organisationId, t.status),
    index("bank_statement_lines_import_idx").on(t.organisationId, t.importId),
    uniqueIndex("bank_statement_lines_fingerprint_idx").on(t.organisationId, t.fingerprint),
  ],
);

/** Plan d'apurement: the arrears repaid by instalments on top of the current rent. */
export const repaymentPlans = pgTable(
  "repayment_plans",
  {
    ...tenantColumns(),
    leaseId: uuid().notNull(),
    startOn: date({ mode: "string" }).notNull(),
    debtCents: integer().notNull(),
    instalments: jsonb().$type<{ dueOn: string; amountCents: number }[]>().notNull(),
    // the yearly charges regularisation the tenant pays in twelve instalments (loi 89-462 art. 23),
    // when the plan spreads that balance rather than arrears (charge_regularisations.id)
    chargeRegularisationId: uuid(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
    // one plan per regularisation
    uniqueIndex("repayment_plans_charge_regularisation_uq")
      .on(t.organisationId, t.chargeRegularisationId)
      .where(sql`${t.chargeRegularisationId} is not null`),
  ],
);

/** Reports of an unpaid rent to the CAF (2 months after the threshold is reached). */
export const cafArrearsReports = pgTable(
  "caf_arrears_reports",
  {
    ...tenantColumns(),
    leaseId: uuid().notNull(),
    thresholdReachedOn: date({ mode: "string" }).notNull(),
    reportedOn: date({ mode: "string" }).notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("caf_arrears_reports_uq").on(t.organisationId, t.leaseId, t.thresholdReachedOn),
  ],
);

/** Budget of an IML cost category for a year (programme 177). */
export const costBudgets = pgTable(
  "cost_budgets",
  {
    organisationId: uuid().notNull(),
    year: integer().notNull(),
    category: costCategory().notNull(),
    amountCents: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.year, t.category] }),
    check("cost_budgets_non_negative", sql`${t.amountCents} >= 0`),
  ],
);

/** IRL published by INSEE, kept by finance: value in hundredths (145,17 → 14517). */
export const irlIndices = pgTable(
  "irl_indices",
  {
    organisationId: uuid().notNull(),
    year: integer().notNull(),
    quarter: integer().notNull(),
    valueHundredths: integer().notNull(),
    publishedOn: date({ mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.year, t.quarter] }),
    check("irl_indices_quarter", sql`${t.quarter} between 1 and 4`),
    check("irl_indices_positive", sql`${t.valueHundredths} > 0`),
  ],
);

/** Annual rent revision (loi 89-462 art. 17-1): proposed, then requested from the tenant. */
export const rentRevisions = pgTable(
  "rent_revisions",
  {
    ...tenantColumns(),
    leaseId: uuid().notNull(),
    anniversaryOn: date({ mode: "string" }).notNull(),
    previousRentCents: integer().notNull(),
    newRentCents: integer().notNull(),
    irlYear: integer().notNull(),
    irlQuarter: integer().notNull(),
    irlNewHundredths: integer().notNull(),
    irlOldHundredths: integer().notNull(),
    requestedOn: date({ mode: "string" }),
    effectiveFrom: date({ mode: "string" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("rent_revisions_lease_anniversary_uq").on(t.organisationId, t.leaseId, t.anniversaryOn),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
  ],
);

/**
 * Mandate payouts (mandat de gestion, loi Hoguet): per mandate and month, the
 * rent collected for the landlord, the management fee kept, the guarantee paid by the pack
 * sécurisation, and the net transferred. Append-only (migration mandate_payouts); unique per
 * mandate and month, so the monthly run is idempotent.
 */
export const mandatePayouts = pgTable(
  "mandate_payouts",
  {
    ...tenantColumns(),
    mandateId: uuid().notNull(),
    landlordId: uuid().notNull(),
    periodStart: date({ mode: "string" }).notNull(),
    periodEnd: date({ mode: "string" }).notNull(),
    collectedCents: integer().notNull(),
    feeBasisPoints: integer().notNull(),
    feeCents: integer().notNull(),
    guaranteeCents: integer().notNull(),
    /** the tenant's repayments of arrears the guarantee had paid, kept for it (subrogation) */
    guaranteeRecoveredCents: integer().notNull().default(0),
    netCents: integer().notNull(),
    settlementTransactionId: uuid(),
    payoutTransactionId: uuid(),
    paidOn: date({ mode: "string" }).notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("mandate_payouts_period_uq").on(t.organisationId, t.mandateId, t.periodStart),
    check(
      "mandate_payouts_amounts",
      sql`${t.feeCents} >= 0 and ${t.guaranteeCents} >= 0 and ${t.guaranteeRecoveredCents} >= 0 and ${t.netCents} = ${t.collectedCents} - ${t.guaranteeRecoveredCents} - ${t.feeCents} + ${t.guaranteeCents}`,
    ),
    foreignKey({
      columns: [t.organisationId, t.mandateId],
      foreignColumns: [mandates.organisationId, mandates.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.settlementTransactionId],
      foreignColumns: [ledgerTransactions.organisationId, ledgerTransactions.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.payoutTransactionId],
      foreignColumns: [ledgerTransactions.organisationId, ledgerTransactions.id],
    }),
  ],
);

/** The lease dimension of a balance for entries without a lease (a primary key has no nulls). */
export const NO_LEASE = "00000000-0000-0000-0000-000000000000";

/**
 * Σ debits and Σ credits per account — and per lease for the tenant (411) and CAF (441) accounts,
 * whose balances are read lease by lease (other accounts: one row, lease key NO_LEASE) —
 * maintained by the database in the same transaction as the entries (statement-level trigger
 * ledger_entries_balances, migrations 0010 and 0016); nothing else may write it (refused outside
 * that trigger). Lets the dashboard and the payment path read balances without scanning millions
 * of entries. Entries are append-only, so an insert is the only change to follow.
 */
export const ledgerBalances = pgTable(
  "ledger_balances",
  {
    organisationId: uuid().notNull(),
    accountId: uuid().notNull(),
    leaseKey: uuid().notNull(),
    debitCents: bigint({ mode: "number" }).notNull(),
    creditCents: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.accountId, t.leaseKey] }),
    index("ledger_balances_lease_idx").on(t.organisationId, t.leaseKey),
  ],
);

/**
 * Σ debits and Σ credits per account, calendar month of the transaction's business date, and
 * transaction kind — a reversal counted under the kind of the transaction it reverses, so that
 * a reversed payment nets out of "collected". Maintained like ledger_balances, by a
 * statement-level trigger on ledger_entries in the writing transaction (migration
 * ledger_month_totals), and refused to any other writer. The finance dashboard reads a month's
 * collections and the IML costs of a month or a year here, instead of every entry of the period
 * (the dashboard within 300 ms at 10 000 leases × 36 months).
 */
export const ledgerMonthTotals = pgTable(
  "ledger_month_totals",
  {
    organisationId: uuid().notNull(),
    // first day of the month of ledger_transactions.occurred_on
    month: date({ mode: "string" }).notNull(),
    accountId: uuid().notNull(),
    kind: transactionKind().notNull(),
    debitCents: bigint({ mode: "number" }).notNull(),
    creditCents: bigint({ mode: "number" }).notNull(),
  },
  // account first: the dashboard reads a few accounts (the bank, the cost lines) over a month or a year
  (t) => [primaryKey({ columns: [t.organisationId, t.accountId, t.month, t.kind] })],
);

export const sepaSequenceType = pgEnum("sepa_sequence_type", ["FRST", "RCUR"]);

/**
 * SEPA direct-debit mandates signed by tenants (SDD Core rulebook, EPC016): the unique mandate
 * reference (RUM), the day it was signed and the debtor's account — the minimum a collection
 * carries. One per lease; the RUM is unique in the organisation (the creditor).
 */
export const tenantDebitMandates = pgTable(
  "tenant_debit_mandates",
  {
    ...tenantColumns(),
    leaseId: uuid().notNull(),
    personId: uuid().notNull(),
    reference: text().notNull(),
    signedOn: date({ mode: "string" }).notNull(),
    debtorName: text().notNull(),
    iban: text().notNull(),
    bic: text(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("tenant_debit_mandates_reference_uq").on(t.organisationId, t.reference),
    uniqueIndex("tenant_debit_mandates_lease_uq").on(t.organisationId, t.leaseId),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
  ],
);

/**
 * The month's collection on a tenant's mandate, fixed when the pain.008 file of the month is first
 * produced: its amount and sequence type (FRST the first collection of a mandate, RCUR the next
 * ones). Unique per mandate and month, so producing the file again gives the same file.
 */
export const tenantDebitCollections = pgTable(
  "tenant_debit_collections",
  {
    ...tenantColumns(),
    mandateId: uuid().notNull(),
    leaseId: uuid().notNull(),
    periodStart: date({ mode: "string" }).notNull(),
    amountCents: integer().notNull(),
    sequenceType: sepaSequenceType().notNull(),
    collectionDate: date({ mode: "string" }).notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("tenant_debit_collections_month_uq").on(t.organisationId, t.mandateId, t.periodStart),
    index("tenant_debit_collections_period_idx").on(t.organisationId, t.periodStart),
    check("tenant_debit_collections_amount", sql`${t.amountCents} > 0`),
    foreignKey({
      columns: [t.organisationId, t.mandateId],
      foreignColumns: [tenantDebitMandates.organisationId, tenantDebitMandates.id],
    }),
  ],
);
