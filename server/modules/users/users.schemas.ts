import { z } from "@hono/zod-openapi";
import { pageOf, pageQuery } from "../../lib/pagination";
import { roles } from "../auth/permissions";

export const UserIdParams = z.object({
  id: z.uuid("Identifiant invalide").openapi({ param: { name: "id", in: "path" } }),
});

/** A user as admins see it: never the password hash. */
export const User = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    email: z.string(),
    fullName: z.string(),
    role: z.enum(roles),
    landlordId: z.uuid().nullable(),
    disabledAt: z.iso.datetime().nullable(),
    hasPassword: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("User");

export const UserList = pageOf(User).openapi("UserList");

export const ListUsersQuery = z.object({
  role: z.enum(roles).optional(),
  includeDisabled: z
    .enum(["true", "false"])
    .optional()
    .transform((value) => value !== "false"),
  ...pageQuery(),
});

export const CreateUserBody = z
  .object({
    email: z.email("Adresse électronique invalide").max(254),
    fullName: z.string().trim().min(1, "Nom requis").max(200),
    role: z.enum(roles),
    // required for role = landlord, forbidden otherwise (users.rules.ts)
    landlordId: z.uuid().nullable().optional(),
  })
  .openapi("CreateUserBody");

export const UpdateUserBody = z
  .object({
    email: z.email("Adresse électronique invalide").max(254).optional(),
    fullName: z.string().trim().min(1, "Nom requis").max(200).optional(),
    role: z.enum(roles).optional(),
    landlordId: z.uuid().nullable().optional(),
    disabled: z.boolean().optional(),
  })
  .openapi("UpdateUserBody");

export const PasswordLinkBody = z
  .object({ purpose: z.enum(["invitation", "password_reset"]) })
  .openapi("PasswordLinkBody");

/**
 * A one-time link to set a password (only its hash is stored). With a mail server it is sent to
 * the user by e-mail and `url` is null: the admin never sees it. Without, the admin hands the
 * link over (shown once).
 */
export const PasswordLink = z
  .object({
    purpose: z.enum(["invitation", "password_reset"]),
    url: z
      .string()
      .nullable()
      .openapi({ description: "le lien, seulement quand il n'est pas envoyé par courriel" }),
    expiresAt: z.iso.datetime(),
    emailedTo: z.string().nullable().openapi({ description: "l'adresse à laquelle le lien est envoyé" }),
    outboxId: z.uuid().nullable().openapi({ description: "le courriel dans la file d'envoi" }),
  })
  .openapi("PasswordLink");

export const CreatedUser = z.object({ user: User, invitation: PasswordLink }).openapi("CreatedUser");
