import type { z } from "zod";
import { PaymentTermsBody, type PaymentTermsResult } from "../../../server/modules/leases/leases.schemas";
import { api } from "../lib/api";
import { announce, h } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { formatDate } from "../lib/format";
import { section } from "../lib/ui";

const frequencyLabels: Record<string, string> = {
  monthly: "chaque mois",
  fortnightly: "tous les 15 jours",
};

/**
 * How often the rent is called (every month, or every fortnight for a finer daily budget): the
 * person's decision, effective with the next rent call; the avenant recording it is drawn at once.
 */
export function leasePaymentTermsSection(
  lease: { id: string; kind: string; status: string; paymentFrequency: string; paymentDay: number | null },
  options: {
    writable: boolean;
    reload: () => Promise<void>;
    /** the latest avenant drawn when the terms changed, to download and sign */
    amendment: { url: string; createdAt: string } | null;
  },
): HTMLElement | null {
  if (lease.kind === "head_lease" || (lease.status !== "signed" && lease.status !== "notice_given"))
    return null;
  const current = `Loyer appelé ${frequencyLabels[lease.paymentFrequency] ?? lease.paymentFrequency}${
    lease.paymentDay ? `, payable le ${lease.paymentDay}` : ""
  }.`;
  const amendment = options.amendment
    ? h(
        "p",
        null,
        h(
          "a",
          { href: options.amendment.url, download: "", "data-document": "payment_terms_amendment" },
          "Télécharger l'avenant (PDF)",
        ),
        ` du ${formatDate(options.amendment.createdAt.slice(0, 10))}, à signer par le bailleur et le locataire.`,
      )
    : null;
  if (!options.writable) return section("Rythme des loyers", h("p", null, current), amendment);
  const form = h(
    "form",
    { "aria-label": "Rythme des loyers" },
    formAlert(),
    field({
      name: "paymentFrequency",
      label: "Appeler le loyer",
      required: true,
      value: lease.paymentFrequency,
      options: [
        { value: "monthly", label: "Chaque mois" },
        { value: "fortnightly", label: "Tous les 15 jours (1er–15 et 16–fin du mois)" },
      ],
    }),
    field({
      name: "paymentDay",
      label: "Jour de paiement",
      type: "number",
      value: lease.paymentDay,
      hint: "De 1 à 28 ; vide : inchangé.",
    }),
    submitButton("Changer le rythme"),
  );
  bindForm(form, PaymentTermsBody, async (terms) => {
    const result = await api.post<z.infer<typeof PaymentTermsResult>>(
      `/api/leases/${encodeURIComponent(lease.id)}/payment-terms`,
      terms,
    );
    announce(
      `Loyer appelé ${frequencyLabels[terms.paymentFrequency]} à partir du ${formatDate(result.appliesFrom)} : avenant produit.`,
    );
    await options.reload();
  });
  return section(
    "Rythme des loyers",
    h("p", { "data-testid": "payment-terms" }, current),
    h(
      "p",
      { class: "hint" },
      "La décision de la personne prend effet au prochain appel de loyer : le mois déjà appelé reste tel quel. Un avenant au contrat est produit, à signer.",
    ),
    amendment,
    form,
  );
}
