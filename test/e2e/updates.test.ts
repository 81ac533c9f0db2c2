/**
 * The 最近更新 pages, the updates feed and every institution's change log agree with the list-history and penalty
 * downloads of the same build: each list change a reader can work out from list-history is on /updates/ with its
 * date, nothing else is, and an institution's page shows exactly its own entries in the same order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, builtSite } from './downloads-site.ts';

interface Row {
  id: string;
  institutionId: string | null;
  list: string;
  action: string;
  date: string | null;
  published: string;
  publishedName: string | null;
  publishedAddress: string | null;
  publishedCapacity: number | null;
}

interface Entry {
  id: string;
  event: string | null;
  institution: string;
  date: string;
}

let dist = '';
let entries: Entry[] = [];

/** The change entries of one page, in page order. */
function entriesOf(html: string): Entry[] {
  const out: Entry[] = [];
  const re =
    /<li data-change="([^"]+)" data-kind="[^"]+"(?: data-event="([^"]+)")? data-institution="([^"]+)">\s*<time datetime="([^"]+)"/g;
  for (const m of html.matchAll(re)) {
    out.push({ id: m[1] ?? '', event: m[2] ?? null, institution: m[3] ?? '', date: m[4] ?? '' });
  }
  return out;
}

function updatesPages(): string[] {
  const pages = [join(dist, 'updates/index.html')];
  for (let n = 2; existsSync(join(dist, `updates/${n}/index.html`)); n++)
    pages.push(join(dist, `updates/${n}/index.html`));
  return pages;
}

const squash = (s: string | null) => (s === null ? null : s.normalize('NFKC').replace(/\s+/g, ''));

/** What list-history says changed, worked out on its own from the download's rows. */
function expectedFromHistory(rows: Row[]): Map<string, string> {
  const out = new Map<string, string>();
  const byInst = Map.groupBy(rows, (r) => r.institutionId ?? '');
  for (const list of byInst.values()) {
    const ordered = [...list].sort(
      (a, b) =>
        (a.date ?? a.published).localeCompare(b.date ?? b.published) ||
        a.published.localeCompare(b.published) ||
        (a.id < b.id ? -1 : 1),
    );
    const seen = new Set<string>();
    const on = new Set<string>();
    let last: Row | null = null;
    for (const r of ordered) {
      const date = r.date ?? r.published;
      if (r.list === '黑名单') out.set(r.id, date);
      else if (r.action === '列入') {
        if (!seen.has(r.list) || !on.has(r.list)) out.set(r.id, date);
        seen.add(r.list);
        on.add(r.list);
      } else {
        out.set(r.id, date);
        on.delete(r.list);
      }
      if (r.publishedName !== null) {
        if (last) {
          const changed =
            squash(last.publishedName) !== squash(r.publishedName) ||
            (last.publishedAddress !== null &&
              r.publishedAddress !== null &&
              squash(last.publishedAddress) !== squash(r.publishedAddress)) ||
            (last.publishedCapacity !== null &&
              r.publishedCapacity !== null &&
              last.publishedCapacity !== r.publishedCapacity);
          if (changed) out.set(`${r.id}-details`, date);
        }
        last = r;
      }
    }
  }
  return out;
}

beforeAll(() => {
  dist = builtSite();
  entries = updatesPages().flatMap((p) => entriesOf(readFileSync(p, 'utf8')));
});

describe('最近更新', () => {
  it('lists every change list-history shows, with its date, and no other list change', () => {
    const rows = (
      JSON.parse(readFileSync(join(dist, 'downloads/list-history.json'), 'utf8')) as { records: Row[] }
    ).records;
    const expected = expectedFromHistory(rows);
    const shown = new Map(entries.filter((e) => e.event !== null).map((e) => [e.id, e.date]));
    expect(shown).toEqual(expected);
    expect([...shown.values()].every((d) => d <= AS_OF)).toBe(true);
    // The sample has removals, black-list changes and a change of places: each kind is checked, not just counted.
    expect([...expected.keys()].some((k) => k.endsWith('-details'))).toBe(true);
  });

  it('lists every visible penalty of an institution', () => {
    const penalties = (
      JSON.parse(readFileSync(join(dist, 'downloads/penalties.json'), 'utf8')) as {
        records: { id: string; institutionId: string | null }[];
      }
    ).records;
    const shown = entries
      .filter((e) => e.event === null)
      .map((e) => e.id)
      .sort();
    expect(shown).toEqual(
      penalties
        .filter((p) => p.institutionId !== null)
        .map((p) => p.id)
        .sort(),
    );
  });

  it('is newest first across its pages', () => {
    const dates = entries.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('each institution page shows its own entries of /updates/, in the same order', () => {
    const byInst = Map.groupBy(entries, (e) => e.institution);
    expect(byInst.size).toBeGreaterThan(10);
    for (const [id, own] of byInst) {
      const html = readFileSync(join(dist, 'institutions', id, 'index.html'), 'utf8');
      expect(
        entriesOf(html).map((e) => e.id),
        id,
      ).toEqual(own.map((e) => e.id));
    }
  });

  it('the feed holds the newest entries of /updates/', () => {
    const xml = readFileSync(join(dist, 'feeds/updates.xml'), 'utf8');
    const ids = [...xml.matchAll(/<id>tag:[^<]*:change\/([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual(entries.slice(0, ids.length).map((e) => e.id));
    expect(ids.length).toBe(Math.min(100, entries.length));
  });
});
