import { ChangePasswordBody, SetPasswordBody } from "../../../server/modules/auth/auth.schemas";
import { api } from "../lib/api";
import { announce, h, mount } from "../lib/dom";
import { z } from "zod";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import type { Page } from "../lib/router";
import { section } from "../lib/ui";

const PASSWORD_HINT =
  "Au moins 12 caractères (16 pour un administrateur). Évitez les mots de passe courants, les suites de " +
  "clavier (azerty…) et votre nom : une phrase de passe de quatre ou cinq mots convient très bien.";

/** The token of an invitation or reset link: /set-password#token=… (a fragment never reaches a server log). */
export function tokenFromLocation(hash: string): string {
  return new URLSearchParams(hash.replace(/^#/, "")).get("token") ?? "";
}

/**
 * The page an invitation or reset link opens, without a session: the user chooses a password
 * (typed twice), then logs in with it. The link is single-use; the server says when it is not valid.
 */
export function renderSetPassword(token: string, onDone: () => void): HTMLElement {
  const form = h(
    "form",
    { class: "login-form", "aria-labelledby": "set-password-title" },
    formAlert(),
    field({
      name: "password",
      label: "Nouveau mot de passe",
      type: "password",
      required: true,
      hint: PASSWORD_HINT,
      attrs: { autocomplete: "new-password" },
    }),
    field({
      name: "confirmation",
      label: "Confirmez le mot de passe",
      type: "password",
      required: true,
      attrs: { autocomplete: "new-password" },
    }),
    submitButton("Enregistrer mon mot de passe"),
  );
  const Body = SetPasswordBody.extend({ confirmation: z.string() }).refine(
    (body) => body.password === body.confirmation,
    { path: ["confirmation"], message: "Les deux mots de passe ne sont pas identiques" },
  );
  bindForm(
    form,
    Body,
    async ({ confirmation: _confirmation, ...body }) => {
      await api.post("/api/auth/set-password", body);
      onDone();
    },
    (values) => ({ token, password: values.password ?? "", confirmation: values.confirmation ?? "" }),
  );
  const card = h(
    "div",
    { class: "login-card" },
    h("h1", { id: "set-password-title" }, "Choisir mon mot de passe"),
    h("p", { class: "subtitle" }, "Back office logement — Un Chez-soi d'abord"),
    token
      ? form
      : h(
          "p",
          { class: "notice notice-error", role: "alert" },
          "Ce lien est incomplet. Demandez un nouveau lien à l'administrateur de votre structure.",
        ),
    h("p", null, h("a", { href: "/connexion" }, "J'ai déjà un mot de passe : me connecter")),
  );
  return h("main", { class: "login-page", id: "page" }, card);
}

/** My account: change my password (the other sessions are closed, this one stays). */
export const accountPage: Page = {
  path: "/compte",
  title: "Mon compte",
  permission: "authenticated",
  render({ root, me }) {
    const form = h(
      "form",
      { "aria-label": "Changer mon mot de passe" },
      formAlert(),
      h(
        "div",
        { class: "form-grid" },
        field({
          name: "currentPassword",
          label: "Mot de passe actuel",
          type: "password",
          required: true,
          attrs: { autocomplete: "current-password" },
        }),
        field({
          name: "newPassword",
          label: "Nouveau mot de passe",
          type: "password",
          required: true,
          hint: PASSWORD_HINT,
          attrs: { autocomplete: "new-password" },
        }),
      ),
      submitButton("Changer mon mot de passe"),
    );
    bindForm(form, ChangePasswordBody, async (body) => {
      await api.post("/api/auth/change-password", body);
      form.reset();
      announce("Mot de passe changé. Vos autres sessions sont fermées.");
    });
    mount(
      root,
      h("h1", null, "Mon compte"),
      section(
        "Identité",
        h(
          "dl",
          null,
          h("dt", null, "Nom"),
          h("dd", null, me.fullName),
          h("dt", null, "Adresse"),
          h("dd", null, me.email),
        ),
      ),
      section("Changer mon mot de passe", form),
    );
  },
};
