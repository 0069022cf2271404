import { z } from "@hono/zod-openapi";
import { IsoDateSchema } from "../../lib/date-schemas";
import { pageOf, pageQuery } from "../../lib/pagination";

const isoDate = IsoDateSchema;

export const DEFAULT_MANDATE_SCOPE = [
  "rechercher un locataire et signer le bail au nom du mandant",
  "établir les états des lieux d'entrée et de sortie",
  "encaisser les loyers, charges et aides au logement et en donner quittance",
  "réviser le loyer selon l'indice de référence des loyers",
  "régler les charges de copropriété et les petites réparations courantes",
];

export const CreateMandateBody = z
  .object({
    unitId: z.uuid(),
    /** default: the unit's (or its building's) landlord */
    landlordId: z.uuid().optional(),
    startDate: isoDate,
    // loi Hoguet: a fixed duration, never open-ended
    durationMonths: z.number().int().min(1).max(120),
    managementFeeBasisPoints: z.number().int().min(0).max(10_000),
    scope: z.array(z.string().trim().min(1).max(300)).min(1).max(30).default(DEFAULT_MANDATE_SCOPE),
    pack: z.object({
      unpaidRentGuarantee: z
        .object({ ceilingCents: z.number().int().positive(), months: z.number().int().positive().max(60) })
        .nullable(),
      repairAid: z.object({ ceilingCents: z.number().int().positive() }).nullable(),
      socialWatch: z.boolean(),
    }),
  })
  .openapi("CreateMandate");
export type CreateMandateBody = z.input<typeof CreateMandateBody>;

export const MandateIdParams = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });
export const MandateListQuery = z.object({
  landlordId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  status: z.enum(["awaiting_signature", "signed", "ended", "cancelled"]).optional(),
  ...pageQuery(),
});
export const MandatePageQuery = z.object(pageQuery());

export const Mandate = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    status: z.enum(["awaiting_signature", "signed", "ended", "cancelled"]),
    landlordId: z.uuid(),
    unitId: z.uuid(),
    startDate: z.string(),
    endDate: z.string(),
    durationMonths: z.number().int(),
    managementFeeBasisPoints: z.number().int(),
    scope: z.array(z.string()),
    guaranteeEnabled: z.boolean(),
    guaranteeCeilingCents: z.number().int().nullable(),
    guaranteeMonths: z.number().int().nullable(),
    repairAidEnabled: z.boolean(),
    repairAidCeilingCents: z.number().int().nullable(),
    socialWatch: z.boolean(),
    documentId: z.uuid().nullable(),
    documentUrl: z.string().nullable(),
    signedDocumentId: z.uuid().nullable(),
    signedDocumentUrl: z.string().nullable(),
    signedAt: z.string().nullable(),
    signerName: z.string().nullable(),
    signedDocumentSha256: z.string().nullable(),
  })
  .openapi("Mandate");
export const MandateList = pageOf(Mandate).openapi("MandateList");
/** A landlord's mandate on the portal, with the consent text the signature will record. */
export const PortalMandate = Mandate.extend({ consentText: z.string() });

export const SignMandateBody = z
  .object({
    /** the landlord types their full name */
    fullName: z.string().trim().min(2).max(200),
    /** the consent box: must be ticked */
    consent: z.literal(true, { error: "Cochez la case de consentement pour signer" }),
  })
  .openapi("SignMandate");
export type SignMandateBody = z.infer<typeof SignMandateBody>;
