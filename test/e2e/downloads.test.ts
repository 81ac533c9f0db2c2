/**
 * The downloads as a reader gets them from the built sample site: CSV that a spreadsheet opens with the right
 * columns, JSON with the same records, nothing private, nothing hidden, and the same bytes on a rebuild.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATASET_IDS, DOWNLOADS } from '../../src/lib/site/downloads/render.ts';
import { AS_OF, builtSite, fileForUrl, filesUnder, siteRoot } from './downloads-site.ts';

interface Expect {
  institutions: {
    count: number;
    by_status: Record<string, number>;
    by_sector: Record<string, number>;
    spot_checks: { id: { uscc?: string }; status: string; region?: string; region_any_of?: string[] }[];
  };
  penalties: {
    distinct_visible_decisions: number;
    checks: { document_number: string; visible: boolean; fine_yuan: number; confiscated_yuan: number }[];
  };
  privacy: { forbidden_strings: { value: string }[] };
  hostile: { formula_cells_must_be_neutralised_in_csv_downloads: string[] };
}

interface JsonDownload {
  asOf: string;
  licence: string;
  count: number;
  fields: { key: string; label: string }[];
  records: Record<string, unknown>[];
}

const expected = JSON.parse(readFileSync(resolve('test/fixtures/samples/expect.json'), 'utf8')) as Expect;
let dist = '';

beforeAll(() => {
  dist = builtSite();
});

function csv(id: string) {
  const text = readFileSync(join(dist, 'downloads', `${id}.csv`), 'utf8');
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: true,
  });
  return { text, parsed };
}

function json(id: string): JsonDownload {
  return JSON.parse(readFileSync(join(dist, 'downloads', `${id}.json`), 'utf8')) as JsonDownload;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function tally(values: unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

describe('every download', () => {
  it.each(DATASET_IDS)(
    '%s: CSV opens in a spreadsheet with the dictionary headers and the JSON row count',
    (id) => {
      const { text, parsed } = csv(id);
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/"[^"]*"/g, '').match(/(?<!\r)\n/g)).toBeNull();
      expect(parsed.errors).toEqual([]);
      const columns = DOWNLOADS.find((d) => d.id === id)?.columns ?? [];
      expect(parsed.meta.fields).toEqual(columns.map((c) => c.label));
      const doc = json(id);
      expect(doc.asOf).toBe(AS_OF);
      expect(doc.licence).not.toBe('');
      expect(doc.count).toBe(doc.records.length);
      expect(parsed.data).toHaveLength(doc.records.length);
      expect(doc.fields.map((f) => [f.key, f.label])).toEqual(columns.map((c) => [c.key, c.label]));
    },
  );

  it.each(DATASET_IDS)('%s: no text cell can run as a formula', (id) => {
    for (const row of csv(id).parsed.data) {
      for (const [k, v] of Object.entries(row)) {
        if (/^[=+\-@\t\r]/.test(v)) throw new Error(`${id}.csv ${k}: ${v}`);
      }
    }
  });
});

describe('institutions', () => {
  it('has every merged institution with the expected status and sector counts', () => {
    const doc = json('institutions');
    expect(doc.count).toBe(expected.institutions.count);
    expect(tally(doc.records.map((r) => r.status))).toEqual(expected.institutions.by_status);
    expect(tally(doc.records.map((r) => r.sector))).toEqual(expected.institutions.by_sector);
  });

  it('labels status and sector in Chinese in the CSV', () => {
    const rows = csv('institutions').parsed.data;
    // The CSV status says what the page leads with: an order to stop (a sanctioned institution), no registration.
    const status = (s: string | undefined) =>
      (s ?? '').replace(/（[^）]*）$/, '').replace('责令停止服务', '处罚公示中');
    expect(rows.some((r) => r.状态 === '责令停止服务')).toBe(true);
    expect(tally(rows.map((r) => status(r.状态)))).toEqual({
      黑名单: expected.institutions.by_status.blacklisted,
      处罚公示中: expected.institutions.by_status.sanctioned,
      已注销: expected.institutions.by_status.removed,
      在册: expected.institutions.by_status.listed,
    });
    expect(tally(rows.map((r) => r.领域))).toEqual({
      托育: expected.institutions.by_sector.childcare,
      母婴护理: expected.institutions.by_sector.postpartum,
    });
    for (const col of [
      '机构编号',
      '统一社会信用代码',
      '机构名称',
      '行政区划代码',
      '区县',
      '地址',
      '托位数',
      '备案时间',
    ]) {
      expect(csv('institutions').parsed.meta.fields).toContain(col);
    }
  });

  it('matches the spot checks by USCC', () => {
    const byUscc = new Map(json('institutions').records.map((r) => [r.uscc, r]));
    for (const c of expected.institutions.spot_checks) {
      if (!c.id.uscc) continue;
      const r = byUscc.get(c.id.uscc);
      expect(r, c.id.uscc).toBeDefined();
      expect(r?.status).toBe(c.status);
      const regions = c.region_any_of ?? (c.region ? [c.region] : []);
      if (regions.length) expect(regions).toContain(r?.region);
      expect(String(r?.regionName ?? '')).not.toBe('');
    }
  });

  it('neutralises the formula address', () => {
    const cell = expected.hostile.formula_cells_must_be_neutralised_in_csv_downloads[0] ?? '';
    const rows = csv('institutions').parsed.data;
    expect(rows.some((r) => r.地址 === `'${cell}`)).toBe(true);
    expect(json('institutions').records.some((r) => r.address === cell)).toBe(true);
  });
});

describe('penalties', () => {
  it('holds exactly the visible decisions, amounts in yuan', () => {
    const doc = json('penalties');
    expect(doc.count).toBe(expected.penalties.distinct_visible_decisions);
    const byNumber = new Map(doc.records.map((r) => [r.documentNumber, r]));
    for (const c of expected.penalties.checks) {
      const r = byNumber.get(c.document_number);
      if (!c.visible) {
        expect(r, c.document_number).toBeUndefined();
        continue;
      }
      expect(r?.fineYuan, c.document_number).toBe(c.fine_yuan);
      expect(r?.confiscatedYuan, c.document_number).toBe(c.confiscated_yuan);
      expect(typeof r?.publicUntilDerived).toBe('boolean');
      expect(r?.source).toEqual(expect.any(String));
      expect(r?.sourceRow).toEqual(expect.any(Number));
    }
  });

  it('is newest first', () => {
    const dates = json('penalties').records.map((r) => String(r.decided));
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('keeps the amount text and the derived flag in the CSV', () => {
    const rows = csv('penalties').parsed.data;
    const r = rows.find((x) => x.行政处罚决定书文号 === '甬市监罚〔2025〕14号');
    expect(r?.['罚款金额(元)']).toBe('50000');
    expect(r?.罚款金额原文).toBe('5万');
    expect(['是', '否']).toContain(r?.公示截止期为推算);
  });
});

describe('what must never be downloaded', () => {
  const published = () =>
    [
      ...filesUnder(join(dist, 'downloads')).map((f) => join('downloads', f)),
      'sitemap.xml',
      'robots.txt',
    ].map((f) => [f, readFileSync(join(dist, f), 'utf8')] as const);

  it('has no private strings', () => {
    for (const [file, text] of published()) {
      for (const { value } of expected.privacy.forbidden_strings) {
        expect(text.includes(value), `${value} in ${file}`).toBe(false);
      }
    }
  });

  it('has no withdrawn or expired decision', () => {
    for (const [file, text] of published()) {
      for (const n of ['甬市监罚〔2026〕29号', '甬市监罚〔2023〕7号', '甬市监罚〔2026〕26号']) {
        expect(text.includes(n), `${n} in ${file}`).toBe(false);
      }
    }
  });

  it('has no private column', () => {
    for (const id of DATASET_IDS) {
      const headers = csv(id).parsed.meta.fields ?? [];
      for (const h of ['联系电话', '证件号码', '证件类型', '法定代表人', '序号'])
        expect(headers).not.toContain(h);
    }
  });
});

describe('the downloads page', () => {
  it('lists every file with its true size and row count, the as-of date, the licence and the dictionary', () => {
    const html = readFileSync(join(dist, 'downloads/index.html'), 'utf8');
    for (const id of DATASET_IDS) {
      for (const ext of ['csv', 'json'] as const) {
        const size = statSync(join(dist, 'downloads', `${id}.${ext}`)).size;
        const link = html.indexOf(`/downloads/${id}.${ext}"`);
        expect(link, `${id}.${ext} link`).toBeGreaterThan(-1);
        expect(html.slice(link, link + 400)).toContain(`<data value="${size}">`);
      }
      const card = html.slice(html.indexOf(`id="file-${id}"`), html.indexOf(`/downloads/${id}.csv"`));
      const rows = json(id).count.toLocaleString('en-US');
      expect(card, `${id} row count`).toContain(`<span class="stat">${rows}</span> 行`);
    }
    expect(html).toContain(`datetime="${AS_OF}"`);
    expect(html).toContain('/downloads/dictionary/');
    expect(html).toContain('rel="license');
  });

  it('links to a data dictionary that maps every CSV header to its JSON key', () => {
    const html = readFileSync(join(dist, 'downloads/dictionary/index.html'), 'utf8');
    for (const d of DOWNLOADS) {
      expect(html).toContain(`id="${d.id}"`);
      for (const c of d.columns) {
        const cells = new RegExp(
          `<th scope="row"[^>]*>${escapeRegExp(c.label)}</th>\\s*<td[^>]*><code[^>]*>${c.key}</code>`,
        );
        expect(html).toMatch(cells);
      }
    }
    const dict = JSON.parse(readFileSync(join(dist, 'downloads/dictionary.json'), 'utf8')) as {
      downloads: { dataset: string }[];
    };
    expect(dict.downloads.map((d) => d.dataset)).toEqual([...DATASET_IDS]);
  });
});

describe('sitemap and robots', () => {
  it('lists every HTML page once, with absolute URLs', () => {
    const root = siteRoot(dist);
    const sitemap = readFileSync(join(dist, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? '');
    const parts = locs.filter((l) => /\/sitemaps\/\d+\.xml$/.test(l));
    const urls = parts.length
      ? parts.flatMap((p) =>
          [...readFileSync(join(dist, p.slice(root.length)), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map(
            (m) => m[1] ?? '',
          ),
        )
      : locs;
    const pages = filesUnder(dist)
      .filter((f) => f.endsWith('index.html'))
      .map((f) => root + f.replace(/index\.html$/, ''));
    expect(new Set(urls).size).toBe(urls.length);
    expect([...urls].sort()).toEqual(pages.sort());
  });

  it('robots.txt allows all and names the sitemap', () => {
    const text = readFileSync(join(dist, 'robots.txt'), 'utf8');
    expect(text).toMatch(/^User-agent: \*\nAllow: \/\n/);
    expect(text).toContain(`Sitemap: ${siteRoot(dist)}sitemap.xml`);
    expect(existsSync(join(dist, 'sitemap.xml'))).toBe(true);
  });
});

describe('determinism', () => {
  it('a second build of the same data gives byte-identical downloads, feeds and sitemap', () => {
    if (process.env.E2E_DIST) return;
    const again = builtSite({ copy: 'again' });
    expect(again).not.toBe(dist);
    const pick = (d: string) =>
      filesUnder(d).filter(
        (f) => /^(downloads|feeds|sitemaps)\//.test(f) || f === 'sitemap.xml' || f === 'robots.txt',
      );
    const a = pick(dist);
    expect(pick(again)).toEqual(a);
    for (const f of a) {
      expect(readFileSync(join(again, f)).equals(readFileSync(join(dist, f))), f).toBe(true);
    }
  });
});

describe('under a base path', () => {
  it('writes absolute URLs with the base into robots, sitemap, feeds and downloads', () => {
    if (process.env.E2E_DIST) return;
    const based = builtSite({ base: '/reg/' });
    const root = siteRoot(based);
    expect(root).toMatch(/^https?:\/\/[^/]+\/reg\/$/);
    const sitemap = readFileSync(join(based, 'sitemap.xml'), 'utf8');
    expect(sitemap).toContain(`<loc>${root}downloads/</loc>`);
    const feed = readFileSync(join(based, 'feeds/penalties.xml'), 'utf8');
    expect(feed).toContain(`rel="self" type="application/atom+xml" href="${root}feeds/penalties.xml"`);
    const links = [...feed.matchAll(/<link rel="alternate" type="text\/html" href="([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(links.length).toBeGreaterThan(1);
    for (const l of links) {
      const page = fileForUrl(based, root, l);
      expect(page !== null && existsSync(page), l).toBe(true);
    }
    const inst = JSON.parse(readFileSync(join(based, 'downloads/institutions.json'), 'utf8')) as JsonDownload;
    for (const r of inst.records) expect(String(r.url).startsWith(`${root}institutions/`)).toBe(true);
    const html = readFileSync(join(based, 'downloads/index.html'), 'utf8');
    expect(html).toContain('href="/reg/downloads/institutions.csv"');
  });
});
