import { fr } from "zod/locales";
import type { z } from "zod";

/**
 * French validation messages for people, not developers: zod's French locale, with the common
 * cases reworded ("Champ obligatoire", "Au plus 28") so that no message shows a type name, a
 * comparison sign or an API field name. Shared by the API (problem+json) and the browser forms.
 */
const french = fr();
const numberFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

const formats: Record<string, string> = {
  email: "Adresse électronique invalide",
  uuid: "Choisissez un élément de la liste",
  guid: "Choisissez un élément de la liste",
  date: "Date invalide (jj/mm/aaaa)",
  datetime: "Date et heure invalides",
  url: "Adresse web invalide",
  regex: "Format invalide",
};

type Issue = z.core.$ZodRawIssue;

export function frenchIssueMessage(issue: Issue): string | undefined {
  const input = issue.input;
  switch (issue.code) {
    case "invalid_type": {
      if (input === undefined || input === null || input === "") return "Champ obligatoire";
      if (issue.expected === "int" && typeof input === "number" && Number.isFinite(input))
        return "Nombre entier attendu";
      if (issue.expected === "number" || issue.expected === "int") return "Nombre attendu";
      if (issue.expected === "boolean") return "Oui ou non attendu";
      if (issue.expected === "array") return "Liste attendue";
      if (issue.expected === "date") return "Date invalide (jj/mm/aaaa)";
      return "Valeur invalide";
    }
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "string")
        return minimum <= 1 ? "Champ obligatoire" : `Au moins ${minimum} caractères`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Au moins ${minimum} élément${minimum > 1 ? "s" : ""}`;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return issue.inclusive === false
          ? `Doit être supérieur à ${numberFormat.format(minimum)}`
          : `Au moins ${numberFormat.format(minimum)}`;
      return undefined;
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "string") return `Au plus ${maximum} caractères`;
      if (issue.origin === "array" || issue.origin === "set")
        return `Au plus ${maximum} élément${maximum > 1 ? "s" : ""}`;
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return issue.inclusive === false
          ? `Doit être inférieur à ${numberFormat.format(maximum)}`
          : `Au plus ${numberFormat.format(maximum)}`;
      return undefined;
    }
    case "invalid_value":
      return issue.values.length === 1 ? "Valeur non acceptée" : "Choisissez une valeur de la liste";
    case "invalid_format":
      return formats[issue.format] ?? "Format invalide";
    case "not_multiple_of":
      return Number(issue.divisor) === 1 ? "Nombre entier attendu" : "Valeur non acceptée";
    case "unrecognized_keys":
      return "Champ inattendu";
    case "invalid_union":
      return "Valeur invalide";
    default:
      return undefined;
  }
}

/** Installs the messages on the one zod copy of the process (idempotent). */
export function useFrenchMessages(zod: typeof z): void {
  zod.config({ localeError: french.localeError, customError: frenchIssueMessage });
}
