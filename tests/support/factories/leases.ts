import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { leases, mandates } from "../../../db/schema";
import { generateDocument } from "../../../server/modules/documents/documents.service";
import { takeNextMandateNumber } from "../../../server/modules/mandates/mandates.queries";
import { documentSamples } from "../document-samples";
import { createPerson } from "./persons";
import { createBuilding, createUnit } from "./stock";

type Scoped = { organisationId: string };

/** A unit of the landlord with its building: the place a contract or a mandate is about. */
export async function createLandlordUnit(db: Db, values: Scoped & { landlordId: string }) {
  const building = await createBuilding(db, {
    organisationId: values.organisationId,
    landlordId: values.landlordId,
  });
  return createUnit(db, {
    organisationId: values.organisationId,
    buildingId: building.id,
    landlordId: values.landlordId,
  });
}

/** A draft sub-lease for a fresh person on a fresh unit of the landlord. */
export async function createDraftLease(
  db: Db,
  values: Scoped & { landlordId: string } & Partial<typeof leases.$inferInsert>,
) {
  const unit = await createLandlordUnit(db, values);
  const person = await createPerson(db, { organisationId: values.organisationId, status: "offered" });
  const [row] = await db
    .insert(leases)
    .values({
      kind: "sublease",
      unitId: unit.id,
      personId: person.id,
      startDate: "2026-12-01",
      durationMonths: 36,
      rentCents: unit.rentCents,
      chargesCents: unit.chargesCents,
      depositCents: unit.rentCents,
      ...values,
    })
    .returning();
  return row!;
}

/** A mandate awaiting the landlord's signature, numbered from the register, with its document. */
export async function createMandateRecord(db: Db, values: Scoped & { landlordId: string }) {
  const unit = await createLandlordUnit(db, values);
  const number = await takeNextMandateNumber(db, values.organisationId);
  const [mandate] = await db
    .insert(mandates)
    .values({
      organisationId: values.organisationId,
      number,
      landlordId: values.landlordId,
      unitId: unit.id,
      startDate: "2026-12-01",
      endDate: "2029-11-30",
      durationMonths: 36,
      managementFeeBasisPoints: 750,
      scope: ["encaisser les loyers"],
    })
    .returning();
  const document = await generateDocument(db, {
    organisationId: values.organisationId,
    templateId: "management_mandate",
    data: {
      ...documentSamples.management_mandate,
      mandate: { ...documentSamples.management_mandate.mandate, number },
    },
    links: { landlordId: values.landlordId, unitId: unit.id, mandateId: mandate!.id },
    createdAt: new Date("2026-11-23T09:00:00Z"),
  });
  const [withDocument] = await db
    .update(mandates)
    .set({ documentId: document.documentId })
    .where(eq(mandates.id, mandate!.id))
    .returning();
  return { mandate: withDocument!, documentId: document.documentId, unit };
}
