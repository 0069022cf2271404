import { eq } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import { hashPassword } from "../../server/modules/auth/passwords";
import type { Db } from "../client";
import { housingBenefitCommuneZones, landlords, organisations, users } from "../schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./demo-accounts";
import { seedDemoApiTokens } from "./demo-api-tokens";
import { seedDemoMail } from "./demo-mail";
import { seedDemoContracts } from "./demo-contracts";
import { seedDemoKeeping } from "./demo-keeping";
import { seedDemoPersons } from "./demo-persons";
import { seedDemoLedger } from "./demo-ledger";
import { seedDemoCharges } from "./demo-charges";
import { planDemo } from "./demo-plan";
import { seedDemoStock } from "./demo-stock";

export const DEMO_ORGANISATION_ID = "00000000-0000-4000-8000-00000000d170";
export const DEMO_LANDLORD_ID = "00000000-0000-4000-8000-0000000b0001";

/**
 * The demo site: "Un Chez-soi d'abord" in Dijon (seed 002 names Dijon as a site).
 * Each later area appends its demo data here, after the organisation exists (db/seed/index.ts calls
 * the demo-<area>.ts files of the other areas after this one).
 * @returns false when the organisation was already there (nothing else is written)
 */
export async function seedDemoOrganisation(
  tx: Db,
  clock: Clock,
  audit: AuditWriter,
  onPhase: (phase: string, ms: number) => void = () => {},
): Promise<boolean> {
  let started = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    onPhase(name, now - started);
    started = now;
  };
  const inserted = await tx
    .insert(organisations)
    .values({
      id: DEMO_ORGANISATION_ID,
      name: "Un Chez-soi d'abord — Dijon (démonstration)",
      kind: "chez_soi_site",
      city: "Dijon",
      capacity: 100,
      // demonstration bank details: a valid test IBAN, and the creditor identifier of the Banque de
      // France's own documentation example (never a real organisation's)
      bankAccountHolder: "Un Chez-soi d'abord Dijon",
      bankIban: "FR1420041010050500013M02606",
      bankBic: "PSSTFRPPDIJ",
      sepaCreditorIdentifier: "FR72ZZZ123456",
    })
    .onConflictDoNothing()
    .returning({ id: organisations.id });
  if (inserted.length === 0) return false;
  // the commune's zone for the housing benefit's rent plafonds: Dijon is in zone II (arrêté du
  // 17 mars 1978 relatif au classement des communes par zone géographique, as amended)
  await tx.insert(housingBenefitCommuneZones).values({
    organisationId: DEMO_ORGANISATION_ID,
    inseeCode: "21231",
    name: "Dijon",
    zone: "II",
    source:
      "Arrêté du 17 mars 1978 modifié relatif au classement des communes par zone géographique : Dijon (21231) en zone II (table de zonage publiée par openfisca-france, assets/apl/20110914_zonage.csv)",
  });

  await tx.insert(landlords).values({
    organisationId: DEMO_ORGANISATION_ID,
    id: DEMO_LANDLORD_ID,
    kind: "private_person",
    displayName: "Paul Propriétaire",
    firstName: "Paul",
    lastName: "Propriétaire",
    email: "proprietaire@demo.fr",
    emailConsent: true,
    // loi 89-462 art. 3: a lease names the lessor's domicile
    postalAddress: "7 rue Vannerie, 21000 Dijon",
    iban: "FR7630006000011234567890189",
  });

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  phase("organisation");
  await tx.insert(users).values(
    DEMO_ACCOUNTS.map((account) => ({
      organisationId: DEMO_ORGANISATION_ID,
      email: account.email,
      fullName: account.fullName,
      role: account.role,
      landlordId: account.role === "landlord" ? DEMO_LANDLORD_ID : null,
      passwordHash,
    })),
  );

  // integrations: the nightly bank import's token, and a revoked one
  await seedDemoApiTokens(tx, clock, audit, {
    organisationId: DEMO_ORGANISATION_ID,
    adminEmail: DEMO_ACCOUNTS.find((account) => account.role === "admin")!.email,
  });

  // the whole site is planned in memory from today's date, then written in bulk
  const plan = planDemo(clock.today(), {
    organisationId: DEMO_ORGANISATION_ID,
    demoLandlordId: DEMO_LANDLORD_ID,
  });
  phase("plan");
  // the site opened with its first capture: the targets of cahier des charges §8.9.1 run from it
  const openedOn = plan.transitions.reduce<string | null>(
    (first, t) => (first === null || t.effectiveDate < first ? t.effectiveDate : first),
    null,
  );
  await tx.update(organisations).set({ openedOn }).where(eq(organisations.id, DEMO_ORGANISATION_ID));
  await seedDemoStock(tx, plan, audit);
  phase("stock");
  await seedDemoPersons(tx, plan, audit);
  phase("persons");
  // contracts and mandates on the plan's tenancies
  await seedDemoContracts(tx, clock, audit, {
    organisationId: DEMO_ORGANISATION_ID,
    demoLandlordId: DEMO_LANDLORD_ID,
    plan,
  });
  phase("contracts");
  // a year of money on the leases
  await seedDemoLedger(tx, clock, {
    organisationId: DEMO_ORGANISATION_ID,
    demoLandlordId: DEMO_LANDLORD_ID,
  });
  phase("ledger");
  // the last twelve months' actual charges of one building, ready for the yearly regularisation
  await seedDemoCharges(tx, clock, audit, { organisationId: DEMO_ORGANISATION_ID });
  phase("charges");
  // tenancy keeping on the signed contracts, once the ledger says who owes: risks, prevention,
  // a partner meeting, a relocation
  await seedDemoKeeping(tx, clock, audit, { organisationId: DEMO_ORGANISATION_ID });
  phase("keeping");
  await seedDemoMail(tx, clock, {
    organisationId: DEMO_ORGANISATION_ID,
    demoLandlordId: DEMO_LANDLORD_ID,
    officerEmail: DEMO_ACCOUNTS.find((account) => account.role === "housing_officer")!.email,
  });

  await audit.record({
    action: "demo.seed",
    entityType: "organisation",
    entityId: DEMO_ORGANISATION_ID,
    details: { seededOn: clock.today() },
  });
  return true;
}
