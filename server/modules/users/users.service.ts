import type { z } from "@hono/zod-openapi";
import type { Db } from "../../../db/client";
import { AppError } from "../../lib/errors";
import { type Page, type PageRequest, pageOfRows } from "../../lib/pagination";
import type { Clock } from "../../lib/clock";
import { parisDateOf } from "../../lib/dates";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import type { AuditWriter } from "../audit/audit.service";
import type { AnyActor } from "../auth/actor";
import { organisationName } from "../mail/mail.queries";
import { type MailSettings, queueMail } from "../mail/mail.service";
import { revokeUserSessions } from "../auth/auth.queries";
import { forgetSessions } from "../auth/session-cache";
import type { Role } from "../auth/permissions";
import { hashToken, newSecretToken } from "../auth/tokens";
import {
  countOtherActiveAdmins,
  deleteUnusedTokens,
  emailTaken,
  findUser,
  insertToken,
  insertUser,
  landlordExists,
  countUsers,
  listUsers,
  type UserRecord,
  updateUser,
} from "./users.queries";
import {
  landlordLinkProblems,
  type PasswordLinkPurpose,
  passwordLinkExpiry,
  passwordLinkUrl,
  removesLastActiveAdmin,
  resultingLandlordLink,
} from "./users.rules";
import type { CreateUserBody, PasswordLink, UpdateUserBody, User } from "./users.schemas";

type UserView = z.infer<typeof User>;
type PasswordLinkView = z.infer<typeof PasswordLink>;

/** What an admin sees of a user, and what the audit records of it (never the password hash). */
export function toUserView(user: UserRecord): UserView {
  return {
    id: user.id,
    organisationId: user.organisationId,
    email: user.email,
    fullName: user.fullName,
    role: user.role,
    landlordId: user.landlordId,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export async function listOrganisationUsers(
  context: UseCaseContext,
  filter: { role?: Role; includeDisabled: boolean },
  page: PageRequest,
): Promise<Page<UserView>> {
  const organisationId = context.actor.organisationId;
  const [rows, total] = await Promise.all([
    listUsers(context.db, organisationId, filter, page),
    countUsers(context.db, organisationId, filter),
  ]);
  return pageOfRows(rows.map(toUserView), total, page);
}

export async function getUser(context: UseCaseContext, id: string): Promise<UserView> {
  const user = await findUser(context.db, context.actor.organisationId, id);
  if (!user) throw AppError.notFound("Utilisateur", id);
  return toUserView(user);
}

async function checkLandlordLink(tx: Db, organisationId: string, role: Role, landlordId: string | null) {
  const problems = landlordLinkProblems(role, landlordId);
  if (problems.length > 0) throw AppError.validation(problems, problems[0]!.message);
  // another organisation's landlord is as unknown as a missing one
  if (landlordId && !(await landlordExists(tx, organisationId, landlordId))) {
    throw AppError.validation([{ path: "json.landlordId", message: "Propriétaire introuvable" }]);
  }
}

/** Who sends the link by e-mail, when the site has mail: the acting user or the system. */
type LinkDelivery = { mail: MailSettings; actor: AnyActor };

/**
 * Issues the one-time link. Mail on: it goes by e-mail to the user and the answer says so
 * without the link (the admin never holds the secret). Mail off (or no delivery, e.g. the site
 * set-up CLI): the link is returned for the admin to hand over, and the outbox records that no
 * e-mail went out.
 */
async function issuePasswordLink(
  tx: Db,
  clock: Clock,
  user: UserRecord,
  purpose: PasswordLinkPurpose,
  origin: string,
  delivery?: LinkDelivery,
): Promise<PasswordLinkView> {
  const token = newSecretToken();
  const expiresAt = passwordLinkExpiry(purpose, clock.now());
  await deleteUnusedTokens(tx, user);
  await insertToken(tx, {
    tokenHash: hashToken(token),
    organisationId: user.organisationId,
    userId: user.id,
    purpose,
    expiresAt,
    createdAt: clock.now(),
  });
  const url = passwordLinkUrl(origin, token);
  const queued = delivery
    ? await queueMail(tx, { actor: delivery.actor, clock }, delivery.mail, {
        recipient: user.email,
        template: purpose,
        data: {
          fullName: user.fullName,
          organisationName: await organisationName(tx, user.organisationId),
          url,
          expiresOn: parisDateOf(expiresAt),
        },
        about: { type: "user", id: user.id },
      })
    : null;
  const emailed = queued?.state === "queued";
  return {
    purpose,
    url: emailed ? null : url,
    expiresAt: expiresAt.toISOString(),
    emailedTo: emailed ? user.email : null,
    outboxId: queued?.id ?? null,
  };
}

/** Creates a user of the admin's organisation without a password, and its invitation link. */
export async function createUser(
  context: UseCaseContext,
  input: z.infer<typeof CreateUserBody>,
  origin: string,
  mail: MailSettings,
): Promise<{ user: UserView; invitation: PasswordLinkView }> {
  return inUseCaseTransaction(context, (tx, audit) =>
    inviteUserInTransaction(tx, audit, context.clock, context.actor.organisationId, input, origin, {
      mail,
      actor: context.actor,
    }),
  );
}

/**
 * The invitation itself, inside the caller's audited transaction: the user without a password,
 * its one-time link, and both audit rows. Used by an admin's invitation and by the setup of a new
 * site's first administrator.
 */
export async function inviteUserInTransaction(
  tx: Db,
  audit: AuditWriter,
  clock: Clock,
  organisationId: string,
  input: z.infer<typeof CreateUserBody>,
  origin: string,
  delivery?: LinkDelivery,
): Promise<{ user: UserView; invitation: PasswordLinkView }> {
  const landlordId = input.landlordId ?? null;
  await checkLandlordLink(tx, organisationId, input.role, landlordId);
  if (await emailTaken(tx, input.email)) {
    throw new AppError("DUPLICATE", "Cette adresse électronique est déjà utilisée", { field: "email" });
  }
  const now = clock.now();
  const user = await insertUser(tx, {
    organisationId,
    email: input.email.trim(),
    fullName: input.fullName,
    role: input.role,
    landlordId,
    createdAt: now,
    updatedAt: now,
  });
  const invitation = await issuePasswordLink(tx, clock, user, "invitation", origin, delivery);
  const view = toUserView(user);
  await audit.record({ action: "user.create", entityType: "user", entityId: user.id, after: view });
  await audit.record({
    action: "user.invitation_issued",
    entityType: "user",
    entityId: user.id,
    details: { expiresAt: invitation.expiresAt, emailed: invitation.emailedTo !== null },
  });
  return { user: view, invitation };
}

/**
 * Changes a user's name, email, role, landlord link or enabled state. Disabling revokes the
 * user's sessions and links; the organisation always keeps one active admin.
 */
export async function updateUserAccount(
  context: UseCaseContext,
  id: string,
  change: z.infer<typeof UpdateUserBody>,
): Promise<UserView> {
  const { actor, clock } = context;
  const view = await inUseCaseTransaction(context, async (tx, audit) => {
    const current = await findUser(tx, actor.organisationId, id);
    if (!current) throw AppError.notFound("Utilisateur", id);
    const link = resultingLandlordLink(current, change);
    if (change.role !== undefined || change.landlordId !== undefined) {
      await checkLandlordLink(tx, actor.organisationId, link.role, link.landlordId);
    }
    if (change.email && (await emailTaken(tx, change.email, id))) {
      throw new AppError("DUPLICATE", "Cette adresse électronique est déjà utilisée", { field: "email" });
    }
    const wasDisabled = current.disabledAt !== null;
    const disabled = change.disabled ?? wasDisabled;
    const otherAdmins = await countOtherActiveAdmins(tx, actor.organisationId, id);
    if (
      removesLastActiveAdmin(
        { role: current.role, disabled: wasDisabled },
        { role: link.role, disabled },
        otherAdmins,
      )
    ) {
      throw new AppError(
        "LAST_ADMIN",
        "L'organisation doit garder au moins un administrateur actif : nommez-en un autre d'abord",
      );
    }
    const now = clock.now();
    const updated = await updateUser(tx, actor.organisationId, id, {
      email: change.email?.trim() ?? current.email,
      fullName: change.fullName ?? current.fullName,
      role: link.role,
      landlordId: link.landlordId,
      disabledAt: disabled ? (current.disabledAt ?? now) : null,
      updatedAt: now,
    });
    const details: Record<string, unknown> = {};
    if (disabled && !wasDisabled) {
      details.sessionsRevoked = await revokeUserSessions(tx, updated, now);
      await deleteUnusedTokens(tx, updated);
    }
    await audit.record({
      action:
        disabled && !wasDisabled ? "user.disable" : !disabled && wasDisabled ? "user.enable" : "user.update",
      entityType: "user",
      entityId: id,
      before: toUserView(current),
      after: toUserView(updated),
      details,
    });
    return toUserView(updated);
  });
  // committed: no request may go on with the account as it was
  forgetSessions();
  return view;
}

/** A fresh one-time link (invitation or password reset); earlier unused links stop working. */
export async function createPasswordLink(
  context: UseCaseContext,
  id: string,
  purpose: PasswordLinkPurpose,
  origin: string,
  mail: MailSettings,
): Promise<PasswordLinkView> {
  const { actor, clock } = context;
  return inUseCaseTransaction(context, async (tx, audit) => {
    const user = await findUser(tx, actor.organisationId, id);
    if (!user) throw AppError.notFound("Utilisateur", id);
    if (user.disabledAt) {
      throw new AppError("CONFLICT", "Ce compte est désactivé : réactivez-le avant d'envoyer un lien");
    }
    const link = await issuePasswordLink(tx, clock, user, purpose, origin, { mail, actor });
    await audit.record({
      action: purpose === "invitation" ? "user.invitation_issued" : "user.password_reset_issued",
      entityType: "user",
      entityId: id,
      details: { expiresAt: link.expiresAt, emailed: link.emailedTo !== null },
    });
    return link;
  });
}
