import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations } from "./organisations";

/**
 * The site's pseudonymisation key for the yearly anonymised export (cahier des charges §8.12):
 * drawn at random on the first export and kept, so a person's pseudonym is the same from one year
 * to the next. It is never shown nor exported; without it a pseudonym links to no one.
 */
export const pseudonymKeys = pgTable("pseudonym_keys", {
  organisationId: uuid()
    .primaryKey()
    .references(() => organisations.id),
  key: text().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
