/**
 * One error type, one code list grouped by area, one status map.
 * Services throw `new AppError("SCATTER_CAP_EXCEEDED", detail, extra)`; the app's
 * onError writes it as application/problem+json. Clients switch on `code`.
 */
export const errorCatalogue = {
  // the request itself
  MALFORMED_JSON: { status: 400, title: "Corps de requête JSON illisible" },
  VALIDATION_FAILED: { status: 422, title: "Données invalides" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Type de contenu non pris en charge" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Corps de requête trop volumineux" },
  DATE_IN_FUTURE: { status: 422, title: "Date postérieure à aujourd'hui" },
  // access: sessions, permissions, origin, lockout
  UNAUTHENTICATED: { status: 401, title: "Authentification requise" },
  FORBIDDEN: { status: 403, title: "Action non autorisée" },
  CSRF_REJECTED: { status: 403, title: "Requête d'une autre origine refusée" },
  TOO_MANY_ATTEMPTS: { status: 429, title: "Trop de tentatives" },
  // API tokens (Authorization: Bearer)
  API_TOKEN_INVALID: { status: 401, title: "Jeton d'API inconnu" },
  API_TOKEN_EXPIRED: { status: 401, title: "Jeton d'API expiré" },
  API_TOKEN_REVOKED: { status: 401, title: "Jeton d'API révoqué" },
  CREDENTIALS_AMBIGUOUS: { status: 400, title: "Jeton d'API et cookie de session à la fois" },
  SESSION_REQUIRED: { status: 403, title: "Action réservée à une personne connectée" },
  // user accounts and one-time links
  INVALID_TOKEN: { status: 422, title: "Lien invalide ou expiré" },
  CURRENT_PASSWORD_INCORRECT: { status: 422, title: "Mot de passe actuel incorrect" },
  PASSWORD_TOO_WEAK: { status: 422, title: "Mot de passe trop faible" },
  LAST_ADMIN: { status: 409, title: "Dernier administrateur actif" },
  // any resource
  ROUTE_NOT_FOUND: { status: 404, title: "Adresse inconnue" },
  NOT_FOUND: { status: 404, title: "Introuvable" },
  CONFLICT: { status: 409, title: "Conflit" },
  DUPLICATE: { status: 409, title: "Doublon" },
  // housing stock: capture pipeline, décence, energy class, scatter, imports
  ILLEGAL_TRANSITION: { status: 409, title: "Changement d'état impossible" },
  DECENCY_NOT_MET: { status: 422, title: "Logement non décent" },
  ENERGY_CLASS_NOT_ALLOWED: { status: 422, title: "Classe énergétique non décente" },
  SCATTER_CAP_EXCEEDED: { status: 409, title: "Plafond de dispersion atteint" },
  IMPORT_REJECTED: { status: 422, title: "Import refusé" },
  // people, matching and offer panels
  ILLEGAL_STATUS_CHANGE: { status: 409, title: "Changement de statut impossible" },
  REENTRY_RIGHT_EXPIRED: { status: 422, title: "Droit de réintégration expiré" },
  OPEN_PANEL_EXISTS: { status: 409, title: "Une proposition est déjà en cours" },
  PERSON_NOT_AWAITING_OFFER: { status: 409, title: "La personne n'attend pas de proposition" },
  PANEL_TOO_SMALL: { status: 422, title: "Proposition trop courte" },
  UNIT_NOT_MATCHING: { status: 422, title: "Logement hors des critères de la personne" },
  UNIT_NOT_AVAILABLE: { status: 409, title: "Logement non disponible" },
  PANEL_CLOSED: { status: 409, title: "Proposition close" },
  OFFER_ALREADY_DECIDED: { status: 409, title: "Décision déjà enregistrée" },
  // leases and mandates
  LEASE_MANDATORY_MENTIONS_MISSING: { status: 422, title: "Mentions obligatoires du bail manquantes" },
  LEASE_TERMS_NOT_ALLOWED: { status: 422, title: "Conditions du bail non conformes" },
  LEASE_NO_FIXED_TERM: { status: 422, title: "Bail sans durée déterminée (bailleur social)" },
  LEASE_STATE_CONFLICT: { status: 409, title: "Opération impossible dans l'état actuel du contrat" },
  UNIT_NOT_LETTABLE: { status: 409, title: "Logement non disponible pour ce contrat" },
  GLISSEMENT_NOT_ALLOWED: { status: 422, title: "Glissement du bail impossible" },
  DPE_NOT_VALID: { status: 422, title: "Diagnostic de performance énergétique absent ou expiré" },
  UNIT_UNDER_HEAD_LEASE: { status: 409, title: "Logement sous bail principal" },
  NOTICE_PERIOD_NOT_RESPECTED: { status: 422, title: "Préavis du locataire non respecté" },
  LESSOR_NOTICE_NOT_ALLOWED: { status: 422, title: "Congé du bailleur non conforme" },
  EVICTION_DURING_WINTER_TRUCE: { status: 409, title: "Trêve hivernale : aucune expulsion" },
  INSPECTION_NOT_ALLOWED: { status: 422, title: "État des lieux non conforme ou impossible" },
  DEPOSIT_RETURN_NOT_ALLOWED: { status: 422, title: "Restitution du dépôt de garantie non conforme" },
  MANDATE_OVERLAP: { status: 409, title: "Logement déjà sous mandat de gestion sur cette période" },
  MANDATE_STATE_CONFLICT: { status: 409, title: "Opération impossible dans l'état actuel du mandat" },
  // rent ledger and finance
  IDEMPOTENCY_KEY_REQUIRED: { status: 428, title: "En-tête Idempotency-Key requis" },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: "Clé d'idempotence déjà utilisée pour une autre requête" },
  LEDGER_UNBALANCED: { status: 422, title: "Écriture déséquilibrée" },
  LEDGER_ALREADY_REVERSED: { status: 409, title: "Écriture déjà contre-passée" },
  LEDGER_REVERSAL_OF_REVERSAL: { status: 409, title: "Une contre-passation ne se contre-passe pas" },
  LEASE_NOT_BILLABLE: { status: 409, title: "Bail sans appel de loyer" },
  AMOUNT_EXCEEDS_DEBT: { status: 422, title: "Montant supérieur à la dette" },
  COST_WITHOUT_SUBJECT: { status: 422, title: "Coût rattaché à aucun logement, personne ou bail" },
  BANK_LINE_ALREADY_RESOLVED: { status: 409, title: "Ligne de relevé déjà traitée" },
  IRL_INDEX_MISSING: { status: 422, title: "Indice de référence des loyers absent de la table" },
  REVISION_NOT_APPLICABLE: { status: 422, title: "Révision de loyer impossible" },
  REVISION_TOO_LATE: { status: 422, title: "Révision demandée plus d'un an après sa date" },
  CSV_INVALID: { status: 422, title: "Fichier CSV illisible" },
  BANK_STATEMENT_INVALID: { status: 422, title: "Relevé bancaire illisible" },
  BANK_STATEMENT_ALREADY_IMPORTED: { status: 409, title: "Relevé déjà importé" },
  PERIOD_NOT_CLOSED: { status: 409, title: "Mois non terminé" },
  MANDATE_GUARANTEE_NOT_COVERED: { status: 422, title: "Garantie de loyers non couverte par le mandat" },
  SEPA_DETAILS_MISSING: {
    status: 422,
    title: "Coordonnées bancaires manquantes ou invalides pour le fichier SEPA",
  },
  SEPA_NOTHING_TO_PAY: { status: 422, title: "Aucun virement à émettre pour cette période" },
  SEPA_FILE_INVALID: { status: 422, title: "Fichier SEPA non conforme au schéma ISO 20022" },
  // yearly charges regularisation (loi 89-462 art. 23, art. 7-1)
  CHARGES_STATEMENT_SENT: { status: 409, title: "Décompte de charges déjà envoyé" },
  CHARGES_NOTHING_TO_REGULARISE: { status: 409, title: "Aucun bail à régulariser sur cette période" },
  CHARGES_NOTICE_NOT_ELAPSED: { status: 422, title: "Décompte envoyé il y a moins d'un mois" },
  CHARGES_CLAIM_TIME_BARRED: { status: 422, title: "Régularisation prescrite (plus de trois ans)" },
  CHARGES_INSTALMENTS_NOT_OPEN: { status: 422, title: "Paiement en douze mensualités non ouvert" },
  CHARGES_ALREADY_CONFIRMED: { status: 409, title: "Régularisation déjà confirmée" },
  SEPA_NOTHING_TO_COLLECT: { status: 422, title: "Aucun prélèvement à émettre pour ce mois" },
  DEBIT_MANDATE_EXISTS: { status: 409, title: "Mandat de prélèvement déjà enregistré" },
  // infrastructure
  DATABASE_UNAVAILABLE: { status: 503, title: "Base de données indisponible" },
  NOT_READY: { status: 503, title: "Service pas prêt" },
  GEOCODER_UNAVAILABLE: { status: 503, title: "Service d'adresses indisponible" },
  INTERNAL: { status: 500, title: "Erreur interne" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export type InvalidField = { path: string; message: string; code?: string };

export class AppError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    /** Extra members of the problem document (e.g. `errors`, `allowed`, `headroom`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    const entry = errorCatalogue[code];
    super(detail ?? entry.title);
    this.name = "AppError";
    this.status = entry.status;
    this.title = entry.title;
  }

  static notFound(entity: string, id?: string): AppError {
    return new AppError("NOT_FOUND", id ? `${entity} ${id} introuvable` : `${entity} introuvable`, {
      entity,
    });
  }

  static validation(errors: InvalidField[], detail = "Certains champs sont invalides"): AppError {
    return new AppError("VALIDATION_FAILED", detail, { errors });
  }
}

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: InvalidField[];
  [member: string]: unknown;
};

export function toProblem(error: AppError, requestId?: string, instance?: string): ProblemDocument {
  return {
    type: `urn:iml:problem:${error.code.toLowerCase()}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...error.extra,
  };
}
