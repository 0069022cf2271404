import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { parisDateOf } from "../../lib/dates";
import { selectRows } from "../ledger/ledger.queries";
import { buildFec, encodeIso885915, type FecInputLine } from "./fec.rules";

/**
 * The FEC of a fiscal year (the calendar year): every entry line, each tenant (411) and landlord
 * (401) with its auxiliary account number — "L00001", "B00001", numbered once by the account's
 * creation order, so a number never changes from one export to the next.
 */
export async function fiscalYearEntries(db: Db, organisationId: string, year: number) {
  return entriesBetween(db, organisationId, `${year}-01-01`, `${year}-12-31`);
}

/** Every entry line dated in [from, to], in posting order, with the auxiliary accounts. */
export async function entriesBetween(
  db: Db,
  organisationId: string,
  from: string,
  to: string,
): Promise<FecInputLine[]> {
  const rows = await selectRows<Record<string, string | null>>(
    db,
    sql`with accounts as (
          select a.id, a.code, a.name, a.kind,
                 row_number() over (partition by a.kind order by a.created_at, a.code) as rank
            from ledger_accounts a
           where a.organisation_id = ${organisationId})
        select t.id as transaction_id, t.occurred_on::text as occurred_on, t.recorded_at::text as recorded_at,
               t.kind::text as kind, o.kind::text as reversed_kind, t.label, t.external_reference,
               a.code, a.name, a.kind::text as account_kind, a.rank::text as rank, e.debit_cents, e.credit_cents
          from ledger_entries e
          join ledger_transactions t on t.organisation_id = e.organisation_id and t.id = e.transaction_id
          left join ledger_transactions o on o.organisation_id = t.organisation_id and o.id = t.reverses_transaction_id
          join accounts a on a.id = e.account_id
         where e.organisation_id = ${organisationId}
           and t.occurred_on between ${from} and ${to}
         order by t.occurred_on, t.recorded_at, t.id, e.debit_cents desc, a.code`,
  );
  return rows.map((r) => {
    const auxPrefix = r.account_kind === "tenant" ? "L" : r.account_kind === "landlord" ? "B" : null;
    return {
      transactionId: r.transaction_id!,
      occurredOn: r.occurred_on!,
      validatedOn: parisDateOf(new Date(r.recorded_at!)),
      kind: r.kind!,
      reversedKind: r.reversed_kind ?? null,
      label: r.label!,
      reference: r.external_reference ?? null,
      accountCode: r.code!,
      accountName: r.name!,
      auxiliary: auxPrefix
        ? {
            number: `${auxPrefix}${String(r.rank).padStart(5, "0")}`,
            name: r.name!.replace(/^(Locataire|Bailleur) /, ""),
          }
        : null,
      debitCents: Number(r.debit_cents),
      creditCents: Number(r.credit_cents),
    };
  });
}

/** The file and its name: "FEC" + the closing date of the year (SIREN first when it is known). */
export async function fecFile(db: Db, organisationId: string, year: number, separator: "\t" | "|") {
  const text = buildFec(await fiscalYearEntries(db, organisationId, year), separator);
  return { bytes: encodeIso885915(text), fileName: `FEC${year}1231.txt` };
}
