import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

/**
 * The audit trail: one row per write (and per opening of a person's file).
 * Append-only (a trigger refuses UPDATE and DELETE, see the audit migration) and
 * hash-chained per organisation: hash = sha256(previousHash ‖ canonical content).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    // per-organisation sequence position in the chain (1, 2, 3…)
    sequence: bigserial({ mode: "number" }).notNull(),
    occurredAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    actorUserId: uuid(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    changes: jsonb().$type<Record<string, { before: unknown; after: unknown }>>(),
    requestId: text(),
    previousHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.sequence] }),
    index("audit_log_entity_idx").on(t.organisationId, t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.organisationId, t.actorUserId),
    index("audit_log_time_idx").on(t.organisationId, t.occurredAt),
  ],
);

/**
 * Reads of personal data waiting to join the audit chain. A read inserts one row here in its own
 * short transaction, without the organisation's chain lock, so that concurrent reads do not queue
 * behind each other; a background step (every second, and at shutdown) moves the rows, in id
 * order and in batches, into `audit_log` under the chain lock, hash-chained like any other row,
 * and deletes them from here in that same transaction. A crash loses nothing: an acknowledged
 * read is committed here, and the next step chains it.
 * UPDATE and TRUNCATE are refused by a trigger; DELETE only by the chaining step (see the migration).
 */
export const accessLog = pgTable(
  "access_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    occurredAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    actorUserId: uuid(),
    actorLabel: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    changes: jsonb().$type<Record<string, { before: unknown; after: unknown }>>(),
    requestId: text(),
  },
  (t) => [index("access_log_organisation_idx").on(t.organisationId, t.id)],
);
