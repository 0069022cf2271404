import type { Context } from "hono";
import { mailEnabled } from "../../env";
import type { AppEnv } from "../../lib/hono";
import type { MailSettings } from "../mail/mail.service";
import { createRouter, defineRoute } from "../../lib/openapi";
import { splitPage } from "../../lib/pagination";
import { useCaseContext } from "../../lib/use-case-context";
import {
  CreatedUser,
  CreateUserBody,
  ListUsersQuery,
  PasswordLink,
  PasswordLinkBody,
  UpdateUserBody,
  User,
  UserIdParams,
  UserList,
} from "./users.schemas";
import {
  createPasswordLink,
  createUser,
  getUser,
  listOrganisationUsers,
  updateUserAccount,
} from "./users.service";

const tags = ["Utilisateurs"];
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const listRoute = defineRoute({
  method: "get",
  path: "/api/users",
  tags,
  summary: "Les utilisateurs de l'organisation",
  permission: "users.manage",
  request: { query: ListUsersQuery },
  responses: { 200: { description: "Utilisateurs", ...json(UserList) } },
});

const createRoute = defineRoute({
  method: "post",
  path: "/api/users",
  tags,
  summary: "Créer un utilisateur et son lien d'invitation",
  description:
    "Avec un serveur de courrier, le lien d'invitation à usage unique est envoyé par courriel à la " +
    "personne et n'apparaît pas dans la réponse. Sans, il est rendu dans la réponse : l'administrateur " +
    "le transmet à la personne. Il n'est montré qu'une fois.",
  permission: "users.manage",
  request: { body: { ...json(CreateUserBody), required: true } },
  responses: { 201: { description: "Utilisateur créé", ...json(CreatedUser) } },
});

const getRoute = defineRoute({
  method: "get",
  path: "/api/users/{id}",
  tags,
  summary: "Un utilisateur",
  permission: "users.manage",
  request: { params: UserIdParams },
  responses: { 200: { description: "Utilisateur", ...json(User) } },
});

const updateRoute = defineRoute({
  method: "patch",
  path: "/api/users/{id}",
  tags,
  summary: "Modifier, désactiver ou réactiver un utilisateur",
  description:
    "Désactiver ferme les sessions et annule les liens en cours. L'organisation garde un administrateur actif.",
  permission: "users.manage",
  request: { params: UserIdParams, body: { ...json(UpdateUserBody), required: true } },
  responses: {
    200: { description: "Utilisateur modifié", ...json(User) },
    409: { description: "Dernier administrateur actif" },
  },
});

const passwordLinkRoute = defineRoute({
  method: "post",
  path: "/api/users/{id}/password-link",
  tags,
  summary: "Nouveau lien d'invitation ou de réinitialisation du mot de passe",
  description:
    "Le lien à usage unique est envoyé par courriel (ou, sans serveur de courrier, rendu dans la " +
    "réponse) ; les liens " +
    "précédents non utilisés cessent de fonctionner. Invitation : 7 jours ; réinitialisation : 24 h.",
  permission: "users.manage",
  request: { params: UserIdParams, body: { ...json(PasswordLinkBody), required: true } },
  responses: { 201: { description: "Lien créé", ...json(PasswordLink) } },
});

function mailSettings(c: Context<AppEnv>): MailSettings {
  return { enabled: mailEnabled(c.get("deps").env) };
}

/** Links point at the public origin behind a proxy, else at the origin the admin is using. */
function linkOrigin(c: Context<AppEnv>): string {
  return c.get("deps").env.PUBLIC_ORIGIN ?? new URL(c.req.url).origin;
}

export const usersRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    return c.json(await listOrganisationUsers(useCaseContext(c), ...splitPage(c.req.valid("query"))), 200);
  })
  .openapi(createRoute, async (c) => {
    const created = await createUser(useCaseContext(c), c.req.valid("json"), linkOrigin(c), mailSettings(c));
    return c.json(created, 201);
  })
  .openapi(getRoute, async (c) => c.json(await getUser(useCaseContext(c), c.req.valid("param").id), 200))
  .openapi(updateRoute, async (c) => {
    const user = await updateUserAccount(useCaseContext(c), c.req.valid("param").id, c.req.valid("json"));
    return c.json(user, 200);
  })
  .openapi(passwordLinkRoute, async (c) => {
    const { purpose } = c.req.valid("json");
    const link = await createPasswordLink(
      useCaseContext(c),
      c.req.valid("param").id,
      purpose,
      linkOrigin(c),
      mailSettings(c),
    );
    return c.json(link, 201);
  });
