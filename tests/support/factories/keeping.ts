import type { Db } from "../../../db/client";
import { keepingMeetings, riskActions, tenancyRisks } from "../../../db/schema";
import { createTenancy } from "./ledger-fixtures";

type Scoped = { organisationId: string; landlordId?: string };

/** An open tenancy risk (unpaid rent noticed by the officer) on a fresh signed tenancy. */
export async function createTenancyRisk(db: Db, values: Scoped) {
  const { lease } = await createTenancy(
    db,
    values.organisationId,
    values.landlordId ? { landlordId: values.landlordId } : {},
  );
  const [risk] = await db
    .insert(tenancyRisks)
    .values({
      organisationId: values.organisationId,
      leaseId: lease.id,
      kind: "unpaid_rent",
      noticedOn: "2026-10-05",
      reportedBy: "housing_officer",
      facts: "deux échéances impayées",
    })
    .returning();
  return { risk: risk!, lease };
}

/** An action still to do on a fresh open risk. */
export async function createRiskAction(db: Db, values: Scoped) {
  const { risk } = await createTenancyRisk(db, values);
  const [action] = await db
    .insert(riskActions)
    .values({
      organisationId: values.organisationId,
      riskId: risk.id,
      action: "Rendez-vous avec le locataire",
      owner: "Chargé·e de gestion locative",
      dueOn: "2026-12-15",
    })
    .returning();
  return { action: action!, risk };
}

/** A partner meeting with a landlord, with no risk on its agenda. */
export async function createKeepingMeeting(db: Db, values: Scoped & { landlordId: string }) {
  const [meeting] = await db
    .insert(keepingMeetings)
    .values({
      organisationId: values.organisationId,
      landlordId: values.landlordId,
      heldOn: "2026-11-10",
      attendees: ["Bailleur", "Chargé·e de gestion locative"],
      riskIds: [],
      decisions: "Point mensuel : rien à signaler",
    })
    .returning();
  return meeting!;
}
