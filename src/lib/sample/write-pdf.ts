/**
 * A text PDF of a table as Excel or Word prints one: a title line, a header row repeated at the top of every page,
 * cells that wrap over several lines (top-aligned), and fixed column positions. Chinese text uses the standard
 * STSong-Light font with the UniGB-UCS2-H encoding, so no font is embedded. `scanned` writes the same pages with no
 * text at all (what a scan looks like to a reader: only an image).
 */
export interface PdfTable {
  title: string;
  header: string[];
  rows: string[][];
  /** Column widths in characters; a longer cell wraps. */
  widths: number[];
}

const PAGE_W = 842;
const PAGE_H = 595;
const SIZE = 9;
const LINE = 12;
const MARGIN = 36;

function hex(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    out += (cp > 0xffff ? 0x3f : cp).toString(16).padStart(4, '0');
  }
  return `<${out}>`;
}

/** A cell's text cut into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const chars = [...text];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
  return lines.length ? lines : [''];
}

export function textPdf(t: PdfTable, opts: { scanned?: boolean } = {}): Uint8Array {
  const xs: number[] = [];
  let x = MARGIN;
  for (const w of t.widths) {
    xs.push(x);
    x += w * SIZE + 8;
  }
  const pages: string[][] = [];
  let ops: string[] = [];
  let y = 0;
  const text = (tx: number, ty: number, s: string) => {
    if (s) ops.push(`BT /F1 ${SIZE} Tf ${tx} ${ty} Td ${hex(s)} Tj ET`);
  };
  const newPage = () => {
    if (ops.length) pages.push(ops);
    ops = [];
    y = PAGE_H - MARGIN;
    if (pages.length === 0) {
      text(MARGIN, y, t.title);
      y -= LINE * 2;
    }
    t.header.forEach((h, i) => {
      text(xs[i] ?? MARGIN, y, h);
    });
    y -= LINE * 1.5;
  };
  newPage();
  for (const row of t.rows) {
    const cells = t.widths.map((w, i) => wrap(row[i] ?? '', w));
    const height = Math.max(...cells.map((c) => c.length));
    if (y - height * LINE < MARGIN) newPage();
    for (let l = 0; l < height; l++) {
      cells.forEach((c, i) => {
        text(xs[i] ?? MARGIN, y - l * LINE, c[l] ?? '');
      });
    }
    y -= height * LINE + LINE * 0.5;
  }
  pages.push(ops);

  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1;
  const catalog = add('');
  const pagesObj = add('');
  const font = add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
  );
  add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R >>',
  );
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const kids: number[] = [];
  for (const p of pages) {
    const stream = opts.scanned ? '0.9 g 36 36 770 523 re f' : p.join('\n');
    const content = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] =
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
