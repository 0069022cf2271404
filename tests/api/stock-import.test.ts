import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildings, landlords, units, unitTransitions } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { createNeighbourhood } from "../support/factories";
import { staffWithApp } from "../support/stock-fixture";

const db = useTestDatabase();

const csv = (cookie: string) => ({ cookie, headers: { "content-type": "text/csv" } });

const LANDLORDS = [
  "reference;kind;display_name;first_name;last_name;email;iban",
  "B1;private_person;Mme Durand;Claire;Durand;claire@exemple.fr;FR76 3000 6000 0112 3456 7890 189",
  "B2;sci;SCI Les Tilleuls;;;;",
].join("\n");

const BUILDINGS = [
  "reference,landlord_reference,street,postcode,city,insee_code,lng,lat,total_dwellings,has_elevator,year_built",
  "I1,B1,12 rue Chabot-Charny,21000,Dijon,21231,5.0445,47.3195,12,oui,1890",
  'I2,,"4 avenue du Drapeau, bât. B",21000,Dijon,21231,5.0520,47.3370,40,non,1962',
].join("\n");

const UNITS = [
  "reference;building_reference;landlord_reference;floor;typology;surface_m2;rooms;furnished;energy_class;energy_diagnosis_date;rent;charges;capture_formula;available_from;status",
  "L1;I1;B1;2;T2;41,5;2;non;D;01/03/2024;520,50;60;head_lease;2027-01-01;available",
  "L2;I2;;0;studio;19;1;oui;e;2023-06-15;390;45,00;;;",
].join("\n");

describe("CSV import", () => {
  it("imports landlords, then buildings (placed in their neighbourhood), then units with their first transition", async () => {
    const { call, officer, org } = await staffWithApp(db.current);
    const neighbourhood = await createNeighbourhood(db.current.db, {
      organisationId: org.id,
      center: [5.0415, 47.322],
    });

    const dry = await call("POST", "/api/landlords/import?dryRun=true", { ...csv(officer), body: LANDLORDS });
    expect(dry.json).toMatchObject({ dryRun: true, valid: true, rows: 2, created: 0, errors: [] });
    expect(
      await db.current.db.select().from(landlords).where(eq(landlords.organisationId, org.id)),
    ).toHaveLength(1);

    const real = await call("POST", "/api/landlords/import", { ...csv(officer), body: LANDLORDS });
    expect(real.json).toMatchObject({ dryRun: false, valid: true, rows: 2, created: 2 });
    const b1 = (await db.current.db.select().from(landlords).where(eq(landlords.reference, "B1")))[0]!;
    expect(b1).toMatchObject({
      kind: "private_person",
      iban: "FR7630006000011234567890189",
      firstName: "Claire",
    });

    expect(
      (await call("POST", "/api/buildings/import", { ...csv(officer), body: BUILDINGS })).json.created,
    ).toBe(2);
    const imported = await db.current.db.select().from(buildings).where(eq(buildings.organisationId, org.id));
    const i1 = imported.find((b) => b.reference === "I1")!;
    expect(i1).toMatchObject({
      landlordId: b1.id,
      hasElevator: true,
      neighbourhoodId: neighbourhood.id,
      totalDwellings: 12,
    });
    expect(imported.find((b) => b.reference === "I2")).toMatchObject({
      street: "4 avenue du Drapeau, bât. B",
      neighbourhoodId: null,
    });

    const unitsReport = await call("POST", "/api/units/import", { ...csv(officer), body: UNITS });
    expect(unitsReport.json).toMatchObject({ created: 2, valid: true });
    const rows = await db.current.db.select().from(units).where(eq(units.organisationId, org.id));
    expect(rows.find((u) => u.reference === "L1")).toMatchObject({
      buildingId: i1.id,
      surfaceM2: 41.5,
      rentCents: 52_050,
      chargesCents: 6_000,
      energyDiagnosisDate: "2024-03-01",
      status: "available",
      statusSince: "2026-11-23",
    });
    expect(rows.find((u) => u.reference === "L2")).toMatchObject({
      status: "prospect",
      energyClass: "E",
      furnished: true,
    });
    const transitions = await db.current.db
      .select()
      .from(unitTransitions)
      .where(and(eq(unitTransitions.organisationId, org.id), eq(unitTransitions.reason, "import CSV")));
    expect(transitions.map((t) => t.toStatus).sort()).toEqual(["available", "prospect"]);
  });

  it("reports every error by line and column, and writes nothing when any line is wrong", async () => {
    const { call, officer, org } = await staffWithApp(db.current);
    await call("POST", "/api/landlords/import", { ...csv(officer), body: LANDLORDS });
    await call("POST", "/api/buildings/import", { ...csv(officer), body: BUILDINGS });
    const broken = [
      UNITS.split("\n")[0],
      "L1;I1;B1;2;T2;41,5;2;non;D;2024-03-01;520,50;60;head_lease;;available", // valid
      "L2;I9;B7;deux;T8;;2;peut-être;D;31/02/2024;5,555;60;;;let", // many faults
      "L1;I2;;1;T1;30;1;;C;;400;;;;", // duplicate reference
      "L4;I2;;1;T1;30;1;;C;;400;;;;", // valid
    ].join("\n");
    const dry = await call("POST", "/api/units/import?dryRun=true", { ...csv(officer), body: broken });
    expect(dry.status).toBe(200);
    expect(dry.json).toMatchObject({ valid: false, rows: 4, created: 0 });
    const byLine = (line: number) =>
      dry.json.errors
        .filter((e: { line: number }) => e.line === line)
        .map((e: { field: string }) => e.field)
        .sort();
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)).toEqual([
      "building_reference",
      "energy_diagnosis_date",
      "floor",
      "furnished",
      "landlord_reference",
      "rent",
      "status",
      "surface_m2",
      "typology",
    ]);
    expect(
      dry.json.errors.find((e: { line: number; field: string }) => e.line === 3 && e.field === "status")
        .message,
    ).toContain("transitions");
    expect(dry.json.errors.filter((e: { line: number }) => e.line === 4)).toEqual([
      { line: 4, field: "reference", message: "référence déjà utilisée ligne 2" },
    ]);

    const real = await call("POST", "/api/units/import", { ...csv(officer), body: broken });
    expect(real.status).toBe(422);
    expect(real.json).toMatchObject({ code: "IMPORT_REJECTED", errorCount: dry.json.errorCount });
    expect(await db.current.db.select().from(units).where(eq(units.organisationId, org.id))).toHaveLength(0);

    // a reference already in the database
    await call("POST", "/api/units/import", { ...csv(officer), body: UNITS });
    const again = await call("POST", "/api/units/import?dryRun=true", { ...csv(officer), body: UNITS });
    expect(again.json.errors[0]).toEqual({
      line: 2,
      field: "reference",
      message: "référence déjà connue dans la base",
    });
  });

  it("reports missing and unknown columns, an IBAN with a wrong key, and an unreadable file", async () => {
    const { call, officer } = await staffWithApp(db.current);
    const header = await call("POST", "/api/landlords/import?dryRun=true", {
      ...csv(officer),
      body: "reference;nom\nB1;Durand",
    });
    expect(header.json.errors.map((e: { field: string }) => e.field)).toEqual([
      "kind",
      "display_name",
      "nom",
    ]);
    const iban = await call("POST", "/api/landlords/import?dryRun=true", {
      ...csv(officer),
      body: "reference;kind;display_name;iban\nB1;company;Foncière;FR7630006000011234567890188",
    });
    expect(iban.json.errors).toEqual([
      { line: 2, field: "iban", message: "Clé de contrôle de l'IBAN incorrecte" },
    ]);
    const unreadable = await call("POST", "/api/landlords/import", {
      ...csv(officer),
      body: 'reference;kind;display_name\nB1;sci;"SCI non fermée\n',
    });
    expect(unreadable.status).toBe(422);
    expect(unreadable.json.errors[0].message).toContain("CSV illisible");
  });

  it("streams progress as NDJSON for large files, then the result", async () => {
    const { app, officer, org } = await staffWithApp(db.current);
    // the NDJSON body is read as text here (the test helper would parse it as one JSON document)
    const post = (body: string) =>
      app.request("http://localhost/api/landlords/import", {
        method: "POST",
        headers: {
          cookie: officer,
          "content-type": "text/csv",
          accept: "application/x-ndjson",
          origin: "http://localhost",
          "sec-fetch-site": "same-origin",
        },
        body,
      });
    const lines = ["reference;kind;display_name"];
    for (let i = 0; i < 1200; i++) lines.push(`P${i};private_person;Propriétaire ${i}`);
    const response = await post(lines.join("\n"));
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const events = (await response.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events.filter((e) => e.event === "progress" && e.phase === "validate").map((e) => e.done)).toEqual(
      [500, 1000, 1200],
    );
    expect(events.filter((e) => e.event === "progress" && e.phase === "write").map((e) => e.done)).toEqual([
      500, 1000, 1200,
    ]);
    expect(events.at(-1)).toMatchObject({ event: "result", created: 1200, valid: true });
    expect(
      await db.current.db.select().from(landlords).where(eq(landlords.organisationId, org.id)),
    ).toHaveLength(1201);

    const failing = await post("reference;kind;display_name\nP0;private_person;Doublon");
    const last = (await failing.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .at(-1);
    expect(last).toMatchObject({ event: "error", code: "IMPORT_REJECTED", errorCount: 1 });
  });

  it("is forbidden to finance and landlords", async () => {
    const { call, finance, landlordUser } = await staffWithApp(db.current);
    expect((await call("POST", "/api/landlords/import", { ...csv(finance), body: LANDLORDS })).status).toBe(
      403,
    );
    expect((await call("POST", "/api/buildings/import", { ...csv(finance), body: BUILDINGS })).status).toBe(
      403,
    );
    expect((await call("POST", "/api/units/import", { ...csv(landlordUser), body: UNITS })).status).toBe(403);
  });
});
