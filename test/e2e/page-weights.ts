/**
 * Page counts and weights of the built site by page type:
 *   node test/e2e/page-weights.ts
 * Institution pages are also given with the stylesheets they link, the figure the 30 KB budget applies to.
 */
import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildSite } from './helpers/build.ts';
import { listFiles, read } from './helpers/dist-files.ts';

const site = buildSite();
const html = listFiles(site.dist, '.html');

function pageType(rel: string): string {
  const p = rel.split('/');
  const [a, b, c] = p;
  if (p.length === 1) return rel;
  if (a === 'institutions')
    return p.length === 3 && !['page', 'status', 'sector'].includes(b ?? '')
      ? 'institution'
      : 'institution lists';
  if (a === 'regions') {
    if (p.length === 2) return 'regions index';
    if (p.length === 3) return 'region';
    if (c === 'penalties') return 'region penalties';
    return /^\d+$/.test(c ?? '') ? 'region (later pages)' : 'region filters';
  }
  if (a === 'penalties')
    return ['year', 'sector', 'category'].includes(b ?? '') ? 'penalty filters' : 'penalties';
  if (a === 'sources') return p.length === 2 || b === 'page' ? 'sources index' : 'source';
  return a ?? rel;
}

const groups = new Map<string, number[]>();
for (const f of html) {
  const type = pageType(relative(site.dist, f));
  const sizes = groups.get(type) ?? [];
  sizes.push(statSync(f).size);
  groups.set(type, sizes);
}
console.log(`${site.dist} (${site.mode} data): ${html.length} HTML pages`);
console.log('type'.padEnd(24), 'pages'.padStart(6), 'median B'.padStart(9), 'max B'.padStart(8));
for (const [type, sizes] of [...groups].sort()) {
  sizes.sort((x, y) => x - y);
  console.log(
    type.padEnd(24),
    String(sizes.length).padStart(6),
    String(sizes[Math.floor(sizes.length / 2)]).padStart(9),
    String(sizes.at(-1)).padStart(8),
  );
}

let worst = { page: '', html: 0, css: 0 };
for (const f of html.filter((x) => pageType(relative(site.dist, x)) === 'institution')) {
  const text = read(f);
  const css = [...text.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].reduce((n, m) => {
    const href = (m[1] ?? '').slice(site.base.length - 1);
    return n + statSync(join(site.dist, href)).size;
  }, 0);
  const size = statSync(f).size;
  if (size + css > worst.html + worst.css) worst = { page: relative(site.dist, f), html: size, css };
}
console.log(
  `heaviest institution page: ${worst.page}: ${worst.html} B HTML + ${worst.css} B CSS = ${worst.html + worst.css} B`,
);
