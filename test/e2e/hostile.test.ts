/**
 * The site built from the hostile fixture (test/fixtures/hostile, as of 2026-11-24): every page, feed, download and
 * search fragment is read back and checked that what came in as markup went out as text — no injected element, no
 * inline event handler, no `javascript:`/`data:` link, JSON-LD that parses and cannot end its <script>, formula
 * cells neutralised in CSV, no bidi override anywhere — and that the hostile strings are still there, as text.
 */
import { type ExecFileSyncOptions, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMULAS, MARKUP } from '../fixtures/hostile/generate.ts';
import { listFiles } from './helpers/dist-files.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AS_OF = '2026-11-24';
const work = mkdtempSync(join(tmpdir(), 'hostile-site-'));
const dist = join(work, 'dist');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The environment of a child build, without what Vitest adds (a build inheriting BASE_URL or MODE goes wrong). */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      !/^(?:VITEST|VITE_|BASE_URL$|MODE$|DEV$|PROD$|SSR$|NODE_ENV$|TEST$|SITE_DATA$|CACHE_DIR$|OUT_DIR$)/.test(
        k,
      )
    )
      env[k] = v;
  }
  return { ...env, ...extra, PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}` };
}

beforeAll(() => {
  const env = childEnv({
    DATA_DIR: 'test/fixtures/hostile',
    AS_OF,
    CACHE_DIR: join(work, 'cache'),
    REPORTS_DIR: join(work, 'reports'),
  });
  const opts: ExecFileSyncOptions = {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 10 * 60_000,
  };
  execFileSync('node', ['scripts/validate.ts', '--for-build', '--quiet'], opts);
  execFileSync('astro', ['build', '--outDir', dist], opts);
});

/** A start tag, its attributes decoded; script and style contents kept whole. */
interface Tag {
  name: string;
  attrs: Array<[string, string]>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string) =>
  s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (m, hex, dec, name) =>
    hex
      ? String.fromCodePoint(parseInt(hex, 16))
      : dec
        ? String.fromCodePoint(Number(dec))
        : (ENTITIES[name] ?? m),
  );

/**
 * Just enough of the HTML tokenizer to tell markup from text: comments, start tags with quoted or bare attribute
 * values (a `<` inside a quoted value is text), end tags, and the raw text of <script> and <style>.
 */
function tokenize(html: string): {
  tags: Tag[];
  text: string;
  comments: string[];
  scripts: Array<[Tag, string]>;
} {
  const tags: Tag[] = [];
  const comments: string[] = [];
  const scripts: Array<[Tag, string]> = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text += html.slice(i);
      break;
    }
    text += html.slice(i, lt);
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      comments.push(html.slice(lt + 4, end < 0 ? html.length : end));
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const start = /^<([a-zA-Z][^\s/>]*)/.exec(html.slice(lt, lt + 100));
    if (!start) {
      const close = /^<[/!?][^>]*>/.exec(html.slice(lt));
      if (close) i = lt + close[0].length;
      else {
        text += '<';
        i = lt + 1;
      }
      continue;
    }
    const tag: Tag = { name: (start[1] as string).toLowerCase(), attrs: [] };
    const attr = /\s*([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?|\s*\/?>/y;
    attr.lastIndex = lt + start[0].length;
    for (;;) {
      const m = attr.exec(html);
      if (!m) throw new Error(`cannot read the tag at ${lt}: ${html.slice(lt, lt + 80)}`);
      if (m[0].trim().endsWith('>') && !m[1]) break;
      tag.attrs.push([(m[1] as string).toLowerCase(), decode(m[2] ?? m[3] ?? m[4] ?? '')]);
    }
    tags.push(tag);
    i = attr.lastIndex;
    if (tag.name === 'script' || tag.name === 'style') {
      const end = html.toLowerCase().indexOf(`</${tag.name}`, i);
      if (tag.name === 'script') scripts.push([tag, html.slice(i, end)]);
      i = end;
    }
  }
  return { tags, text: decode(text), comments, scripts };
}

/** The classes of the site's own inline drawings (StatFigure.astro, StatusIcon.astro). */
const SITE_SVG_CLASSES = ['bar-chart', 'svg-icon'];

const files = () => listFiles(dist);
const rel = (f: string) => relative(dist, f);
const pages = () => files().filter((f) => f.endsWith('.html'));

describe('the site built from hostile input', () => {
  it('has no element, event handler or link that came from the data', () => {
    expect(pages().length).toBeGreaterThan(10);
    for (const f of pages()) {
      const { tags, comments } = tokenize(readFileSync(f, 'utf8'));
      for (const t of tags) {
        for (const [name, value] of t.attrs) {
          expect(name.startsWith('on'), `${rel(f)}: <${t.name} ${name}=…>`).toBe(false);
          if (['href', 'src', 'action', 'formaction', 'xlink:href', 'poster'].includes(name)) {
            expect(value.trim(), `${rel(f)}: <${t.name} ${name}>`).not.toMatch(
              /^(?:javascript|data|vbscript):/i,
            );
          }
        }
        // The fixture's markup uses these; the site's own pages never put them in a body, save its own drawings
        // (statistics charts, the stop-order sign), which carry the site's classes.
        const ownDrawing =
          t.name === 'svg' && t.attrs.some(([n, v]) => n === 'class' && SITE_SVG_CLASSES.includes(v));
        expect(['img', 'svg', 'b', 'i'].includes(t.name) && !ownDrawing, `${rel(f)}: <${t.name}>`).toBe(
          false,
        );
      }
      for (const c of comments) expect(c, rel(f)).not.toMatch(/恶意|alert/);
    }
  });

  it('runs no script the data brought, and every JSON-LD block parses and cannot end its element', () => {
    let jsonLd = 0;
    for (const f of pages()) {
      for (const [tag, body] of tokenize(readFileSync(f, 'utf8')).scripts) {
        const type = tag.attrs.find(([n]) => n === 'type')?.[1];
        if (type === 'application/ld+json') {
          jsonLd++;
          expect(() => JSON.parse(body), rel(f)).not.toThrow();
          expect(body, rel(f)).not.toMatch(/<\/script|<!--|</i);
        } else {
          expect(body, rel(f)).not.toContain('alert(');
        }
      }
    }
    expect(jsonLd).toBeGreaterThan(0);
  });

  it('shows the hostile strings as text on the institution and penalty pages', () => {
    const all = pages()
      .map((f) => tokenize(readFileSync(f, 'utf8')).text)
      .join('\n');
    for (const s of [
      `${MARKUP.script('name')}武汉市东西湖区恶意一号托育中心`,
      '武汉市东西湖区</script><!--恶意二号托育中心',
      MARKUP.img('address'),
      MARKUP.svg('authority'),
      '东卫罚〔2026〕<i>9</i>号',
      FORMULAS[0] as string,
    ]) {
      expect(all, s).toContain(s);
    }
  });

  it('escapes markup in feeds and the sitemap (Atom text constructs are plain text)', () => {
    const xml = files().filter((f) => f.endsWith('.xml'));
    expect(xml.length).toBeGreaterThan(0);
    for (const f of xml) {
      const text = readFileSync(f, 'utf8');
      expect(text, rel(f)).not.toMatch(/<(?:script|img|svg|b|i|a)\b/i);
      expect(text, rel(f)).not.toMatch(/type="(?:html|xhtml)"/);
    }
  });

  it('neutralises formula cells in every CSV download', () => {
    const csvs = files().filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(0);
    let neutralised = 0;
    for (const f of csvs) {
      const rows = Papa.parse<string[]>(readFileSync(f, 'utf8').replace(/^\uFEFF/, '')).data;
      for (const cell of rows.flat()) {
        if (/^[=+\-@\t\r]/.test(cell))
          expect(cell, `${rel(f)}: ${cell.slice(0, 40)}`).toMatch(/^-?\d+(?:\.\d+)?$/);
        if (cell.startsWith("'=HYPERLINK(")) neutralised++;
      }
    }
    expect(neutralised).toBeGreaterThan(0);
  });

  it('carries no bidi override, isolate or other control character in any file, search index included', () => {
    for (const f of files()) {
      let bytes = readFileSync(f);
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
      if (/\.(?:png|jpe?g|webp|woff2?|ico|wasm)$/.test(f)) continue;
      const text = bytes.toString('utf8');
      expect(text, rel(f)).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('links the source notice by its percent-encoded address and never the refused ones', () => {
    const all = pages().map((f) => readFileSync(f, 'utf8'));
    const hrefs = all.flatMap((h) => tokenize(h).tags.flatMap((t) => t.attrs.filter(([n]) => n === 'href')));
    expect(hrefs.map(([, v]) => v)).toContain(
      'https://www.dxh.gov.cn/notice?a=1&b=%22%3E%3Cscript%3Ealert(%22url%22)%3C/script%3E',
    );
    expect(all.join('\n')).not.toMatch(/javascript:alert\(document|data:text\/html/);
  });
});
