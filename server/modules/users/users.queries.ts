import { and, asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { landlords, users, userTokens } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";
import type { Role } from "../auth/permissions";
import { forgetSessions } from "../auth/session-cache";

export type UserRecord = typeof users.$inferSelect;

type UserFilter = { role?: Role; includeDisabled: boolean };

function userConditions(organisationId: string, filter: UserFilter) {
  return and(
    eq(users.organisationId, organisationId),
    filter.role ? eq(users.role, filter.role) : undefined,
    filter.includeDisabled ? undefined : isNull(users.disabledAt),
  );
}

export async function listUsers(
  db: Db,
  organisationId: string,
  filter: UserFilter,
  page: PageRequest,
): Promise<UserRecord[]> {
  return db
    .select()
    .from(users)
    .where(userConditions(organisationId, filter))
    .orderBy(asc(users.fullName), asc(users.email), asc(users.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countUsers(db: Db, organisationId: string, filter: UserFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(userConditions(organisationId, filter));
  return row?.n ?? 0;
}

export async function findUser(db: Db, organisationId: string, id: string): Promise<UserRecord | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.id, id)))
    .limit(1);
  return row ?? null;
}

/** Whether an email is taken by any user of any organisation (emails are unique system-wide). */
export async function emailTaken(db: Db, email: string, exceptUserId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        sql`lower(${users.email}) = lower(${email})`,
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function landlordExists(db: Db, organisationId: string, landlordId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: landlords.id })
    .from(landlords)
    .where(and(eq(landlords.organisationId, organisationId), eq(landlords.id, landlordId)))
    .limit(1);
  return row !== undefined;
}

export async function countOtherActiveAdmins(db: Db, organisationId: string, exceptUserId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.role, "admin"),
        isNull(users.disabledAt),
        ne(users.id, exceptUserId),
      ),
    );
  return row?.n ?? 0;
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRecord> {
  const [row] = await db.insert(users).values(values).returning();
  return row!;
}

export async function updateUser(
  db: Db,
  organisationId: string,
  id: string,
  values: Partial<typeof users.$inferInsert>,
): Promise<UserRecord> {
  // the account's role, landlord, name or disabling reach the sessions remembered with it
  forgetSessions();
  const [row] = await db
    .update(users)
    .set(values)
    .where(and(eq(users.organisationId, organisationId), eq(users.id, id)))
    .returning();
  return row!;
}

/** Forgets a user's unused links: a new link (or disabling the account) voids the earlier ones. */
export async function deleteUnusedTokens(db: Db, user: { organisationId: string; id: string }) {
  await db
    .delete(userTokens)
    .where(
      and(
        eq(userTokens.organisationId, user.organisationId),
        eq(userTokens.userId, user.id),
        isNull(userTokens.usedAt),
      ),
    );
}

export async function insertToken(db: Db, values: typeof userTokens.$inferInsert): Promise<void> {
  await db.insert(userTokens).values(values);
}
