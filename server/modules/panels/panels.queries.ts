import { and, asc, count, desc, eq, exists, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { buildings, offerPanels, offers, persons, units } from "../../../db/schema";
import type { PageRequest } from "../../lib/pagination";

export type PanelRow = typeof offerPanels.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;

export async function insertPanel(db: Db, values: typeof offerPanels.$inferInsert) {
  const [row] = await db.insert(offerPanels).values(values).returning();
  return row!;
}

export async function insertOffers(db: Db, values: (typeof offers.$inferInsert)[]) {
  return db.insert(offers).values(values).returning();
}

export async function findPanel(db: Db, organisationId: string, panelId: string, forUpdate = false) {
  const query = db
    .select()
    .from(offerPanels)
    .where(and(eq(offerPanels.organisationId, organisationId), eq(offerPanels.id, panelId)));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}

export async function findOffers(db: Db, organisationId: string, panelIds: readonly string[]) {
  if (panelIds.length === 0) return [];
  return db
    .select()
    .from(offers)
    .where(and(eq(offers.organisationId, organisationId), inArray(offers.panelId, [...panelIds])))
    .orderBy(asc(offers.panelId), asc(offers.position));
}

type PanelFilter = { status?: PanelRow["status"]; personId?: string };

function panelConditions(organisationId: string, filter: PanelFilter) {
  return and(
    eq(offerPanels.organisationId, organisationId),
    filter.status ? eq(offerPanels.status, filter.status) : undefined,
    filter.personId ? eq(offerPanels.personId, filter.personId) : undefined,
  );
}

export async function listPanels(db: Db, organisationId: string, filter: PanelFilter, page: PageRequest) {
  return db
    .select({
      panel: offerPanels,
      firstName: persons.firstName,
      lastName: persons.lastName,
      offerCount:
        sql<number>`(select count(*) from ${offers} o where o.organisation_id = ${offerPanels.organisationId} and o.panel_id = ${offerPanels.id})`.mapWith(
          Number,
        ),
    })
    .from(offerPanels)
    .innerJoin(
      persons,
      and(eq(persons.organisationId, offerPanels.organisationId), eq(persons.id, offerPanels.personId)),
    )
    .where(panelConditions(organisationId, filter))
    .orderBy(desc(offerPanels.proposedOn), asc(offerPanels.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countPanels(db: Db, organisationId: string, filter: PanelFilter): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(offerPanels)
    .where(panelConditions(organisationId, filter));
  return row?.n ?? 0;
}

export async function updatePanel(
  db: Db,
  organisationId: string,
  panelId: string,
  values: Partial<PanelRow>,
) {
  const [row] = await db
    .update(offerPanels)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(offerPanels.organisationId, organisationId), eq(offerPanels.id, panelId)))
    .returning();
  return row!;
}

export async function updateOffer(
  db: Db,
  organisationId: string,
  offerId: string,
  values: Partial<OfferRow>,
) {
  const [row] = await db
    .update(offers)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(offers.organisationId, organisationId), eq(offers.id, offerId)))
    .returning();
  return row!;
}

/** Open panels whose last day is before `today`. */
export async function findOverduePanels(db: Db, organisationId: string, today: string) {
  return db
    .select()
    .from(offerPanels)
    .where(
      and(
        eq(offerPanels.organisationId, organisationId),
        eq(offerPanels.status, "open"),
        lt(offerPanels.expiresOn, today),
      ),
    )
    .orderBy(asc(offerPanels.id))
    .for("update");
}

/**
 * Units committed to the programme in these buildings: let, notice given, or reserved by an
 * accepted offer (the lease is on its way). Open panels' reservations are not commitments.
 */
export async function countCommittedUnitsByBuilding(
  db: Db,
  organisationId: string,
  buildingIds: readonly string[],
) {
  if (buildingIds.length === 0) return new Map<string, number>();
  const rows = await db
    .select({ buildingId: units.buildingId, n: count() })
    .from(units)
    .where(
      and(
        eq(units.organisationId, organisationId),
        inArray(units.buildingId, [...buildingIds]),
        or(
          inArray(units.status, ["let", "notice_given"]),
          and(
            eq(units.status, "reserved"),
            exists(
              db
                .select({ one: sql`1` })
                .from(offers)
                .where(
                  and(
                    eq(offers.organisationId, units.organisationId),
                    eq(offers.unitId, units.id),
                    eq(offers.status, "accepted"),
                  ),
                ),
            ),
          ),
        ),
      ),
    )
    .groupBy(units.buildingId);
  return new Map(rows.map((row) => [row.buildingId, Number(row.n)]));
}

export async function findUnitBuilding(db: Db, organisationId: string, unitId: string) {
  const [row] = await db
    .select({ buildingId: units.buildingId, totalDwellings: buildings.totalDwellings })
    .from(units)
    .innerJoin(
      buildings,
      and(eq(buildings.organisationId, units.organisationId), eq(buildings.id, units.buildingId)),
    )
    .where(and(eq(units.organisationId, organisationId), eq(units.id, unitId)));
  return row ?? null;
}
