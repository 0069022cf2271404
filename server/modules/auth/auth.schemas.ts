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
