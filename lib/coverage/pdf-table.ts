// A paginated table for pdfkit: the header row repeats on every page the table spans, long rows
// never straddle a page, and cells that do not wrap are cut with an ellipsis instead of
// overflowing into the next column.

export interface PdfColumn {
  header: string;
  width: number;
  align?: "left" | "right";
  /** Wrap this column's text (the row grows); other columns are cut to one line. */
  wrap?: boolean;
}

export interface PdfTable {
  columns: PdfColumn[];
  rows: string[][];
  fontSize?: number;
  /** Printed above the header on the pages after the first, e.g. "Gaps (continued)". */
  continued?: string;
}

const PAD = 3;

/** Cuts text to one line of `width` points, ending in an ellipsis when it had to be cut. */
export function fitText(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

export function drawTable(doc: PDFKit.PDFDocument, table: PdfTable): void {
  const size = table.fontSize ?? 8;
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const lineHeight = size + 2.5;
  const totalWidth = table.columns.reduce((w, c) => w + c.width, 0);
  let y = doc.y;

  const header = () => {
    const h = lineHeight + 2 * PAD;
    doc.rect(left, y, totalWidth, h).fill("#1f2937");
    doc.font("Helvetica-Bold").fontSize(size).fillColor("#ffffff");
    let x = left;
    for (const c of table.columns) {
      doc.text(c.header, x + PAD, y + PAD + 0.5, {
        width: c.width - 2 * PAD,
        align: c.align ?? "left",
        lineBreak: false,
      });
      x += c.width;
    }
    y += h;
    doc.font("Helvetica").fillColor("#111827");
  };

  if (y + 3 * (lineHeight + 2 * PAD) > bottom()) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  header();
  table.rows.forEach((row, index) => {
    doc.font("Helvetica").fontSize(size);
    let h = lineHeight + 2 * PAD;
    table.columns.forEach((c, i) => {
      if (c.wrap) h = Math.max(h, doc.heightOfString(row[i] ?? "", { width: c.width - 2 * PAD }) + 2 * PAD);
    });
    if (y + h > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
      if (table.continued) {
        doc
          .font("Helvetica-Oblique")
          .fontSize(size)
          .fillColor("#4b5563")
          .text(table.continued, left, y, { lineBreak: false });
        y += lineHeight + 4;
      }
      header();
      doc.font("Helvetica").fontSize(size);
    }
    if (index % 2 === 1) doc.rect(left, y, totalWidth, h).fill("#f3f4f6");
    doc.fillColor("#111827");
    let x = left;
    table.columns.forEach((c, i) => {
      const text = row[i] ?? "";
      const width = c.width - 2 * PAD;
      if (c.wrap) doc.text(text, x + PAD, y + PAD, { width, align: c.align ?? "left" });
      else doc.text(fitText(doc, text, width), x + PAD, y + PAD, { width, align: c.align ?? "left", lineBreak: false });
      x += c.width;
    });
    y += h;
  });
  doc
    .moveTo(left, y)
    .lineTo(left + totalWidth, y)
    .lineWidth(0.5)
    .strokeColor("#9ca3af")
    .stroke();
  doc.x = left;
  doc.y = y + 10;
}
