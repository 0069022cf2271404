import { and, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { Clock } from "../../server/lib/clock";
import { addDays, addMonths } from "../../server/lib/dates";
import type { AuditWriter } from "../../server/modules/audit/audit.service";
import { insertStatement } from "../../server/modules/charges/charges.queries";
import { TENANT_CONTRACT_KINDS } from "../../server/modules/leases/leases.rules";
import type { Db } from "../client";
import { buildings, leases, units } from "../schema";
import type { ChargeLineRecord } from "../schema/charges";

/** Demo amounts per m² and year, in cents: a plausible building's accounts, not a published figure. */
const perSquareMetre = [
  { category: "water", label: "Eau froide et eau chaude (annexe II)", cents: 250 },
  { category: "heating", label: "Chauffage collectif (annexe II)", cents: 450 },
  { category: "common_electricity", label: "Électricité des parties communes (annexe IV)", cents: 80 },
  { category: "common_maintenance", label: "Entretien des parties communes (annexe IV)", cents: 150 },
] as const;
const liftPerSquareMetre = 120;
const wasteTaxPerFlat = 12_000;

/**
 * The actual charges of the twelve months ending last month (the syndic's accounting year) for
 * the building where the organisation let the most flats then (loi 89-462 art. 23): entered, not yet sent, so the demo shows each lease's
 * regularisation preview against the provisions its rent calls carried, and finance can send
 * the décomptes. Common lines split by surface; the waste tax (TEOM) per flat.
 */
export async function seedDemoCharges(
  tx: Db,
  clock: Clock,
  audit: AuditWriter,
  options: { organisationId: string },
): Promise<{ statementId: string | null }> {
  const { organisationId } = options;
  const thisMonth = `${clock.today().slice(0, 7)}-01`;
  const periodStart = addMonths(thisMonth, -12);
  const periodEnd = addDays(thisMonth, -1);
  const tenancies = await tx
    .select({ unitId: leases.unitId, buildingId: units.buildingId })
    .from(leases)
    .innerJoin(units, and(eq(units.organisationId, leases.organisationId), eq(units.id, leases.unitId)))
    .where(
      and(
        eq(leases.organisationId, organisationId),
        inArray(leases.kind, [...TENANT_CONTRACT_KINDS]),
        inArray(leases.status, ["signed", "notice_given", "ended"]),
        lte(leases.startDate, periodEnd),
        or(isNull(leases.endDate), gte(leases.endDate, periodStart)),
      ),
    );
  const flatsByBuilding = new Map<string, Set<string>>();
  for (const row of tenancies)
    flatsByBuilding.set(row.buildingId, (flatsByBuilding.get(row.buildingId) ?? new Set()).add(row.unitId));
  // the most flats let, then the smallest id: the same building on every seed of the same plan
  const [buildingId] = [...flatsByBuilding.entries()].sort(
    (a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1),
  )[0] ?? [null];
  if (!buildingId) return { statementId: null };
  const [building] = await tx
    .select()
    .from(buildings)
    .where(and(eq(buildings.organisationId, organisationId), eq(buildings.id, buildingId)));
  const flats = await tx
    .select({ id: units.id, surfaceM2: units.surfaceM2 })
    .from(units)
    .where(and(eq(units.organisationId, organisationId), eq(units.buildingId, buildingId)));
  const surface = Math.round(flats.reduce((sum, f) => sum + f.surfaceM2, 0));
  const lines: ChargeLineRecord[] = perSquareMetre.map((line) => ({
    category: line.category,
    label: line.label,
    amountCents: line.cents * surface,
    unitId: null,
  }));
  if (building?.hasElevator)
    lines.unshift({
      category: "lift",
      label: "Ascenseur et monte-charge (annexe I)",
      amountCents: liftPerSquareMetre * surface,
      unitId: null,
    });
  for (const unitId of flatsByBuilding.get(buildingId)!)
    lines.push({
      category: "waste_tax",
      label: "Taxe d'enlèvement des ordures ménagères (annexe VIII)",
      amountCents: wasteTaxPerFlat,
      unitId,
    });
  const statement = await insertStatement(tx, { organisationId, buildingId, periodStart, periodEnd, lines });
  await audit.record({
    action: "charges.statement.create",
    entityType: "charge_statement",
    entityId: statement.id,
    after: statement,
  });
  return { statementId: statement.id };
}
