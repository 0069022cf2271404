import { FRENCH_MONTHS } from "../../lib/french-months";
import { formatEuros } from "../../lib/money";

/**
 * The wording of every document lives in templates/<id>.tpl (editable without touching code).
 * This file is the small language those templates are written in: pure, no I/O.
 *
 * File shape:
 *   ---                       front matter: id, version, date (of this wording), title
 *   id: sublease
 *   version: 1
 *   date: 2026-11-23
 *   title: Contrat de sous-location
 *   ---
 *   # Title                   document title (centred)
 *   ### Subtitle              line under the title
 *   ## Heading                section heading
 *   text lines                a paragraph (consecutive lines join; a blank line ends it); **bold** inline
 *   - item                    a bullet
 *   : Label | value           a fact row (label, value)
 *   ::table A | B> | C>       a table with its header ("B>" = right-aligned column); rows follow as
 *   | a | b | c |             "| … |" lines
 *   ::signatures A | B        signature blocks side by side
 *   ::note text               small print
 *   ::pagebreak               a new page
 *   {{path}} {{path | euros}} a value; formats: euros (cents), date, longdate, percent (basis points),
 *                             number, m2, months, upper, yesno
 *   {{#if path}} {{#if path = value}} {{#unless path}} {{else}} {{/if}} {{/unless}}   (own line)
 *   {{#each path}} … {{/each}}                                                          (own line)
 *                             inside each, names resolve on the item first; {{@number}} is 1, 2, 3…
 *
 * A placeholder whose value is absent (undefined) is an error, never a blank.
 */

/** `date`: the day this version of the wording was adopted (ISO), printed in the footer; null when unstated */
export type TemplateMeta = { id: string; version: number; date: string | null; title: string };

type Line = { kind: "line"; text: string; lineNo: number };
type IfNode = {
  kind: "if";
  path: string;
  equals: string | null;
  negate: boolean;
  whenTrue: Node[];
  otherwise: Node[];
  lineNo: number;
};
type EachNode = { kind: "each"; path: string; body: Node[]; lineNo: number };
type Node = Line | IfNode | EachNode;

export type ParsedTemplate = TemplateMeta & { nodes: Node[] };

export type Block =
  | { type: "title"; text: string }
  | { type: "subtitle"; text: string }
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string }
  | { type: "bullet"; text: string }
  | { type: "fact"; label: string; value: string }
  | { type: "table"; columns: { label: string; alignRight: boolean }[]; rows: string[][] }
  | { type: "signatures"; parties: string[] }
  | { type: "note"; text: string }
  | { type: "pagebreak" };

export class TemplateSyntaxError extends Error {
  constructor(templateId: string, lineNo: number, message: string) {
    super(`template ${templateId}, line ${lineNo}: ${message}`);
    this.name = "TemplateSyntaxError";
  }
}

/** Raised when the data lacks a value the template needs: a missing field is an error, not a blank. */
export class MissingTemplateValueError extends Error {
  constructor(
    readonly templateId: string,
    readonly paths: string[],
  ) {
    super(`template ${templateId}: missing value(s) ${paths.join(", ")}`);
    this.name = "MissingTemplateValueError";
  }
}

const OPEN_IF = /^\{\{#(if|unless) ([\w.@]+)(?: = (.+?))?\}\}$/;
const OPEN_EACH = /^\{\{#each ([\w.]+)\}\}$/;
const CLOSE = /^\{\{\/(if|unless|each)\}\}$/;
const ELSE = /^\{\{else\}\}$/;

export function parseTemplate(source: string): ParsedTemplate {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  if (lines[0]?.trim() !== "---") throw new TemplateSyntaxError("?", 1, "front matter (---) expected");
  const meta: Record<string, string> = {};
  let index = 1;
  for (; index < lines.length && lines[index]!.trim() !== "---"; index++) {
    const match = /^(\w+):\s*(.*)$/.exec(lines[index]!);
    if (match) meta[match[1]!] = match[2]!.trim();
  }
  const id = meta.id;
  const version = Number(meta.version);
  if (!id || !Number.isInteger(version) || version < 1 || !meta.title) {
    throw new TemplateSyntaxError(id ?? "?", 1, "front matter needs id, version (integer ≥ 1) and title");
  }
  const date = meta.date ?? null;
  if (date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new TemplateSyntaxError(id, 1, "front matter date must read YYYY-MM-DD");
  }

  // build the tree with a stack of open blocks
  const root: Node[] = [];
  const stack: { node: IfNode | EachNode; inElse: boolean }[] = [];
  const target = (): Node[] => {
    const top = stack.at(-1);
    if (!top) return root;
    if (top.node.kind === "each") return top.node.body;
    return top.inElse ? top.node.otherwise : top.node.whenTrue;
  };
  for (index += 1; index < lines.length; index++) {
    const raw = lines[index]!;
    const trimmed = raw.trim();
    const lineNo = index + 1;
    const openIf = OPEN_IF.exec(trimmed);
    const openEach = openIf ? null : OPEN_EACH.exec(trimmed);
    const close = CLOSE.exec(trimmed);
    if (openIf) {
      const match = openIf;
      const node: IfNode = {
        kind: "if",
        negate: match[1] === "unless",
        path: match[2]!,
        equals: match[3] ?? null,
        whenTrue: [],
        otherwise: [],
        lineNo,
      };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (openEach) {
      const match = openEach;
      const node: EachNode = { kind: "each", path: match[1]!, body: [], lineNo };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (ELSE.test(trimmed)) {
      const top = stack.at(-1);
      if (top?.node.kind !== "if" || top.inElse) throw new TemplateSyntaxError(id, lineNo, "stray {{else}}");
      top.inElse = true;
    } else if (close) {
      const match = close;
      const top = stack.pop();
      const expected = top?.node.kind === "each" ? "each" : top?.node.negate ? "unless" : "if";
      if (!top || expected !== match[1])
        throw new TemplateSyntaxError(id, lineNo, `unexpected {{/${match[1]}}}`);
    } else {
      target().push({ kind: "line", text: raw, lineNo });
    }
  }
  if (stack.length > 0) throw new TemplateSyntaxError(id, stack.at(-1)!.node.lineNo, "block never closed");
  return { id, version, date, title: meta.title, nodes: root };
}

// ---------------------------------------------------------------------------------------------
// values and formats

const percentFormatter = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 2 });
const numberFormatter = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function formatValue(value: unknown, format: string | undefined, where: string): string {
  switch (format) {
    case undefined:
      if (typeof value === "boolean") return value ? "oui" : "non";
      return String(value);
    case "euros":
      if (typeof value !== "number") throw new TypeError(`${where}: euros expects cents`);
      return formatEuros(value);
    case "date":
    case "longdate": {
      const match = ISO_DATE.exec(String(value));
      if (!match) throw new TypeError(`${where}: ${format} expects an ISO date`);
      if (format === "date") return `${match[3]}/${match[2]}/${match[1]}`;
      const day = Number(match[3]);
      return `${day === 1 ? "1er" : day} ${FRENCH_MONTHS[Number(match[2]) - 1]} ${match[1]}`;
    }
    case "percent":
      if (typeof value !== "number") throw new TypeError(`${where}: percent expects basis points`);
      return percentFormatter.format(value / 10_000);
    case "number":
      return numberFormatter.format(Number(value));
    case "m2":
      return `${numberFormatter.format(Number(value))}\u00a0m²`;
    case "months":
      return `${value}\u00a0mois`;
    case "upper":
      return String(value).toLocaleUpperCase("fr-FR");
    case "yesno":
      return value ? "oui" : "non";
    default:
      throw new TypeError(`${where}: unknown format "${format}"`);
  }
}

type Scope = { data: unknown; parent: Scope | null; index: number };

const ABSENT = Symbol("absent");

function lookup(scope: Scope, path: string): unknown {
  if (path === "@number") return scope.index + 1;
  if (path === "this") return scope.data;
  const parts = path.replace(/^this\./, "").split(".");
  for (
    let current: Scope | null = scope;
    current;
    current = path.startsWith("this.") ? null : current.parent
  ) {
    let value: unknown = current.data;
    let found = true;
    for (const part of parts) {
      if (value !== null && typeof value === "object" && part in (value as object)) {
        value = (value as Record<string, unknown>)[part];
      } else {
        found = false;
        break;
      }
    }
    if (found && value !== undefined) return value;
  }
  return ABSENT;
}

/**
 * French typography on a finished line: no-break space before ; : ! ? and inside « »,
 * typographic apostrophe. Applied to values too (names like "Chez-soi d'abord").
 */
export function frenchTypography(text: string): string {
  // values were wrapped in VALUE_START…VALUE_END by interpolation: only their apostrophes change
  return text
    .split(VALUE_START)
    .map((segment, index) => {
      const [value, literal] = index === 0 ? ["", segment] : splitOnce(segment, VALUE_END);
      return (
        value.replace(/'/g, "’") +
        literal
          .replace(/'/g, "’")
          .replace(/ ([;:!?»])/g, "\u00a0$1")
          .replace(/« /g, "«\u00a0")
          .replace(/([^\s\u00a0\u202f])([;!?])(?=\s|$)/g, "$1\u202f$2")
      );
    })
    .join("")
    .split(VALUE_START)
    .join("")
    .split(VALUE_END)
    .join("");
}

const VALUE_START = "\u0001";
const VALUE_END = "\u0002";

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at + 1)];
}

// ---------------------------------------------------------------------------------------------
// rendering: tree + data → blocks

export function renderTemplate(template: ParsedTemplate, data: unknown): Block[] {
  const missing = new Set<string>();
  const expanded: string[] = [];

  const interpolate = (text: string, scope: Scope, lineNo: number): string =>
    text.replace(/\{\{\s*([\w.@]+)\s*(?:\|\s*(\w+)\s*)?\}\}/g, (_, path: string, format?: string) => {
      const value = lookup(scope, path);
      if (value === ABSENT || value === null) {
        missing.add(path);
        return "";
      }
      return (
        VALUE_START +
        formatValue(value, format, `template ${template.id} line ${lineNo} {{${path}}}`) +
        VALUE_END
      );
    });

  const walk = (nodes: Node[], scope: Scope) => {
    for (const node of nodes) {
      if (node.kind === "line") {
        expanded.push(interpolate(node.text, scope, node.lineNo));
      } else if (node.kind === "if") {
        const value = lookup(scope, node.path);
        if (value === ABSENT) {
          missing.add(node.path);
          continue;
        }
        let truth =
          node.equals !== null
            ? String(value) === node.equals
            : Array.isArray(value)
              ? value.length > 0
              : Boolean(value);
        if (node.negate) truth = !truth;
        walk(truth ? node.whenTrue : node.otherwise, scope);
      } else {
        const value = lookup(scope, node.path);
        if (!Array.isArray(value)) {
          missing.add(node.path);
          continue;
        }
        value.forEach((item, index) => {
          walk(node.body, { data: item, parent: scope, index });
        });
      }
    }
  };
  walk(template.nodes, { data, parent: null, index: 0 });
  if (missing.size > 0) throw new MissingTemplateValueError(template.id, [...missing]);
  return toBlocks(expanded);
}

function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let table: Extract<Block, { type: "table" }> | null = null;
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: "paragraph", text: frenchTypography(paragraph.join(" ")) });
    paragraph = [];
  };
  const cells = (text: string) => text.split("|").map((cell) => frenchTypography(cell.trim()));

  for (const raw of lines) {
    const line = raw.trim();
    if (table && !line.startsWith("|")) table = null;
    if (line === "") {
      flush();
      continue;
    }
    if (line.startsWith("# ")) {
      flush();
      blocks.push({ type: "title", text: frenchTypography(line.slice(2)) });
    } else if (line.startsWith("### ")) {
      flush();
      blocks.push({ type: "subtitle", text: frenchTypography(line.slice(4)) });
    } else if (line.startsWith("## ")) {
      flush();
      blocks.push({ type: "heading", text: frenchTypography(line.slice(3)) });
    } else if (line.startsWith("- ")) {
      flush();
      blocks.push({ type: "bullet", text: frenchTypography(line.slice(2)) });
    } else if (line.startsWith(": ")) {
      flush();
      const [label = "", ...rest] = line.slice(2).split("|");
      blocks.push({
        type: "fact",
        label: frenchTypography(label.trim()),
        value: frenchTypography(rest.join("|").trim()),
      });
    } else if (line.startsWith("::table ")) {
      flush();
      table = {
        type: "table",
        columns: cells(line.slice(8)).map((label) =>
          label.endsWith(">")
            ? { label: label.slice(0, -1).trim(), alignRight: true }
            : { label, alignRight: false },
        ),
        rows: [],
      };
      blocks.push(table);
    } else if (line.startsWith("|") && table) {
      table.rows.push(cells(line.replace(/^\|/, "").replace(/\|$/, "")));
    } else if (line.startsWith("::signatures ")) {
      flush();
      blocks.push({ type: "signatures", parties: cells(line.slice(13)) });
    } else if (line.startsWith("::note ")) {
      flush();
      blocks.push({ type: "note", text: frenchTypography(line.slice(7)) });
    } else if (line === "::pagebreak") {
      flush();
      blocks.push({ type: "pagebreak" });
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
