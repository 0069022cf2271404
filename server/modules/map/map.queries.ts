import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { Bbox } from "../neighbourhoods/geometry.rules";
import { PROGRAMME_STATUSES } from "../scatter/scatter.rules";
import type { UnitStatus } from "../units/pipeline.rules";
import type { GridCell } from "./map.rules";

/** [id, status, typology, rentCents, chargesCents, buildingId, lng, lat, totalDwellings, programmeUnits] */
export type UnitInBboxTuple = [
  string,
  UnitStatus,
  string,
  number,
  number,
  string,
  number,
  number,
  number,
  number,
];

/** The rows of one SELECT, whatever the driver (postgres.js gives an array, PGlite `{rows}`). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

/**
 * The units of the buildings inside a bounding box, with their building's programme count.
 * The box is applied to buildings (btree index buildings_location_idx on organisation_id, lng,
 * lat) and units come through units_building_idx.
 *
 * The rows leave the database as ONE json_agg text of compact arrays: with the embedded
 * database, handing over thousands of rows one by one costs more than the query (bench/map.ts).
 */
export function unitsInBboxQuery(
  organisationId: string,
  bbox: Bbox,
  statuses: readonly UnitStatus[] | undefined,
  onlyIds?: readonly string[],
) {
  const statusFilter = statuses && statuses.length > 0 ? sql`and u.status in (${list(statuses)})` : sql``;
  const idFilter = onlyIds
    ? onlyIds.length > 0
      ? sql`and u.id in (${list(onlyIds)})`
      : sql`and false`
    : sql``;
  return sql`
    with in_box as (
      select id, lng, lat, total_dwellings
      from buildings
      where organisation_id = ${organisationId}
        and lng between ${bbox.minLng}::float8 and ${bbox.maxLng}::float8
        and lat between ${bbox.minLat}::float8 and ${bbox.maxLat}::float8
    ),
    programme as (
      select b.id as building_id, count(p.id)::int as n
      from in_box b
      left join units p
        on p.organisation_id = ${organisationId} and p.building_id = b.id and p.status in (${list(PROGRAMME_STATUSES)})
      group by b.id
    )
    select coalesce(json_agg(json_build_array(
      u.id, u.status, u.typology, u.rent_cents, u.charges_cents, u.building_id,
      b.lng, b.lat, b.total_dwellings, pr.n
    ) order by u.id), '[]')::text as tuples
    from units u
    join in_box b on b.id = u.building_id
    join programme pr on pr.building_id = u.building_id
    where u.organisation_id = ${organisationId} ${statusFilter} ${idFilter}`;
}

/** [id, status, lng, lat]: a map pin and nothing more */
export type UnitPinTuple = [string, UnitStatus, number, number];

/** The units of the buildings inside a bounding box, joined the way every box query joins them. */
function unitsOfBox(organisationId: string, bbox: Bbox, statuses: readonly UnitStatus[] | undefined) {
  const statusFilter = statuses && statuses.length > 0 ? sql`and u.status in (${list(statuses)})` : sql``;
  return sql`
    from buildings b
    join units u on u.organisation_id = ${organisationId} and u.building_id = b.id
    where b.organisation_id = ${organisationId}
      and b.lng between ${bbox.minLng}::float8 and ${bbox.maxLng}::float8
      and b.lat between ${bbox.minLat}::float8 and ${bbox.maxLat}::float8
      ${statusFilter}`;
}

/** The units of the buildings inside a bounding box as pins only: no price, no programme count. */
export function unitPinsInBboxQuery(
  organisationId: string,
  bbox: Bbox,
  statuses: readonly UnitStatus[] | undefined,
) {
  return sql`
    select coalesce(json_agg(json_build_array(u.id, u.status, b.lng, b.lat) order by u.id), '[]')::text as tuples
    ${unitsOfBox(organisationId, bbox, statuses)}`;
}

export async function unitPinsInBbox(
  db: Db,
  organisationId: string,
  bbox: Bbox,
  statuses: readonly UnitStatus[] | undefined,
): Promise<UnitPinTuple[]> {
  const [row] = rowsOf<{ tuples: string }>(
    await db.execute(unitPinsInBboxQuery(organisationId, bbox, statuses)),
  );
  return JSON.parse(row?.tuples ?? "[]") as UnitPinTuple[];
}

export async function unitsInBbox(
  db: Db,
  organisationId: string,
  bbox: Bbox,
  statuses: readonly UnitStatus[] | undefined,
  onlyIds?: readonly string[],
): Promise<UnitInBboxTuple[]> {
  const [row] = rowsOf<{ tuples: string }>(
    await db.execute(unitsInBboxQuery(organisationId, bbox, statuses, onlyIds)),
  );
  return JSON.parse(row?.tuples ?? "[]") as UnitInBboxTuple[];
}

/**
 * [units, available, lng, lat, id, status]: one cell of the grid, at the mean position of its
 * units; `id` and `status` are those of its unit when it holds only one, null otherwise.
 */
export type UnitCellTuple = [number, number, number, number, string | null, UnitStatus | null];

/** The units of a box grouped by grid cell (map.rules.ts gridCellAt), in one json_agg text. */
export async function unitCellsInBbox(
  db: Db,
  organisationId: string,
  bbox: Bbox,
  statuses: readonly UnitStatus[] | undefined,
  cell: GridCell,
): Promise<UnitCellTuple[]> {
  const [row] = rowsOf<{ tuples: string }>(
    await db.execute(sql`
      with cells as (
        select count(*)::int as n,
               count(*) filter (where u.status = 'available')::int as available,
               avg(b.lng) as lng, avg(b.lat) as lat,
               min(u.id::text) as id, min(u.status::text) as status
        ${unitsOfBox(organisationId, bbox, statuses)}
        group by floor(b.lng / ${cell.lngDegrees}::float8), floor(b.lat / ${cell.latDegrees}::float8)
      )
      select coalesce(json_agg(json_build_array(
        n, available, lng, lat,
        case when n = 1 then id end,
        case when n = 1 then status end
      ) order by lng, lat), '[]')::text as tuples
      from cells`),
  );
  return JSON.parse(row?.tuples ?? "[]") as UnitCellTuple[];
}

/**
 * The pipeline statuses of each building's units, as ",available,let," (the map filters the
 * buildings with a substring test: GeoJSON arrays do not survive the map's worker as arrays).
 */
export async function unitStatusesByBuilding(db: Db, organisationId: string): Promise<Map<string, string>> {
  const rows = rowsOf<{ building_id: string; statuses: string }>(
    await db.execute(sql`
      select building_id, ',' || string_agg(distinct status::text, ',' order by status::text) || ',' as statuses
      from units
      where organisation_id = ${organisationId}
      group by building_id`),
  );
  return new Map(rows.map((row) => [row.building_id, row.statuses]));
}
