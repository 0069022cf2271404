import { readFileSync } from "node:fs";
import { z } from "@hono/zod-openapi";
import { type ParsedTemplate, parseTemplate } from "./template-language";
import {
  ChargesStatementData,
  GlissementAmendmentData,
  DepositReturnData,
  HeadLeaseData,
  InspectionReportData,
  LandlordStatementData,
  LessorNoticeData,
  ManagementMandateData,
  MandateSignatureCertificateData,
  OfferSheetData,
  PartialPaymentReceiptData,
  RentCallData,
  RentReceiptData,
  SlidingLeaseAgreementData,
  SubleaseData,
  TenantNoticeReceiptData,
  PaymentTermsAmendmentData,
  PrefectInformationData,
} from "./template-data";

/**
 * The document templates: id → data schema (code) and wording (templates/<id>.tpl, whose front
 * matter carries the version). `landlordVisible`: the landlord party may read it in the portal;
 * tenant documents (sub-lease, rent call, receipts) and offer sheets (resources) never are.
 */
export const documentTemplates = {
  head_lease: { schema: HeadLeaseData, landlordVisible: true },
  sublease: { schema: SubleaseData, landlordVisible: false },
  sliding_lease_agreement: { schema: SlidingLeaseAgreementData, landlordVisible: true },
  glissement_amendment: { schema: GlissementAmendmentData, landlordVisible: true },
  management_mandate: { schema: ManagementMandateData, landlordVisible: true },
  mandate_signature_certificate: { schema: MandateSignatureCertificateData, landlordVisible: true },
  offer_sheet: { schema: OfferSheetData, landlordVisible: false },
  rent_call: { schema: RentCallData, landlordVisible: false },
  rent_receipt: { schema: RentReceiptData, landlordVisible: false },
  partial_payment_receipt: { schema: PartialPaymentReceiptData, landlordVisible: false },
  landlord_statement: { schema: LandlordStatementData, landlordVisible: true },
  tenant_notice_receipt: { schema: TenantNoticeReceiptData, landlordVisible: false },
  lessor_notice: { schema: LessorNoticeData, landlordVisible: false },
  inspection_report: { schema: InspectionReportData, landlordVisible: true },
  deposit_return: { schema: DepositReturnData, landlordVisible: false },
  charges_statement: { schema: ChargesStatementData, landlordVisible: false },
  payment_terms_amendment: { schema: PaymentTermsAmendmentData, landlordVisible: false },
  prefect_information: { schema: PrefectInformationData, landlordVisible: true },
} as const;

/**
 * Documents made of several templates, each part on its own pages; the data holds one object per
 * part. The stored version is the first part's (the certificate page is fixed by its own data).
 */
export const compositeTemplates = {
  signed_management_mandate: {
    parts: ["management_mandate", "mandate_signature_certificate"],
    schema: z.object({
      management_mandate: ManagementMandateData,
      mandate_signature_certificate: MandateSignatureCertificateData,
    }),
    landlordVisible: true,
  },
} as const satisfies Record<
  string,
  { parts: readonly TemplateId[]; schema: z.ZodType; landlordVisible: boolean }
>;

export type DocumentKind = TemplateId | keyof typeof compositeTemplates;

export type TemplateId = keyof typeof documentTemplates;
export type TemplateData<T extends TemplateId> = z.input<(typeof documentTemplates)[T]["schema"]>;
export const templateIds = Object.keys(documentTemplates) as TemplateId[];

export const TEMPLATES_DIR = new URL("../../../templates/", import.meta.url);

const parsed = new Map<TemplateId, ParsedTemplate>();

/** The parsed wording of a template (read once per process). */
export function loadTemplate(templateId: TemplateId): ParsedTemplate {
  let template = parsed.get(templateId);
  if (!template) {
    template = parseTemplate(readFileSync(new URL(`${templateId}.tpl`, TEMPLATES_DIR), "utf8"));
    if (template.id !== templateId) {
      throw new Error(`templates/${templateId}.tpl declares id "${template.id}"`);
    }
    parsed.set(templateId, template);
  }
  return template;
}

export function isTemplateId(value: string): value is TemplateId {
  return Object.hasOwn(documentTemplates, value);
}

export function isDocumentKind(value: string): value is DocumentKind {
  return isTemplateId(value) || Object.hasOwn(compositeTemplates, value);
}

/** The schema, parts and audience of a single or composite document kind. */
export function describeKind(kind: DocumentKind): {
  parts: readonly TemplateId[];
  schema: z.ZodType;
  landlordVisible: boolean;
} {
  if (isTemplateId(kind)) return { parts: [kind], ...documentTemplates[kind] };
  return compositeTemplates[kind];
}
