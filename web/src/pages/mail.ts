import type { z } from "zod";
import type { MailStatus, OutboxMessage, OutboxPage } from "../../../server/modules/mail/mail.schemas";
import { ApiError, api, query } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { formatDateTime } from "../lib/format";
import type { Page } from "../lib/router";
import { loadError, table } from "../lib/ui";

type Message = z.infer<typeof OutboxMessage>;

const stateLabels: Record<Message["state"], string> = {
  queued: "En attente",
  sent: "Envoyé",
  failed: "En échec",
  unsent: "Non envoyé",
};

const templateLabels: Record<Message["template"], string> = {
  invitation: "Invitation",
  password_reset: "Réinitialisation du mot de passe",
  alerts_digest: "Alertes du jour",
  rent_call: "Avis d'échéance",
  rent_receipt: "Quittance",
  landlord_statement: "Relevé propriétaire",
};

/**
 * The outbox: every e-mail the back office sent or tried to send (it is also their record),
 * with «Renvoyer» on those that failed.
 */
export const mailOutboxPage: Page = {
  path: "/admin/courriels",
  title: "Courriels envoyés",
  permission: "mail.manage",
  async render({ root, query: search, navigate }) {
    const limit = 50;
    const offset = Math.max(0, Number(search.get("offset") ?? 0) || 0);
    const state = search.get("state") ?? "";
    const header = h("div", null);
    const filter = h(
      "form",
      { class: "form-grid", role: "search", "aria-label": "Filtrer les courriels" },
      h(
        "div",
        { class: "field" },
        h("label", { for: "outbox-state" }, "État"),
        h(
          "select",
          { id: "outbox-state", name: "state" },
          h("option", { value: "" }, "Tous"),
          ...Object.entries(stateLabels).map(([value, text]) =>
            h("option", { value, selected: value === state }, text),
          ),
        ),
      ),
      h("div", { class: "field" }, h("button", { type: "submit" }, "Filtrer")),
    );
    filter.addEventListener("submit", (event) => {
      event.preventDefault();
      navigate(`/admin/courriels${query({ state: String(new FormData(filter).get("state") ?? "") })}`);
    });
    const content = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    mount(root, h("h1", null, "Courriels envoyés"), header, filter, content);

    const draw = async () => {
      try {
        const [status, page] = await Promise.all([
          api.get<z.infer<typeof MailStatus>>("/api/mail/status"),
          api.get<z.infer<typeof OutboxPage>>(
            `/api/mail/outbox${query({ state: state || null, limit, offset })}`,
          ),
        ]);
        mount(
          header,
          h(
            "p",
            { class: "notice", "data-testid": "mail-status" },
            status.enabled
              ? `Envoi actif, expéditeur ${status.from ?? "—"}. ${status.queued} en attente, ${status.failed} en échec.`
              : "Envoi désactivé : aucun serveur de courrier n'est configuré. Les liens d'invitation sont remis à l'administrateur et rien n'est envoyé.",
          ),
        );
        const pageLink = (to: number, text: string) =>
          h(
            "a",
            {
              href: `/admin/courriels${query({ state: state || null, offset: to || null })}`,
              "data-link": true,
              class: "button",
            },
            text,
          );
        mount(
          content,
          h(
            "p",
            null,
            page.total === 0
              ? "Aucun courriel."
              : `Courriels ${offset + 1} à ${Math.min(offset + limit, page.total)} sur ${page.total}, du plus récent au plus ancien.`,
          ),
          table<Message>(
            "Courriels",
            [
              { header: "Demandé le", cell: (m) => formatDateTime(m.createdAt) },
              { header: "Destinataire", cell: (m) => m.recipient },
              {
                header: "Courriel",
                cell: (m) => [
                  h("strong", null, templateLabels[m.template]),
                  h("br"),
                  m.subject,
                  m.attachments > 0
                    ? ` (${m.attachments} pièce${m.attachments > 1 ? "s" : ""} jointe${m.attachments > 1 ? "s" : ""})`
                    : "",
                ],
              },
              {
                header: "État",
                cell: (m) =>
                  h(
                    "span",
                    {
                      class: `badge ${m.state === "failed" ? "badge-late" : m.state === "sent" ? "badge-ok" : ""}`,
                    },
                    m.state === "sent" && m.sentAt
                      ? `Envoyé le ${formatDateTime(m.sentAt)}`
                      : stateLabels[m.state],
                  ),
              },
              { header: "Tentatives", cell: (m) => String(m.attempts), numeric: true },
              {
                header: "Dernière erreur",
                cell: (m) =>
                  m.lastError ??
                  (m.state === "queued" && m.nextAttemptAt
                    ? `Prochain essai ${formatDateTime(m.nextAttemptAt)}`
                    : "—"),
              },
              { header: "Demandé par", cell: (m) => m.triggeredBy },
              {
                header: "Action",
                cell: (m) => (m.state === "failed" && status.enabled ? resendButton(m, draw) : "—"),
              },
            ],
            page.items,
            state ? "Aucun courriel dans cet état." : "Aucun courriel pour l'instant.",
          ),
          h(
            "p",
            { class: "actions" },
            offset > 0 ? pageLink(Math.max(0, offset - limit), "← Plus récents") : null,
            offset + limit < page.total ? pageLink(offset + limit, "Plus anciens →") : null,
          ),
        );
      } catch (error) {
        mount(content, loadError(error, "Courriels"));
      }
    };
    await draw();
  },
};

function resendButton(message: Message, redraw: () => Promise<void>): HTMLElement {
  const button = h(
    "button",
    { type: "button", "aria-label": `Renvoyer le courriel à ${message.recipient}` },
    "Renvoyer",
  );
  button.addEventListener("click", async () => {
    button.setAttribute("disabled", "");
    try {
      await api.post(`/api/mail/outbox/${message.id}/resend`, {});
      announce("Courriel remis dans la file d'envoi.");
      await redraw();
    } catch (error) {
      button.removeAttribute("disabled");
      announce(error instanceof ApiError ? error.problem.detail : "Le renvoi a échoué.");
      button.after(
        h(
          "p",
          { class: "notice notice-error", role: "alert" },
          error instanceof ApiError ? error.problem.detail : "Le renvoi a échoué.",
        ),
      );
    }
  });
  return button;
}
