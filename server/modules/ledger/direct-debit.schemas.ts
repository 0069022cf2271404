import { z } from "../../lib/openapi";
import { IsoDateSchema, MonthSchema } from "../../lib/date-schemas";

export const SequenceTypeSchema = z.enum(["FRST", "RCUR"]);

/** What finance staff type from the signed mandate form: the minimum a SEPA collection carries. */
export const DebitMandateBody = z
  .object({
    /** Référence unique du mandat; generated from the lease's payment reference when left empty */
    reference: z.string().trim().max(35).nullable().optional(),
    signedOn: IsoDateSchema,
    /** the account holder when it is not the tenant */
    debtorName: z.string().trim().max(70).nullable().optional(),
    iban: z.string().trim().min(1).max(42),
    bic: z.string().trim().max(11).nullable().optional(),
  })
  .openapi("DebitMandateBody");

export const DebitMandate = z
  .object({
    id: z.uuid(),
    leaseId: z.uuid(),
    personId: z.uuid(),
    reference: z.string(),
    signedOn: z.string(),
    debtorName: z.string(),
    iban: z.string(),
    bic: z.string().nullable(),
    /** collections made on the mandate so far */
    collections: z.number().int(),
    /** FRST until the first collection, RCUR after (EPC016 AT-21) */
    nextSequenceType: SequenceTypeSchema,
  })
  .openapi("DebitMandate");

export const LeaseDebitMandate = z.object({ mandate: DebitMandate.nullable() }).openapi("LeaseDebitMandate");

export const DirectDebitRunBody = z
  .object({ period: MonthSchema, collectionDate: IsoDateSchema })
  .openapi("DirectDebitRunBody");

export const DirectDebitRun = z
  .object({
    period: z.string(),
    /** collections fixed by this call (0 when the month was already prepared) */
    created: z.number().int(),
    count: z.number().int(),
    totalCents: z.number().int(),
    collections: z.array(
      z.object({
        id: z.uuid(),
        leaseId: z.uuid(),
        mandateReference: z.string(),
        debtorName: z.string(),
        amountCents: z.number().int(),
        sequenceType: SequenceTypeSchema,
        collectionDate: z.string(),
      }),
    ),
  })
  .openapi("DirectDebitRun");

export const DirectDebitPeriodQuery = z.object({ period: MonthSchema });
