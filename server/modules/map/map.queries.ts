import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { Bbox } from "../neighbourhoods/geometry.rules";
import {
  type BuildingCapPolicy,
  PROGRAMME_STATUSES,
  SMALL_BUILDING_THRESHOLD,
} from "../scatter/scatter.rules";
import type { UnitStatus } from "../units/pipeline.rules";

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
 * The SQL twin of scatter.rules `buildingCapacity` (floor(cap × dwellings), or 1 under the
 * small-building exception), for the map query only; tests/api/map.test.ts checks both agree.
 */
function capacitySql(total: ReturnType<typeof sql>, policy: BuildingCapPolicy) {
  const strict = sql`((${total})::bigint * ${policy.capBasisPoints}::int / 10000)`;
  return sql`(case when ${strict} = 0 and ${policy.smallBuildingException}::boolean and ${total} < ${SMALL_BUILDING_THRESHOLD}::int then 1 else ${strict} end)`;
}

/**
 * The units of the buildings inside a bounding box, as a GeoJSON FeatureCollection text built
 * by PostgreSQL. The box is applied to buildings (btree index buildings_location_idx on
 * organisation_id, lng, lat), units come through units_building_idx, and each feature carries
 * its building's programme share and headroom (cahier des charges §9.4).
 *
 * The document leaves the database as ONE text value passed through untouched: with the
 * embedded database, handing over thousands of rows one by one and re-serialising them costs
 * more than the query itself (bench/map.ts).
 */
export function unitsInBboxQuery(
  organisationId: string,
  bbox: Bbox,
  statuses: readonly UnitStatus[] | undefined,
  policy: BuildingCapPolicy,
) {
  const statusFilter = statuses && statuses.length > 0 ? sql`and u.status in (${list(statuses)})` : sql``;
  return sql`
    with in_box as (
      select id, lng, lat, total_dwellings
      from buildings
      where organisation_id = ${organisationId}
        and lng between ${bbox.minLng}::float8 and ${bbox.maxLng}::float8
        and lat between ${bbox.minLat}::float8 and ${bbox.maxLat}::float8
    ),
    programme as (
      select b.id as building_id, b.total_dwellings, count(p.id)::int as n
      from in_box b
      left join units p
        on p.organisation_id = ${organisationId} and p.building_id = b.id and p.status in (${list(PROGRAMME_STATUSES)})
      group by b.id, b.total_dwellings
    )
    select json_build_object(
      'type', 'FeatureCollection',
      'bbox', json_build_array(${bbox.minLng}::float8, ${bbox.minLat}::float8, ${bbox.maxLng}::float8, ${bbox.maxLat}::float8),
      'features', coalesce(json_agg(json_build_object(
        'type', 'Feature',
        'id', u.id,
        'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(b.lng, b.lat)),
        'properties', json_build_object(
          'id', u.id,
          'buildingId', u.building_id,
          'status', u.status,
          'typology', u.typology,
          'rentCents', u.rent_cents,
          'chargesCents', u.charges_cents,
          'totalCents', u.rent_cents + u.charges_cents,
          'buildingProgrammeUnits', pr.n,
          'buildingTotalDwellings', b.total_dwellings,
          'buildingShareBasisPoints', round(pr.n * 10000.0 / b.total_dwellings)::int,
          'buildingHeadroom', ${capacitySql(sql`b.total_dwellings`, policy)} - pr.n
        )
      ) order by u.id), '[]'::json)
    )::text as document
    from units u
    join in_box b on b.id = u.building_id
    join programme pr on pr.building_id = u.building_id
    where u.organisation_id = ${organisationId} ${statusFilter}`;
}

/** The FeatureCollection text of the units in the box (see unitsInBboxQuery). */
export async function unitsInBboxDocument(
  db: Db,
  organisationId: string,
  bbox: Bbox,
  statuses: readonly UnitStatus[] | undefined,
  policy: BuildingCapPolicy,
): Promise<string> {
  const [row] = rowsOf<{ document: string }>(
    await db.execute(unitsInBboxQuery(organisationId, bbox, statuses, policy)),
  );
  return row!.document;
}
