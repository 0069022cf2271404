import { LoginBody } from "../../../server/modules/auth/auth.schemas";
import { api } from "../lib/api";
import { h } from "../lib/dom";
import { bindForm, field, formAlert, submitButton } from "../lib/forms";
import type { Me } from "../lib/session";

/** The login page: email and password, errors next to the fields and in an alert. */
export function renderLogin(onLoggedIn: (me: Me) => void, notice: string | null = null): HTMLElement {
  const form = h(
    "form",
    { class: "login-form", "aria-labelledby": "login-title" },
    formAlert(),
    field({
      name: "email",
      label: "Adresse électronique",
      type: "email",
      required: true,
      attrs: { autocomplete: "username" },
    }),
    field({
      name: "password",
      label: "Mot de passe",
      type: "password",
      required: true,
      attrs: { autocomplete: "current-password" },
    }),
    submitButton("Se connecter"),
  );
  bindForm(form, LoginBody, async (body) => {
    onLoggedIn(await api.post<Me>("/api/auth/login", body));
  });
  return h(
    "main",
    { class: "login-page", id: "page" },
    h(
      "div",
      { class: "login-card" },
      h("h1", { id: "login-title" }, "Back office logement"),
      h("p", { class: "subtitle" }, "Un Chez-soi d'abord — intermédiation locative"),
      notice ? h("p", { class: "notice", role: "status" }, notice) : null,
      form,
    ),
  );
}
