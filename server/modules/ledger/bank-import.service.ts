import type { Db } from "../../../db/client";
import type { bankStatementLines, bankStatements } from "../../../db/schema";
import { formatFrenchDate, type IsoDate, parisDateOf } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { type PageRequest, pageOfRows } from "../../lib/pagination";
import type { AnyActor } from "../auth/actor";
import type { AuditWriter } from "../audit/audit.service";
import { actingUserId, type UseCaseContext } from "../../lib/use-case-context";
import { type IdempotentResult, inMoneyTransaction, type OnceOnly } from "./idempotency";
import {
  findLine,
  insertLines,
  insertStatement,
  linesByFingerprint,
  linesOfStatement,
  countLinesWithStatus,
  countStatements,
  linesWithStatus,
  listStatements,
  markLineMatchedByReview,
  matchableLeases,
  statementByHash,
} from "./bank-import.queries";
import { bankLineMatcher } from "./bank-import.rules";
import { fileHash, lineFingerprints, readStatement } from "./bank-statement.parse";
import { chart } from "./ledger.accounts";
import { ensureAccounts, type PostingInput, postTransactions } from "./ledger.queries";
import { TENANT_CONTRACT_KINDS } from "../leases/leases.rules";
import {
  type PaymentInput,
  paymentReference,
  recordPaymentInTransaction,
  recordPaymentsInTransaction,
} from "./ledger.service";

type StatementFile = { bytes: Uint8Array; fileName?: string | null };

/** Imports a statement file in its own transaction, once per Idempotency-Key (importStatement). */
export async function importBankStatement(
  context: UseCaseContext<AnyActor>,
  file: StatementFile,
  once?: OnceOnly,
): Promise<IdempotentResult<Awaited<ReturnType<typeof importStatement>>>> {
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    importStatement(
      tx,
      context.actor.organisationId,
      file,
      { actorUserId: actingUserId(context.actor), today: context.clock.today() },
      audit,
    ),
  );
}

/** Assigns an unmatched line to a lease in its own transaction, once per Idempotency-Key. */
export async function assignBankLine(
  context: UseCaseContext<AnyActor>,
  input: { lineId: string; leaseId: string },
  once?: OnceOnly,
) {
  const organisationId = context.actor.organisationId;
  await findBankLine(context.db, organisationId, input.lineId); // 404 before 428
  return inMoneyTransaction(context, once, 201, (tx, audit) =>
    assignLine(tx, organisationId, input, actingUserId(context.actor), audit),
  );
}

/**
 * Imports a statement file (CSV, camt.053 or OFX, UTF-8 or Windows-1252): each credit line
 * matched to a lease becomes a payment (with its receipts); an unmatched credit goes to 471
 * (money received, tenant unknown) and waits for review; debit lines are ignored (money going
 * out is never a rent receipt). The same file twice is refused; a line already imported from an
 * overlapping statement is recorded as an ignored duplicate and books nothing.
 */
export async function importStatement(
  db: Db,
  organisationId: string,
  file: StatementFile,
  context: { actorUserId: string | null; today: IsoDate },
  audit: AuditWriter,
) {
  const hash = fileHash(file.bytes);
  const already = await statementByHash(db, organisationId, hash);
  if (already)
    throw new AppError(
      "BANK_STATEMENT_ALREADY_IMPORTED",
      `Ce relevé a déjà été importé le ${formatFrenchDate(parisDateOf(already.createdAt))}`,
      { importId: already.id },
    );
  const statement = readStatement(file.bytes, { today: context.today });
  const fingerprints = lineFingerprints(statement.accountRef, statement.lines);
  const existing = await linesByFingerprint(db, organisationId, fingerprints);
  const match = bankLineMatcher(
    (await matchableLeases(db, organisationId, TENANT_CONTRACT_KINDS)).map((row) => ({
      leaseId: row.leaseId,
      reference: paymentReference(row.leaseId),
      lastName: row.lastName,
      expectedCents: row.tenantPartCents ?? -1,
    })),
  );
  const dates = statement.lines.map((line) => line.bookedOn).sort();
  const header = await insertStatement(db, {
    organisationId,
    fileHash: hash,
    fileName: file.fileName ?? null,
    format: statement.format,
    encoding: statement.encoding,
    accountRef: statement.accountRef,
    lineCount: statement.lines.length,
    firstBookedOn: dates[0] ?? null,
    lastBookedOn: dates[dates.length - 1] ?? null,
    createdByUserId: context.actorUserId,
  });
  const importId = header.id;
  const rows: (typeof bankStatementLines.$inferInsert)[] = [];
  const unmatchedPostings: { row: (typeof rows)[number]; posting: PostingInput }[] = [];
  const matchedPayments: { row: (typeof rows)[number]; payment: PaymentInput }[] = [];
  const accounts = await ensureAccounts(db, organisationId, [chart.bank(), chart.suspense()]);
  const summary = { importId, matched: 0, unmatched: 0, ignored: 0, duplicates: 0 };
  for (const [index, line] of statement.lines.entries()) {
    const fingerprint = fingerprints[index]!;
    const base = {
      organisationId,
      importId,
      lineNumber: line.lineNumber,
      bookedOn: line.bookedOn,
      valueOn: line.valueOn,
      label: line.label,
      amountCents: line.amountCents,
      bankReference: line.bankReference,
    };
    const duplicateOf = existing.get(fingerprint);
    if (duplicateOf) {
      rows.push({ ...base, status: "ignored", reason: "duplicate", duplicateOfLineId: duplicateOf });
      summary.ignored += 1;
      summary.duplicates += 1;
      continue;
    }
    if (line.amountCents <= 0) {
      rows.push({ ...base, fingerprint, status: "ignored", reason: "debit" });
      summary.ignored += 1;
      continue;
    }
    const outcome = match(line);
    if (outcome.leaseId !== null) {
      const row = {
        ...base,
        fingerprint,
        status: "matched" as const,
        matchedLeaseId: outcome.leaseId,
        matchedBy: outcome.by,
      };
      rows.push(row);
      matchedPayments.push({
        row,
        payment: {
          leaseId: outcome.leaseId,
          amountCents: line.amountCents,
          method: "transfer",
          receivedOn: line.bookedOn,
          reference: line.label,
        },
      });
      summary.matched += 1;
    } else {
      const row = { ...base, fingerprint, status: "unmatched" as const, reason: outcome.reason };
      rows.push(row);
      unmatchedPostings.push({
        row,
        posting: {
          header: {
            kind: "payment",
            occurredOn: line.bookedOn,
            label: `À identifier : ${line.label}`,
            method: "transfer",
            externalReference: line.bankReference ?? line.label,
            createdByUserId: context.actorUserId,
          },
          lines: [
            { accountId: accounts.get(chart.bank().code)!, debitCents: line.amountCents, creditCents: 0 },
            { accountId: accounts.get(chart.suspense().code)!, debitCents: 0, creditCents: line.amountCents },
          ],
        },
      });
      summary.unmatched += 1;
    }
  }
  // the matched lines in the statement's order: each lease's account read once for the file
  const payments = await recordPaymentsInTransaction(
    db,
    organisationId,
    matchedPayments.map((m) => m.payment),
    context.actorUserId,
    audit,
  );
  matchedPayments.forEach((m, i) => {
    m.row.transactionId = payments[i]!.transactionId;
  });
  const ids = await postTransactions(
    db,
    organisationId,
    unmatchedPostings.map((u) => u.posting),
  );
  unmatchedPostings.forEach((u, i) => {
    u.row.transactionId = ids[i]!;
  });
  await insertLines(db, rows);
  await audit.record({
    action: "ledger.bank_import",
    entityType: "bank_import",
    entityId: importId,
    details: {
      format: statement.format,
      encoding: statement.encoding,
      fileHash: hash,
      matched: summary.matched,
      unmatched: summary.unmatched,
      ignored: summary.ignored,
      duplicates: summary.duplicates,
    },
  });
  return {
    ...summary,
    format: statement.format,
    encoding: statement.encoding,
    accountRef: statement.accountRef,
    lines: (await linesOfStatement(db, organisationId, importId)).map(bankLineView),
  };
}

/** A statement line as the API shows it: no tenant column, no fingerprint. */
function bankLineView(row: typeof bankStatementLines.$inferSelect) {
  return {
    id: row.id,
    importId: row.importId,
    lineNumber: row.lineNumber,
    bookedOn: row.bookedOn,
    valueOn: row.valueOn,
    label: row.label,
    amountCents: row.amountCents,
    bankReference: row.bankReference,
    status: row.status,
    reason: row.reason,
    duplicateOfLineId: row.duplicateOfLineId,
    matchedLeaseId: row.matchedLeaseId,
    matchedBy: row.matchedBy,
    transactionId: row.transactionId,
  };
}

/** An imported statement as the API shows it: no tenant column, no file hash. */
function statementView(row: typeof bankStatements.$inferSelect) {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    encoding: row.encoding,
    accountRef: row.accountRef,
    lineCount: row.lineCount,
    firstBookedOn: row.firstBookedOn,
    lastBookedOn: row.lastBookedOn,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A page of the lines still to identify, oldest booking first. */
export async function unmatchedLines(context: UseCaseContext, page: PageRequest) {
  const { db } = context;
  const { organisationId } = context.actor;
  const [rows, total] = await Promise.all([
    linesWithStatus(db, organisationId, "unmatched", page),
    countLinesWithStatus(db, organisationId, "unmatched"),
  ]);
  return pageOfRows(rows.map(bankLineView), total, page);
}

/** A page of the imported statements, newest first, each with its line counts. */
export async function statementsImported(context: UseCaseContext, page: PageRequest) {
  const { db } = context;
  const { organisationId } = context.actor;
  const [rows, total] = await Promise.all([
    listStatements(db, organisationId, { page }),
    countStatements(db, organisationId),
  ]);
  return pageOfRows(
    rows.map(({ statement, ...counts }) => ({ ...statementView(statement), ...counts })),
    total,
    page,
  );
}

export async function statementReview(context: UseCaseContext, importId: string) {
  const { db } = context;
  const { organisationId } = context.actor;
  const lines = await linesOfStatement(db, organisationId, importId);
  const [statement] = await listStatements(db, organisationId, { importId });
  if (!statement) throw AppError.notFound("Relevé", importId);
  return {
    ...statementView(statement.statement),
    matched: statement.matched,
    unmatched: statement.unmatched,
    ignored: statement.ignored,
    lines: lines.map(bankLineView),
  };
}

/** Review step: an unmatched line is assigned to a lease (Dr 471 / Cr 411) and gets its receipts. */
export async function findBankLine(db: Db, organisationId: string, lineId: string) {
  const line = await findLine(db, organisationId, lineId);
  if (!line) throw AppError.notFound("Ligne de relevé", lineId);
  return line;
}

async function assignLine(
  db: Db,
  organisationId: string,
  input: { lineId: string; leaseId: string },
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const line = await findBankLine(db, organisationId, input.lineId);
  if (line.status !== "unmatched")
    throw new AppError("BANK_LINE_ALREADY_RESOLVED", "Cette ligne a déjà été rapprochée ou ignorée");
  const payment = await recordPaymentInTransaction(
    db,
    organisationId,
    {
      leaseId: input.leaseId,
      amountCents: line.amountCents,
      method: "transfer",
      receivedOn: line.bookedOn,
      reference: line.label,
      fromSuspense: true,
    },
    actorUserId,
    audit,
  );
  // the line is a working record (not a ledger table): it changes state once, under the audit lock
  await markLineMatchedByReview(db, organisationId, input.lineId, input.leaseId);
  await audit.record({
    action: "ledger.bank_line.assign",
    entityType: "bank_statement_line",
    entityId: line.id,
    before: { status: line.status },
    after: { status: "matched", leaseId: input.leaseId },
  });
  return payment;
}
