/**
 * Fixtures of the authorization test (tests/api/authorization.test.ts): the only file to edit
 * when a route is added. The test itself never changes.
 *
 * The test reads /api/openapi.json and calls EVERY operation as anonymous and as each role, on
 * an object of the caller's organisation, on one of another organisation (expects 404) and, for
 * operations a landlord may call, on another landlord's object of the same organisation
 * (expects 404). To put real ids into a path it asks this registry:
 *
 * 1. `pathFixtures`, keyed by the path template exactly as the OpenAPI document writes it
 *    ("/api/users/{id}", "/api/buildings/{buildingId}/units/{unitId}"): a function that creates
 *    the object in `ctx.organisationId` and returns the value of every path parameter. For an
 *    object a landlord can reach (a building, unit, mandate, statement, document…), make it
 *    belong to `ctx.landlordId` — the test passes the landlord whose object it must be.
 *    `ctx.userId` is a user of that organisation holding the calling role (for objects owned
 *    by a user). One function serves every method of the template. It is called afresh for
 *    each call (DELETE and state changes never see a used object), so keep it to a few inserts.
 *    A sub-resource needs no entry of its own when its parameters are those of a registered
 *    prefix: "/api/users/{id}/password-link" uses "/api/users/{id}" (findPathFixture).
 *    An operation with path parameters and no fixture fails the test, saying what to add.
 *
 * 2. `validBodies`, keyed by "METHOD /path/template": a request body that passes validation,
 *    for operations whose body has required fields. Without one the test sends `{}`, which is
 *    fine for the caller's own object (422 counts as "allowed"), but on another organisation's
 *    object a 422 hides whether the route would answer 404: the test then fails and asks for a
 *    valid body here. Return a FormData for multipart routes.
 *
 * Use the area's factories (tests/support/factories/*) inside fixtures: they take overrides.
 */
import { mailOutbox } from "../../db/schema";
import type { Db } from "../../db/client";
import {
  bearerFor,
  createBuilding,
  createChargeStatement,
  createSentRegularisation,
  createLedgerTransaction,
  createRentCallWithReceipt,
  createRentRevisionProposal,
  createTenancyRisk,
  createTenancy,
  createUnmatchedBankLine,
  createDraftLease,
  createKeepingMeeting,
  createLandlord,
  createLandlordUnit,
  createMandateRecord,
  createNeighbourhood,
  createOpenPanel,
  createPerson,
  createRiskAction,
  createUnit,
  createUser,
} from "./factories";

export type FixtureContext = {
  db: Db;
  /** the organisation the object must belong to */
  organisationId: string;
  /** a landlord record of that organisation: owner of landlord-reachable objects */
  landlordId: string;
  /** a user of that organisation with the calling role (the caller itself for own objects) */
  userId: string;
};

/** Path parameter values by name, e.g. { id: "…" } for "/api/users/{id}". */
export type PathParams = Record<string, string>;

export type PathFixture = (ctx: FixtureContext) => Promise<PathParams>;

export type BodyFixture = (ctx: FixtureContext & { params: PathParams }) => unknown | Promise<unknown>;

export const pathFixtures: Record<string, PathFixture> = {
  // users admin
  "/api/users/{id}": async ({ db, organisationId }) => {
    const user = await createUser(db, { organisationId, role: "housing_officer" });
    return { id: user.id };
  },
  // the outbox
  "/api/mail/outbox/{id}": async ({ db, organisationId }) => {
    const [row] = await db
      .insert(mailOutbox)
      .values({
        organisationId,
        recipient: "destinataire@test.fr",
        template: "alerts_digest",
        subject: "Vos alertes",
        bodyText: "texte",
        bodyHtml: "<p>texte</p>",
        state: "failed",
        attempts: 8,
        nextAttemptAt: new Date(),
        triggeredBy: "système: test",
      })
      .returning();
    return { id: row!.id };
  },
  "/api/api-tokens/{id}": async ({ db, organisationId }) => {
    const creator = await createUser(db, { organisationId, role: "admin" });
    return { id: (await bearerFor(db, creator, { scopes: ["stock.read"] })).id };
  },
  // housing stock
  "/api/landlords/{id}": async ({ db, organisationId }) => {
    const landlord = await createLandlord(db, { organisationId });
    return { id: landlord.id };
  },
  "/api/neighbourhoods/{id}": async ({ db, organisationId }) => {
    const neighbourhood = await createNeighbourhood(db, { organisationId });
    return { id: neighbourhood.id };
  },
  "/api/buildings/{id}": async ({ db, organisationId, landlordId }) => {
    const building = await createBuilding(db, { organisationId, landlordId });
    return { id: building.id };
  },
  "/api/units/{id}": async ({ db, organisationId, landlordId }) => {
    const building = await createBuilding(db, { organisationId, landlordId });
    const unit = await createUnit(db, { organisationId, buildingId: building.id, landlordId });
    return { id: unit.id };
  },
  // people, matching and panels
  "/api/persons/{id}": async ({ db, organisationId }) => {
    const person = await createPerson(db, { organisationId });
    return { id: person.id };
  },
  "/api/panels/{id}": async ({ db, organisationId }) => {
    const { panel } = await createOpenPanel(db, { organisationId });
    return { id: panel.id };
  },
  "/api/panels/{id}/offer-sheet.pdf": async ({ db, organisationId }) => {
    const { panel } = await createOpenPanel(db, { organisationId });
    return { id: panel.id };
  },
  "/api/panels/{id}/offers/{offerId}": async ({ db, organisationId }) => {
    const { panel, offer } = await createOpenPanel(db, { organisationId });
    return { id: panel.id, offerId: offer.id };
  },
  // documents, leases, mandates and the landlord's portal
  "/api/documents/{file}": async ({ db, organisationId, landlordId }) => {
    const { documentId } = await createMandateRecord(db, { organisationId, landlordId });
    return { file: `${documentId}.pdf` };
  },
  "/api/leases/{id}": async ({ db, organisationId, landlordId }) => {
    const lease = await createDraftLease(db, { organisationId, landlordId });
    return { id: lease.id };
  },
  "/api/mandates/{id}": async ({ db, organisationId, landlordId }) => {
    const { mandate } = await createMandateRecord(db, { organisationId, landlordId });
    return { id: mandate.id };
  },
  "/api/portal/mandates/{id}": async ({ db, organisationId, landlordId }) => {
    const { mandate } = await createMandateRecord(db, { organisationId, landlordId });
    return { id: mandate.id };
  },
  // tenancy keeping
  "/api/tenancy-risks/{id}": async ({ db, organisationId, landlordId }) => {
    const { risk } = await createTenancyRisk(db, { organisationId, landlordId });
    return { id: risk.id };
  },
  "/api/risk-actions/{id}": async ({ db, organisationId, landlordId }) => {
    const { action } = await createRiskAction(db, { organisationId, landlordId });
    return { id: action.id };
  },
  "/api/keeping/meetings/{id}": async ({ db, organisationId, landlordId }) => {
    const meeting = await createKeepingMeeting(db, { organisationId, landlordId });
    return { id: meeting.id };
  },
  "/api/portal/meetings/{id}": async ({ db, organisationId, landlordId }) => {
    const meeting = await createKeepingMeeting(db, { organisationId, landlordId });
    return { id: meeting.id };
  },
  // ledger and finance
  "/api/ledger/transactions/{id}": async ({ db, organisationId }) => {
    const transaction = await createLedgerTransaction(db, organisationId);
    return { id: transaction.id };
  },
  "/api/ledger/leases/{leaseId}": async ({ db, organisationId, landlordId }) => {
    const { lease } = await createTenancy(db, organisationId, { landlordId });
    return { leaseId: lease.id };
  },
  "/api/ledger/landlords/{landlordId}": async ({ landlordId }) => ({ landlordId }),
  "/api/ledger/rent-calls/{id}": async ({ db, organisationId, landlordId }) => {
    const { rentCall } = await createRentCallWithReceipt(db, organisationId, landlordId);
    return { id: rentCall.id };
  },
  "/api/ledger/receipts/{id}": async ({ db, organisationId, landlordId }) => {
    const { receipt } = await createRentCallWithReceipt(db, organisationId, landlordId);
    return { id: receipt.id };
  },
  "/api/ledger/revisions/{id}": async ({ db, organisationId, landlordId }) => {
    const revision = await createRentRevisionProposal(db, organisationId, landlordId);
    return { id: revision.id };
  },
  "/api/ledger/bank-lines/{id}": async ({ db, organisationId }) => {
    const line = await createUnmatchedBankLine(db, organisationId);
    return { id: line.id };
  },
  "/api/ledger/bank-imports/{id}": async ({ db, organisationId }) => {
    const line = await createUnmatchedBankLine(db, organisationId);
    return { id: line.importId };
  },
  "/api/charges/statements/{id}": async ({ db, organisationId, landlordId }) => {
    const { statement } = await createChargeStatement(db, organisationId, landlordId);
    return { id: statement.id };
  },
  "/api/charges/regularisations/{id}": async ({ db, organisationId, landlordId }) => {
    const { regularisation } = await createSentRegularisation(db, organisationId, landlordId);
    return { id: regularisation.id };
  },
};

export const validBodies: Record<string, BodyFixture> = {
  "POST /api/charges/statements": async ({ db, organisationId }) => ({
    buildingId: (await createBuilding(db, { organisationId })).id,
    periodStart: "2025-01-01",
    periodEnd: "2025-12-31",
    lines: [{ category: "lift", amountCents: 10_000, unitId: null }],
  }),
  "PUT /api/charges/statements/{id}": () => ({
    lines: [{ category: "heating", amountCents: 20_000, unitId: null }],
  }),
  "POST /api/charges/regularisations/{id}/confirmation": () => ({ instalments: false, provisionFrom: null }),
  "PATCH /api/landlords/{id}": () => ({ phone: "03 80 00 00 00" }),
  "PATCH /api/neighbourhoods/{id}": () => ({ name: "Quartier renommé" }),
  "PATCH /api/buildings/{id}": () => ({ hasElevator: true }),
  "PATCH /api/units/{id}": () => ({ floor: 2 }),
  "POST /api/units/{id}/transitions": () => ({ to: "reserved", date: "2026-11-23" }),
  "PATCH /api/persons/{id}": () => ({ phone: "06 00 00 00 00" }),
  "PUT /api/persons/{id}/choices": () => ({}),
  "POST /api/persons/{id}/status": () => ({ action: "suspend" }),
  "POST /api/persons/{id}/housing-benefit-rights": () => ({
    openedOn: "2026-11-20",
    monthlyAmountCents: 25_000,
  }),
  "POST /api/housing-benefit/scale": () => ({
    key: "p0.minimum",
    effectiveFrom: "2026-10-01",
    value: 4000,
    source: "Arrêté de revalorisation, art. 13",
  }),
  "PUT /api/housing-benefit/commune-zones": () => ({
    source: "Arrêté du 17 mars 1978 modifié",
    communes: [{ inseeCode: "21231", name: "Dijon", zone: "II" }],
  }),
  "POST /api/persons/{id}/panels": async ({ db, organisationId }) => {
    const building = await createBuilding(db, { organisationId, totalDwellings: 20 });
    const unit = await createUnit(db, { organisationId, buildingId: building.id });
    return { unitIds: [unit.id], reasonIfFewerThanThree: "not_enough_matching_stock" };
  },
  "PATCH /api/panels/{id}/offers/{offerId}": () => ({ visitDate: "2026-11-25" }),
  "POST /api/users/{id}/password-link": () => ({ purpose: "password_reset" }),
  "PATCH /api/users/{id}": () => ({ fullName: "Nom corrigé" }),
  "POST /api/api-tokens": () => ({
    name: "Import bancaire de nuit",
    scopes: ["ledger.read"],
    expiresOn: "2027-03-31",
  }),
  "POST /api/leases/{id}/sign": () => ({}),
  "POST /api/leases/{id}/reviews": () => ({ heldOn: "2027-06-01", outcome: "favourable" }),
  "POST /api/leases/{id}/glissement": () => ({ effectiveDate: "2028-12-01" }),
  "POST /api/leases/{id}/notice": () => ({ effectiveDate: "2027-03-01", reason: "departure" }),
  "POST /api/leases/{id}/terminate": () => ({ endedOn: "2027-03-01", reason: "departure" }),
  "POST /api/leases/{id}/relocation": async ({ db, organisationId, landlordId }) => {
    const unit = await createLandlordUnit(db, { organisationId, landlordId });
    return { toUnitId: unit.id, effectiveDate: "2027-03-01" };
  },
  "POST /api/leases/{id}/inspections": () => ({
    kind: "entry",
    inspectedOn: "2026-11-23",
    rooms: [{ name: "Séjour", items: [{ name: "Sol", condition: "good" }] }],
    meters: [],
    keys: [{ label: "Porte d'entrée", count: 2 }],
    signedByTenant: true,
    signedByLessor: true,
  }),
  "POST /api/leases/{id}/deposit-return": () => ({ returnedOn: "2026-11-23", deductions: [] }),
  "POST /api/leases/{id}/tenancy-risks": () => ({
    kind: "unpaid_rent",
    noticedOn: "2026-11-20",
    reportedBy: "housing_officer",
  }),
  "POST /api/leases/{id}/payment-terms": () => ({ paymentFrequency: "fortnightly" }),
  "POST /api/leases/{id}/prefect-information": () => ({ informedOn: "2028-10-01" }),
  "POST /api/leases/{id}/relocation-requests": () => ({
    requestedOn: "2026-11-20",
    reason: "Logement trop petit pour le ménage",
  }),
  "POST /api/tenancy-risks/{id}/close": () => ({ closedOn: "2026-11-20", outcome: "resolved" }),
  "POST /api/tenancy-risks/{id}/actions": () => ({
    action: "Rendez-vous avec le locataire",
    owner: "Chargé·e de gestion locative",
    dueOn: "2026-12-15",
  }),
  "POST /api/tenancy-risks/{id}/prevention-steps": () => ({ kind: "fsl_application", stepOn: "2026-11-20" }),
  "POST /api/risk-actions/{id}/done": () => ({ doneOn: "2026-11-20" }),
  "POST /api/portal/mandates/{id}/sign": () => ({ fullName: "Nom du mandant", consent: true }),
  "POST /api/ledger/transactions/{id}/reversal": () => ({ reason: "Saisie en double" }),
  "POST /api/ledger/leases/{leaseId}/repayment-plans": () => ({
    startOn: "2026-04-01",
    instalments: [{ dueOn: "2026-04-10", amountCents: 5_000 }],
  }),
  "POST /api/ledger/leases/{leaseId}/caf-reports": () => ({ reportedOn: "2026-03-10" }),
  "POST /api/ledger/leases/{leaseId}/write-offs": () => ({
    amountCents: 1_000,
    reason: "Dette irrécouvrable",
  }),
  "POST /api/ledger/leases/{leaseId}/guarantee-payouts": () => ({ amountCents: 1_000 }),
  "POST /api/ledger/leases/{leaseId}/refunds": () => ({ amountCents: 1_000, paidOn: "2026-03-10" }),
  "POST /api/ledger/leases/{leaseId}/debit-mandate": () => ({
    signedOn: "2026-02-10",
    iban: "FR1420041010050500013M02606",
  }),
  "POST /api/ledger/landlords/{landlordId}/statements": () => ({ period: "2026-01" }),
  "POST /api/ledger/revisions/{id}/request": () => ({ requestedOn: "2026-03-15" }),
  "POST /api/ledger/bank-lines/{id}/assignment": async ({ db, organisationId, landlordId }) => {
    const { lease } = await createTenancy(db, organisationId, { landlordId });
    return { leaseId: lease.id };
  },
};

const parametersOf = (template: string) => [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);

/**
 * The fixture of a path template: its own entry, or the longest registered prefix that declares
 * every parameter of the path (sub-resources and actions of a registered object).
 */
export function findPathFixture(
  template: string,
  registry: Record<string, PathFixture> = pathFixtures,
): PathFixture | undefined {
  if (registry[template]) return registry[template];
  const needed = parametersOf(template);
  const prefix = Object.keys(registry)
    .filter((key) => template.startsWith(`${key}/`))
    .filter((key) => needed.every((name) => parametersOf(key).includes(name)))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? registry[prefix] : undefined;
}
