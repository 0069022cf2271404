import { clientIp } from "../../lib/client-ip";
import { createRouter, defineRoute, problemResponse, requireActor } from "../../lib/openapi";
import { ChangePasswordBody, LoginBody, Me, SetPasswordBody } from "./auth.schemas";
import { changePassword, login, logout, setPasswordWithToken } from "./auth.service";
import type { Actor } from "./actor";
import { permissionMatrix } from "./permissions";
import { clearSessionCookie, readSessionCookie, writeSessionCookie } from "./session-cookie";

const toMe = (actor: Actor) => ({
  userId: actor.userId,
  organisationId: actor.organisationId,
  role: actor.role,
  landlordId: actor.landlordId,
  email: actor.email,
  fullName: actor.fullName,
  permissions: [...permissionMatrix[actor.role]],
});

const loginRoute = defineRoute({
  method: "post",
  path: "/api/auth/login",
  tags: ["Authentification"],
  summary: "Ouvrir une session",
  permission: "public",
  request: { body: { content: { "application/json": { schema: LoginBody } }, required: true } },
  responses: {
    200: { description: "Session ouverte", content: { "application/json": { schema: Me } } },
    429: problemResponse(
      "Trop de tentatives pour ce compte ou depuis cette adresse (TOO_MANY_ATTEMPTS, en-tête Retry-After)",
    ),
  },
});

const logoutRoute = defineRoute({
  method: "post",
  path: "/api/auth/logout",
  tags: ["Authentification"],
  summary: "Fermer la session",
  permission: "authenticated",
  responses: { 204: { description: "Session révoquée" } },
});

const meRoute = defineRoute({
  method: "get",
  path: "/api/auth/me",
  tags: ["Authentification"],
  summary: "L'utilisateur connecté",
  permission: "authenticated",
  responses: {
    200: { description: "Utilisateur connecté", content: { "application/json": { schema: Me } } },
  },
});

const setPasswordRoute = defineRoute({
  method: "post",
  path: "/api/auth/set-password",
  tags: ["Authentification"],
  summary: "Choisir son mot de passe à partir d'un lien d'invitation ou de réinitialisation",
  description:
    "Le lien est à usage unique. Toutes les sessions de l'utilisateur sont fermées. Au moins 12 caractères.",
  permission: "public",
  request: { body: { content: { "application/json": { schema: SetPasswordBody } }, required: true } },
  responses: { 204: { description: "Mot de passe enregistré" } },
});

const changePasswordRoute = defineRoute({
  method: "post",
  path: "/api/auth/change-password",
  tags: ["Authentification"],
  summary: "Changer son mot de passe",
  description: "Les autres sessions de l'utilisateur sont fermées ; celle-ci reste ouverte.",
  permission: "authenticated",
  request: { body: { content: { "application/json": { schema: ChangePasswordBody } }, required: true } },
  responses: { 204: { description: "Mot de passe changé" } },
});

export const authRoutes = createRouter()
  .openapi(loginRoute, async (c) => {
    const body = c.req.valid("json");
    const { token, actor } = await login(c.get("deps"), {
      email: body.email,
      password: body.password,
      ip: clientIp(c),
      userAgent: c.req.header("user-agent") ?? null,
      requestId: c.get("requestId"),
    });
    writeSessionCookie(c, token);
    return c.json(toMe(actor), 200);
  })
  .openapi(logoutRoute, async (c) => {
    const actor = requireActor(c);
    const token = readSessionCookie(c);
    if (token) await logout(c.get("deps"), token, actor, c.get("requestId"));
    clearSessionCookie(c);
    return c.body(null, 204);
  })
  .openapi(meRoute, (c) => c.json(toMe(requireActor(c)), 200))
  .openapi(setPasswordRoute, async (c) => {
    const body = c.req.valid("json");
    await setPasswordWithToken(c.get("deps"), { ...body, requestId: c.get("requestId") });
    return c.body(null, 204);
  })
  .openapi(changePasswordRoute, async (c) => {
    const actor = requireActor(c);
    const body = c.req.valid("json");
    await changePassword(c.get("deps"), actor, {
      ...body,
      sessionToken: readSessionCookie(c) ?? "",
      ip: clientIp(c),
      requestId: c.get("requestId"),
    });
    return c.body(null, 204);
  });
