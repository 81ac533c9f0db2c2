/**
 * npm run bench -- --readers-only [--reader-rows N]   (also run at the start of every `npm run bench`)
 *
 * Rows per second through the whole ingest of one source (read → headers → normalise → merge) for the same rows
 * published as CSV (the baseline, measured in the same run), a notice page in UTF-8 and in GB18030, an old Excel
 * workbook, a Word document and a text PDF. Each format is read three times and the fastest run counts.
 */
import { type LoadedSource, runPipeline } from '../src/lib/ingest/run-pipeline.ts';
import { excel97Workbook, noticePage, type Sheet, wordDocument } from '../src/lib/sample/republish.ts';
import { textPdf } from '../src/lib/sample/write-pdf.ts';

export interface ReaderBench {
  format: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** Time per row relative to CSV (1 = as fast as CSV). */
  ratioToCsv: number;
}

function sheet(n: number): Sheet {
  const rows: Sheet['rows'] = [
    ['某市托育机构备案名单'],
    ['序号', '机构名称', '统一社会信用代码', '地址', '备案时间'],
  ];
  for (let i = 1; i <= n; i++) {
    rows.push([String(i), `某某婴幼儿托育服务有限公司第${i}分园`, '', `某区某街道某路${i}号`, '2024-05-10']);
  }
  return { rows, merges: [{ top: 1, left: 1, bottom: 1, right: 5 }] };
}

function csv(s: Sheet): Uint8Array {
  return new TextEncoder().encode(s.rows.map((r) => r.map((c) => String(c ?? '')).join(',')).join('\r\n'));
}

async function timeSource(name: string, bytes: Uint8Array): Promise<{ seconds: number; rows: number }> {
  const src: LoadedSource = {
    id: 'bench',
    manifestText: `kind: institutions\nsector: childcare\nlist: 备案\npublisher: 某市卫生健康委员会\ntitle: 名单\npublished: 2025-01-01\nregion: "320900"\nfiles: [${name}]\n`,
    files: [{ name, bytes }],
    unlisted: [],
  };
  let best = Number.POSITIVE_INFINITY;
  let rows = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await runPipeline([src], '2026-12-02');
    best = Math.min(best, (performance.now() - t) / 1000);
    rows = r.report.totals.published;
  }
  return { seconds: best, rows };
}

export async function benchReaders(n = 5000): Promise<ReaderBench[]> {
  const s = sheet(n);
  const pdfRows = s.rows.slice(2).map((r) => r.map((c) => String(c ?? '')));
  const inputs: Array<[string, string, Uint8Array]> = [
    ['csv', '名单.csv', csv(s)],
    ['html', '名单.html', noticePage('名单', [s])],
    ['html-gb18030', '名单.htm', noticePage('名单', [s], 'gb18030')],
    ['xls', '名单.xls', excel97Workbook([s])],
    ['docx', '名单.docx', wordDocument('名单', [s])],
    [
      'pdf',
      '名单.pdf',
      textPdf({
        title: '某市托育机构备案名单',
        header: ['序号', '机构名称', '统一社会信用代码', '地址', '备案时间'],
        widths: [4, 12, 10, 12, 6],
        rows: pdfRows,
      }),
    ],
  ];
  const out: ReaderBench[] = [];
  let csvPerRow = 0;
  for (const [format, name, bytes] of inputs) {
    const { seconds, rows } = await timeSource(name, bytes);
    if (rows !== n) throw new Error(`${format}: ${rows} rows published, expected ${n}`);
    const perRow = seconds / rows;
    if (format === 'csv') csvPerRow = perRow;
    out.push({
      format,
      rows,
      bytes: bytes.length,
      seconds: Number(seconds.toFixed(3)),
      rowsPerSecond: Math.round(rows / seconds),
      ratioToCsv: Number((perRow / csvPerRow).toFixed(2)),
    });
  }
  return out;
}

if (import.meta.main) {
  const i = process.argv.indexOf('--reader-rows');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 5000;
  console.table(await benchReaders(n));
}
