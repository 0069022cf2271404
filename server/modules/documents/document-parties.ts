import type { buildings, landlords, organisations, persons, units } from "../../../db/schema";
import type { Clock } from "../../lib/clock";
import type { AnyActor } from "../auth/actor";

/**
 * Turns stored rows into the party and unit facts every contract template prints, so that each
 * module builds its document data the same way. Pure: rows in, template data out.
 */

type Organisation = typeof organisations.$inferSelect;
type Landlord = typeof landlords.$inferSelect;
type Person = typeof persons.$inferSelect;
type Unit = typeof units.$inferSelect;
type Building = typeof buildings.$inferSelect;

export function organisationHeader(organisation: Organisation, actor: AnyActor) {
  return {
    name: organisation.name,
    address: organisation.postalAddress ?? organisation.city,
    approval: organisation.approvalReference ?? null,
    representedBy: actor.kind === "user" ? actor.fullName : "son représentant légal",
  };
}

const LANDLORD_KIND_LABELS: Record<Landlord["kind"], string> = {
  private_person: "personne physique",
  sci: "société civile immobilière",
  company: "société",
  social_landlord: "bailleur social",
};

export function landlordParty(landlord: Landlord) {
  return {
    name: landlord.displayName,
    kindLabel: LANDLORD_KIND_LABELS[landlord.kind],
    address: landlord.postalAddress ?? null,
  };
}

export function personFullName(person: Pick<Person, "firstName" | "lastName">): string {
  return `${person.firstName} ${person.lastName}`;
}

export function personParty(person: Person) {
  return { fullName: personFullName(person), birthDate: person.birthDate ?? null };
}

export function buildingAddress(building: Pick<Building, "street" | "postcode" | "city">): string {
  return `${building.street}, ${building.postcode} ${building.city}`;
}

export function unitFacts(unit: Unit, building: Building) {
  return {
    address: buildingAddress(building),
    reference: unit.reference ?? null,
    typology: unit.typology,
    surfaceM2: unit.surfaceM2,
    rooms: unit.rooms,
    floor: unit.floor,
    furnished: unit.furnished,
    energyClass: unit.energyClass ?? null,
  };
}

/** "Fait à Dijon, le …": the organisation's city and today's business date. */
export function issuedNow(organisation: Organisation, clock: Clock) {
  return { place: organisation.city, date: clock.today() };
}
