import { and, asc, count, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { documents, mailOutbox, organisations, users } from "../../../db/schema";
import type { Role } from "../auth/permissions";
import type { PageRequest } from "../../lib/pagination";

export type OutboxRecord = typeof mailOutbox.$inferSelect;
export type NewOutboxRecord = typeof mailOutbox.$inferInsert;
export type OutboxState = OutboxRecord["state"];

/** Inserts a message; a message whose dedupe key is already in the outbox is not queued twice (null). */
export async function insertOutboxMessage(db: Db, message: NewOutboxRecord): Promise<OutboxRecord | null> {
  const [row] = await db
    .insert(mailOutbox)
    .values(message)
    .onConflictDoNothing({
      target: [mailOutbox.organisationId, mailOutbox.dedupeKey],
      where: sql`${mailOutbox.dedupeKey} is not null`,
    })
    .returning();
  return row ?? null;
}

/**
 * Claims up to `limit` due messages in one statement: their attempt is counted and they are
 * pushed out of reach until `leaseUntil`. Rows another worker holds are skipped (SKIP LOCKED),
 * so two processes never claim the same message; a process that dies mid-send leaves the row to
 * be claimed again once the lease is over.
 */
export async function claimDueMessages(
  db: Db,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<OutboxRecord[]> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.state, "queued"), lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(asc(mailOutbox.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: leaseUntil, updatedAt: now })
    .where(and(inArray(mailOutbox.id, due), eq(mailOutbox.state, "queued")))
    .returning();
}

export async function recordOutcome(
  db: Db,
  id: string,
  change: Partial<
    Pick<
      OutboxRecord,
      "state" | "attempts" | "nextAttemptAt" | "lastError" | "sentAt" | "messageId" | "bodyText" | "bodyHtml"
    >
  > & { updatedAt: Date },
): Promise<void> {
  await db.update(mailOutbox).set(change).where(eq(mailOutbox.id, id));
}

export async function listOutbox(
  db: Db,
  organisationId: string,
  filter: { state?: OutboxState },
  page: PageRequest,
): Promise<OutboxRecord[]> {
  return db
    .select()
    .from(mailOutbox)
    .where(outboxConditions(organisationId, filter))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countOutbox(
  db: Db,
  organisationId: string,
  filter: { state?: OutboxState },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mailOutbox)
    .where(outboxConditions(organisationId, filter));
  return row?.n ?? 0;
}

function outboxConditions(organisationId: string, filter: { state?: OutboxState }) {
  return and(
    eq(mailOutbox.organisationId, organisationId),
    filter.state ? eq(mailOutbox.state, filter.state) : undefined,
  );
}

export async function findOutboxMessage(
  db: Db,
  organisationId: string,
  id: string,
  lock = false,
): Promise<OutboxRecord | null> {
  const query = db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.organisationId, organisationId), eq(mailOutbox.id, id)));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** The stored PDF of a document, for an attachment. */
export async function findDocumentPdf(
  db: Db,
  organisationId: string,
  documentId: string,
): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ pdf: documents.pdf })
    .from(documents)
    .where(and(eq(documents.organisationId, organisationId), eq(documents.id, documentId)));
  return row?.pdf ?? null;
}

export async function organisationName(db: Db, organisationId: string): Promise<string> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.name ?? "";
}

export async function organisationIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: organisations.id }).from(organisations);
  return rows.map((row) => row.id);
}

/** The active users of an organisation with one of these roles: who receives the daily digest. */
export async function activeUsersWithRoles(db: Db, organisationId: string, roles: readonly Role[]) {
  if (roles.length === 0) return [];
  return db
    .select({
      id: users.id,
      email: users.email,
      fullName: users.fullName,
      role: users.role,
      landlordId: users.landlordId,
    })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        isNull(users.disabledAt),
        inArray(users.role, [...roles]),
      ),
    )
    .orderBy(asc(users.email));
}
