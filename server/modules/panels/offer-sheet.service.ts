import { documentFileName } from "../documents/documents.rules";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { documents } from "../../../db/schema";
import { AppError } from "../../lib/errors";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { issuedNow, organisationHeader } from "../documents/document-parties";
import { generateDocument } from "../documents/documents.service";
import { findOrganisation } from "../leases/leases.queries";
import { findPerson, firstOfferDates } from "../persons/persons.queries";
import { firstOfferDeadline } from "../persons/persons.rules";
import { requireParameters } from "../persons/persons.service";
import { findPanel } from "./panels.queries";
import { readPanelView } from "./panels.service";

const smallPanelReasonText: Record<string, string> = {
  not_enough_matching_stock: "pas assez de logements captés correspondant aux choix de la personne",
  person_choice_specific: "choix très précis de la personne (recherche au cas par cas)",
  market_constraints: "contraintes du marché local",
  relocation_urgent: "relogement urgent",
};

/**
 * The offer sheet of a panel (template offer_sheet): produced once, from the amounts the offers
 * were made on, stored like every document (hash, template version), then served as stored.
 * Cahier des charges: the person chooses from the panel; fewer flats than the minimum are
 * justified on the sheet (footnote 32).
 */
export async function offerSheetPdf(
  ctx: UseCaseContext,
  panelId: string,
): Promise<{ id: string; pdf: Buffer; fileName: string }> {
  const organisationId = ctx.actor.organisationId;
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const panel = await findPanel(tx, organisationId, panelId);
    if (!panel) throw AppError.notFound("Proposition", panelId);
    const existing = await latestOfferSheet(tx, organisationId, panelId);
    if (existing) {
      return { id: existing.id, pdf: Buffer.from(existing.pdf), fileName: documentFileName(existing) };
    }

    const view = await readPanelView(tx, organisationId, panel, ctx.clock.today());
    const [organisation, parameters, firstOffers] = await Promise.all([
      findOrganisation(tx, organisationId),
      requireParameters(tx, organisationId),
      firstOfferDates(tx, organisationId, [panel.personId]),
    ]);
    if (!organisation) throw AppError.notFound("Organisation", organisationId);
    const person = await findPerson(tx, organisationId, panel.personId);
    if (!person) throw AppError.notFound("Personne", panel.personId);
    const generated = await generateDocument(tx, {
      organisationId,
      templateId: "offer_sheet",
      data: {
        organisation: organisationHeader(organisation, ctx.actor),
        person: {
          fullName: `${view.person.firstName} ${view.person.lastName}`,
          resourcesCents: view.person.resourcesTotalCents,
        },
        panel: {
          createdOn: view.proposedOn,
          firstOfferDeadline: firstOffers.get(panel.personId)
            ? null
            : firstOfferDeadline(person.entryDate, parameters.firstOfferDeadlineWeeks),
          fewerThanMinimumReason: view.reasonIfFewer
            ? `${smallPanelReasonText[view.reasonIfFewer] ?? view.reasonIfFewer}${view.reasonDetails ? ` : ${view.reasonDetails}` : ""}`
            : null,
        },
        offers: view.offers.map((offer) => ({
          reference: offer.unit.reference ?? offer.unit.unitId.slice(0, 8),
          address: `${offer.unit.address.street}, ${offer.unit.address.postcode} ${offer.unit.address.city}`,
          neighbourhood: offer.unit.neighbourhoodName,
          typology: offer.unit.typology,
          surfaceM2: offer.unit.surfaceM2,
          floor: offer.unit.floor,
          hasElevator: offer.unit.hasElevator,
          furnished: offer.unit.furnished,
          energyClass: offer.unit.energyClass,
          rentCents: offer.unit.rentCents,
          chargesCents: offer.unit.chargesCents,
          housingBenefitCents: view.person.housingBenefitCents,
          residualRentCents: offer.residualRent.residualCents,
          effortRateBasisPoints: Math.max(0, offer.residualRent.effortRateBasisPoints ?? 0),
        })),
        issued: issuedNow(organisation, ctx.clock),
      },
      links: { personId: panel.personId, subjectType: "panel", subjectId: panelId },
      createdAt: ctx.clock.now(),
      audit,
    });
    return { id: generated.documentId, pdf: generated.pdf, fileName: documentFileName(generated.row) };
  });
}

async function latestOfferSheet(db: Db, organisationId: string, panelId: string) {
  const [row] = await db
    .select({
      id: documents.id,
      pdf: documents.pdf,
      templateId: documents.templateId,
      leaseId: documents.leaseId,
      data: documents.data,
    })
    .from(documents)
    .where(
      and(
        eq(documents.organisationId, organisationId),
        eq(documents.subjectType, "panel"),
        eq(documents.subjectId, panelId),
        eq(documents.templateId, "offer_sheet"),
      ),
    )
    .orderBy(desc(documents.createdAt))
    .limit(1);
  return row ?? null;
}
