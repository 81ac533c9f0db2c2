/**
 * The site built from the real notices (test/fixtures/realdata): every institution has its page with its name, its
 * second name and its area; a proposed (拟确认) list shows as 拟认定（公示中）with its date, never as on the list.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { type BuiltSite, buildSite, ROOT } from './helpers/build.ts';

interface Expected {
  sources: Array<{
    id: string;
    institutions: Array<{
      name?: string;
      registered_name?: string;
      trade_name?: string;
      area?: string;
      list?: string;
    }>;
  }>;
}
const expected = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/realdata/expect.json'), 'utf8'),
) as Expected;

let site: BuiltSite;
let data: SiteData;
beforeAll(() => {
  site = buildSite({ mode: 'realdata' });
  data = JSON.parse(readFileSync(site.dataFile, 'utf8')) as SiteData;
}, 15 * 60_000);

/** The visible text of a page: tags dropped, entities of the escaper decoded. */
function pageText(id: string): string {
  const html = readFileSync(join(site.dist, 'institutions', id, 'index.html'), 'utf8');
  const body = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, '');
  return body
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('site built from real notice pages', () => {
  it('has 79 institutions', () => {
    expect(data.institutions).toHaveLength(79);
  });

  const rows = expected.sources.flatMap((s) =>
    s.institutions.map((i) => [i.registered_name ?? i.name ?? '', i] as const),
  );
  it.each(rows)('%s: page with name, second name, area and list', (name, want) => {
    const inst = data.institutions.find((i) => i.name === name);
    expect(inst).toBeDefined();
    const text = pageText(inst?.id ?? '');
    expect(text).toContain(name);
    if (want.trade_name && want.trade_name !== name)
      expect(text).toContain(`其他公布名称：${want.trade_name}`);
    if (want.area && want.area !== '盐南高新区')
      expect(text).toContain(want.area === '经济技术开发区' ? '盐城经济技术开发区' : want.area);
    if (want.list) {
      expect(text).toMatch(new RegExp(`${want.list}托育机构名单：拟认定（公示中），公示日期 2023年10月31日`));
      expect(text).not.toContain('（目前在列）');
    } else {
      expect(text).toContain('备案名单（目前在列）');
    }
  });
});
