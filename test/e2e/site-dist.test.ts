/**
 * Checks over the built site's files: every institution has a page, hidden and private data appear nowhere, markup
 * in data stays inert, the HTML validates, internal links resolve, pages carry the CSP and stay within budget.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { type BuiltSite, buildSite, ROOT } from './helpers/build.ts';
import { links, listFiles, pagePath, read, resolvesInDist } from './helpers/dist-files.ts';

let site: BuiltSite;
let data: SiteData;
let htmlFiles: string[];

interface Expect {
  hidden_penalties: { document_number?: string; reason: string }[];
  privacy: { forbidden_strings: { value: string; why: string }[] };
  hostile: { raw_markup_never_in_html_or_xml: string[] };
}
const expectJson = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/samples/expect.json'), 'utf8'),
) as Expect;

beforeAll(() => {
  site = buildSite();
  data = JSON.parse(readFileSync(site.dataFile, 'utf8')) as SiteData;
  htmlFiles = listFiles(site.dist, '.html');
});

describe('built site', () => {
  it('has a page for every institution and none for natural persons', () => {
    for (const inst of data.institutions) {
      expect(statSync(join(site.dist, 'institutions', inst.id, 'index.html')).isFile(), inst.id).toBe(true);
    }
    const pages = htmlFiles.filter(
      (f) => /\/institutions\/[^/]+\/index\.html$/.test(f) && !/\/(page|status|sector)\//.test(f),
    );
    expect(pages.length).toBe(data.institutions.length);
    for (const p of data.penalties.filter((x) => x.naturalPerson)) expect(p.institutionId).toBeNull();
  });

  it('has the pages of every type', () => {
    for (const p of [
      'index.html',
      '404.html',
      'about/index.html',
      'search/index.html',
      'map/index.html',
      'regions/index.html',
      'sources/index.html',
      'penalties/index.html',
      'institutions/index.html',
    ]) {
      expect(statSync(join(site.dist, p)).isFile(), p).toBe(true);
    }
    for (const r of data.regions)
      expect(statSync(join(site.dist, 'regions', r.code, 'index.html')).isFile(), r.code).toBe(true);
    for (const s of data.sources)
      expect(statSync(join(site.dist, 'sources', s.id, 'index.html')).isFile(), s.id).toBe(true);
  });

  it('shows no hidden penalty and no private data anywhere in dist', () => {
    const hiddenNumbers = [
      '甬市监罚〔2026〕29号',
      ...expectJson.hidden_penalties.flatMap((h) => (h.document_number ? [h.document_number] : [])),
    ];
    const forbidden = [...hiddenNumbers, ...expectJson.privacy.forbidden_strings.map((f) => f.value)];
    const visibleNumbers = new Set(data.penalties.map((p) => p.documentNumber));
    for (const file of listFiles(site.dist)) {
      if (/\.(png|wasm|ico)$/.test(file) || file.includes('/pagefind/')) continue;
      const text = read(file);
      for (const s of forbidden) {
        // A hidden decision's number may be reused by a visible one from another source only if it is in the data.
        if (visibleNumbers.has(s)) continue;
        expect(text.includes(s), `${s} in ${file}`).toBe(false);
      }
    }
  });

  it('renders markup in data as text: no raw <script>alert(1)</script> in any HTML or XML', () => {
    const markup = ['<script>alert(1)</script>', ...expectJson.hostile.raw_markup_never_in_html_or_xml];
    for (const file of [...htmlFiles, ...listFiles(site.dist, '.xml')]) {
      const text = read(file);
      for (const m of markup) expect(text.includes(m), `${m} in ${file}`).toBe(false);
    }
    // …and the name that carries it is on the site, as text.
    const hostile = data.institutions.find((i) => i.name.includes('<script>'));
    if (hostile)
      expect(read(join(site.dist, 'institutions', hostile.id, 'index.html'))).toContain(
        '&lt;script&gt;alert(1)&lt;/script&gt;',
      );
  });

  it('has no inline scripts, inline handlers or inline styles, and a CSP allowing only self', () => {
    for (const file of htmlFiles) {
      const html = read(file);
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1] ?? '');
      for (const attrs of scripts) {
        expect(
          /type="application\/ld\+json"/.test(attrs) || /\bsrc=/.test(attrs),
          `${file}: <script${attrs}>`,
        ).toBe(true);
      }
      expect(
        /\son[a-z]+=/i.test(html.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/g, '')),
        file,
      ).toBe(false);
      expect(/<style[\s>]/.test(html) || /\sstyle=/.test(html), file).toBe(false);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
      expect(csp, file).toBeDefined();
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(html).toContain('<meta name="referrer"');
      expect(html).toContain('<html lang="zh-CN">');
    }
  });

  it('validates with html-validate', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const problems: string[] = [];
    for (const file of htmlFiles) {
      const report = await validator.validateFile(file);
      for (const r of report.results) {
        for (const m of r.messages)
          problems.push(`${pagePath(site.dist, file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has no broken internal links', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const file of htmlFiles) {
      for (const url of links(read(file))) {
        if (!url.startsWith('/') || url.startsWith('//')) continue;
        checked++;
        if (!resolvesInDist(site.dist, site.base, url)) broken.push(`${pagePath(site.dist, file)} → ${url}`);
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('gives every page a canonical URL that is its own path', () => {
    const wrong: string[] = [];
    for (const file of htmlFiles) {
      const canonical = /<link rel="canonical" href="([^"]+)"/.exec(read(file))?.[1];
      if (!canonical) continue;
      const own = pagePath(site.dist, file);
      const path = new URL(canonical).pathname;
      if (path !== `${site.base.replace(/\/$/, '')}${own}`) wrong.push(`${own} → ${canonical}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps institution pages within 30 KB of HTML and CSS', () => {
    const css = listFiles(site.dist, '.css');
    let worst = { file: '', bytes: 0 };
    for (const inst of data.institutions) {
      const file = join(site.dist, 'institutions', inst.id, 'index.html');
      const html = read(file);
      const linked = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1] ?? '');
      const cssBytes = css
        .filter((c) => linked.some((l) => c.endsWith(l.split('/').pop() ?? '\u0000')))
        .reduce((n, c) => n + statSync(c).size, 0);
      const bytes = statSync(file).size + cssBytes;
      if (bytes > worst.bytes) worst = { file, bytes };
    }
    expect(worst.bytes, worst.file).toBeLessThanOrEqual(30 * 1024);
  });
});
