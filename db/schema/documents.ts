import {
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { leases } from "./leases";
import { mandates } from "./mandates";
import { organisations } from "./organisations";
import { persons } from "./persons";
import { landlords, units } from "./stock";

/** PDF bytes. postgres.js gives a Buffer, PGlite a Uint8Array: callers normalise with Buffer.from. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * Every generated document, immutable once written: the template (id + version) and the exact
 * data it was rendered from, the PDF bytes and their SHA-256. Rendering the same data with the
 * same creation date gives the same bytes, so the hash can be checked again at any time.
 * A correction or a signature is a new row pointing at the one it supersedes.
 */
export const documents = pgTable(
  "documents",
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    id: uuid().notNull().defaultRandom(),
    templateId: text().notNull(),
    templateVersion: integer().notNull(),
    title: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    sha256: text().notNull(),
    byteSize: integer().notNull(),
    pdf: bytea().notNull(),
    // entity links (all optional): what the document is about
    landlordId: uuid(),
    unitId: uuid(),
    personId: uuid(),
    leaseId: uuid(),
    mandateId: uuid(),
    // a link to another module's record (e.g. "rent_call", its id)
    subjectType: text(),
    subjectId: uuid(),
    /** may the landlord of landlordId read it in the portal (mandate, head lease, statement…) */
    landlordVisible: boolean().notNull().default(false),
    /** the document this one replaces (a signed version, a correction) */
    supersedesId: uuid(),
    signed: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    foreignKey({
      columns: [t.organisationId, t.landlordId],
      foreignColumns: [landlords.organisationId, landlords.id],
    }),
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [persons.organisationId, persons.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.leaseId],
      foreignColumns: [leases.organisationId, leases.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.mandateId],
      foreignColumns: [mandates.organisationId, mandates.id],
    }),
    foreignKey({
      columns: [t.organisationId, t.supersedesId],
      foreignColumns: [t.organisationId, t.id],
    }),
    index("documents_lease_idx").on(t.organisationId, t.leaseId),
    index("documents_mandate_idx").on(t.organisationId, t.mandateId),
    index("documents_landlord_idx").on(t.organisationId, t.landlordId),
    index("documents_subject_idx").on(t.organisationId, t.subjectType, t.subjectId),
  ],
);
