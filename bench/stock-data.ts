/**
 * The benchmarks' housing stock: an organisation of `unitCount` available units in buildings of
 * five, spread over 20 neighbourhoods of Dijon (zone II of the housing benefit; one building in
 * five in Talant, whose zone the organisation has not entered), and ten people with choices
 * (wanted and excluded neighbourhoods, a place that matters, floor and step-free needs) whose
 * benefit is estimated flat by flat from the barème. Set-based SQL, the same on
 * PGlite and PostgreSQL. `withOfficer` adds a housing officer and an open session for HTTP runs.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "../db/client";
import {
  housingBenefitCommuneZones,
  housingChoices,
  neighbourhoods,
  organisations,
  persons,
  sessions,
  users,
} from "../db/schema";
import { seededRandom } from "../db/seed/demo-persons";
import { SESSION_COOKIE } from "../server/modules/auth/session-cookie";
import { hashToken, newSecretToken } from "../server/modules/auth/tokens";

const NEIGHBOURHOODS = 20;
const UNITS_PER_BUILDING = 5;

export async function generateStock(database: Database, unitCount: number) {
  const [org] = await database.db
    .insert(organisations)
    .values({ name: `Bench ${unitCount}`, kind: "iml_association", city: "Dijon", capacity: 100_000 })
    .returning();
  const organisationId = org!.id;
  await database.db.insert(housingBenefitCommuneZones).values({
    organisationId,
    inseeCode: "21231",
    name: "Dijon",
    zone: "II",
    source: "Arrêté du 17 mars 1978 modifié relatif au classement des communes par zone géographique",
  });
  const areaIds: string[] = [];
  for (let i = 0; i < NEIGHBOURHOODS; i++) {
    const lng = 4.98 + (i % 5) * 0.025;
    const lat = 47.3 + Math.floor(i / 5) * 0.015;
    const id = randomUUID();
    areaIds.push(id);
    await database.db.insert(neighbourhoods).values({
      organisationId,
      id,
      code: `B${i}`,
      name: `Quartier ${i}`,
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [lng, lat],
            [lng + 0.02, lat],
            [lng + 0.02, lat + 0.012],
            [lng, lat + 0.012],
            [lng, lat],
          ],
        ],
      },
      minLng: lng,
      minLat: lat,
      maxLng: lng + 0.02,
      maxLat: lat + 0.012,
    });
  }
  const buildingCount = Math.ceil(unitCount / UNITS_PER_BUILDING);
  const salt = randomBytes(4).toString("hex");
  // set-based generation: one statement per table, the same SQL on PGlite and PostgreSQL
  await database.query(
    `insert into buildings (organisation_id, id, street, postcode, city, insee_code, lng, lat, neighbourhood_id, total_dwellings, has_elevator)
     select $1::uuid, md5($3 || 'b' || i)::uuid, i || ' rue du Banc', '21000', 'Dijon',
            case when i % 5 = 0 then '21617' else '21231' end,
            4.98 + (i % 97) * 0.0012, 47.30 + (i % 89) * 0.0007,
            ($2::uuid[])[1 + i % ${NEIGHBOURHOODS}], 8 + i % 30, i % 3 = 0
     from generate_series(1, ${buildingCount}) as i`,
    [organisationId, `{${areaIds.join(",")}}`, salt],
  );
  await database.query(
    `insert into units (organisation_id, id, building_id, floor, typology, surface_m_2, rooms, furnished, step_free,
                        energy_class, rent_cents, charges_cents, status, status_since)
     select $1::uuid, gen_random_uuid(), md5($2 || 'b' || (1 + (i - 1) / ${UNITS_PER_BUILDING}))::uuid, i % 6,
            (array['studio','T1','T2','T3','T4'])[1 + i % 5]::typology, 20 + (i % 5) * 14, 1 + i % 5, i % 4 = 0, i % 7 = 0,
            (array['B','C','D','E','F','G'])[1 + i % 6]::energy_class, 30000 + (i % 40) * 1000, 3000 + (i % 10) * 500,
            'available', date '2026-11-23' - (i % 200)
     from generate_series(1, ${unitCount}) as i`,
    [organisationId, salt],
  );
  await database.query("analyze units");
  await database.query("analyze buildings");

  const random = seededRandom(unitCount);
  const people = [];
  for (let p = 0; p < 10; p++) {
    const [person] = await database.db
      .insert(persons)
      .values({
        organisationId,
        firstName: "Banc",
        lastName: `Personne ${p}`,
        resources: { rsa: 64_652, aah: 0, wages: p * 5_000, pension: 0, other: 0 },
        housingBenefitBasis: "estimate",
        housingBenefitCents: 0,
        entryDate: "2026-10-01",
        children: p % 4 === 0 ? 1 : 0,
      })
      .returning();
    await database.db.insert(housingChoices).values({
      organisationId,
      personId: person!.id,
      wantedNeighbourhoodIds: [random.pick(areaIds), random.pick(areaIds)].filter(
        (v, i, a) => a.indexOf(v) === i,
      ),
      excludedNeighbourhoodIds: p % 2 === 0 ? [areaIds[p]!] : [],
      placesThatMatter: [{ label: "Famille", lng: 5.03, lat: 47.32, maxDistanceKm: 3 }],
      highestFloorWithoutLift: p % 3 === 0 ? 2 : null,
      needsStepFree: p === 7,
    });
    people.push(person!);
  }
  return { organisationId, people };
}

/** A housing officer of the organisation and the Cookie header of a session opened at `now`. */
export async function withOfficer(database: Database, organisationId: string, now: Date): Promise<string> {
  const [user] = await database.db
    .insert(users)
    .values({
      organisationId,
      email: `bench-${randomUUID().slice(0, 8)}@bench.fr`,
      fullName: "Chargée de gestion (banc)",
      role: "housing_officer",
    })
    .returning();
  const token = newSecretToken();
  await database.db.insert(sessions).values({
    tokenHash: hashToken(token),
    organisationId,
    userId: user!.id,
    createdAt: now,
    lastSeenAt: now,
  });
  return `${SESSION_COOKIE}=${token}`;
}
