import type { z } from "zod";
import { addDays, addYears } from "../../../server/lib/dates";
import {
  type ApiToken as ApiTokenSchema,
  CreateApiTokenBody,
  type CreatedApiToken,
} from "../../../server/modules/api-tokens/api-tokens.schemas";
import { actionLabels, type Action, tokenGrantableActions } from "../../../server/modules/auth/permissions";
import { api } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import { formatDate, formatDateTime } from "../lib/format";
import { fetchAllPages } from "../lib/pagination";
import type { Page } from "../lib/router";
import { dangerAction, loadError, section, table, todayInParis } from "../lib/ui";

/**
 * The organisation's API tokens, for integrations such as the nightly bank import: create one
 * (its secret shown once), see who made each, until when it works and when it was last used,
 * revoke one.
 */
type ApiToken = z.infer<typeof ApiTokenSchema>;
type Created = z.infer<typeof CreatedApiToken>;

const stateLabels: Record<ApiToken["state"], string> = {
  active: "Actif",
  expired: "Expiré",
  revoked: "Révoqué",
};

/** The secret, shown this once, with a copy button and the warning that it will not be shown again. */
function secretBox(created: Created): HTMLElement {
  const input = h("input", {
    type: "text",
    readonly: true,
    value: created.secret,
    "aria-label": `Secret du jeton ${created.token.name}`,
    class: "secret-box",
    "data-testid": "api-token-secret",
  });
  const copy = h("button", { type: "button" }, "Copier le jeton");
  copy.addEventListener("click", async () => {
    input.select();
    try {
      await navigator.clipboard.writeText(created.secret);
      announce("Jeton copié.");
    } catch {
      announce("Sélectionnez le jeton et copiez-le (Ctrl + C).");
    }
  });
  return h(
    "div",
    { class: "notice", role: "status" },
    h(
      "p",
      null,
      h("strong", null, `Jeton « ${created.token.name} » créé. `),
      "Copiez-le maintenant et rangez-le dans le coffre de l'intégration : il ne sera plus jamais affiché. " +
        `Il vaut jusqu'au ${formatDate(created.token.expiresOn)} inclus, envoyé dans l'en-tête ` +
        "« Authorization: Bearer … ».",
    ),
    h("p", { class: "actions" }, input, copy),
  );
}

export const apiTokensPage: Page = {
  path: "/admin/jetons",
  title: "Jetons d'API",
  permission: "users.manage",
  async render({ root, me }) {
    const list = h("div", null, h("p", { "aria-busy": "true" }, "Chargement…"));
    const created = h("div", { "aria-live": "polite" });
    const today = todayInParis();
    const grantable = tokenGrantableActions(me.role);
    const scopeBoxes = grantable.map((action) =>
      field({ name: `scope:${action}`, label: actionLabels[action], type: "checkbox" }),
    );
    const form = h(
      "form",
      { "aria-label": "Créer un jeton d'API" },
      formAlert(),
      h(
        "div",
        { class: "form-grid" },
        field({
          name: "name",
          label: "Nom du jeton",
          required: true,
          hint: "Ce qui l'utilise, par exemple « Import bancaire de nuit ».",
        }),
        field({
          name: "expiresOn",
          label: "Valable jusqu'au",
          type: "date",
          required: true,
          value: addDays(today, 90),
          hint: `Au plus un an : jusqu'au ${formatDate(addYears(today, 1))}.`,
          attrs: { min: addDays(today, 1), max: addYears(today, 1) },
        }),
      ),
      h(
        "fieldset",
        { "data-field": "scopes" },
        h("legend", null, "Permissions du jeton"),
        h(
          "p",
          { class: "hint" },
          "Cochez le strict nécessaire : le jeton ne peut rien faire d'autre. Vos propres permissions sont la limite.",
        ),
        // before the boxes: the fieldset's first error slot is where its message lands
        h("p", { class: "field-error", "aria-live": "polite" }),
        h("div", { class: "checkbox-grid" }, scopeBoxes),
      ),
      submitButton("Créer le jeton"),
    );
    // the default expiry survives form.reset() after a creation
    const expiry = form.querySelector<HTMLInputElement>('input[name="expiresOn"]')!;
    expiry.defaultValue = expiry.value;
    bindForm(
      form,
      CreateApiTokenBody,
      async (body) => {
        const result = await api.post<Created>("/api/api-tokens", body);
        form.reset();
        mount(created, secretBox(result));
        announce(`Jeton « ${result.token.name} » créé : copiez-le maintenant.`);
        await load();
      },
      (values) => ({
        name: values.name,
        expiresOn: values.expiresOn,
        scopes: grantable.filter((action) => values[`scope:${action}`] === true),
      }),
    );

    const scopeList = (scopes: readonly Action[]) =>
      h(
        "ul",
        { class: "compact-list" },
        scopes.map((scope) => h("li", null, actionLabels[scope] ?? scope)),
      );

    const load = async () => {
      try {
        const items = await fetchAllPages<ApiToken>("/api/api-tokens");
        mount(
          list,
          table<ApiToken>(
            `${items.length} jeton(s)`,
            [
              {
                header: "Nom",
                cell: (t) => [h("strong", null, t.name), h("br"), h("code", null, `${t.secretPrefix}…`)],
              },
              { header: "Permissions", cell: (t) => scopeList(t.scopes) },
              { header: "Créé par", cell: (t) => [t.createdBy.fullName, h("br"), formatDate(t.createdAt)] },
              { header: "Expire le", cell: (t) => formatDate(t.expiresOn) },
              {
                header: "Dernier usage",
                cell: (t) => (t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Jamais"),
              },
              {
                header: "État",
                cell: (t) =>
                  t.state === "revoked" ? `Révoqué le ${formatDate(t.revokedAt)}` : stateLabels[t.state],
              },
              {
                header: "Actions",
                cell: (t) =>
                  t.state === "revoked"
                    ? "—"
                    : dangerAction({
                        label: "Révoquer",
                        confirm: `Révoquer le jeton « ${t.name} » ? L'intégration qui l'utilise sera refusée dès sa prochaine requête.`,
                        run: async () => {
                          await api.post(`/api/api-tokens/${encodeURIComponent(t.id)}/revoke`, {});
                          announce(`Jeton « ${t.name} » révoqué.`);
                          await load();
                        },
                      }),
              },
            ],
            items,
            "Aucun jeton d'API.",
          ),
        );
      } catch (error) {
        mount(list, loadError(error, "Jetons d'API"));
      }
    };

    mount(
      root,
      h("h1", null, "Jetons d'API"),
      section(
        "Créer un jeton",
        h(
          "p",
          null,
          "Un jeton permet à un programme (import bancaire, synchronisation) d'appeler l'API sans mot de passe ni session. " +
            "Il agit en votre nom, dans les seules permissions cochées, et chacun de ses usages est inscrit au journal d'audit.",
        ),
        form,
        created,
      ),
      section("Jetons de l'organisation", list),
    );
    await load();
  },
};
