import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organisations } from "../../../db/schema";
import { compareDates } from "../../lib/dates";
import { AppError } from "../../lib/errors";
import { inUseCaseTransaction, type UseCaseContext } from "../../lib/use-case-context";
import { budgetConsumption } from "../costs/costs.rules";
import { costSummary } from "../costs/costs.service";
import { findAdmissions, findProgrammeParameters } from "../persons/persons.queries";
import {
  type AdmissionFact,
  admissionDuties,
  admissionsOf,
  offerDuty,
  offerDutyIndicators,
  type PanelFact,
} from "../persons/persons.rules";
import { awaitingOffer } from "../persons/persons.service";
import { arrearsByBucket, monthCalls } from "../reports/finance.queries";
import { type Cell, type Sheet, toCsv, toXlsx } from "../reports/spreadsheet";
import { renderActivityReportPdf } from "./activity-report.pdf";
import { activitySections, percent } from "./activity-report.sections";
import {
  anonymisedRow,
  dutyFallsIn,
  followedDuring,
  glissementFigures,
  panelFactsAsOf,
  panelFigures,
  peopleFigures,
  type PersonYearFacts,
  type ReportYear,
  refusalFigures,
  relocationFigures,
  reportYear,
  reportYearProblems,
  SMALL_CELL_THRESHOLD,
  suppressSmallCells,
  type TenancyFact,
} from "./yearly-reports.rules";
import {
  findDeclinedOffers,
  findPseudonymKey,
  findReportPanels,
  findReportPersons,
  findReportRelocations,
  findReportTenancies,
  insertPseudonymKeyIfMissing,
} from "./yearly-reports.queries";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function requireYear(ctx: UseCaseContext, year: number): ReportYear {
  const today = ctx.clock.today();
  const problems = reportYearProblems(year, today);
  if (problems.length > 0) throw AppError.validation(problems, problems[0]!.message);
  return reportYear(year, today);
}

async function requireParameters(db: Db, organisationId: string) {
  const parameters = await findProgrammeParameters(db, organisationId);
  if (!parameters) throw AppError.notFound("Organisation", organisationId);
  return parameters;
}

/** The site's pseudonymisation key: drawn at random (256 bits) the first time, then kept. */
async function siteKey(tx: Db, organisationId: string): Promise<string> {
  const existing = await findPseudonymKey(tx, organisationId);
  if (existing) return existing;
  await insertPseudonymKeyIfMissing(tx, organisationId, randomBytes(32).toString("hex"));
  return (await findPseudonymKey(tx, organisationId))!;
}

const groupBy = <T>(rows: readonly T[], key: (row: T) => string | null) => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    map.set(k, [...(map.get(k) ?? []), row]);
  }
  return map;
};

/** Every fact of the reports, read once, grouped by person. */
async function loadFacts(db: Db, organisationId: string) {
  const [people, panels, declines, tenancies, relocations, parameters, stored] = [
    await findReportPersons(db, organisationId),
    await findReportPanels(db, organisationId),
    await findDeclinedOffers(db, organisationId),
    await findReportTenancies(db, organisationId),
    await findReportRelocations(db, organisationId),
    await requireParameters(db, organisationId),
    await findAdmissions(db, organisationId),
  ];
  const admissions = new Map(people.map((p) => [p.id, admissionsOf(p, stored.get(p.id) ?? [])]));
  const panelsByPerson = groupBy(panels, (p) => p.personId);
  const tenanciesByPerson = groupBy(tenancies, (t) => t.personId);
  const relocationsByPerson = groupBy(relocations, (r) => r.personId);
  const persons: PersonYearFacts[] = people.map((person) => ({
    ...person,
    panels: (panelsByPerson.get(person.id) ?? []).map(({ proposedOn, status, closedOn }) => ({
      proposedOn,
      status,
      closedOn,
    })),
    offersMade: 0,
    tenancies: tenanciesByPerson.get(person.id) ?? [],
    relocations: relocationsByPerson.get(person.id) ?? [],
  }));
  const awaiting = new Set(people.filter((person) => awaitingOffer(person)).map((person) => person.id));
  return {
    people,
    persons,
    panels,
    panelsByPerson,
    declines,
    tenancies,
    relocations,
    parameters,
    awaiting,
    admissions,
  };
}

type Facts = Awaited<ReturnType<typeof loadFacts>>;

/** The person's offer duty for the current admission as it stood on the report's day (persons.rules). */
function dutyAsOf(facts: Facts, person: PersonYearFacts, period: ReportYear) {
  return offerDuty({
    entryDate: person.entryDate,
    deadlineWeeks: facts.parameters.firstOfferDeadlineWeeks,
    reofferWeeks: facts.parameters.reofferDeadlineWeeks,
    today: period.asOf,
    panels: panelFactsAsOf(person.panels as PanelFact[], period.asOf),
    awaitingOffer: facts.awaiting.has(person.id),
  });
}

/**
 * The admissions as they stood on the report's day: those whose day 1 had come, an admission
 * ended later being still under way then.
 */
function admissionsAsOf(admissions: readonly AdmissionFact[], asOf: string): AdmissionFact[] {
  return admissions
    .filter((a) => compareDates(a.admittedOn, asOf) <= 0)
    .map((a) =>
      a.endedOn !== null && compareDates(a.endedOn, asOf) > 0
        ? { ...a, endedOn: null, outcome: null, leftReason: null }
        : a,
    );
}

/** Each admission's 8-week duty as it stood on the report's day: a readmission is judged on its own. */
function admissionDutiesAsOf(facts: Facts, person: PersonYearFacts, period: ReportYear) {
  const admissions = admissionsAsOf(facts.admissions.get(person.id) ?? [], period.asOf);
  return admissionDuties({
    admissions,
    panels: panelFactsAsOf(person.panels as PanelFact[], period.asOf),
    deadlineWeeks: facts.parameters.firstOfferDeadlineWeeks,
    reofferWeeks: facts.parameters.reofferDeadlineWeeks,
    today: period.asOf,
    awaitingOffer: facts.awaiting.has(person.id),
  });
}

/** Flats offered to the person in the current admission up to the day. */
function offersMadeAsOf(facts: Facts, person: PersonYearFacts, period: ReportYear) {
  return (facts.panelsByPerson.get(person.id) ?? [])
    .filter(
      (p) =>
        compareDates(p.proposedOn, person.entryDate) >= 0 && compareDates(p.proposedOn, period.asOf) <= 0,
    )
    .reduce((sum, p) => sum + p.size, 0);
}

const ANONYMISED_COLUMNS: Sheet["columns"] = [
  { header: "Identifiant pseudonyme", kind: "text", width: 66 },
  { header: "Tranche d'âge au 31/12", kind: "text", width: 18 },
  { header: "Composition du foyer", kind: "text", width: 30 },
  { header: "Année d'admission (jour 1)", kind: "text", width: 14 },
  { header: "Année d'entrée dans le logement", kind: "text", width: 14 },
  { header: "Année de sortie du programme", kind: "text", width: 14 },
  { header: "Situation en fin de période", kind: "text", width: 26 },
  { header: "Délai avant la première proposition (jours)", kind: "integer", width: 14 },
  { header: "Première proposition dans les 8 semaines", kind: "text", width: 16 },
  { header: "Nombre de propositions", kind: "integer", width: 12 },
  { header: "Nombre de logements proposés", kind: "integer", width: 12 },
  { header: "Type de contrat", kind: "text", width: 30 },
  { header: "Glissement du bail", kind: "text", width: 12 },
  { header: "Relogement", kind: "text", width: 12 },
];

function methodSheet(
  period: ReportYear,
  counts: { people: number; withheld: number; generalisedCells: number },
) {
  const lines = [
    `Données anonymisées de l'année ${period.year} (cahier des charges §8.12, à transmettre au plus tard le 30 juin), arrêtées au ${period.asOf.split("-").reverse().join("/")}.`,
    "Une ligne par personne accompagnée pendant l'année (jour 1 au plus tard en fin de période, pas sortie avant le 1er janvier).",
    "Identifiant : empreinte HMAC-SHA-256 de l'identifiant interne sous la clé propre au site, identique d'une année à l'autre ; la clé n'est jamais transmise et sans elle l'identifiant ne renvoie à personne.",
    "Aucun nom, contact, adresse, date de naissance exacte ni texte libre : l'âge en tranche au 31 décembre, le foyer en catégorie, les dates en années.",
    `Petits effectifs : aucun groupe de moins de ${SMALL_CELL_THRESHOLD} personnes partageant la même combinaison d'âge, de foyer et d'années n'est montré. Les personnes d'un groupe trop petit voient leurs valeurs élargies puis masquées (*) dans cet ordre : foyer regroupé, âge regroupé, année de sortie, année d'entrée dans le logement, année d'admission, foyer, âge ; les personnes restant dans un groupe trop petit une fois tout masqué sont retirées du fichier.`,
    `Personnes accompagnées : ${counts.people} ; lignes du fichier : ${counts.people - counts.withheld} ; personnes retirées : ${counts.withheld} ; cellules élargies ou masquées : ${counts.generalisedCells}.`,
  ];
  return {
    name: "Méthode",
    columns: [{ header: "Méthode", kind: "text" as const, width: 140 }],
    rows: lines.map((l) => [l]),
  };
}

/**
 * The anonymised yearly export (cahier des charges §8.12, by 30 June): one row per person
 * followed during the year, pseudonymised and with small cells suppressed. Reading it is a read of
 * people's data: recorded in the audit log like the opening of a person's file, with the key's
 * first drawing in the same transaction.
 */
export async function anonymisedExport(ctx: UseCaseContext, year: number, format: "csv" | "xlsx") {
  const period = requireYear(ctx, year);
  const organisationId = ctx.actor.organisationId;
  return inUseCaseTransaction(ctx, async (tx, audit) => {
    const key = await siteKey(tx, organisationId);
    const facts = await loadFacts(tx, organisationId);
    const followed = facts.persons.filter((person) => followedDuring(person, period));
    const rows = followed.map((person) =>
      anonymisedRow(
        { ...person, offersMade: offersMadeAsOf(facts, person, period) },
        dutyAsOf(facts, person, period),
        period,
        key,
      ),
    );
    const suppressed = suppressSmallCells(rows);
    // shuffled out of the internal order: sorted by pseudonym, which says nothing of who is who
    const shown = suppressed.rows.slice().sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
    await audit.record({
      action: "programme.anonymised_export.read",
      entityType: "organisation",
      entityId: organisationId,
      details: { year, format, people: followed.length, withheld: suppressed.withheld },
    });
    const sheet: Sheet = {
      name: `Données ${year}`,
      columns: ANONYMISED_COLUMNS,
      rows: shown.map((row): Cell[] => [
        row.pseudonym,
        row.qi.ageBand,
        row.qi.household,
        row.qi.admissionYear,
        row.qi.housedYear,
        row.qi.exitYear,
        row.situation,
        row.daysToFirstOffer,
        row.firstOfferOnTime,
        row.panels,
        row.offers,
        row.leaseKind,
        row.glissement,
        row.relocation,
      ]),
    };
    const baseName = `donnees-anonymisees-${year}`;
    if (format === "csv")
      return {
        fileName: `${baseName}.csv`,
        contentType: "text/csv; charset=utf-8",
        body: new TextEncoder().encode(toCsv(sheet)),
      };
    const method = methodSheet(period, {
      people: followed.length,
      withheld: suppressed.withheld,
      generalisedCells: suppressed.generalisedCells,
    });
    return {
      fileName: `${baseName}.xlsx`,
      contentType: XLSX_TYPE,
      body: new Uint8Array(await toXlsx([sheet, method])),
    };
  });
}

/**
 * The housing pole's figures for the year's activity report (by 30 April, CASF R.314-50), each
 * from the rule that owns it: the offer duty and its indicators (persons.rules), the vacancy and
 * the arrears of the finance dashboard (finance.queries), the IML costs against the BOP 177 budget
 * (costs.service costSummary).
 */
async function activityFigures(db: Db, organisationId: string, period: ReportYear) {
  const facts = await loadFacts(db, organisationId);
  const tenanciesByPerson = groupBy(facts.tenancies, (t) => t.personId);
  const people = peopleFigures(
    facts.people.map((p) => ({
      ...p,
      admissions: facts.admissions.get(p.id) ?? [],
      tenancies: (tenanciesByPerson.get(p.id) ?? []) as TenancyFact[],
    })),
    period,
  );
  // per admission: a person readmitted during the year is judged on each of their day 1s
  const duties = facts.persons
    .flatMap((person) => admissionDutiesAsOf(facts, person, period))
    .map((admission) => ({ entryDate: admission.admittedOn, duty: admission.duty }))
    .filter((d) => dutyFallsIn(d.duty.firstOfferDeadline, period));
  const delays = offerDutyIndicators(duties);
  const vacancy = await monthCalls(db, organisationId, period.start, period.end);
  const arrears = await arrearsByBucket(db, organisationId, period.asOf);
  const costs = await costSummary(db, organisationId, period.year);
  const [organisation] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return {
    year: period.year,
    asOf: period.asOf,
    organisationName: organisation?.name ?? "",
    firstOfferDeadlineWeeks: facts.parameters.firstOfferDeadlineWeeks,
    people,
    admissionsJudged: duties.length,
    delays,
    panels: panelFigures(facts.panels, facts.parameters.minimumPanelSize, period),
    refusals: refusalFigures(facts.declines, period),
    relocations: relocationFigures(facts.relocations, facts.tenancies, period),
    glissements: glissementFigures(facts.tenancies, period),
    vacancy: {
      unitsWithVacancy: vacancy.unitsVacant,
      days: vacancy.vacancyDays,
      costCents: vacancy.vacancyCostCents,
    },
    unpaidRent: {
      asOf: period.asOf,
      outstandingCents: arrears.totalCents,
      leasesInArrears: arrears.leasesInArrears,
      buckets: arrears.buckets,
      writtenOffCents: costs.categories.find((c) => c.category === "unpaid_rent")?.actualCents ?? 0,
    },
    costs,
  };
}

export type ActivityFigures = Awaited<ReturnType<typeof activityFigures>>;

/** The activity report's figures as XLSX (one sheet per theme) or PDF (French, with charts); the read is audited. */
export async function activityReport(ctx: UseCaseContext, year: number, format: "xlsx" | "pdf") {
  const period = requireYear(ctx, year);
  const organisationId = ctx.actor.organisationId;
  const figures = await inUseCaseTransaction(ctx, async (tx, audit) => {
    const result = await activityFigures(tx, organisationId, period);
    await audit.record({
      action: "programme.activity_report.read",
      entityType: "organisation",
      entityId: organisationId,
      details: { year, format },
    });
    return result;
  });
  const baseName = `rapport-activite-logement-${year}`;
  if (format === "pdf")
    return {
      fileName: `${baseName}.pdf`,
      contentType: "application/pdf",
      body: new Uint8Array(await renderActivityReportPdf(figures, ctx.clock.now())),
    };
  return {
    fileName: `${baseName}.xlsx`,
    contentType: XLSX_TYPE,
    body: new Uint8Array(await toXlsx(activitySheets(figures))),
  };
}

function labelValueSheet(name: string, lines: { label: string; value: string }[]): Sheet {
  return {
    name,
    columns: [
      { header: "Indicateur", kind: "text", width: 70 },
      { header: "Valeur", kind: "text", width: 16 },
    ],
    rows: lines.map((l) => [l.label.trim(), l.value]),
  };
}

function activitySheets(f: ActivityFigures): Sheet[] {
  const s = activitySections(f);
  return [
    labelValueSheet("Personnes", s.people),
    labelValueSheet("Délais", s.delays),
    labelValueSheet("Propositions", s.panels),
    labelValueSheet("Refus", s.refusals),
    labelValueSheet("Relogements et glissements", s.relocations),
    {
      name: "Vacance et impayés",
      columns: [
        { header: "Indicateur", kind: "text", width: 60 },
        { header: "Nombre", kind: "integer" },
        { header: "Montant", kind: "euros", width: 16 },
      ],
      rows: [
        ["Logements ayant connu de la vacance", f.vacancy.unitsWithVacancy, null],
        ["Jours de vacance et leur coût (loyers du bail principal)", f.vacancy.days, f.vacancy.costCents],
        [
          "Impayés en fin de période (baux en dette)",
          f.unpaidRent.leasesInArrears,
          f.unpaidRent.outstandingCents,
        ],
        ["   dont échus depuis 0 à 30 jours", null, f.unpaidRent.buckets["0-30"]],
        ["   dont échus depuis 31 à 60 jours", null, f.unpaidRent.buckets["31-60"]],
        ["   dont échus depuis 61 à 90 jours", null, f.unpaidRent.buckets["61-90"]],
        ["   dont échus depuis plus de 90 jours", null, f.unpaidRent.buckets["90+"]],
        ["Loyers impayés passés en perte dans l'année", null, f.unpaidRent.writtenOffCents],
      ],
    },
    {
      name: "Coûts IML (BOP 177)",
      columns: [
        { header: "Catégorie", kind: "text", width: 56 },
        { header: "Réalisé", kind: "euros", width: 16 },
        { header: "Budget", kind: "euros", width: 16 },
        { header: "Reste", kind: "euros", width: 16 },
        { header: "Consommé", kind: "text", width: 12 },
      ],
      rows: [
        ...f.costs.categories.map((c): Cell[] => [
          c.label,
          c.actualCents,
          c.budgetCents,
          c.remainingCents,
          percent(c.consumedBasisPoints),
        ]),
        [
          "Total",
          f.costs.totalActualCents,
          f.costs.totalBudgetCents,
          f.costs.totalBudgetCents - f.costs.totalActualCents,
          percent(
            budgetConsumption(f.costs.totalActualCents, f.costs.totalBudgetCents || null).consumedBasisPoints,
          ),
        ],
      ],
    },
  ];
}
