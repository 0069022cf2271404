import type { z } from "zod";
import { ApiError, type InvalidField } from "./api";
import { type Child, h, uid } from "./dom";
import { parseFrenchNumber } from "./format";

/**
 * Forms validated with the API's own zod schemas (imported from server/modules/…/schemas.ts),
 * before sending and again by the server: the same messages, next to the same fields.
 * Every control has a <label>; its error is linked by aria-describedby and announced.
 */
export type FieldOptions = {
  name: string;
  label: string;
  /**
   * "number": a text box read the French way ("25,5"), never the browser's number box, which
   * drops or misreads a decimal comma; "euros": an amount typed in euros, read as cents.
   */
  type?: string;
  value?: string | number | boolean | null;
  required?: boolean;
  hint?: string;
  options?: { value: string; label: string }[];
  multiple?: boolean;
  attrs?: Record<string, string | number | boolean>;
};

export function field(options: FieldOptions): HTMLElement {
  const id = uid(`f-${options.name.replace(/\W/g, "-")}`);
  const errorId = `${id}-error`;
  const hintId = options.hint ? `${id}-hint` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  let control: HTMLElement;
  if (options.options) {
    const select = h("select", {
      id,
      name: options.name,
      required: options.required,
      multiple: options.multiple,
      "aria-describedby": describedBy,
      ...options.attrs,
    });
    if (!options.required && !options.multiple) select.append(h("option", { value: "" }, "—"));
    for (const option of options.options) {
      const element = h("option", { value: option.value }, option.label);
      if (String(options.value ?? "") === option.value) element.selected = true;
      select.append(element);
    }
    control = select;
  } else if (options.type === "textarea") {
    control = h(
      "textarea",
      {
        id,
        name: options.name,
        required: options.required,
        "aria-describedby": describedBy,
        ...options.attrs,
      },
      options.value === null || options.value === undefined ? "" : String(options.value),
    );
  } else if (options.type === "checkbox") {
    const input = h("input", {
      id,
      name: options.name,
      type: "checkbox",
      "aria-describedby": describedBy,
      ...options.attrs,
    });
    input.checked = options.value === true;
    return h(
      "div",
      { class: "field field-checkbox", "data-field": options.name },
      input,
      h("label", { for: id }, options.label),
      hintId ? h("p", { class: "hint", id: hintId }, options.hint ?? "") : null,
      h("p", { class: "field-error", id: errorId, "aria-live": "polite" }),
    );
  } else if (options.type === "number" || options.type === "euros") {
    const { step, min: _min, max: _max, ...attrs } = options.attrs ?? {};
    const decimal = options.type === "euros" || (step !== undefined && String(step) !== "1");
    const input = h("input", {
      id,
      name: options.name,
      type: "text",
      inputmode: decimal ? "decimal" : "numeric",
      "data-number": options.type,
      required: options.required,
      "aria-describedby": describedBy,
      autocomplete: "off",
      ...attrs,
    });
    if (options.value !== null && options.value !== undefined)
      input.value =
        typeof options.value === "number"
          ? options.type === "euros"
            ? (options.value / 100).toFixed(2).replace(".", ",")
            : String(options.value).replace(".", ",")
          : String(options.value);
    control = input;
  } else {
    const input = h("input", {
      id,
      name: options.name,
      type: options.type ?? "text",
      required: options.required,
      "aria-describedby": describedBy,
      ...options.attrs,
    });
    if (options.value !== null && options.value !== undefined) input.value = String(options.value);
    control = input;
  }
  return h(
    "div",
    { class: "field", "data-field": options.name },
    h(
      "label",
      { for: id },
      options.label,
      options.required ? h("span", { "aria-hidden": "true" }, " *") : null,
    ),
    hintId ? h("p", { class: "hint", id: hintId }, options.hint ?? "") : null,
    control,
    h("p", { class: "field-error", id: errorId, "aria-live": "polite" }),
  );
}

/** Clears then shows errors: each next to its field (or its closest parent path), the rest in the form's alert. */
export function showErrors(form: HTMLFormElement, detail: string | null, errors: InvalidField[] = []): void {
  for (const element of form.querySelectorAll<HTMLElement>(".field-error")) element.textContent = "";
  for (const element of form.querySelectorAll<HTMLElement>("[aria-invalid]"))
    element.removeAttribute("aria-invalid");
  const unplaced: string[] = [];
  let first: HTMLElement | null = null;
  for (const error of errors) {
    const container = findField(form, error.path);
    if (!container) {
      // the message alone: an API field name means nothing to the person filling the form
      unplaced.push(error.message);
      continue;
    }
    const slot = container.querySelector<HTMLElement>(".field-error")!;
    slot.textContent = slot.textContent ? `${slot.textContent} ${error.message}` : error.message;
    const control = container.querySelector<HTMLElement>("input, select, textarea");
    control?.setAttribute("aria-invalid", "true");
    first ??= control ?? null;
  }
  const alert = form.querySelector<HTMLElement>(".form-alert");
  if (alert) {
    const lines = [detail, ...unplaced].filter((line): line is string => Boolean(line));
    alert.replaceChildren(...lines.map((line) => h("p", null, line)));
    alert.hidden = lines.length === 0;
  }
  first?.focus();
}

function findField(form: HTMLFormElement, path: string): HTMLElement | null {
  const parts = path.split(".");
  while (parts.length > 0) {
    const found = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(parts.join("."))}"]`);
    if (found) return found;
    parts.pop();
  }
  return null;
}

export function formAlert(): HTMLElement {
  return h("div", { class: "form-alert", role: "alert", hidden: true });
}

/** Reads the named controls: checkboxes as booleans, multiple selects as arrays, empty as undefined. */
export function readForm(form: HTMLFormElement): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const element of Array.from(form.elements)) {
    if (
      !(
        element instanceof HTMLInputElement ||
        element instanceof HTMLSelectElement ||
        element instanceof HTMLTextAreaElement
      )
    )
      continue;
    if (!element.name) continue;
    if (element instanceof HTMLInputElement && element.type === "checkbox")
      values[element.name] = element.checked;
    else if (element instanceof HTMLSelectElement && element.multiple)
      values[element.name] = Array.from(element.selectedOptions).map((option) => option.value);
    else if (element instanceof HTMLInputElement && element.dataset.number)
      values[element.name] = readNumber(element);
    else if (element instanceof HTMLInputElement && element.type === "number")
      values[element.name] = element.value === "" ? undefined : Number(element.value);
    else values[element.name] = element.value === "" ? undefined : element.value;
  }
  return values;
}

/** A number box's value: a number (cents for euros), undefined when empty, NaN when unreadable. */
function readNumber(input: HTMLInputElement): number | undefined {
  if (input.value.trim() === "") return undefined;
  const text = input.dataset.number === "euros" ? input.value.replace(/€/g, "") : input.value;
  const value = parseFrenchNumber(text);
  if (value === null) return Number.NaN;
  return input.dataset.number === "euros" ? Math.round(value * 100) : value;
}

/** The number boxes whose text is not a number, each with a French message. */
function unreadableNumbers(form: HTMLFormElement): InvalidField[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>("input[data-number]"))
    .filter((input) => input.value.trim() !== "" && Number.isNaN(readNumber(input)))
    .map((input) => ({
      path: input.closest<HTMLElement>("[data-field]")?.dataset.field ?? input.name,
      message:
        input.dataset.number === "euros"
          ? "Montant en euros attendu, par exemple 450,50"
          : "Nombre attendu, par exemple 25,5",
    }));
}

/**
 * Validates with the API's schema, then submits; problem+json answers land next to the fields.
 * `toBody` shapes the form values into the request body (e.g. euros → cents) before validation.
 */
export function bindForm<S extends z.ZodType>(
  form: HTMLFormElement,
  schema: S,
  submit: (value: z.output<S>) => Promise<void>,
  toBody: (values: Record<string, unknown>) => unknown = (values) => values,
): void {
  form.noValidate = true;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const unreadable = unreadableNumbers(form);
    if (unreadable.length > 0) {
      showErrors(form, "Certains champs sont à corriger.", unreadable);
      return;
    }
    let body: unknown;
    try {
      body = toBody(readForm(form));
    } catch (error) {
      showErrors(form, (error as Error).message);
      return;
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      showErrors(
        form,
        "Certains champs sont à corriger.",
        parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join("."),
          message: issue.message,
        })),
      );
      return;
    }
    showErrors(form, null);
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (button) button.disabled = true;
    form.setAttribute("aria-busy", "true");
    try {
      await submit(parsed.data);
    } catch (error) {
      if (error instanceof ApiError) showErrors(form, error.problem.detail, error.fieldErrors());
      else showErrors(form, (error as Error).message || "Erreur inattendue");
    } finally {
      if (button) button.disabled = false;
      form.removeAttribute("aria-busy");
    }
  });
}

export function submitButton(text: string): HTMLButtonElement {
  return h("button", { type: "submit", class: "primary" }, text);
}

export function fieldset(legend: string, ...children: Child[]): HTMLFieldSetElement {
  return h("fieldset", null, h("legend", null, legend), ...children);
}
