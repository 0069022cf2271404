import { formatFrenchDate } from "../../lib/dates";
import { formatEuros } from "../../lib/money";
import { artifact, group, openPdfDocument, tagged } from "../documents/pdf-renderer";
import { budgetConsumption } from "../costs/costs.rules";
import { DECLINED_BY_LABELS } from "../panels/panels.rules";
import { activitySections, labelOf, percent } from "./activity-report.sections";
import type { ActivityFigures } from "./yearly-reports.service";

/**
 * The housing pole's figures for the activity report as an A4 PDF in French: tables of
 * label / value and bar charts drawn with pdfkit's vector graphics (no image, no chart library):
 * the first offers against the 8-week duty, the refusals by who refused, and the IML costs
 * against the BOP 177 budget by category.
 */

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const WIDTH = PAGE.width - 2 * MARGIN;
const COLOR = {
  text: "#1a1a1a",
  muted: "#555555",
  rule: "#bbbbbb",
  bar: "#1d4f91",
  light: "#9bb7de",
  late: "#c2571a",
};

type Doc = PDFKit.PDFDocument;
type Element = PDFKit.PDFStructureElement;

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > PAGE.height - MARGIN - 20) doc.continueOnNewPage();
}

/** The thin rule under a table row, across the text width. */
function rowRule(doc: Doc) {
  artifact(doc, () =>
    doc
      .moveTo(MARGIN, doc.y - 1)
      .lineTo(MARGIN + WIDTH, doc.y - 1)
      .lineWidth(0.3)
      .strokeColor(COLOR.rule)
      .stroke(),
  );
}

function heading(doc: Doc, root: Element, text: string) {
  ensureSpace(doc, 60);
  doc.moveDown(0.8);
  tagged(doc, root, "H2", () =>
    doc.font("bold").fontSize(12).fillColor(COLOR.text).text(text, MARGIN, doc.y, { width: WIDTH }),
  );
  doc.moveDown(0.3);
  doc.font("body").fontSize(9.5);
}

function table(doc: Doc, root: Element, lines: { label: string; value: string }[]) {
  const element = group(doc, root, "Table");
  for (const line of lines) {
    ensureSpace(doc, 16);
    const y = doc.y;
    const sub = line.label.startsWith(" ");
    const row = group(doc, element, "TR");
    let bottom = y;
    tagged(doc, row, "TH", () => {
      doc
        .font("body")
        .fontSize(sub ? 9 : 9.5)
        .fillColor(sub ? COLOR.muted : COLOR.text)
        .text(line.label.trim(), MARGIN + (sub ? 14 : 0), y, { width: WIDTH - 110 - (sub ? 14 : 0) });
      bottom = doc.y;
    });
    tagged(doc, row, "TD", () =>
      doc
        .font("bold")
        .fillColor(COLOR.text)
        .text(line.value, MARGIN + WIDTH - 100, y, { width: 100, align: "right" }),
    );
    row.end();
    doc.y = Math.max(bottom, doc.y) + 2;
    rowRule(doc);
  }
  element.end();
  doc.font("body").fillColor(COLOR.text);
}

/** A table whose first column is a label and the others right-aligned amounts. */
function columnsTable(doc: Doc, root: Element, headers: string[], rows: string[][]) {
  const element = group(doc, root, "Table");
  const numberWidth = 82;
  const labelWidth = WIDTH - numberWidth * (headers.length - 1);
  const draw = (cells: string[], font: "body" | "bold", header: boolean) => {
    ensureSpace(doc, 16);
    const y = doc.y;
    let bottom = y;
    const row = group(doc, element, "TR");
    cells.forEach((cell, index) => {
      const x = index === 0 ? MARGIN : MARGIN + labelWidth + (index - 1) * numberWidth;
      tagged(doc, row, header || index === 0 ? "TH" : "TD", () =>
        doc
          .font(index === 0 ? font : "bold")
          .fontSize(9)
          .fillColor(COLOR.text)
          .text(cell, x, y, {
            width: index === 0 ? labelWidth - 8 : numberWidth,
            align: index === 0 ? "left" : "right",
          }),
      );
      bottom = Math.max(bottom, doc.y);
    });
    row.end();
    doc.y = bottom + 2;
    rowRule(doc);
  };
  draw(headers, "bold", true);
  for (const row of rows) draw(row, "body", false);
  element.end();
  doc.font("body").fontSize(9.5);
}

type Bar = { label: string; value: number; display: string; color?: string };

/** Horizontal bars, one per line, scaled on the largest value; each labelled and valued. */
function barChart(
  doc: Doc,
  root: Element,
  title: string,
  groups: { label: string; bars: Bar[] }[],
  legend?: Bar[],
) {
  const barHeight = 11;
  const labelWidth = 190;
  const valueWidth = 80;
  const area = WIDTH - labelWidth - valueWidth - 10;
  const max = Math.max(1, ...groups.flatMap((g) => g.bars.map((b) => b.value)));
  const height = groups.reduce((sum, g) => sum + g.bars.length * (barHeight + 2) + 8, 30);
  ensureSpace(doc, Math.min(height, 400));
  // a reader that does not see the bars reads their figures in the alternative text
  const alt = `${title} : ${groups
    .map(
      (g) =>
        `${g.label ? `${g.label} ` : ""}${g.bars.map((b) => `${b.label ? `${b.label} ` : ""}${b.display}`).join(", ")}`,
    )
    .join(" ; ")}`;
  tagged(
    doc,
    root,
    "Figure",
    () => {
      doc.font("bold").fontSize(10).fillColor(COLOR.text).text(title, MARGIN, doc.y, { width: WIDTH });
      doc.moveDown(0.3);
      if (legend) {
        let x = MARGIN + labelWidth;
        const y = doc.y;
        for (const item of legend) {
          doc.rect(x, y + 1, 8, 8).fill(item.color ?? COLOR.bar);
          doc
            .font("body")
            .fontSize(8)
            .fillColor(COLOR.muted)
            .text(item.label, x + 12, y, { lineBreak: false });
          x += 12 + doc.widthOfString(item.label) + 16;
        }
        doc.y = y + 14;
      }
      for (const group of groups) {
        ensureSpace(doc, group.bars.length * (barHeight + 2) + 8);
        const top = doc.y;
        doc
          .font("body")
          .fontSize(8.5)
          .fillColor(COLOR.text)
          .text(group.label, MARGIN, top, {
            width: labelWidth - 8,
            height: group.bars.length * (barHeight + 2) + 6,
          });
        group.bars.forEach((bar, index) => {
          const y = top + index * (barHeight + 2);
          const width = bar.value <= 0 ? 0 : Math.max(1, (bar.value / max) * area);
          doc.rect(MARGIN + labelWidth, y, width, barHeight).fill(bar.color ?? COLOR.bar);
          doc
            .font("body")
            .fontSize(8)
            .fillColor(COLOR.text)
            .text(bar.display, MARGIN + labelWidth + width + 4, y + 1.5, {
              width: valueWidth + area - width,
              lineBreak: false,
            });
        });
        doc.y = Math.max(doc.y, top + group.bars.length * (barHeight + 2)) + 6;
      }
      // the axis
      doc
        .moveTo(MARGIN + labelWidth, doc.y - 4)
        .lineTo(MARGIN + labelWidth + area, doc.y - 4)
        .lineWidth(0.5)
        .strokeColor(COLOR.rule)
        .stroke();
    },
    { alt },
  );
  doc.moveDown(0.5);
  doc.font("body").fontSize(9.5).fillColor(COLOR.text);
}

export function renderActivityReportPdf(f: ActivityFigures, createdAt: Date): Promise<Buffer> {
  const title = `Rapport d'activité ${f.year} — pôle logement`;
  const { doc, root, finished } = openPdfDocument({
    title,
    author: f.organisationName,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    createdAt,
  });

  tagged(doc, root, "H1", () =>
    doc
      .font("bold")
      .fontSize(16)
      .fillColor(COLOR.text)
      .text(title, MARGIN, MARGIN, { width: WIDTH, align: "center" }),
  );
  doc.moveDown(0.2);
  doc.font("body").fontSize(10).fillColor(COLOR.muted);
  for (const line of [
    f.organisationName,
    `Année du 01/01/${f.year} au 31/12/${f.year} — chiffres arrêtés au ${formatFrenchDate(f.asOf)}`,
    "Contribution du pôle logement au rapport d'activité transmis à l'ARS avant le 30 avril (CASF art. R.314-50, cahier des charges §8.12)",
  ]) {
    tagged(doc, root, "P", () => doc.text(line, MARGIN, doc.y, { width: WIDTH, align: "center" }));
  }
  doc.fillColor(COLOR.text).fontSize(9.5);

  const s = activitySections(f);
  heading(doc, root, "Personnes accompagnées et logées");
  table(doc, root, s.people);

  heading(
    doc,
    root,
    `Délais jusqu'à la première proposition (${f.firstOfferDeadlineWeeks} semaines après le jour 1)`,
  );
  table(doc, root, s.delays);
  doc.moveDown(0.6);
  barChart(doc, root, "Premières propositions des admissions de l'année", [
    {
      label: "Dans le délai",
      bars: [{ label: "", value: f.delays.metOnTime, display: String(f.delays.metOnTime) }],
    },
    {
      label: "En retard",
      bars: [{ label: "", value: f.delays.metLate, display: String(f.delays.metLate), color: COLOR.late }],
    },
    {
      label: "Délai dépassé sans proposition",
      bars: [{ label: "", value: f.delays.overdue, display: String(f.delays.overdue), color: COLOR.late }],
    },
  ]);

  heading(doc, root, "Propositions et dérogations à la taille minimale");
  table(doc, root, s.panels);

  heading(doc, root, "Refus");
  table(doc, root, s.refusals);
  doc.moveDown(0.6);
  barChart(
    doc,
    root,
    "Logements refusés, par auteur du refus",
    f.refusals.byWho.map((w) => ({
      label: labelOf(DECLINED_BY_LABELS, w.who),
      bars: [{ label: "", value: w.count, display: String(w.count) }],
    })),
  );

  heading(doc, root, "Relogements et glissements");
  table(doc, root, s.relocations);

  heading(doc, root, "Vacance et impayés");
  table(doc, root, [
    { label: "Logements ayant connu de la vacance", value: String(f.vacancy.unitsWithVacancy) },
    { label: "Jours de vacance", value: String(f.vacancy.days) },
    { label: "Coût de la vacance (loyers du bail principal)", value: formatEuros(f.vacancy.costCents) },
    {
      label: `Impayés au ${formatFrenchDate(f.unpaidRent.asOf)} (${f.unpaidRent.leasesInArrears} ${f.unpaidRent.leasesInArrears > 1 ? "baux" : "bail"} en dette)`,
      value: formatEuros(f.unpaidRent.outstandingCents),
    },
    { label: "   dont échus depuis plus de 90 jours", value: formatEuros(f.unpaidRent.buckets["90+"]) },
    {
      label: "Loyers impayés passés en perte dans l'année",
      value: formatEuros(f.unpaidRent.writtenOffCents),
    },
  ]);

  heading(doc, root, "Coûts IML au regard du budget BOP 177");
  columnsTable(
    doc,
    root,
    ["Catégorie", "Réalisé", "Budget", "Consommé"],
    [
      ...f.costs.categories.map((c) => [
        c.label,
        formatEuros(c.actualCents),
        c.budgetCents === null ? "—" : formatEuros(c.budgetCents),
        percent(c.consumedBasisPoints),
      ]),
      [
        "Total",
        formatEuros(f.costs.totalActualCents),
        formatEuros(f.costs.totalBudgetCents),
        percent(
          budgetConsumption(f.costs.totalActualCents, f.costs.totalBudgetCents || null).consumedBasisPoints,
        ),
      ],
    ],
  );
  doc.moveDown(0.6);
  barChart(
    doc,
    root,
    "Coûts IML : réalisé et budget par catégorie",
    f.costs.categories.map((c) => ({
      label: c.label,
      bars: [
        { label: "Réalisé", value: c.actualCents, display: formatEuros(c.actualCents) },
        {
          label: "Budget",
          value: c.budgetCents ?? 0,
          display: c.budgetCents === null ? "pas de budget" : formatEuros(c.budgetCents),
          color: COLOR.light,
        },
      ],
    })),
    [
      { label: "Réalisé", value: 0, display: "" },
      { label: "Budget", value: 0, display: "", color: COLOR.light },
    ],
  );

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a new page
    artifact(
      doc,
      () =>
        doc
          .font("body")
          .fontSize(7.5)
          .fillColor(COLOR.muted)
          .text(`${title} — page ${index + 1} sur ${range.count}`, MARGIN, PAGE.height - MARGIN + 16, {
            width: WIDTH,
            align: "center",
            lineBreak: false,
          }),
      "Pagination",
    );
    doc.page.margins.bottom = savedBottom;
  }
  doc.end();
  return finished;
}
