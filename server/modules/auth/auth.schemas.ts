import { z } from "@hono/zod-openapi";
import { roles } from "./permissions";

export const LoginBody = z
  .object({
    email: z.email("Adresse électronique invalide").max(254),
    password: z.string().min(1, "Mot de passe requis").max(1024),
  })
  .openapi("LoginBody");

export const Me = z
  .object({
    userId: z.uuid(),
    organisationId: z.uuid(),
    role: z.enum(roles),
    landlordId: z.uuid().nullable(),
    email: z.string(),
    fullName: z.string(),
    permissions: z.array(z.string()),
  })
  .openapi("Me");

export const SetPasswordBody = z
  .object({
    token: z.string().min(1, "Lien requis").max(200),
    password: z.string().max(1024),
  })
  .openapi("SetPasswordBody");

export const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1, "Mot de passe actuel requis").max(1024),
    newPassword: z.string().max(1024),
  })
  .openapi("ChangePasswordBody");
