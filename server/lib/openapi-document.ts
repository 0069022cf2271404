import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "../env";
import { SESSION_COOKIE } from "../modules/auth/session-cookie";
import type { AppEnv } from "./hono";

/** The name of the session cookie's security scheme in components.securitySchemes. */
export const SESSION_SCHEME = "session";

/** The name of the API tokens' security scheme (Authorization: Bearer csd_…). */
export const BEARER_SCHEME = "apiToken";

/** The one tag of every landlord portal operation (/api/portal/*). */
export const PORTAL_TAG = "Espace propriétaire";

/**
 * The tags of the document, in the order a reader meets the back office. Every operation's tag
 * is one of these (the lint's operation-tag-defined rule, redocly.yaml).
 */
export const apiTags = [
  { name: "Système", description: "État du service et configuration publique du site." },
  { name: "Authentification", description: "Ouverture et fermeture de session, mot de passe." },
  { name: "Utilisateurs", description: "Comptes du personnel et des propriétaires de l'organisation." },
  {
    name: "Jetons d'API",
    description: "Jetons des intégrations (import bancaire de nuit…) : création, liste, révocation.",
  },
  { name: "Organisation", description: "Identité de l'organisation et paramètres du site." },
  { name: "Journal d'audit", description: "Journal chaîné de toutes les écritures, en lecture." },
  {
    name: "Courriels",
    description: "La file d'envoi des courriels, registre de chaque envoi, et leur renvoi.",
  },
  { name: "Bailleurs", description: "Propriétaires bailleurs et leurs coordonnées." },
  { name: "Quartiers", description: "Contours des quartiers (IRIS) de la ville du site." },
  { name: "Immeubles", description: "Immeubles du parc capté." },
  { name: "Logements", description: "Logements, leur captation et leur décence." },
  { name: "Dispersion", description: "Plafond de logements par immeuble et par quartier." },
  { name: "Carte", description: "Couches GeoJSON de la carte du parc." },
  { name: "Adresses", description: "Recherche d'adresses auprès du service de géocodage." },
  { name: "Personnes accueillies", description: "Dossiers des personnes accueillies et leurs choix." },
  { name: "Rapprochement", description: "Logements correspondant aux critères d'une personne." },
  { name: "Propositions de logement", description: "Propositions faites aux personnes et leurs décisions." },
  { name: "Alertes", description: "Échéances et situations à traiter par les équipes." },
  {
    name: "Obligations du programme",
    description: "Capacité, notifications à l'ARS et revues de sortie du programme.",
  },
  { name: "Rapports annuels", description: "Rapport d'activité et export anonymisé de l'année." },
  { name: "Documents", description: "Documents PDF produits (baux, mandats, quittances, relevés)." },
  { name: "Baux et contrats", description: "Baux, sous-location, glissement, congés et états des lieux." },
  { name: "Mandats de gestion", description: "Mandats de gestion confiés par les bailleurs." },
  {
    name: "Maintien dans le logement",
    description: "Risques, rencontres et relogements pour garder la personne dans son logement.",
  },
  {
    name: "Comptabilité locative",
    description: "Appels de loyer, encaissements, aides au logement et contre-passations.",
  },
  { name: "Impayés et bailleurs", description: "Impayés, reversements aux bailleurs et leurs relevés." },
  { name: "Coûts IML", description: "Coûts de l'intermédiation locative et compléments de loyer." },
  { name: "Révision des loyers", description: "Révision annuelle selon l'indice de référence des loyers." },
  {
    name: "Régularisation des charges",
    description:
      "Charges réelles par immeuble, décompte annuel par bail et nouvelle provision (loi 89-462 art. 23).",
  },
  { name: "Rapprochement bancaire", description: "Import des relevés bancaires et affectation des lignes." },
  {
    name: "Prélèvements SEPA des locataires",
    description: "Mandats de prélèvement signés par les occupants et fichier pain.008 du mois.",
  },
  {
    name: "Tableau de bord financier",
    description: "Tableau de bord, exports et fichier des écritures comptables.",
  },
  {
    name: PORTAL_TAG,
    description: "Ce que voit un propriétaire connecté : ses logements, ses mandats, ses relevés.",
  },
] as const;

/**
 * The document-level parts of /api/openapi.json: the servers, the tags and the security schemes
 * (the session cookie, the API tokens) (each operation's `security` comes from its permission, lib/openapi.ts).
 */
export function serveOpenApiDocument(app: OpenAPIHono<AppEnv>, env: Env): void {
  app.openAPIRegistry.registerComponent("securitySchemes", SESSION_SCHEME, {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "Le cookie de session posé par POST /api/auth/login (HttpOnly, SameSite=Lax). Une écriture " +
      "qui le porte doit venir du site même (en-têtes Sec-Fetch-Site et Origin), sinon 403 CSRF_REJECTED.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", BEARER_SCHEME, {
    type: "http",
    scheme: "bearer",
    bearerFormat: "csd_…",
    description:
      "Un jeton d'API créé par un administrateur (écran Jetons d'API), envoyé en " +
      "`Authorization: Bearer csd_…` : il agit au nom de son créateur, dans ses seules permissions, " +
      "jusqu'à sa date d'expiration ou sa révocation. Chaque usage est inscrit au journal d'audit. " +
      "Pas de règle d'origine (aucun cookie). Jeton inconnu, expiré ou révoqué : 401 API_TOKEN_INVALID, " +
      "API_TOKEN_EXPIRED ou API_TOKEN_REVOKED ; opération hors de ses permissions : 403 FORBIDDEN ; " +
      "opération réservée à une session : 403 SESSION_REQUIRED ; jeton et cookie de session ensemble : " +
      "400 CREDENTIALS_AMBIGUOUS.",
  });
  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Back office logement — Un Chez-soi d'abord / intermédiation locative",
      version: "0.1.0",
      description:
        "Captation, propositions, baux et gestion locative. Erreurs en application/problem+json. " +
        "Chaque opération indique sa permission et les rôles qui la détiennent.",
    },
    servers: [
      env.PUBLIC_ORIGIN
        ? { url: new URL(env.PUBLIC_ORIGIN).origin, description: "Ce serveur" }
        : { url: "/", description: "Ce serveur (même origine que ce document)" },
    ],
    tags: apiTags.map((tag) => ({ ...tag })),
  });
}
