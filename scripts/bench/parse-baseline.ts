/**
 * Baseline for validate: read and parse the same files with papaparse / exceljs / JSON.parse and nothing else.
 * Prints {rows, seconds, maxRssMb} as JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

const dataDir = process.env.DATA_DIR || 'data';
const root = join(dataDir, 'sources');
const utf8 = new TextDecoder('utf-8', { fatal: true });
const started = performance.now();
let rows = 0;
for (const id of readdirSync(root).sort()) {
  for (const f of readdirSync(join(root, id)).sort()) {
    if (f === 'source.yml') continue;
    const bytes = readFileSync(join(root, id, f));
    const ext = f.split('.').pop()?.toLowerCase();
    if (ext === 'csv') {
      let text: string;
      try {
        text = utf8.decode(bytes);
      } catch {
        text = iconv.decode(bytes, 'gb18030');
      }
      rows += Papa.parse<string[]>(text, { skipEmptyLines: false }).data.length;
    } else if (ext === 'xlsx') {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      wb.eachSheet((ws) => {
        ws.eachRow({ includeEmpty: false }, (row) => {
          rows++;
          for (let i = 1; i <= row.cellCount; i++) row.getCell(i).value;
        });
      });
    } else if (ext === 'json') {
      rows += (JSON.parse(bytes.toString('utf8')) as unknown[]).length;
    }
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ rows, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
