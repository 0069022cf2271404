import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { expectArchivalPdf } from "../support/pdf-archival";
import { auditLog, persons, pseudonymKeys, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { DEMO_ORGANISATION_ID } from "../../db/seed/demo-organisation";
import { fixedClock } from "../../server/lib/clock";
import {
  pseudonym,
  QUASI_IDENTIFIERS,
  SMALL_CELL_THRESHOLD,
} from "../../server/modules/programme/yearly-reports.rules";
import { createTestApp } from "../support/app";
import { useTestDatabase } from "../support/db";
import { createOrganisation, createPerson, createUser, sessionCookieFor } from "../support/factories";
import { pdfText } from "../support/pdf-text";

/**
 * The two yearly reports on the demo site (cahier des charges §8.12): the anonymised data (by
 * 30 June) and the activity report's housing figures (by 30 April), read back from the files.
 */

const db = useTestDatabase();
const NOW = "2026-11-23T10:00:00+01:00";
const org = DEMO_ORGANISATION_ID;

async function login(email: string) {
  const [user] = await db.current.db.select().from(users).where(eq(users.email, email));
  return sessionCookieFor(db.current.db, user!, new Date(NOW));
}

async function workbookOf(response: Response) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await response.arrayBuffer()) as never);
  return workbook;
}

function sheetRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v))),
    );
  });
  return rows;
}

/** The file's text, its byte-order mark kept (French spreadsheets need it). */
async function csvText(response: Response) {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
}

function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  return text
    .slice(1)
    .trim()
    .split("\r\n")
    .map((line) => line.split(";"));
}

/** Names, e-mails, phones, birth dates (ISO and French) and internal ids of the seeded people. */
function expectNoDirectIdentifier(text: string, people: (typeof persons.$inferSelect)[]) {
  const lower = text.toLowerCase();
  for (const person of people) {
    const identifiers = [
      person.id,
      person.lastName,
      `${person.firstName} ${person.lastName}`,
      person.email,
      person.phone,
      person.phone?.replace(/\s/g, ""),
      person.birthDate,
      person.birthDate?.split("-").reverse().join("/"),
    ].filter((v): v is string => Boolean(v));
    // as whole words: the surname «Petit» is not in «Petits effectifs»
    for (const identifier of identifiers) {
      const escaped = identifier.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const word = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u");
      expect(word.test(lower), `${identifier} in the export`).toBe(false);
    }
  }
}

let app: ReturnType<typeof createTestApp>;
let admin: string;

beforeAll(async () => {
  expect(await seedDemo(db.current, fixedClock(NOW))).toBe(true);
  app = createTestApp(db.current, { now: NOW });
  admin = await login("admin@demo.fr");
}, 180_000);

describe("the anonymised yearly export (by 30 June)", () => {
  it("has a row per person followed, no direct identifier, and no combination of fewer than 5 people", async () => {
    const csv = await app.call("GET", "/api/programme/reports/anonymised.csv?year=2026", { cookie: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("donnees-anonymisees-2026.csv");
    const text = await csvText(csv.response);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "Identifiant pseudonyme",
      "Tranche d'âge au 31/12",
      "Composition du foyer",
      "Année d'admission (jour 1)",
      "Année d'entrée dans le logement",
      "Année de sortie du programme",
      "Situation en fin de période",
      "Délai avant la première proposition (jours)",
      "Première proposition dans les 8 semaines",
      "Nombre de propositions",
      "Nombre de logements proposés",
      "Type de contrat",
      "Glissement du bail",
      "Relogement",
    ]);
    const people = await db.current.db.select().from(persons).where(eq(persons.organisationId, org));
    // the demo's year: most people are followed, a few are withheld at most
    expect(rows.length).toBeGreaterThanOrEqual(80);
    expect(rows.length).toBeLessThanOrEqual(people.length);

    // no direct identifier of any seeded person appears anywhere in the file
    expectNoDirectIdentifier(text, people);
    // and no exact date at all: years only
    expect(text).not.toMatch(/\d{2}\/\d{2}\/\d{4}|\d{4}-\d{2}-\d{2}/);

    // every combination of quasi-identifiers shown is shared by at least 5 rows
    const quasi = QUASI_IDENTIFIERS.map((_c, i) => i + 1);
    const groups = new Map<string, number>();
    for (const row of rows) {
      const key = quasi.map((i) => row[i]).join("|");
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    expect(Math.min(...groups.values())).toBeGreaterThanOrEqual(SMALL_CELL_THRESHOLD);
    // suppression is not everything: the file still says something
    expect(groups.size).toBeGreaterThan(1);
    expect(rows.some((row) => row[7] !== "" && Number(row[7]) > 0)).toBe(true);
    expect(rows.some((row) => row[8] === "Oui") && rows.some((row) => row[8] === "Non")).toBe(true);

    // the pseudonym is the keyed hash under the site's stored key, the same the next year
    const [key] = await db.current.db
      .select()
      .from(pseudonymKeys)
      .where(eq(pseudonymKeys.organisationId, org));
    expect(key!.key).toMatch(/^[0-9a-f]{64}$/);
    expect(text.toLowerCase().includes(key!.key)).toBe(false);
    const ids = new Set(rows.map((row) => row[0]));
    expect(ids.size).toBe(rows.length);
    const hashed = new Set(people.map((p) => pseudonym(key!.key, p.id)));
    for (const id of ids) expect(hashed.has(id!)).toBe(true);
    const previous = await app.call("GET", "/api/programme/reports/anonymised.csv?year=2025", {
      cookie: admin,
    });
    expect(previous.status).toBe(200);
    const before = new Set(
      parseCsv(await csvText(previous.response))
        .slice(1)
        .map((row) => row[0]),
    );
    expect([...before].filter((id) => ids.has(id)).length).toBeGreaterThan(0);
    const [again] = await db.current.db
      .select()
      .from(pseudonymKeys)
      .where(eq(pseudonymKeys.organisationId, org));
    expect(again!.key).toBe(key!.key);

    // the read is in the audit log, attributed to the admin
    const audit = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org), eq(auditLog.action, "programme.anonymised_export.read")));
    expect(audit.length).toBe(2);
    expect(audit[0]!.actorLabel).toContain("admin@demo.fr");
  });

  it("as XLSX: the same rows and a sheet describing the method", async () => {
    const xlsx = await app.call("GET", "/api/programme/reports/anonymised.xlsx?year=2026", { cookie: admin });
    expect(xlsx.status).toBe(200);
    const workbook = await workbookOf(xlsx.response);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Données 2026", "Méthode"]);
    const rows = sheetRows(workbook.worksheets[0]!);
    expect(rows[0]![0]).toBe("Identifiant pseudonyme");
    expect(rows.length).toBeGreaterThan(80);
    const method = sheetRows(workbook.worksheets[1]!).flat().join(" ");
    expect(method).toContain("moins de 5 personnes");
    const people = await db.current.db.select().from(persons).where(eq(persons.organisationId, org));
    // the data sheet (the method sheet is fixed wording and counts: «un groupe trop petit» is no surname)
    expectNoDirectIdentifier(rows.flat().join(" "), people);
    expect(method).not.toMatch(/\d{4}-\d{2}-\d{2}|[0-9a-f]{8}-[0-9a-f]{4}/);
    expect(method).toContain("HMAC-SHA-256");
  });

  it("refuses a year not begun or not a year with problem+json, and every role but admin", async () => {
    for (const year of ["2027", "abc", "1999"]) {
      const response = await app.call("GET", `/api/programme/reports/anonymised.csv?year=${year}`, {
        cookie: admin,
      });
      expect(response.status).toBe(422);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.json.code).toBe("VALIDATION_FAILED");
    }
    for (const email of ["gestion@demo.fr", "finance@demo.fr", "proprietaire@demo.fr"]) {
      const cookie = await login(email);
      for (const path of ["anonymised.csv", "activity.pdf"])
        expect((await app.call("GET", `/api/programme/reports/${path}?year=2026`, { cookie })).status).toBe(
          403,
        );
    }
    expect((await app.call("GET", "/api/programme/reports/anonymised.csv?year=2026")).status).toBe(401);
  });
});

describe("a small site", () => {
  it("shows no one when fewer than 5 people were followed, and draws one key under concurrent first exports", async () => {
    const site = await createOrganisation(db.current.db, {});
    const user = await createUser(db.current.db, { organisationId: site.id, role: "admin" });
    const cookie = await sessionCookieFor(db.current.db, user, new Date(NOW));
    for (let i = 0; i < 4; i++)
      await createPerson(db.current.db, {
        organisationId: site.id,
        entryDate: "2026-03-02",
        birthDate: "1980-05-17",
      });
    const [csv, xlsx] = await Promise.all([
      app.call("GET", "/api/programme/reports/anonymised.csv?year=2026", { cookie }),
      app.call("GET", "/api/programme/reports/anonymised.xlsx?year=2026", { cookie }),
    ]);
    expect([csv.status, xlsx.status]).toEqual([200, 200]);
    expect(parseCsv(await csvText(csv.response))).toHaveLength(1); // the header only
    const method = sheetRows((await workbookOf(xlsx.response)).worksheets[1]!)
      .flat()
      .join(" ");
    expect(method).toContain("Personnes accompagnées : 4 ; lignes du fichier : 0 ; personnes retirées : 4");
    const keys = await db.current.db
      .select()
      .from(pseudonymKeys)
      .where(eq(pseudonymKeys.organisationId, site.id));
    expect(keys).toHaveLength(1);
    // another site's key is its own: the same person id would not give the same pseudonym
    const [demoKey] = await db.current.db
      .select()
      .from(pseudonymKeys)
      .where(eq(pseudonymKeys.organisationId, org));
    expect(keys[0]!.key).not.toBe(demoKey!.key);
  });
});

describe("the activity report's housing figures (by 30 April)", () => {
  it("as XLSX: one sheet per theme, French headers, euros as numbers with a euro format", async () => {
    const xlsx = await app.call("GET", "/api/programme/reports/activity.xlsx?year=2026", { cookie: admin });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toContain("rapport-activite-logement-2026.xlsx");
    const workbook = await workbookOf(xlsx.response);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Personnes",
      "Délais",
      "Propositions",
      "Refus",
      "Relogements et glissements",
      "Vacance et impayés",
      "Coûts IML (BOP 177)",
    ]);
    const value = (sheet: string, label: string) =>
      sheetRows(workbook.getWorksheet(sheet)!).find((row) => row[0] === label)?.[1];
    const people = await db.current.db.select().from(persons).where(eq(persons.organisationId, org));
    expect(Number(value("Personnes", "Personnes accompagnées pendant l'année"))).toBeGreaterThanOrEqual(80);
    expect(Number(value("Personnes", "Personnes accompagnées pendant l'année"))).toBeLessThanOrEqual(
      people.length,
    );
    expect(Number(value("Personnes", "Personnes logées en fin de période"))).toBeGreaterThanOrEqual(40);
    const late = Number(value("Délais", "Premières propositions faites en retard"));
    const onTime = Number(value("Délais", "Premières propositions faites dans le délai"));
    expect(late).toBeGreaterThan(0);
    expect(onTime).toBeGreaterThan(0);
    expect(value("Délais", "Part des premières propositions dans le délai")).toMatch(/^\d+(,\d{1,2})? %$/);
    expect(Number(value("Refus", "Logements refusés dans l'année"))).toBeGreaterThan(0);
    expect(Number(value("Propositions", "Propositions (panels) faites dans l'année"))).toBeGreaterThan(0);
    expect(Number(value("Relogements et glissements", "Relogements demandés"))).toBeGreaterThanOrEqual(1);

    const costs = workbook.getWorksheet("Coûts IML (BOP 177)")!;
    expect(sheetRows(costs)[0]).toEqual(["Catégorie", "Réalisé", "Budget", "Reste", "Consommé"]);
    expect(costs.getColumn(2).numFmt).toContain("€");
    const vacancy = workbook.getWorksheet("Vacance et impayés")!;
    const vacancyRow = sheetRows(vacancy).find((row) => row[0]!.startsWith("Jours de vacance"))!;
    expect(Number(vacancyRow[1])).toBeGreaterThan(0);
    expect(Number(vacancyRow[2])).toBeGreaterThan(0);
    expect(vacancy.getColumn(3).numFmt).toContain("€");
  });

  it("as PDF: French text, dates dd/mm/yyyy, amounts «1 234,56 €», and its read audited", async () => {
    const pdf = await app.call("GET", "/api/programme/reports/activity.pdf?year=2026", { cookie: admin });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await pdf.response.arrayBuffer());
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe("%PDF-");
    await expectArchivalPdf(bytes, expect, [
      "Document",
      "H1",
      "H2",
      "P",
      "Table",
      "TR",
      "TH",
      "TD",
      "Figure",
    ]);
    const { text, pages } = await pdfText(bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const expected of [
      "Rapport d'activité 2026 — pôle logement",
      "chiffres arrêtés au 23/11/2026",
      "Personnes accompagnées pendant l'année",
      "Premières propositions faites en retard",
      "Logements refusés, par auteur du refus",
      "Coûts IML : réalisé et budget par catégorie",
      "Coût de la vacance",
      "R.314-50",
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/\d{1,3}( \d{3})*,\d{2} €/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const audit = await db.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organisationId, org), eq(auditLog.action, "programme.activity_report.read")));
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});
