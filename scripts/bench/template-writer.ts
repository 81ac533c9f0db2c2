/**
 * Baseline for the Astro phase: a plain Node script that writes, with template strings, one page per institution
 * padded to the average size of the built institution pages, and as many other pages as the build wrote besides
 * them, padded to their average size.
 * Usage: template-writer.ts <data.json> <outDir> <institution page bytes> [<other pages> <other page bytes>]
 * Prints {pages, seconds, bytes, maxRssMb} as JSON.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteData } from '../../src/lib/domain/schemas.ts';

const [
  dataPath = '.cache/data.json',
  outDir = '/tmp/template-writer',
  sizeArg = '4000',
  otherArg = '0',
  otherSizeArg = '4000',
] = process.argv.slice(2);
const target = Number(sizeArg);
const others = Number(otherArg);
const otherTarget = Number(otherSizeArg);
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Pads a page to `bytes` (UTF-8) with a comment and closes it. */
function pad(html: string, bytes: number): string {
  const size = Buffer.byteLength(html) + '</body></html>'.length;
  return `${html}${size + 7 < bytes ? `<!--${'x'.repeat(bytes - size - 7)}-->` : ''}</body></html>`;
}

const started = performance.now();
const data = JSON.parse(readFileSync(dataPath, 'utf8')) as SiteData;
const penalties = new Map(data.penalties.map((p) => [p.id, p]));
rmSync(outDir, { recursive: true, force: true });
let bytes = 0;
let pages = 0;
for (const inst of data.institutions) {
  const rows = inst.penaltyIds
    .map((id) => penalties.get(id))
    .map(
      (p) =>
        `<tr><td>${esc(p?.documentNumber)}</td><td>${esc(p?.decided)}</td><td>${esc(p?.facts)}</td></tr>`,
    )
    .join('');
  const html = pad(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(inst.name)}</title></head><body><h1>${esc(inst.name)}</h1><dl><dt>统一社会信用代码</dt><dd>${esc(inst.uscc)}</dd><dt>地址</dt><dd>${esc(inst.address)}</dd><dt>状态</dt><dd>${esc(inst.status)}</dd></dl><table>${rows}</table>`,
    target,
  );
  const dir = join(outDir, 'institutions', inst.id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), html);
  bytes += Buffer.byteLength(html);
  pages++;
}
// The other pages (regions, lists, penalties, sources): a table of institutions each.
for (let n = 0; n < others; n++) {
  const from = (n * 50) % Math.max(1, data.institutions.length);
  const slice = data.institutions.slice(from, from + 50);
  const rows = slice.map((i) => `<tr><td><a href="/institutions/${esc(i.id)}/">${esc(i.name)}</a></td></tr>`);
  const html = pad(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${n}</title></head><body><table>${rows.join('')}</table>`,
    otherTarget,
  );
  const dir = join(outDir, 'pages', String(n));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), html);
  bytes += Buffer.byteLength(html);
  pages++;
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ pages, seconds, bytes, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
