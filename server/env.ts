import { z } from "zod";

const booleanFromString = z
  .enum(["true", "false", "1", "0", ""])
  .transform((value) => value === "true" || value === "1");

/**
 * Every environment variable the application reads, parsed once.
 * No other module reads process.env; the README's configuration table mirrors this schema.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().default("0.0.0.0"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    DATA_DIR: z.string().min(1).default("./data"),
    SEED_DEMO: booleanFromString.default(true),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** on SIGTERM/SIGINT, how long requests in flight may take to finish before their connections are cut */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(8),
    /** the bearer token Prometheus presents on /metrics; unset: /metrics answers 404 */
    METRICS_TOKEN: z
      .string()
      .min(16, "at least 16 characters")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    PUBLIC_ORIGIN: z.url().optional(),
    /** the basemap drawn under the app's layers: a French public style by name, or "none" (plain background) */
    MAP_BASEMAP: z.enum(["plan-ign", "plan-ign-gris", "plan-ign-attenue", "none"]).default("plan-ign"),
    /** a MapLibre style URL of one's own (self-hosted tiles…): replaces MAP_BASEMAP */
    MAP_STYLE_URL: z.url().optional(),
    /** origins the style's tiles, glyphs and sprites come from when they differ from the style's own (comma-separated) */
    MAP_TILE_ORIGINS: z
      .string()
      .default("")
      .transform((text) =>
        text
          .split(",")
          .map((part) => part.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url())),
    /** the address geocoder: the Géoplateforme service (BAN) or a self-hosted addok, "" to switch it off */
    GEOCODER_URL: z.url().or(z.literal("")).default("https://data.geopf.fr/geocodage"),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
    /**
     * The operator's certificate for sealing signed documents (PAdES): a PKCS#12 file (.p12/.pfx)
     * holding the private key and its certificate chain, and its passphrase. Unset: signed mandates
     * are not sealed, and say so on their certificate page.
     */
    SEAL_P12_PATH: z
      .string()
      .min(1)
      .optional()
      .or(z.literal("").transform(() => undefined)),
    SEAL_P12_PASSPHRASE: z.string().default(""),
    /**
     * How many reverse proxies in front of the server append to X-Forwarded-For: the client address
     * is read that many entries from the right. "false"/0: the socket's address; "true": 1.
     */
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d{1,2})?$/, 'must be "false", "true" or a number of proxies')
      .default("false")
      .transform((text) => (text === "true" ? 1 : text === "false" || text === "" ? 0 : Number(text))),
    /** the mail server, as one URL (smtp://user:pass@host:587, smtps://… for TLS from the start); unset with SMTP_HOST unset: mail is off */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** or the mail server field by field (ignored when SMTP_URL is set) */
    SMTP_HOST: z
      .string()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_USER: z
      .string()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    SMTP_PASS: z
      .string()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** TLS from the first byte (port 465); false: plain then STARTTLS when the server offers it */
    SMTP_SECURE: booleanFromString.default(false),
    /** the sender of every e-mail, e.g. "Pôle logement <logement@exemple.fr>"; required when mail is on */
    MAIL_FROM: z
      .string()
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** how often the outbox worker looks for e-mails to send */
    MAIL_WORKER_INTERVAL_SECONDS: z.coerce.number().min(1).max(3600).default(30),
    /** attempts before an e-mail the server keeps refusing temporarily is given up */
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** the first retry waits this long, each next one twice as long (at most 6 hours) */
    MAIL_RETRY_BASE_SECONDS: z.coerce.number().min(1).max(86400).default(60),
    /** the hour (Europe/Paris, 0–23) from which each officer's daily alert digest is sent */
    MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  })
  .refine((env) => !(env.SMTP_URL || env.SMTP_HOST) || env.MAIL_FROM, {
    path: ["MAIL_FROM"],
    message: "required when SMTP_URL or SMTP_HOST is set",
  });

export type Env = z.infer<typeof envSchema>;

/** Mail is on when a mail server is configured; off, nothing is sent and links are handed to the admin. */
export function mailEnabled(env: Pick<Env, "SMTP_URL" | "SMTP_HOST">): boolean {
  return Boolean(env.SMTP_URL || env.SMTP_HOST);
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** The French public basemaps offered by name: IGN's «Plan IGN» vector styles (Géoplateforme, no key, Licence Ouverte 2.0). */
export const basemapStyles = {
  "plan-ign": "https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/standard.json",
  "plan-ign-gris": "https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/gris.json",
  "plan-ign-attenue": "https://data.geopf.fr/annexes/ressources/vectorTiles/styles/PLAN.IGN/attenue.json",
} as const;

/** The credit the Licence Ouverte asks for, shown with the IGN basemaps (a style of one's own carries its own). */
export const ignAttribution = "© IGN – Géoplateforme, Plan IGN (Licence Ouverte 2.0)";

/** The basemap style URL the browser loads, or null for the plain background. */
export function basemapStyleUrl(env: Pick<Env, "MAP_BASEMAP" | "MAP_STYLE_URL">): string | null {
  if (env.MAP_STYLE_URL) return env.MAP_STYLE_URL;
  return env.MAP_BASEMAP === "none" ? null : basemapStyles[env.MAP_BASEMAP];
}

/**
 * Every origin the browser may fetch the basemap from (style, tiles, glyphs, sprites): what a
 * Content-Security-Policy must allow in connect-src and img-src. Empty with the plain background.
 */
export function basemapOrigins(
  env: Pick<Env, "MAP_BASEMAP" | "MAP_STYLE_URL" | "MAP_TILE_ORIGINS">,
): string[] {
  const style = basemapStyleUrl(env);
  if (!style) return [];
  return [...new Set([new URL(style).origin, ...env.MAP_TILE_ORIGINS.map((url) => new URL(url).origin)])];
}

/** The defaults, for tests and tools that need an Env without a process environment. */
export function defaultEnv(overrides: Partial<Env> = {}): Env {
  return { ...envSchema.parse({}), ...overrides };
}
