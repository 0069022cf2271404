import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { tenantColumns, timestamps } from "./_columns";
import { landlords } from "./stock";

export const userRole = pgEnum("user_role", ["admin", "housing_officer", "finance", "landlord"]);

/**
 * A person who logs into the back office. Users are few: with Citus this table
 * would be a reference table; email is unique across the whole system.
 */
export const users = pgTable(
  "users",
  {
    ...tenantColumns(),
    email: text().notNull(),
    fullName: text().notNull(),
    role: userRole().notNull(),
    // set for role = landlord only: the landlord record this account speaks for
    landlordId: uuid(),
    passwordHash: text(),
    disabledAt: timestamp({ withTimezone: true, mode: "date" }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    uniqueIndex("users_id_unique").on(t.id),
    // a landlord account is linked to exactly one landlord record, other roles to none
    check("users_landlord_link", sql`(${t.role} = 'landlord') = (${t.landlordId} is not null)`),
    foreignKey({
      columns: [t.organisationId, t.landlordId],
      foreignColumns: [landlords.organisationId, landlords.id],
    }),
  ],
);

/** Server-side sessions; the cookie carries a random token, the table keeps its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text().primaryKey(),
    organisationId: uuid().notNull(),
    userId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    ip: text(),
    userAgent: text(),
  },
  (t) => [
    index("sessions_user_idx").on(t.userId),
    foreignKey({ columns: [t.organisationId, t.userId], foreignColumns: [users.organisationId, users.id] }),
  ],
);

/** Failed logins, to throttle by account and by IP over a sliding window. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    ip: text().notNull(),
    attemptedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.attemptedAt),
    index("login_attempts_ip_idx").on(t.ip, t.attemptedAt),
  ],
);

export const userTokenPurpose = pgEnum("user_token_purpose", ["invitation", "password_reset"]);

/** One-time tokens sent to a user to set a password (invitation or reset). Only the hash is kept. */
export const userTokens = pgTable(
  "user_tokens",
  {
    tokenHash: text().primaryKey(),
    organisationId: uuid().notNull(),
    userId: uuid().notNull(),
    purpose: userTokenPurpose().notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ columns: [t.organisationId, t.userId], foreignColumns: [users.organisationId, users.id] }),
  ],
);

/**
 * API tokens of an organisation, for integrations (a nightly bank import): a non-person actor
 * acting within its scopes on behalf of the admin who created it. Only the SHA-256 of the secret is
 * kept; `secretPrefix` (the first characters, "csd_" and a few more) lets an admin recognise a
 * leaked token without storing it. Valid through `expiresOn` (a Paris calendar day) unless revoked.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    ...tenantColumns(),
    name: text().notNull(),
    tokenHash: text().notNull(),
    secretPrefix: text().notNull(),
    scopes: text().array().notNull(),
    createdByUserId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    expiresOn: date({ mode: "string" }).notNull(),
    lastUsedAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedByUserId: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    uniqueIndex("api_tokens_id_unique").on(t.id),
    foreignKey({
      columns: [t.organisationId, t.createdByUserId],
      foreignColumns: [users.organisationId, users.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.revokedByUserId],
      foreignColumns: [users.organisationId, users.id],
    }),
    check("api_tokens_revocation", sql`(${t.revokedAt} is null) = (${t.revokedByUserId} is null)`),
  ],
);
