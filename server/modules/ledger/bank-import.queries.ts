import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { bankStatementLines, bankStatements, leases, persons, rentCalls } from "../../../db/schema";

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

export async function linesWithStatus(db: Db, organisationId: string, status: BankLineRow["status"]) {
  return db
    .select()
    .from(bankStatementLines)
    .where(and(eq(bankStatementLines.organisationId, organisationId), eq(bankStatementLines.status, status)))
    .orderBy(bankStatementLines.bookedOn, bankStatementLines.lineNumber);
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

export async function listStatements(db: Db, organisationId: string) {
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
    .where(eq(bankStatementLines.organisationId, organisationId))
    .groupBy(bankStatementLines.importId)
    .as("counts");
  return db
    .select({
      statement: bankStatements,
      matched: sql<number>`coalesce(${counts.matched}, 0)`,
      unmatched: sql<number>`coalesce(${counts.unmatched}, 0)`,
      ignored: sql<number>`coalesce(${counts.ignored}, 0)`,
    })
    .from(bankStatements)
    .leftJoin(counts, eq(counts.importId, bankStatements.id))
    .where(eq(bankStatements.organisationId, organisationId))
    .orderBy(sql`${bankStatements.createdAt} desc`);
}
