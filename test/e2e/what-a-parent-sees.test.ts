/**
 * The built test sample as a family or a journalist reads it: the facts that decide (a blacklisting, an order to
 * stop, no registration) stated once and first, fines with their unit, a region's penalties filtered and downloaded
 * within the region, capacity in the sector's own word, names without stray spaces, problem codes in Chinese and an
 * About page that points at nothing missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_LABEL } from '../../src/lib/site/labels.ts';
import { type BuiltSite, buildSite } from './helpers/build.ts';
import { listFiles, read } from './helpers/dist-files.ts';

let site: BuiltSite;
const page = (p: string) => read(join(site.dist, p, 'index.html'));
const file = (p: string) => readFileSync(join(site.dist, p), 'utf8');
const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');

beforeAll(() => {
  site = buildSite();
}, 900_000);

describe('what a parent must see first', () => {
  it('blacklist-contradiction: 所在名单 says 黑名单（目前在列）, as the status does', () => {
    const t = text(page('institutions/91522601ma0jwapd19'));
    expect(t).toContain('列入黑名单，截至数据日期尚未移出');
    expect(t).toContain('黑名单（目前在列）');
    expect(t).not.toContain('黑名单（已不在列）');
  });

  it('stop-order-played-down: the order leads the page, the list badge and the status text', () => {
    const html = page('institutions/91522601ma0xktb56n');
    const t = text(html);
    expect(html).toContain('status-box s-stop-order');
    expect(t).toContain('责令停止服务');
    expect(t).toContain('责令停止托育服务（凯卫罚〔2026〕15号，2026年9月18日）');
    expect(t).not.toContain('不等于停业');
    expect(t.indexOf('责令停止托育服务')).toBeLessThan(t.indexOf('基本信息'));
    expect(t).toContain('但已被责令停止托育服务');
    // The region list's badge.
    expect(page('regions/522601')).toMatch(/badge badge-stop-order[\s\S]{0,200}责令停止服务/);
    // The institutions download's status label.
    const row = file('downloads/institutions.csv')
      .split('\r\n')
      .find((l) => l.startsWith('91522601ma0xktb56n'));
    expect(row).toContain('责令停止服务');
  });

  it('original-fine-without-unit: 原文 keeps 万元 on the page and in penalties.csv', () => {
    const wh = listFiles(join(site.dist, 'institutions'), '.html')
      .map(read)
      .find((h) => h.includes('东卫罚〔2026〕21号'));
    expect(wh && text(wh)).toContain('原文：10 万元');
    const csv = file('downloads/penalties.csv');
    expect(csv).toContain(',10 万元,');
    const json = JSON.parse(file('downloads/penalties.json')) as { records: { fineText: string | null }[] };
    for (const r of json.records) if (r.fineText) expect(r.fineText).toMatch(/[元万萬圆]/);
  });

  it('region-penalties-national-filters: a region penalty page filters within the region and offers its downloads', () => {
    const html = page('regions/420112/penalties');
    const nav = /<nav class="filters"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const hrefs = [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.length).toBeGreaterThan(3);
    for (const h of hrefs) if (h !== '/penalties/') expect(h).toMatch(/^\/regions\/420112\/penalties\//);
    for (const h of hrefs) expect(existsSync(join(site.dist, h, 'index.html')), h).toBe(true);
    const region = JSON.parse(file('regions/420112/penalties.json')) as { records: { region: string }[] };
    expect(region.records.length).toBeGreaterThan(0);
    for (const r of region.records) expect(r.region).toBe('420112');
    const inst = JSON.parse(file('regions/420112/institutions.json')) as { records: { region: string }[] };
    for (const r of inst.records) expect(r.region).toBe('420112');
    expect(file('regions/420112/institutions.csv').split('\r\n').filter(Boolean).length).toBe(
      inst.records.length + 1,
    );
    expect(page('regions/420112')).toContain('/regions/420112/penalties.csv');
  });

  it('unregistered-looks-registered: a penalty-only institution is marked 未在名单 in its badge and banner', () => {
    const html = page('institutions/91330212ma5386a610');
    expect(html).toContain('status-box s-unlisted');
    expect(text(html)).toContain('未在名单');
    const row = file('downloads/institutions.csv')
      .split('\r\n')
      .find((l) => l.startsWith('91330212ma5386a610'));
    expect(row).toContain('无名单来源');
    expect(page('regions/330212')).toMatch(/badge badge-unlisted/);
  });

  it('capacity-term: 月子 centres count 床位 in lists, the map list and region summaries', () => {
    const ningbo = text(page('regions/330200'));
    expect(ningbo).toContain('床位数');
    expect(ningbo).not.toMatch(/托位数(?!／床位数)/);
    expect(text(page('map'))).toMatch(/母婴护理机构 · 床位/);
    expect(text(page('map'))).not.toMatch(/母婴护理机构 · 托位/);
  });

  it('stray-spaces-in-names: a name published with inner spaces is shown without them', () => {
    const html = page('institutions/52420112ma63nge68m');
    expect(/<h1>([^<]*)<\/h1>/.exec(html)?.[1]).toBe('武汉市东西湖区贝贝熊托育服务中心');
  });

  it('english-problem-codes: source pages name problems in Chinese only', () => {
    for (const f of listFiles(join(site.dist, 'sources'), '.html')) {
      const t = text(read(f));
      for (const code of Object.keys(PROBLEM_LABEL))
        expect(t.includes(`（${code}）`), `${code} in ${f}`).toBe(false);
    }
  });

  it('about-broken-reference: the About page refers to no section it does not have', () => {
    const html = page('about');
    expect(text(html)).not.toContain('见下方执法记录');
    const ids = new Set([...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]));
    for (const m of html.matchAll(/href="#([^"]+)"/g)) expect(ids.has(m[1]), m[1]).toBe(true);
  });

  it('where to complain: every institution page names the regulator, the table first, national numbers otherwise', () => {
    const kaili = text(page('institutions/91522601ma0xktb56n'));
    expect(kaili).toContain('投诉举报');
    expect(kaili).toContain('卫生健康部门');
    expect(kaili).toContain('12345');
    const ningbo = text(page('institutions/91330212ma5386a610'));
    expect(ningbo).toContain('宁波市市场监督管理局');
    expect(ningbo).toContain('12315');
    for (const f of listFiles(join(site.dist, 'institutions'), '.html').filter(
      (x) => /\/institutions\/[^/]+\/index\.html$/.test(x) && !/\/(page|status|sector)\//.test(x),
    ))
      expect(read(f), f).toContain('id="complain"');
  });
});
