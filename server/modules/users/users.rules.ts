import type { Role } from "../auth/permissions";

/** How long a one-time link stays valid: an invitation a week, a reset a day. */
export const PASSWORD_LINK_LIFETIME_HOURS = { invitation: 7 * 24, password_reset: 24 } as const;
export type PasswordLinkPurpose = keyof typeof PASSWORD_LINK_LIFETIME_HOURS;

export function passwordLinkExpiry(purpose: PasswordLinkPurpose, now: Date): Date {
  return new Date(now.getTime() + PASSWORD_LINK_LIFETIME_HOURS[purpose] * 3_600_000);
}

/**
 * A landlord account speaks for exactly one landlord record; the other roles for none.
 * Returns the field problems (path, French message), empty when the pair is consistent.
 */
export function landlordLinkProblems(
  role: Role,
  landlordId: string | null,
): { path: string; message: string }[] {
  if (role === "landlord" && !landlordId)
    return [{ path: "json.landlordId", message: "Un compte propriétaire doit être lié à un propriétaire" }];
  if (role !== "landlord" && landlordId)
    return [{ path: "json.landlordId", message: "Seul un compte propriétaire est lié à un propriétaire" }];
  return [];
}

/**
 * The role and landlord link a user ends with after a change: leaving the landlord role drops
 * the link unless the change names one (which landlordLinkProblems then refuses).
 */
export function resultingLandlordLink(
  current: { role: Role; landlordId: string | null },
  change: { role?: Role; landlordId?: string | null },
): { role: Role; landlordId: string | null } {
  const role = change.role ?? current.role;
  if (change.landlordId !== undefined) return { role, landlordId: change.landlordId };
  return { role, landlordId: role === "landlord" ? current.landlordId : null };
}

/** An organisation must keep one active admin, or nobody could manage its users again. */
export function removesLastActiveAdmin(
  current: { role: Role; disabled: boolean },
  next: { role: Role; disabled: boolean },
  otherActiveAdmins: number,
): boolean {
  const wasActiveAdmin = current.role === "admin" && !current.disabled;
  const staysActiveAdmin = next.role === "admin" && !next.disabled;
  return wasActiveAdmin && !staysActiveAdmin && otherActiveAdmins === 0;
}

/** The link handed to the user: the token sits in the fragment, so it never reaches a server log. */
export function passwordLinkUrl(origin: string, token: string): string {
  return `${origin.replace(/\/$/, "")}/set-password#token=${encodeURIComponent(token)}`;
}
