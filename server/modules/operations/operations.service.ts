import type { Db } from "../../../db/client";
import type { Database } from "../../../db/client";
import { schemaVersion } from "../../../db/schema-version";
import type { Clock } from "../../lib/clock";
import type { PersonStatus } from "../persons/persons.rules";
import { admissionPanelFacts } from "../persons/persons.queries";
import {
  countPersonsByStatus,
  findPeopleAwaitingFirstOffer,
  listOrganisationsForGauges,
} from "./operations.queries";
import { firstOfferOverdueCount } from "./operations.rules";

export type OrganisationGauges = {
  organisationId: string;
  organisation: string;
  firstOfferOverdue: number;
  personsByStatus: Partial<Record<PersonStatus, number>>;
};

/** The business figures an operator watches, per organisation, computed as the alerts are. */
export async function businessGauges(db: Db, clock: Clock): Promise<OrganisationGauges[]> {
  const today = clock.today();
  const statusCounts = await countPersonsByStatus(db);
  const gauges: OrganisationGauges[] = [];
  for (const organisation of await listOrganisationsForGauges(db)) {
    const people = await findPeopleAwaitingFirstOffer(db, organisation.id);
    const panels = people.length > 0 ? await admissionPanelFacts(db, organisation.id) : new Map();
    const personsByStatus: OrganisationGauges["personsByStatus"] = {};
    for (const row of statusCounts)
      if (row.organisationId === organisation.id) personsByStatus[row.status] = row.people;
    gauges.push({
      organisationId: organisation.id,
      organisation: organisation.name,
      firstOfferOverdue: firstOfferOverdueCount(
        people.map((person) => ({ ...person, panels: panels.get(person.id) ?? [] })),
        organisation,
        today,
      ),
      personsByStatus,
    });
  }
  return gauges;
}

export type Readiness =
  | { ready: true; migration: string; databaseMs: number }
  | { ready: false; reason: string };

/**
 * Whether the process should receive traffic: not while it drains before a stop, and only when
 * the database answers and its schema is the one the code was written for.
 */
export async function readiness(database: Database, draining: boolean): Promise<Readiness> {
  if (draining) return { ready: false, reason: "arrêt en cours : le service ne prend plus de requêtes" };
  const started = performance.now();
  let version: Awaited<ReturnType<typeof schemaVersion>>;
  try {
    version = await schemaVersion(database);
  } catch {
    return { ready: false, reason: "la base de données ne répond pas" };
  }
  const databaseMs = Math.round((performance.now() - started) * 10) / 10;
  if (version.state === "behind")
    return {
      ready: false,
      reason: `schéma de la base en retard sur le code (${version.pending} migration(s) à appliquer)`,
    };
  if (version.state === "ahead")
    return { ready: false, reason: `schéma de la base plus récent que le code (${version.applied})` };
  return { ready: true, migration: version.migration, databaseMs };
}
