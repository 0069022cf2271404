import { and, count, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { apiTokens, users } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type ApiTokenRecord = typeof apiTokens.$inferSelect;
export type ApiTokenWithCreator = ApiTokenRecord & {
  creator: { id: string; fullName: string; email: string };
};

const withCreator = {
  token: apiTokens,
  creator: { id: users.id, fullName: users.fullName, email: users.email },
};

const creatorJoin = and(
  eq(users.organisationId, apiTokens.organisationId),
  eq(users.id, apiTokens.createdByUserId),
);

export async function listTokens(
  db: Db,
  organisationId: string,
  page: PageRequest,
): Promise<ApiTokenWithCreator[]> {
  const rows = await db
    .select(withCreator)
    .from(apiTokens)
    .innerJoin(users, creatorJoin)
    .where(eq(apiTokens.organisationId, organisationId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map((row) => ({ ...row.token, creator: row.creator }));
}

export async function countTokens(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(apiTokens)
    .where(eq(apiTokens.organisationId, organisationId));
  return row?.n ?? 0;
}

export async function findToken(
  db: Db,
  organisationId: string,
  id: string,
): Promise<ApiTokenWithCreator | null> {
  const [row] = await db
    .select(withCreator)
    .from(apiTokens)
    .innerJoin(users, creatorJoin)
    .where(and(eq(apiTokens.organisationId, organisationId), eq(apiTokens.id, id)))
    .limit(1);
  return row ? { ...row.token, creator: row.creator } : null;
}

/** The token a secret's hash designates, with its creator as the session would resolve them. */
export async function findTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ token: apiTokens, creator: users })
    .from(apiTokens)
    .innerJoin(users, creatorJoin)
    .where(eq(apiTokens.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
}

export async function insertTokenRecord(
  db: Db,
  values: typeof apiTokens.$inferInsert,
): Promise<ApiTokenRecord> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row!;
}

export async function markTokenRevoked(
  db: Db,
  token: { organisationId: string; id: string },
  revokedByUserId: string,
  at: Date,
): Promise<void> {
  await db
    .update(apiTokens)
    .set({ revokedAt: at, revokedByUserId })
    .where(and(eq(apiTokens.organisationId, token.organisationId), eq(apiTokens.id, token.id)));
}

export async function touchToken(db: Db, token: { organisationId: string; id: string }, at: Date) {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(and(eq(apiTokens.organisationId, token.organisationId), eq(apiTokens.id, token.id)));
}
