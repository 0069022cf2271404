import { downloadResponse } from "../../lib/download-response";
import { createRouter, defineRoute, requireActor, z } from "../../lib/openapi";
import { IsoDateSchema, MonthSchema } from "../ledger/ledger.schemas";
import {
  type AccountingReport,
  accountingFile,
  dashboardFile,
  type ExportFormat,
} from "./accounting-exports.service";
import { fecFile } from "./fec.service";
import { FinanceDashboard } from "./finance.schemas";
import { financeDashboard } from "./finance.service";

const tags = ["Tableau de bord financier"];
const PeriodQuery = z.object({ period: MonthSchema });
const RangeQuery = z.object({ from: IsoDateSchema, to: IsoDateSchema });

const dashboardRoute = defineRoute({
  method: "get",
  path: "/api/reports/finance",
  tags,
  summary: "Vacance, appelé/encaissé, impayés, coûts IML vs budget d'un mois",
  permission: "reports.read",
  request: { query: PeriodQuery },
  responses: {
    200: {
      description: "Tableau de bord",
      content: { "application/json": { schema: FinanceDashboard } },
    },
  },
});

const file = (type: string) => ({ description: "Fichier", content: { [type]: { schema: z.string() } } });

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const fileOf = (format: ExportFormat) => ({
  description: "Fichier",
  content: { [format === "csv" ? "text/csv" : XLSX]: { schema: z.string() } },
});
const FORMATS: ExportFormat[] = ["csv", "xlsx"];

const dashboardFileRoutes = FORMATS.map((format) => ({
  format,
  route: defineRoute({
    method: "get",
    path: `/api/reports/finance/dashboard.${format}`,
    tags,
    summary:
      format === "csv"
        ? "Tableau de bord du mois en CSV"
        : "Tableau de bord, coûts IML et journal du mois en XLSX",
    permission: "reports.read",
    request: { query: PeriodQuery },
    responses: { 200: fileOf(format) },
  }),
}));

const REPORTS: { report: AccountingReport; title: string }[] = [
  { report: "journal", title: "Journal des écritures" },
  { report: "trial-balance", title: "Balance générale" },
  { report: "general-ledger", title: "Grand livre" },
];

const accountingFileRoutes = REPORTS.flatMap(({ report, title }) =>
  FORMATS.map((format) => ({
    report,
    format,
    route: defineRoute({
      method: "get",
      path: `/api/reports/finance/${report}.${format}`,
      tags,
      summary: `${title} d'une période en ${format.toUpperCase()} (pour le comptable)`,
      description:
        "Numéros d'écriture et de compte du FEC (411 / 401 avec compte auxiliaire, jamais d'identifiant " +
        "interne), nature en français ; CSV : point-virgule, virgule décimale, dates jj/mm/aaaa ; XLSX : " +
        "montants en euros (nombres au format €), dates en dates, en-tête figé avec filtres. Une cellule de " +
        "texte commençant par = + - @ est neutralisée (apostrophe).",
      permission: "reports.read",
      request: { query: RangeQuery },
      responses: { 200: fileOf(format) },
    }),
  })),
);

const fecRoute = defineRoute({
  method: "get",
  path: "/api/reports/finance/fec",
  tags,
  summary: "Fichier des écritures comptables (FEC, LPF art. A.47 A-1) d'un exercice",
  description:
    "Les 18 colonnes de l'article A.47 A-1, une ligne par ligne d'écriture, journaux VT, AC, BQ et OD, " +
    "écritures numérotées sans rupture par journal et exercice, comptes 411 / 401 avec compte auxiliaire, " +
    "montants à virgule, dates AAAAMMJJ, ISO 8859-15. Séparateur « | » (par défaut) ou tabulation.",
  permission: "reports.read",
  request: {
    query: z.object({
      year: z.coerce.number().int().min(2000).max(2100),
      separator: z.enum(["pipe", "tab"]).default("pipe"),
    }),
  },
  responses: { 200: file("text/plain") },
});

export const financeRoutes = createRouter()
  .openapi(dashboardRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get("deps");
    return c.json(
      await financeDashboard(
        deps.database.db,
        actor.organisationId,
        c.req.valid("query").period,
        deps.clock.today(),
      ),
      200,
    );
  })
  .openapi(fecRoute, async (c) => {
    const actor = requireActor(c);
    const { year, separator } = c.req.valid("query");
    const fec = await fecFile(
      c.get("deps").database.db,
      actor.organisationId,
      year,
      separator === "tab" ? "\t" : "|",
    );
    return downloadResponse(c, {
      fileName: fec.fileName,
      body: fec.bytes,
      contentType: "text/plain; charset=iso-8859-15",
    });
  });

for (const { format, route } of dashboardFileRoutes)
  financeRoutes.openapi(route, async (c) => {
    const actor = requireActor(c);
    const deps = c.get("deps");
    const file = await dashboardFile(
      deps.database.db,
      actor.organisationId,
      c.req.valid("query").period,
      deps.clock.today(),
      format,
    );
    return downloadResponse(c, file);
  });

for (const { report, format, route } of accountingFileRoutes)
  financeRoutes.openapi(route, async (c) => {
    const actor = requireActor(c);
    const file = await accountingFile(
      c.get("deps").database.db,
      actor.organisationId,
      report,
      c.req.valid("query"),
      format,
    );
    return downloadResponse(c, file);
  });
