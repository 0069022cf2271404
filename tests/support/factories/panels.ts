import type { Db } from "../../../db/client";
import { offerPanels, offers } from "../../../db/schema";
import { createPerson } from "./persons";
import { createBuilding, createUnit } from "./stock";

type Scoped = { organisationId: string };

/** An open panel of one reserved unit for a fresh person, written directly (no rules applied). */
export async function createOpenPanel(db: Db, values: Scoped & { landlordId?: string }) {
  const { organisationId } = values;
  const person = await createPerson(db, { organisationId, status: "offered" });
  const building = await createBuilding(db, { organisationId, landlordId: values.landlordId });
  const unit = await createUnit(db, {
    organisationId,
    buildingId: building.id,
    landlordId: values.landlordId,
    status: "reserved",
  });
  const [panel] = await db
    .insert(offerPanels)
    .values({
      organisationId,
      personId: person.id,
      proposedOn: "2026-11-20",
      intendedStartDate: "2026-12-01",
      expiresOn: "2026-12-20",
      personStatusBefore: "waiting",
    })
    .returning();
  const [offer] = await db
    .insert(offers)
    .values({
      organisationId,
      panelId: panel!.id,
      personId: person.id,
      unitId: unit.id,
      position: 1,
      figures: {
        rentCents: unit.rentCents,
        chargesCents: unit.chargesCents,
        housingBenefitCents: person.housingBenefitCents,
        resourcesCents: 60_733,
        ceilingBasisPoints: 3000,
      },
      unitStatusBefore: "available",
      unitStatusSinceBefore: "2026-10-01",
    })
    .returning();
  return { panel: panel!, offer: offer!, person, unit };
}
