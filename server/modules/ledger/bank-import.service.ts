import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { bankStatementLines, leases, persons, rentCalls } from "../../../db/schema";
import { isIsoDate, type IsoDate } from "../../lib/dates";
import { AppError, type InvalidField } from "../../lib/errors";
import { parseEuros } from "../../lib/money";
import type { AuditWriter } from "../audit/audit.service";
import { type MatchCandidate, matchBankLine } from "./bank-import.rules";
import { chart } from "./ledger.accounts";
import { ensureAccount, postTransaction } from "./ledger.queries";
import { paymentReference, recordPayment, tenantLeaseKinds } from "./ledger.service";

type ParsedLine = { lineNumber: number; bookedOn: IsoDate; label: string; amountCents: number };

/** "date;libellé;montant" (header optional), dates JJ/MM/AAAA or AAAA-MM-JJ, amounts "1 234,56". */
export function parseStatement(csv: string): ParsedLine[] {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ""), {
      delimiter: [";", ","],
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new AppError("CSV_INVALID", `Relevé illisible : ${(error as Error).message}`);
  }
  const errors: InvalidField[] = [];
  const lines: ParsedLine[] = [];
  records.forEach((record, index) => {
    if (index === 0 && !/\d/.test(record[0] ?? "")) return; // header
    const [rawDate = "", label = "", rawAmount = ""] = record;
    const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(rawDate);
    const bookedOn = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : rawDate;
    let amountCents = Number.NaN;
    try {
      amountCents = parseEuros(rawAmount);
    } catch {}
    if (!isIsoDate(bookedOn))
      errors.push({ path: `line.${index + 1}.date`, message: `date illisible « ${rawDate} »` });
    else if (!Number.isSafeInteger(amountCents))
      errors.push({ path: `line.${index + 1}.amount`, message: `montant illisible « ${rawAmount} »` });
    else lines.push({ lineNumber: index + 1, bookedOn, label, amountCents });
  });
  if (errors.length)
    throw new AppError("CSV_INVALID", "Certaines lignes du relevé sont illisibles", { errors });
  return lines;
}

/**
 * Imports a statement: each credit line matched to a lease becomes a payment (with its receipts);
 * an unmatched credit goes to 471 (money received, tenant unknown) and waits for review;
 * debit lines are ignored (they are not rent receipts).
 */
export async function importStatement(
  db: Db,
  organisationId: string,
  csv: string,
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const lines = parseStatement(csv);
  const rows = await db
    .select({ leaseId: leases.id, lastName: persons.lastName })
    .from(leases)
    .innerJoin(
      persons,
      and(eq(persons.organisationId, leases.organisationId), eq(persons.id, leases.personId)),
    )
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.kind, [...tenantLeaseKinds]),
        inArray(leases.status, ["signed", "notice_given"]),
      ),
    );
  const candidates: MatchCandidate[] = [];
  for (const row of rows) {
    const [last] = await db
      .select({ tenantPartCents: rentCalls.tenantPartCents })
      .from(rentCalls)
      .where(and(eq(rentCalls.organisationId, organisationId), eq(rentCalls.leaseId, row.leaseId)))
      .orderBy(desc(rentCalls.periodStart))
      .limit(1);
    candidates.push({
      leaseId: row.leaseId,
      reference: paymentReference(row.leaseId),
      lastName: row.lastName,
      expectedCents: last?.tenantPartCents ?? -1,
    });
  }
  const importId = randomUUID();
  const summary = { importId, matched: 0, unmatched: 0, ignored: 0, lines: [] as unknown[] };
  for (const line of lines) {
    if (line.amountCents <= 0) {
      await db.insert(bankStatementLines).values({ organisationId, importId, ...line, status: "ignored" });
      summary.ignored += 1;
      continue;
    }
    const match = matchBankLine(line, candidates);
    if (match) {
      const payment = await recordPayment(
        db,
        organisationId,
        {
          leaseId: match.leaseId,
          amountCents: line.amountCents,
          method: "transfer",
          receivedOn: line.bookedOn,
          reference: line.label,
        },
        actorUserId,
        audit,
      );
      await db.insert(bankStatementLines).values({
        organisationId,
        importId,
        ...line,
        status: "matched",
        matchedLeaseId: match.leaseId,
        matchedBy: match.by,
        transactionId: payment.transactionId,
      });
      summary.matched += 1;
    } else {
      const transactionId = await postTransaction(db, organisationId, {
        header: {
          kind: "payment",
          occurredOn: line.bookedOn,
          label: `À identifier : ${line.label}`,
          method: "transfer",
          externalReference: line.label,
          createdByUserId: actorUserId,
        },
        lines: [
          {
            accountId: await ensureAccount(db, organisationId, chart.bank()),
            debitCents: line.amountCents,
            creditCents: 0,
          },
          {
            accountId: await ensureAccount(db, organisationId, chart.suspense()),
            debitCents: 0,
            creditCents: line.amountCents,
          },
        ],
      });
      await db
        .insert(bankStatementLines)
        .values({ organisationId, importId, ...line, status: "unmatched", transactionId });
      summary.unmatched += 1;
    }
  }
  await audit.record({
    action: "ledger.bank_import",
    entityType: "bank_import",
    entityId: importId,
    details: { matched: summary.matched, unmatched: summary.unmatched, ignored: summary.ignored },
  });
  summary.lines = await db
    .select()
    .from(bankStatementLines)
    .where(
      and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.importId, importId)),
    )
    .orderBy(bankStatementLines.lineNumber);
  return summary;
}

export async function unmatchedLines(db: Db, organisationId: string) {
  return db
    .select()
    .from(bankStatementLines)
    .where(
      and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.status, "unmatched")),
    )
    .orderBy(bankStatementLines.bookedOn, bankStatementLines.lineNumber);
}

/** Review step: an unmatched line is assigned to a lease (Dr 471 / Cr 411) and gets its receipts. */
export async function findBankLine(db: Db, organisationId: string, lineId: string) {
  const [line] = await db
    .select()
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.id, lineId)));
  if (!line) throw AppError.notFound("Ligne de relevé", lineId);
  return line;
}

export async function assignLine(
  db: Db,
  organisationId: string,
  input: { lineId: string; leaseId: string },
  actorUserId: string | null,
  audit: AuditWriter,
) {
  const line = await findBankLine(db, organisationId, input.lineId);
  if (line.status !== "unmatched")
    throw new AppError("BANK_LINE_ALREADY_RESOLVED", "Cette ligne a déjà été rapprochée ou ignorée");
  const payment = await recordPayment(
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
  await db
    .update(bankStatementLines)
    .set({ status: "matched", matchedLeaseId: input.leaseId, matchedBy: "review" })
    .where(
      and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.id, input.lineId)),
    );
  await audit.record({
    action: "ledger.bank_line.assign",
    entityType: "bank_statement_line",
    entityId: line.id,
    before: { status: line.status },
    after: { status: "matched", leaseId: input.leaseId },
  });
  return payment;
}
