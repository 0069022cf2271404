import { timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

/**
 * Columns every tenant-scoped (distributed) table starts with.
 *
 * The key of such a table is (organisation_id, id) and its foreign keys to other
 * tenant tables include organisation_id: this is what a distributed PostgreSQL
 * (Citus, distributed by organisation_id) needs to co-locate rows and joins.
 */
export const tenantColumns = () => ({
  organisationId: uuid()
    .notNull()
    .references(() => organisations.id),
  id: uuid().notNull().defaultRandom(),
});

export const timestamps = () => ({
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
