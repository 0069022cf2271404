import { readFileSync } from "node:fs";
import { TEMPLATES_DIR } from "../documents/documents.templates";
import {
  type Block,
  type ParsedTemplate,
  parseTemplate,
  renderTemplate,
} from "../documents/template-language";

/**
 * The wording of every e-mail lives in templates/mail/<id>.tpl, in the documents' template
 * language: the "# " title is the subject, the rest the body, rendered once as plain text and
 * once as simple HTML (no images, no remote content, readable in any client).
 */
export type MailTemplateData = {
  invitation: { fullName: string; organisationName: string; url: string; expiresOn: string };
  password_reset: { fullName: string; organisationName: string; url: string; expiresOn: string };
  alerts_digest: {
    fullName: string;
    organisationName: string;
    day: string;
    count: number;
    alerts: { label: string; message: string }[];
    url: string;
  };
  rent_call: {
    fullName: string;
    organisationName: string;
    periodLabel: string;
    totalCents: number;
    dueOn: string;
  };
  rent_receipt: {
    fullName: string;
    organisationName: string;
    periodLabel: string;
    totalCents: number;
  };
  landlord_statement: {
    displayName: string;
    organisationName: string;
    monthLabel: string;
    netCents: number;
  };
};

export type MailTemplateId = keyof MailTemplateData;

export const mailTemplateIds = [
  "invitation",
  "password_reset",
  "alerts_digest",
  "rent_call",
  "rent_receipt",
  "landlord_statement",
] as const satisfies readonly MailTemplateId[];

export type RenderedMail = { subject: string; text: string; html: string };

const parsed = new Map<MailTemplateId, ParsedTemplate>();

function loadMailTemplate(id: MailTemplateId): ParsedTemplate {
  let template = parsed.get(id);
  if (!template) {
    template = parseTemplate(readFileSync(new URL(`mail/${id}.tpl`, TEMPLATES_DIR), "utf8"));
    if (template.id !== id) throw new Error(`templates/mail/${id}.tpl declares id "${template.id}"`);
    parsed.set(id, template);
  }
  return template;
}

export function renderMail<T extends MailTemplateId>(id: T, data: MailTemplateData[T]): RenderedMail {
  const blocks = renderTemplate(loadMailTemplate(id), data);
  const title = blocks.find((block) => block.type === "title");
  if (!title || title.type !== "title") throw new Error(`templates/mail/${id}.tpl has no "# " subject line`);
  const body = blocks.filter((block) => block !== title);
  return { subject: title.text, text: toText(body), html: toHtml(title.text, body) };
}

function toText(blocks: Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case "subtitle":
      case "paragraph":
      case "note":
        out.push(block.text, "");
        break;
      case "heading":
        out.push(block.text.toLocaleUpperCase("fr-FR"), "");
        break;
      case "bullet":
        out.push(`- ${block.text}`);
        break;
      case "fact":
        out.push(`${block.label} : ${block.value}`);
        break;
      case "table":
        for (const row of block.rows) out.push(row.join(" — "));
        out.push("");
        break;
      default:
        break;
    }
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Escaped text whose https links become anchors, and **bold** spans bold. */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
    .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');
}

function toHtml(subject: string, blocks: Block[]): string {
  const out: string[] = [];
  let list = false;
  for (const block of blocks) {
    if (block.type !== "bullet" && list) {
      out.push("</ul>");
      list = false;
    }
    switch (block.type) {
      case "subtitle":
        out.push(`<p><strong>${inline(block.text)}</strong></p>`);
        break;
      case "heading":
        out.push(`<h2 style="font-size:16px">${inline(block.text)}</h2>`);
        break;
      case "paragraph":
        out.push(`<p>${inline(block.text)}</p>`);
        break;
      case "note":
        out.push(`<p style="color:#555;font-size:12px">${inline(block.text)}</p>`);
        break;
      case "bullet":
        if (!list) out.push("<ul>");
        list = true;
        out.push(`<li>${inline(block.text)}</li>`);
        break;
      case "fact":
        out.push(`<p>${inline(block.label)} : <strong>${inline(block.value)}</strong></p>`);
        break;
      case "table":
        out.push(
          '<table cellpadding="4" style="border-collapse:collapse">',
          `<tr>${block.columns.map((column) => `<th align="left">${inline(column.label)}</th>`).join("")}</tr>`,
          ...block.rows.map(
            (row) =>
              `<tr>${row.map((cell, index) => `<td${block.columns[index]?.alignRight ? ' align="right"' : ""}>${inline(cell)}</td>`).join("")}</tr>`,
          ),
          "</table>",
        );
        break;
      default:
        break;
    }
  }
  if (list) out.push("</ul>");
  return [
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.5;color:#1b1b1b;max-width:640px">',
    ...out,
    "</body></html>",
  ].join("\n");
}
