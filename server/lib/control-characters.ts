import type { InvalidField } from "./errors";

/**
 * Control characters have no place in the back office's text: PostgreSQL refuses NUL outright
 * (`invalid byte sequence for encoding "UTF8": 0x00`) and the others (escape sequences, form feeds,
 * C1 controls) corrupt documents, CSV exports and logs. Tab, line feed and carriage return stay
 * allowed: notes and addresses span lines.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/**
 * Every string of a request part (keys included) holding a control character, named by its path
 * ("json.lines.2.reference"). The walk is iterative, so a deeply nested body cannot exhaust the stack.
 */
export function controlCharacterFields(value: unknown, prefix?: string): InvalidField[] {
  const found: InvalidField[] = [];
  const pending: { value: unknown; path: string[] }[] = [{ value, path: prefix ? [prefix] : [] }];
  while (pending.length > 0 && found.length < 50) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === "string") {
      if (hasControlCharacter(current))
        found.push({
          path: path.join("."),
          code: "control_character",
          message: "Caractère de contrôle interdit (octet nul, échappement…)",
        });
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--)
        pending.push({ value: current[index], path: [...path, String(index)] });
    } else if (current !== null && typeof current === "object") {
      for (const [key, child] of Object.entries(current)) {
        if (hasControlCharacter(key))
          found.push({ path: path.join("."), code: "control_character", message: "Nom de champ invalide" });
        else pending.push({ value: child, path: [...path, key] });
      }
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
