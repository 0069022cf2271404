import type { Action, Role } from "./permissions";

/**
 * Who is acting: the logged-in user, resolved from the session by the auth middleware, or an API
 * token acting on behalf of the user who created it (`apiToken` set). A token is not a person: it
 * carries its creator's identity (the rows it writes name the creator as their author, foreign keys
 * to users hold) and is narrowed to its own scopes.
 */
export type Actor = {
  kind: "user";
  userId: string;
  organisationId: string;
  role: Role;
  /** For role = landlord: the landlord record the account speaks for. */
  landlordId: string | null;
  email: string;
  fullName: string;
  /** Set when the request came with `Authorization: Bearer`: the token acting, and its scopes. */
  apiToken?: ApiTokenActing;
};

export type ApiTokenActing = { id: string; name: string; scopes: readonly Action[] };

/** Writes made by the system itself (demo seed, scheduled runs, CLI). */
export type SystemActor = { kind: "system"; organisationId: string; label: string };

export type AnyActor = Actor | SystemActor;

/** The author an audit row names: the user, or the token and the user who created it. */
export function actorLabel(actor: AnyActor): string {
  if (actor.kind === "system") return `système: ${actor.label}`;
  const person = `${actor.fullName} <${actor.email}>`;
  return actor.apiToken ? `jeton « ${actor.apiToken.name} » (créé par ${person})` : person;
}
