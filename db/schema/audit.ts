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
