import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import type { IsoDate } from "../../lib/dates";
import { selectRows } from "./ledger.queries";

export type LandlordTransferRow = {
  transactionId: string;
  landlordId: string;
  landlordName: string;
  iban: string | null;
  label: string;
  amountCents: number;
};

/**
 * The transfers to landlords booked on a day (head-lease rents and mandate payouts alike: every
 * `landlord_payout`, Dr 401 / Cr 512), leaving out those reversed since.
 */
export async function landlordTransfersOn(db: Db, organisationId: string, paidOn: IsoDate) {
  const rows = await selectRows<{
    transaction_id: string;
    landlord_id: string;
    landlord_name: string;
    iban: string | null;
    label: string;
    amount_cents: string;
  }>(
    db,
    sql`select t.id as transaction_id, l.id as landlord_id, l.display_name as landlord_name, l.iban,
               t.label, sum(e.credit_cents)::bigint as amount_cents
          from ledger_transactions t
          join landlords l on l.organisation_id = t.organisation_id and l.id = t.landlord_id
          join ledger_entries e on e.organisation_id = t.organisation_id and e.transaction_id = t.id
          join ledger_accounts a on a.organisation_id = e.organisation_id and a.id = e.account_id and a.kind = 'bank'
         where t.organisation_id = ${organisationId}
           and t.kind = 'landlord_payout'
           and t.occurred_on = ${paidOn}
           and not exists (select 1 from ledger_transactions r
                            where r.organisation_id = t.organisation_id and r.reverses_transaction_id = t.id)
         group by t.id, l.id, l.display_name, l.iban, t.label, t.recorded_at
         order by l.display_name, t.recorded_at, t.id`,
  );
  return rows.map(
    (r): LandlordTransferRow => ({
      transactionId: r.transaction_id,
      landlordId: r.landlord_id,
      landlordName: r.landlord_name,
      iban: r.iban,
      label: r.label,
      amountCents: Number(r.amount_cents),
    }),
  );
}
