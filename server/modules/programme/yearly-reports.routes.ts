import { downloadResponse } from "../../lib/download-response";
import { createRouter, defineRoute, z } from "../../lib/openapi";
import { useCaseContext } from "../../lib/use-case-context";
import { activityReport, anonymisedExport } from "./yearly-reports.service";

const tags = ["Rapports annuels"];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const YearQuery = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({ description: "Année civile du rapport (jusqu'à l'année en cours)", example: 2026 }),
});
const fileOf = (type: string) => ({ description: "Fichier", content: { [type]: { schema: z.string() } } });

const anonymisedRoutes = (["csv", "xlsx"] as const).map((format) => ({
  format,
  route: defineRoute({
    method: "get",
    path: `/api/programme/reports/anonymised.${format}`,
    tags,
    summary: `Données anonymisées de l'année (à transmettre au plus tard le 30 juin) en ${format.toUpperCase()}`,
    description:
      "Une ligne par personne accompagnée pendant l'année : identifiant pseudonyme (HMAC-SHA-256 sous la clé " +
      "du site, stable d'une année à l'autre), tranche d'âge au 31 décembre, composition du foyer, années " +
      "d'admission, d'entrée dans le logement et de sortie, délai avant la première proposition, propositions, " +
      "type de contrat, glissement, relogement. Aucun nom, contact, adresse, date de naissance ni texte libre ; " +
      "aucune combinaison d'âge, de foyer et d'années partagée par moins de 5 personnes (valeurs élargies ou " +
      "masquées « * »). La lecture est inscrite au journal d'audit.",
    permission: "programme.reports",
    request: { query: YearQuery },
    responses: { 200: fileOf(format === "csv" ? "text/csv" : XLSX) },
  }),
}));

const activityRoutes = (["xlsx", "pdf"] as const).map((format) => ({
  format,
  route: defineRoute({
    method: "get",
    path: `/api/programme/reports/activity.${format}`,
    tags,
    summary: `Chiffres du pôle logement pour le rapport d'activité (avant le 30 avril) en ${format.toUpperCase()}`,
    description:
      "Personnes accompagnées et logées, entrées et sorties, délais jusqu'à la première proposition, tailles " +
      "des propositions et dérogations, refus par auteur, relogements, glissements, vacance, impayés, coûts IML " +
      "au regard du budget BOP 177 par catégorie. La lecture est inscrite au journal d'audit.",
    permission: "programme.reports",
    request: { query: YearQuery },
    responses: { 200: fileOf(format === "pdf" ? "application/pdf" : XLSX) },
  }),
}));

export const yearlyReportsRoutes = createRouter();

for (const { format, route } of anonymisedRoutes)
  yearlyReportsRoutes.openapi(route, async (c) => {
    const file = await anonymisedExport(useCaseContext(c), c.req.valid("query").year, format);
    return downloadResponse(c, file);
  });

for (const { format, route } of activityRoutes)
  yearlyReportsRoutes.openapi(route, async (c) => {
    const file = await activityReport(useCaseContext(c), c.req.valid("query").year, format);
    return downloadResponse(c, file);
  });
