import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { bankStatementLines, bankStatements, leases, persons, rentCalls } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type BankLineRow = typeof bankStatementLines.$inferSelect;
export type BankStatementRow = typeof bankStatements.$inferSelect;

/** The leases a bank line can pay, each with its tenant's last name and the tenant part last called. */
export async function matchableLeases(db: Db, organisationId: string, kinds: readonly string[]) {
  const lastCall = db
    .selectDistinctOn([rentCalls.leaseId], {
      leaseId: rentCalls.leaseId,
      tenantPartCents: rentCalls.tenantPartCents,
    })
    .from(rentCalls)
    .where(eq(rentCalls.organisationId, organisationId))
    .orderBy(rentCalls.leaseId, sql`${rentCalls.periodStart} desc`)
    .as("last_call");
  return db
    .select({
      leaseId: leases.id,
      lastName: persons.lastName,
      tenantPartCents: lastCall.tenantPartCents,
    })
    .from(leases)
    .innerJoin(
      persons,
      and(eq(persons.organisationId, leases.organisationId), eq(persons.id, leases.personId)),
    )
    .leftJoin(lastCall, eq(lastCall.leaseId, leases.id))
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.kind, kinds as never[]),
        inArray(leases.status, ["signed", "notice_given"]),
      ),
    );
}

export async function statementByHash(db: Db, organisationId: string, fileHash: string) {
  const [row] = await db
    .select()
    .from(bankStatements)
    .where(and(eq(bankStatements.organisationId, organisationId), eq(bankStatements.fileHash, fileHash)));
  return row ?? null;
}

export async function insertStatement(db: Db, values: typeof bankStatements.$inferInsert) {
  const [row] = await db.insert(bankStatements).values(values).returning();
  return row!;
}

/** The lines already imported under these fingerprints: fingerprint → line id. */
export async function linesByFingerprint(db: Db, organisationId: string, fingerprints: readonly string[]) {
  const found = new Map<string, string>();
  for (let i = 0; i < fingerprints.length; i += 1000) {
    const rows = await db
      .select({ id: bankStatementLines.id, fingerprint: bankStatementLines.fingerprint })
      .from(bankStatementLines)
      .where(
        and(
          eq(bankStatementLines.organisationId, organisationId),
          inArray(bankStatementLines.fingerprint, fingerprints.slice(i, i + 1000) as string[]),
        ),
      );
    for (const row of rows) if (row.fingerprint) found.set(row.fingerprint, row.id);
  }
  return found;
}

export async function insertLines(db: Db, rows: (typeof bankStatementLines.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500)
    await db.insert(bankStatementLines).values(rows.slice(i, i + 500));
}

export async function linesOfStatement(db: Db, organisationId: string, importId: string) {
  return db
    .select()
    .from(bankStatementLines)
    .where(
      and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.importId, importId)),
    )
    .orderBy(asc(bankStatementLines.lineNumber), asc(bankStatementLines.createdAt));
}

export async function linesWithStatus(
  db: Db,
  organisationId: string,
  status: BankLineRow["status"],
  page: PageRequest,
) {
  return db
    .select()
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.status, status)))
    .orderBy(asc(bankStatementLines.bookedOn), asc(bankStatementLines.lineNumber), asc(bankStatementLines.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countLinesWithStatus(db: Db, organisationId: string, status: BankLineRow["status"]) {
  const [row] = await db
    .select({ n: count() })
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.status, status)));
  return row?.n ?? 0;
}

export async function findLine(db: Db, organisationId: string, lineId: string) {
  const [line] = await db
    .select()
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.id, lineId)));
  return line ?? null;
}

export async function markLineMatchedByReview(
  db: Db,
  organisationId: string,
  lineId: string,
  leaseId: string,
) {
  await db
    .update(bankStatementLines)
    .set({ status: "matched", matchedLeaseId: leaseId, matchedBy: "review", reason: null })
    .where(and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.id, lineId)));
}

/**
 * The imported statements with how many of their lines are matched, unmatched and ignored, newest
 * import first: a page of them, or the one asked for by `importId`.
 */
export async function listStatements(
  db: Db,
  organisationId: string,
  selection: { importId: string } | { page: PageRequest },
) {
  const only = "importId" in selection ? selection.importId : undefined;
  const counts = db
    .select({
      importId: bankStatementLines.importId,
      matched: sql<number>`count(*) filter (where ${bankStatementLines.status} = 'matched')::int`.as(
        "matched",
      ),
      unmatched: sql<number>`count(*) filter (where ${bankStatementLines.status} = 'unmatched')::int`.as(
        "unmatched",
      ),
      ignored: sql<number>`count(*) filter (where ${bankStatementLines.status} = 'ignored')::int`.as(
        "ignored",
      ),
    })
    .from(bankStatementLines)
    .where(
      and(
        eq(bankStatementLines.organisationId, organisationId),
        only ? eq(bankStatementLines.importId, only) : undefined,
      ),
    )
    .groupBy(bankStatementLines.importId)
    .as("counts");
  const query = db
    .select({
      statement: bankStatements,
      matched: sql<number>`coalesce(${counts.matched}, 0)`,
      unmatched: sql<number>`coalesce(${counts.unmatched}, 0)`,
      ignored: sql<number>`coalesce(${counts.ignored}, 0)`,
    })
    .from(bankStatements)
    .leftJoin(counts, eq(counts.importId, bankStatements.id))
    .where(
      and(eq(bankStatements.organisationId, organisationId), only ? eq(bankStatements.id, only) : undefined),
    )
    .orderBy(desc(bankStatements.createdAt), asc(bankStatements.id));
  return "page" in selection ? query.limit(selection.page.limit).offset(selection.page.offset) : query;
}

export async function countStatements(db: Db, organisationId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(bankStatements)
    .where(eq(bankStatements.organisationId, organisationId));
  return row?.n ?? 0;
}
