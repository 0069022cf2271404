import { createRouter, defineRoute, requireActor, z } from "../../lib/openapi";
import { AppError } from "../../lib/errors";
import { lastDayOfMonth } from "../../lib/dates";
import { IsoDateSchema, MonthSchema } from "../ledger/ledger.schemas";
import { monthStart } from "../ledger/ledger.rules";
import { fecFile } from "./fec.service";
import { dashboardCsv, financeDashboard, financeWorkbook, journal, journalCsv } from "./finance.service";

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
      content: {
        "application/json": { schema: z.record(z.string(), z.unknown()).openapi("FinanceDashboard") },
      },
    },
  },
});

const file = (type: string) => ({ description: "Fichier", content: { [type]: { schema: z.string() } } });

const dashboardCsvRoute = defineRoute({
  method: "get",
  path: "/api/reports/finance/dashboard.csv",
  tags,
  summary: "Tableau de bord du mois en CSV",
  permission: "reports.read",
  request: { query: PeriodQuery },
  responses: { 200: file("text/csv") },
});

const workbookRoute = defineRoute({
  method: "get",
  path: "/api/reports/finance/dashboard.xlsx",
  tags,
  summary: "Tableau de bord, coûts IML et journal du mois en XLSX",
  permission: "reports.read",
  request: { query: PeriodQuery },
  responses: { 200: file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") },
});

const journalCsvRoute = defineRoute({
  method: "get",
  path: "/api/reports/finance/journal.csv",
  tags,
  summary: "Journal des écritures en CSV (pour le comptable)",
  permission: "reports.read",
  request: { query: RangeQuery },
  responses: { 200: file("text/csv") },
});

const journalXlsxRoute = defineRoute({
  method: "get",
  path: "/api/reports/finance/journal.xlsx",
  tags,
  summary: "Journal des écritures en XLSX",
  permission: "reports.read",
  request: { query: RangeQuery },
  responses: { 200: file("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") },
});

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

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function checkRange(from: string, to: string) {
  if (from > to) throw AppError.validation([{ path: "query.to", message: "la fin précède le début" }]);
}

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
  .openapi(dashboardCsvRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get("deps");
    const { period } = c.req.valid("query");
    const d = await financeDashboard(deps.database.db, actor.organisationId, period, deps.clock.today());
    c.header("content-disposition", `attachment; filename="tableau-de-bord-${period}.csv"`);
    return c.body(dashboardCsv(d), 200, { "content-type": "text/csv; charset=utf-8" }) as never;
  })
  .openapi(workbookRoute, async (c) => {
    const actor = requireActor(c);
    const deps = c.get("deps");
    const { period } = c.req.valid("query");
    const from = monthStart(period);
    const d = await financeDashboard(deps.database.db, actor.organisationId, period, deps.clock.today());
    const lines = await journal(deps.database.db, actor.organisationId, from, lastDayOfMonth(from));
    c.header("content-disposition", `attachment; filename="finance-${period}.xlsx"`);
    return c.body(new Uint8Array(await financeWorkbook(d, lines)), 200, { "content-type": xlsx }) as never;
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
    c.header("content-disposition", `attachment; filename="${fec.fileName}"`);
    return c.body(fec.bytes as never, 200, { "content-type": "text/plain; charset=iso-8859-15" }) as never;
  })
  .openapi(journalCsvRoute, async (c) => {
    const actor = requireActor(c);
    const { from, to } = c.req.valid("query");
    checkRange(from, to);
    const lines = await journal(c.get("deps").database.db, actor.organisationId, from, to);
    c.header("content-disposition", `attachment; filename="journal-${from}-${to}.csv"`);
    return c.body(journalCsv(lines), 200, { "content-type": "text/csv; charset=utf-8" }) as never;
  })
  .openapi(journalXlsxRoute, async (c) => {
    const actor = requireActor(c);
    const { from, to } = c.req.valid("query");
    checkRange(from, to);
    const lines = await journal(c.get("deps").database.db, actor.organisationId, from, to);
    c.header("content-disposition", `attachment; filename="journal-${from}-${to}.xlsx"`);
    return c.body(new Uint8Array(await financeWorkbook(null, lines)), 200, { "content-type": xlsx }) as never;
  });
