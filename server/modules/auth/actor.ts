import type { Role } from "./permissions";

/** Who is acting: the logged-in user, resolved from the session by the auth middleware. */
export type Actor = {
  kind: "user";
  userId: string;
  organisationId: string;
  role: Role;
  /** For role = landlord: the landlord record the account speaks for. */
  landlordId: string | null;
  email: string;
  fullName: string;
};

/** Writes made by the system itself (demo seed, scheduled runs, CLI). */
export type SystemActor = { kind: "system"; organisationId: string; label: string };

export type AnyActor = Actor | SystemActor;

export function actorLabel(actor: AnyActor): string {
  return actor.kind === "user" ? `${actor.fullName} <${actor.email}>` : `système: ${actor.label}`;
}
