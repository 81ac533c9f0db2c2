/**
 * The class of defect: something dated after the as-of date shows on the site, or a page and a download disagree
 * about a status. The bundled sample is built at three as-of dates — before most of its notices, between them, and
 * the fixture's date — and every output is read back: pages, downloads, feeds, search records and map points.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DetailsFile, decodePoints, type PointsFile } from '../../src/lib/map/points-format.ts';
import { AS_OF, buildSite } from './helpers/build.ts';
import { listFiles } from './helpers/dist-files.ts';

const DATES = ['2023-06-01', '2024-06-01', AS_OF];

interface Download<T> {
  asOf: string;
  records: T[];
}
interface InstitutionRecord {
  id: string;
  status: string;
  statusSince: string | null;
  latestPenalty: string | null;
  lists: string[];
  activePenalties: number;
  penaltyIds: string[];
}

describe.each(DATES)('the sample built as of %s', (asOf) => {
  let dist = '';
  const json = <T>(id: string) =>
    JSON.parse(readFileSync(join(dist, 'downloads', `${id}.json`), 'utf8')) as Download<T>;
  let institutions: Map<string, InstitutionRecord>;

  beforeAll(() => {
    if (process.env.E2E_DATA === 'fixture') return;
    dist = buildSite({ asOf, mode: 'sample' }).dist;
    institutions = new Map(json<InstitutionRecord>('institutions').records.map((r) => [r.id, r]));
  });

  it('downloads hold nothing dated after it', () => {
    if (!dist) return;
    const late = (what: string, d: string | null) => (d !== null && d > asOf ? [`${what} ${d}`] : []);
    const found: string[] = [];
    for (const r of institutions.values()) {
      found.push(
        ...late(`${r.id} statusSince`, r.statusSince),
        ...late(`${r.id} latestPenalty`, r.latestPenalty),
      );
    }
    for (const r of json<{ id: string; date: string | null; published: string }>('list-history').records)
      found.push(...late(`event ${r.id}`, r.date), ...late(`event ${r.id} notice`, r.published));
    const penalties = json<{ id: string; decided: string; publicUntil: string }>('penalties').records;
    for (const r of penalties) {
      found.push(...late(`penalty ${r.id}`, r.decided));
      if (r.publicUntil < asOf) found.push(`penalty ${r.id} expired ${r.publicUntil}`);
    }
    for (const r of json<{ id: string; date: string }>('inspections').records)
      found.push(...late(`inspection ${r.id}`, r.date));
    for (const r of json<{ id: string; published: string }>('sources').records)
      found.push(...late(`source ${r.id}`, r.published));
    expect(found).toEqual([]);
    // Every institution is on the register through something the public can see on the date.
    const listed = new Set(
      json<{ institutionId: string }>('list-history').records.map((r) => r.institutionId),
    );
    const penalised = new Set(penalties.map((p) => (p as { institutionId?: string }).institutionId));
    expect([...institutions.keys()].filter((id) => !listed.has(id) && !penalised.has(id))).toEqual([]);
  });

  it('pages show no date after it but a retrieval date or the end of a publicity window', () => {
    if (!dist) return;
    const allowed = new Set<string>([
      ...json<{ retrieved: string | null }>('sources').records.flatMap((s) =>
        s.retrieved ? [s.retrieved] : [],
      ),
      ...json<{ publicUntil: string }>('penalties').records.map((p) => p.publicUntil),
    ]);
    const found: string[] = [];
    for (const f of listFiles(dist, '.html')) {
      for (const m of readFileSync(f, 'utf8').matchAll(/<time datetime="(\d{4}-\d{2}-\d{2})/g)) {
        const d = m[1] as string;
        if (d > asOf && !allowed.has(d)) found.push(`${relative(dist, f)} ${d}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the statistics count what the downloads hold on the date, and no later year', () => {
    if (!dist) return;
    const html = readFileSync(join(dist, 'statistics/index.html'), 'utf8');
    /** A table's body rows as { row header: numbers of its cells }. */
    const table = (id: string) => {
      const body =
        new RegExp(`<table id="${id}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)?.[1] ?? '';
      return Object.fromEntries(
        [...body.matchAll(/<tr>(?:<th scope="row">)([^<]*)<\/th>([\s\S]*?)<\/tr>/g)].map((m) => [
          m[1] as string,
          [...(m[2] as string).matchAll(/data-sort-value="([^"]*)"/g)].map((v) => Number(v[1])),
        ]),
      );
    };
    const penalties = json<{ decided: string; fineYuan: number }>('penalties').records;
    const want = new Map<string, { n: number; fine: number }>();
    for (const p of penalties) {
      const y = want.get(p.decided.slice(0, 4)) ?? { n: 0, fine: 0 };
      y.n++;
      y.fine += p.fineYuan;
      want.set(p.decided.slice(0, 4), y);
    }
    const years = table('table-year');
    const fines = table('table-fines');
    for (const y of Object.keys(years)) expect(y <= asOf.slice(0, 4), y).toBe(true);
    const counted = Object.fromEntries(
      Object.entries(years)
        .filter(([, v]) => (v[2] ?? 0) > 0)
        .map(([y, v]) => [y, v[2]]),
    );
    expect(counted).toEqual(Object.fromEntries([...want].map(([y, v]) => [y, v.n])));
    for (const [y, v] of want) expect(fines[y]?.[1], y).toBe(v.fine);
    const entries = json<{ list: string; action: string }>('list-history').records.filter(
      (r) => r.list === '黑名单' && r.action === '列入',
    ).length;
    const bl = Object.values(table('table-blacklist')).reduce((n, v) => n + (v[0] ?? 0), 0);
    expect(bl).toBe(entries);
  });

  it('feeds hold no entry after it', () => {
    if (!dist) return;
    const found: string[] = [];
    for (const f of listFiles(join(dist, 'feeds'), '.xml')) {
      for (const m of readFileSync(f, 'utf8').matchAll(/<(?:updated|published)>(\d{4}-\d{2}-\d{2})/g)) {
        if ((m[1] as string) > asOf) found.push(`${relative(dist, f)} ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('institution pages, search records and map points give the status the download gives', () => {
    if (!dist) return;
    const pages = new Map<string, string>();
    for (const f of listFiles(join(dist, 'institutions'), 'index.html')) {
      const id = /institutions\/([^/]+)\/index\.html$/.exec(f)?.[1];
      if (!id || ['page', 'status', 'sector'].includes(id)) continue;
      // The first box carries the status as data: its class may be an order to stop, which is shown above it.
      const status = /class="status-box s-[a-z-]+" data-status="([a-z]+)"/.exec(readFileSync(f, 'utf8'))?.[1];
      pages.set(decodeURIComponent(id), status ?? '');
    }
    const fromDownload = new Map([...institutions].map(([id, r]) => [id, r.status]));
    expect(new Map([...pages].sort())).toEqual(new Map([...fromDownload].sort()));

    const search = new Map<string, { status?: string; latest?: string }>();
    for (const f of listFiles(join(dist, 'pagefind'), '.pf_fragment')) {
      const text = gunzipSync(readFileSync(f))
        .toString('utf8')
        .replace(/^pagefind_dcd/, '');
      const frag = JSON.parse(text) as {
        url: string;
        meta: { kind?: string; status?: string; latest?: string };
      };
      const id = /^\/institutions\/([^/]+)\/$/.exec(frag.url)?.[1];
      if (id && frag.meta.kind === 'institution') search.set(decodeURIComponent(id), frag.meta);
    }
    expect(new Map([...search].map(([id, m]) => [id, m.status])).size).toBe(institutions.size);
    for (const [id, m] of search) {
      // Search shows what the page leads with: an order to stop is only ever on a sanctioned institution.
      expect(m.status === 'stop-order' ? 'sanctioned' : m.status, id).toBe(institutions.get(id)?.status);
      if (m.latest) expect(m.latest <= asOf, `${id} ${m.latest}`).toBe(true);
    }

    const points = JSON.parse(readFileSync(join(dist, 'map/points.json'), 'utf8')) as PointsFile;
    const decoded = decodePoints(points);
    const ids: string[] = [];
    const details = join(dist, 'map/details');
    for (const f of existsSync(details) ? listFiles(details, '.json') : []) {
      const d = JSON.parse(readFileSync(f, 'utf8')) as DetailsFile;
      d.ids.forEach((id, i) => {
        ids[d.offset + i] = id;
        const latest = d.penalty[i];
        if (latest) expect(latest <= asOf, `${id} ${latest}`).toBe(true);
      });
    }
    expect(decoded.status.length).toBe(ids.length);
    ids.forEach((id, i) => {
      expect(points.statuses[decoded.status[i] as number], id).toBe(institutions.get(id)?.status);
    });
  });
});
