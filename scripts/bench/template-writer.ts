/**
 * Baseline for the Astro phase: a plain Node script that writes one page per institution with template strings,
 * padded to the average size of the built institution pages. Usage: template-writer.ts <data.json> <outDir> <bytes>
 * Prints {pages, seconds, bytes, maxRssMb} as JSON.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteData } from '../../src/lib/domain/schemas.ts';

const [dataPath = '.cache/data.json', outDir = '/tmp/template-writer', sizeArg = '4000'] =
  process.argv.slice(2);
const target = Number(sizeArg);
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const started = performance.now();
const data = JSON.parse(readFileSync(dataPath, 'utf8')) as SiteData;
const penalties = new Map(data.penalties.map((p) => [p.id, p]));
rmSync(outDir, { recursive: true, force: true });
let bytes = 0;
for (const inst of data.institutions) {
  const rows = inst.penaltyIds
    .map((id) => penalties.get(id))
    .map(
      (p) =>
        `<tr><td>${esc(p?.documentNumber)}</td><td>${esc(p?.decided)}</td><td>${esc(p?.facts)}</td></tr>`,
    )
    .join('');
  let html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(inst.name)}</title></head><body><h1>${esc(inst.name)}</h1><dl><dt>统一社会信用代码</dt><dd>${esc(inst.uscc)}</dd><dt>地址</dt><dd>${esc(inst.address)}</dd><dt>状态</dt><dd>${esc(inst.status)}</dd></dl><table>${rows}</table>`;
  if (html.length < target) html += `<!--${'x'.repeat(target - html.length)}-->`;
  html += '</body></html>';
  const dir = join(outDir, 'institutions', inst.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), html);
  bytes += html.length;
}
const seconds = (performance.now() - started) / 1000;
console.log(
  JSON.stringify({
    pages: data.institutions.length,
    seconds,
    bytes,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
