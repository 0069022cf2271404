/**
 * `npm run bench:ledger` — 10 000 leases × 36 months.
 *
 * Generates 35 months of history in bulk SQL (9 000 sub-leases, 10 % paid fortnightly, and
 * 1 000 head leases of which 100 without a sub-tenant; rent calls, payments and CAF receipts,
 * 5 % of tenants in arrears over the last 6 months), then measures through the product's code:
 *  - the rent-call run of month 36 (createRentCallsForMonth in one audited transaction, triggers on);
 *  - the finance dashboard of month 36 (median of 5);
 *  - a 10 000-line bank statement (CSV) imported after the run (importStatement in one audited
 *    transaction): 9 000 transfers carrying a lease's payment reference (each a payment with its
 *    quittance) and 1 000 credits nobody can be matched to (to 471, for review).
 * On the embedded database (PGlite) and on PostgreSQL when BENCH_DATABASE_URL is set (default
 * postgres://postgres@127.0.0.1:5432/postgres; a throwaway database is created and dropped).
 * PGlite runs as `npm start` runs it, on a data folder on disk (a temporary one, removed after);
 * BENCH_EMBEDDED_STORAGE=memory keeps the data directory in memory instead (Emscripten's in-memory
 * file system: growing a big file copies it whole, and the garbage collector walks a heap that
 * holds the ~3 GB history — both add time to the writes that disk storage does not have).
 * History is inserted with session_replication_role = replica (triggers off) for speed: it is
 * balanced by construction; the measured run goes through the normal, checked path.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openAsBlob,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { type Database, openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { fixedClock } from "../server/lib/clock";
import { inAuditedTransaction } from "../server/modules/audit/audit.service";
import { importStatement } from "../server/modules/ledger/bank-import.service";
import { createRentCallsForMonth, paymentReference } from "../server/modules/ledger/ledger.service";
import { financeDashboard } from "../server/modules/reports/finance.service";

const LEASES = Number(process.env.BENCH_LEASES ?? 10_000);
const HEAD_LEASES = Math.round(LEASES / 10);
const SUBLEASES = LEASES - HEAD_LEASES;
const HISTORY_MONTHS = 35;
const FIRST_MONTH = "2023-01-01";
const MEASURED_MONTH = "2025-12";

async function generate(database: Database): Promise<string> {
  const q = (text: string) => database.query(text);
  const [org] = await database.query<{ id: string }>(
    "insert into organisations (name, kind, city, capacity) values ('Bench', 'iml_association', 'Dijon', 10000) returning id",
  );
  const o = `'${org!.id}'::uuid`;
  await q("set session_replication_role = replica");
  await q(
    `insert into landlords (organisation_id, kind, display_name) values (${o}, 'company', 'Bailleur bench')`,
  );
  await q(`insert into buildings (organisation_id, street, postcode, city, lng, lat, total_dwellings)
           values (${o}, '1 rue du Bench', '21000', 'Dijon', 5.04, 47.32, 100000)`);
  await q(`insert into units (organisation_id, building_id, floor, typology, surface_m_2, rooms, rent_cents, charges_cents, status_since, reference)
           select ${o}, (select id from buildings where organisation_id = ${o}), 1, 'T2', 40, 2, 50000, 5000, '2023-01-01', 'U' || g
             from generate_series(1, ${SUBLEASES}) g`);
  await q(`insert into persons (organisation_id, first_name, last_name, resources, entry_date, status)
           select ${o}, 'Prénom', 'Nom' || g, '{"rsa": 60000}'::jsonb, '2022-12-01', 'housed' from generate_series(1, ${SUBLEASES}) g`);
  await q(
    `create temp table bench_units as select id, row_number() over (order by reference) as n from units where organisation_id = ${o}`,
  );
  await q(
    `create temp table bench_persons as select id, row_number() over (order by last_name) as n from persons where organisation_id = ${o}`,
  );
  await q(`insert into leases (organisation_id, kind, status, unit_id, person_id, landlord_id, start_date, duration_months,
             rent_cents, charges_cents, payment_frequency, housing_benefit_cents)
           select ${o}, 'sublease', 'signed', u.id, p.id, (select id from landlords where organisation_id = ${o}), '2023-01-01', 72,
                  40000 + (u.n % 50) * 100, 5000, case when u.n % 10 = 0 then 'fortnightly' else 'monthly' end::payment_frequency,
                  case when u.n % 3 = 0 then 0 else 20000 end
             from bench_units u join bench_persons p on p.n = u.n`);
  // head leases on the first units; the last 100 of them have no sub-tenant (vacant)
  await q(`insert into units (organisation_id, building_id, floor, typology, surface_m_2, rooms, rent_cents, charges_cents, status_since, reference)
           select ${o}, (select id from buildings where organisation_id = ${o}), 2, 'T2', 40, 2, 50000, 0, '2023-01-01', 'V' || g
             from generate_series(1, 100) g`);
  await q(`insert into leases (organisation_id, kind, status, unit_id, landlord_id, start_date, duration_months, rent_cents, charges_cents)
           select ${o}, 'head_lease', 'signed', u.id, (select id from landlords where organisation_id = ${o}), '2023-01-01', 72, 42000, 0
             from (select id from bench_units where n <= ${HEAD_LEASES - 100}
                   union all select id from units where organisation_id = ${o} and reference like 'V%') u`);
  // accounts
  await q(`insert into ledger_accounts (organisation_id, code, kind, name) values
             (${o}, '512', 'bank', 'Banque'), (${o}, '441-CAF', 'housing_benefit', 'CAF'), (${o}, '706', 'income', 'Loyers'),
             (${o}, '708', 'income', 'Charges'), (${o}, '613', 'expense', 'Loyers baux principaux')`);
  await q(
    `insert into ledger_accounts (organisation_id, code, kind, name, cost_category) values (${o}, '6135', 'iml_cost', 'Vacance', 'vacancy')`,
  );
  await q(`insert into ledger_accounts (organisation_id, code, kind, name, landlord_id)
           select ${o}, '401-' || id, 'landlord', 'Bailleur bench', id from landlords where organisation_id = ${o}`);
  await q(`insert into ledger_accounts (organisation_id, code, kind, name, person_id)
           select ${o}, '411-' || id, 'tenant', 'Locataire', id from persons where organisation_id = ${o}`);
  // periods of the history
  await q(`create temp table bench_calls as
           with months as (select (date '${FIRST_MONTH}' + (m || ' months')::interval)::date as ms, m from generate_series(0, ${HISTORY_MONTHS - 1}) m),
           halves as (
             select l.*, mo.ms, mo.m, h.half,
                    case when l.payment_frequency = 'monthly' then mo.ms when h.half = 1 then mo.ms else mo.ms + 15 end as ps,
                    case when l.payment_frequency = 'monthly' then (mo.ms + interval '1 month' - interval '1 day')::date
                         when h.half = 1 then mo.ms + 14 else (mo.ms + interval '1 month' - interval '1 day')::date end as pe
               from leases l cross join months mo
               cross join lateral (select generate_series(1, case when l.payment_frequency = 'monthly' then 1 else 2 end) as half) h
              where l.organisation_id = ${o})
           select gen_random_uuid() as tx, gen_random_uuid() as pay_tx, id as lease_id, kind, person_id, unit_id, landlord_id, ps, pe, m,
                  case when payment_frequency = 'monthly' then rent_cents when half = 1 then rent_cents / 2 else rent_cents - rent_cents / 2 end as rent,
                  case when payment_frequency = 'monthly' then charges_cents when half = 1 then charges_cents / 2 else charges_cents - charges_cents / 2 end as charges,
                  case when payment_frequency = 'monthly' then housing_benefit_cents when half = 1 then housing_benefit_cents / 2
                       else housing_benefit_cents - housing_benefit_cents / 2 end as benefit,
                  (kind = 'head_lease' and unit_id not in (select id from bench_units)) as vacant
             from halves`);
  await q(`insert into ledger_transactions (organisation_id, id, kind, occurred_on, label, lease_id, person_id, unit_id, landlord_id, period_start, period_end)
           select ${o}, tx, case when kind = 'head_lease' then 'head_lease_rent' else 'rent_call' end::ledger_transaction_kind, ps, 'Appel', lease_id,
                  person_id, unit_id, landlord_id, ps, pe from bench_calls`);
  await q(`insert into rent_calls (organisation_id, lease_id, lease_kind, unit_id, person_id, landlord_id, period_start, period_end, due_on,
             rent_cents, charges_cents, housing_benefit_cents, tenant_part_cents, vacant_days, vacancy_cost_cents, transaction_id)
           select ${o}, lease_id, kind, unit_id, person_id, landlord_id, ps, pe, ps, rent, charges, benefit, rent + charges - benefit,
                  case when vacant then pe - ps + 1 else 0 end, case when vacant then rent + charges else 0 end, tx from bench_calls`);
  const acc = (code: string) =>
    `(select id from ledger_accounts where organisation_id = ${o} and code = '${code}')`;
  await q(`insert into ledger_entries (organisation_id, transaction_id, account_id, debit_cents, credit_cents, lease_id)
           select ${o}, c.tx, a.id, c.rent + c.charges - c.benefit, 0, c.lease_id
             from bench_calls c join ledger_accounts a on a.organisation_id = ${o} and a.code = '411-' || c.person_id
            where c.kind <> 'head_lease' and c.rent + c.charges - c.benefit > 0
           union all select ${o}, tx, ${acc("441-CAF")}, benefit, 0, lease_id from bench_calls where kind <> 'head_lease' and benefit > 0
           union all select ${o}, tx, ${acc("706")}, 0, rent, lease_id from bench_calls where kind <> 'head_lease'
           union all select ${o}, tx, ${acc("708")}, 0, charges, lease_id from bench_calls where kind <> 'head_lease' and charges > 0
           union all select ${o}, tx, case when vacant then ${acc("6135")} else ${acc("613")} end, rent + charges, 0, lease_id
             from bench_calls where kind = 'head_lease'
           union all select ${o}, c.tx, a.id, 0, c.rent + c.charges, c.lease_id
             from bench_calls c join ledger_accounts a on a.organisation_id = ${o} and a.code = '401-' || c.landlord_id where c.kind = 'head_lease'`);
  // payments: tenant part + CAF part, except 5 % of tenants over the last 6 months (arrears)
  await q(`create temp table bench_pay as select * from bench_calls c
            where c.kind <> 'head_lease'
              and not ((select n from bench_persons p where p.id = c.person_id) % 20 = 0 and c.m >= ${HISTORY_MONTHS - 6})`);
  await q(`insert into ledger_transactions (organisation_id, id, kind, occurred_on, label, lease_id, person_id, method)
           select ${o}, pay_tx, 'payment', ps + 4, 'Règlement', lease_id, person_id, 'transfer' from bench_pay`);
  await q(`insert into ledger_entries (organisation_id, transaction_id, account_id, debit_cents, credit_cents, lease_id)
           select ${o}, pay_tx, ${acc("512")}, rent + charges, 0, lease_id from bench_pay
           union all select ${o}, p.pay_tx, a.id, 0, p.rent + p.charges - p.benefit, p.lease_id
             from bench_pay p join ledger_accounts a on a.organisation_id = ${o} and a.code = '411-' || p.person_id
            where p.rent + p.charges - p.benefit > 0
           union all select ${o}, pay_tx, ${acc("441-CAF")}, 0, benefit, lease_id from bench_pay where benefit > 0`);
  // triggers are off while generating (replica role): build the balances the trigger
  // ledger_entries_balances would have maintained, from the entries themselves
  // (per lease for the tenant and CAF accounts, one row per account otherwise)
  await q(`insert into ledger_balances (organisation_id, account_id, lease_key, debit_cents, credit_cents)
           select e.organisation_id, e.account_id,
                  case when a.kind in ('tenant', 'housing_benefit') then coalesce(e.lease_id, '00000000-0000-0000-0000-000000000000'::uuid)
                       else '00000000-0000-0000-0000-000000000000'::uuid end,
                  sum(e.debit_cents), sum(e.credit_cents)
             from ledger_entries e join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id
            where e.organisation_id = ${o} group by 1, 2, 3`);
  // …and the month totals of ledger_entries_month_totals (reversals under the kind they reverse)
  await q(`insert into ledger_month_totals (organisation_id, month, account_id, kind, debit_cents, credit_cents)
           select e.organisation_id, t.occurred_on - (extract(day from t.occurred_on)::int - 1), e.account_id,
                  coalesce(o.kind, t.kind), sum(e.debit_cents), sum(e.credit_cents)
             from ledger_entries e
             join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
             left join ledger_transactions o on o.organisation_id = t.organisation_id and o.id = t.reverses_transaction_id
            where e.organisation_id = ${o} group by 1, 2, 3, 4`);
  await q("set session_replication_role = origin");
  await q("analyze");
  return org!.id;
}

async function measure(
  database: Database,
  label: string,
  generated?: { organisationId: string; seconds: number },
) {
  const started = performance.now();
  const organisationId = generated?.organisationId ?? (await generate(database));
  const generatedIn = generated?.seconds ?? (performance.now() - started) / 1000;
  const [counts] = await database.query<{ tx: string; entries: string }>(
    `select (select count(*) from ledger_transactions where organisation_id = '${organisationId}')::text as tx,
            (select count(*) from ledger_entries where organisation_id = '${organisationId}')::text as entries`,
  );
  const clock = fixedClock("2025-12-20");
  const context = {
    actor: { kind: "system" as const, organisationId, label: "bench" },
    requestId: null,
    clock,
  };
  const runStart = performance.now();
  const { body: run } = await createRentCallsForMonth({ ...context, db: database.db }, MEASURED_MONTH);
  const runSeconds = (performance.now() - runStart) / 1000;
  const times: number[] = [];
  let dashboard: Awaited<ReturnType<typeof financeDashboard>> | undefined;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    dashboard = await financeDashboard(database.db, organisationId, MEASURED_MONTH, clock.today());
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  // the bank statement of the month: the month's tenant parts paid by transfer with the lease's
  // reference, plus credits that match nobody
  const BANK_LINES = 10_000;
  const calls = await database.query<{ lease_id: string; tenant_part_cents: number }>(
    `select lease_id, sum(tenant_part_cents)::int as tenant_part_cents from rent_calls
      where organisation_id = '${organisationId}' and period_start >= '${MEASURED_MONTH}-01' and lease_kind <> 'head_lease'
      group by lease_id order by lease_id limit ${Math.round(BANK_LINES * 0.9)}`,
  );
  const euros = (cents: number) => `${Math.trunc(cents / 100)},${String(cents % 100).padStart(2, "0")}`;
  const csvLines = ["Date;Libellé;Montant"];
  for (const c of calls)
    csvLines.push(
      `05/12/2025;VIR SEPA ${paymentReference(c.lease_id)} LOYER DECEMBRE;${euros(c.tenant_part_cents)}`,
    );
  for (let i = csvLines.length - 1; i < BANK_LINES; i++)
    csvLines.push(`06/12/2025;VIR DONATEUR ${i} SANS REFERENCE;${euros(1_000 + i)}`);
  const csv = new TextEncoder().encode(`${csvLines.join("\n")}\n`);
  const importStart = performance.now();
  const imported = await inAuditedTransaction(database.db, context, (tx, audit) =>
    importStatement(
      tx,
      organisationId,
      { bytes: csv, fileName: "releve-bench.csv" },
      { actorUserId: null, today: clock.today() },
      audit,
    ),
  );
  const importSeconds = (performance.now() - importStart) / 1000;
  const result = {
    backend: label,
    // the machine's 1-minute load average at the end of the measure (2 cores: above 2 = contention)
    loadAverage: +loadavg()[0]!.toFixed(2),
    history: {
      transactions: Number(counts!.tx),
      entries: Number(counts!.entries),
      generatedInSeconds: +generatedIn.toFixed(1),
    },
    rentCallRun: { created: run.created, seconds: +runSeconds.toFixed(2), targetSeconds: 5 },
    dashboard: {
      medianMs: Math.round(times[2]!),
      targetMs: 300,
      arrearsTotalCents: dashboard!.arrears.totalCents,
      unitsVacant: dashboard!.vacancy.unitsVacant,
    },
    bankImport: {
      lines: csvLines.length - 1,
      seconds: +importSeconds.toFixed(2),
      linesPerSecond: Math.round((csvLines.length - 1) / importSeconds),
      matched: imported.matched,
      unmatched: imported.unmatched,
      ignored: imported.ignored,
    },
  };
  console.log(JSON.stringify(result, null, 2));
  return result;
}

/**
 * The embedded history takes ~6 min to generate: BENCH_EMBEDDED_CACHE=<file> keeps the generated
 * data directory (a tarball from dumpDataDir, before the measured run) and the next runs start
 * from it. A cache made by older migrations is refused: delete the file to generate again.
 */
const EMBEDDED_STORAGE = process.env.BENCH_EMBEDDED_STORAGE === "memory" ? "memory" : "disk";

/** A PGlite database, in memory or in a fresh temporary folder, optionally restored from a tarball. */
async function openEmbeddedDatabase(loadDataDir?: Blob): Promise<{ database: Database; folder?: string }> {
  if (EMBEDDED_STORAGE === "memory")
    return { database: await openDatabase({ kind: "embedded-memory", loadDataDir }) };
  const folder = mkdtempSync(join(tmpdir(), "iml-bench-ledger-"));
  return { database: await openDatabase({ kind: "embedded", dataDir: folder, loadDataDir }), folder };
}

async function openEmbedded(): Promise<{
  database: Database;
  folder?: string;
  generated?: { organisationId: string; seconds: number };
}> {
  const cache = process.env.BENCH_EMBEDDED_CACHE;
  if (cache && existsSync(cache)) {
    const meta = JSON.parse(readFileSync(`${cache}.json`, "utf8")) as {
      organisationId: string;
      seconds: number;
    };
    // ~3 GB: read through a file-backed Blob (a Buffer tops out at 2 GiB)
    const opened = await openEmbeddedDatabase(await openAsBlob(cache));
    const { database } = opened;
    const before = await database.query("select count(*)::int as n from drizzle.__drizzle_migrations");
    await migrate(database);
    const after = await database.query("select count(*)::int as n from drizzle.__drizzle_migrations");
    if (before[0]?.n !== after[0]?.n)
      throw new Error(`${cache} was generated before the latest migrations: delete it`);
    return { ...opened, generated: meta };
  }
  const opened = await openEmbeddedDatabase();
  const { database } = opened;
  await migrate(database);
  if (!cache) return opened;
  const started = performance.now();
  const organisationId = await generate(database);
  const seconds = +((performance.now() - started) / 1000).toFixed(1);
  const dump = await database.pglite!.dumpDataDir("none");
  // in slices: one write (or one Buffer) is limited to 2 GiB
  const file = openSync(cache, "w");
  try {
    for (let at = 0; at < dump.size; at += 256 * 1024 * 1024)
      writeSync(file, new Uint8Array(await dump.slice(at, at + 256 * 1024 * 1024).arrayBuffer()));
  } finally {
    closeSync(file);
  }
  writeFileSync(`${cache}.json`, JSON.stringify({ organisationId, seconds }));
  return { ...opened, generated: { organisationId, seconds } };
}

if (process.env.BENCH_SKIP_EMBEDDED !== "1") {
  const { database: embedded, folder, generated } = await openEmbedded();
  try {
    await measure(embedded, `embedded (PGlite, ${EMBEDDED_STORAGE})`, generated);
  } finally {
    await embedded.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}

const url = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
if (process.env.BENCH_SKIP_SERVER !== "1") {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `iml_bench_${randomBytes(4).toString("hex")}`;
  try {
    await admin.unsafe(`create database ${name}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const server = await openDatabase({ kind: "server", url: dbUrl.toString(), maxConnections: 4 });
    try {
      await migrate(server);
      await measure(server, "PostgreSQL 15");
    } finally {
      await server.close();
    }
  } catch (error) {
    console.error("PostgreSQL bench skipped:", (error as Error).message);
  } finally {
    // BENCH_KEEP_DATABASE=1 leaves the generated database in place (to EXPLAIN the queries on it)
    if (process.env.BENCH_KEEP_DATABASE === "1") console.log(`kept database ${name}`);
    else await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
  }
}
