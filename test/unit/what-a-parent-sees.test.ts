/**
 * The facts a family decides on, from the test sample as of 2026-11-24: a blacklisting that the page states one way,
 * an order that stops the service ahead of a fine, the original fine with its unit, and institutions known only from
 * a penalty marked as unregistered — in the page model, the downloads and the search records alike.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findStopOrder } from '../../src/lib/domain/find-stop-order.ts';
import type { Institution, SiteData } from '../../src/lib/domain/schemas.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { renderDownload } from '../../src/lib/site/downloads/render.ts';
import { listEntries } from '../../src/lib/site/institution-view.ts';
import { isUnlisted, statusNote, statusView } from '../../src/lib/site/status-view.ts';

let data: SiteData;
const byId = (id: string): Institution => {
  const i = data.institutions.find((x) => x.id === id);
  if (!i) throw new Error(`no ${id}`);
  return i;
};
beforeAll(async () => {
  data = (await runPipeline(loadSources('test/fixtures/samples'), '2026-11-24')).data;
}, 120_000);

describe('blacklist-contradiction: the list section and the status say the same', () => {
  it('shows 黑名单 as current exactly when the status is blacklisted', () => {
    let blacklisted = 0;
    for (const inst of data.institutions) {
      const entry = listEntries(inst).find((l) => l.list === '黑名单');
      if (inst.status === 'blacklisted') blacklisted++;
      if (entry) expect(entry.current, inst.id).toBe(inst.status === 'blacklisted');
      else expect(inst.status, inst.id).not.toBe('blacklisted');
    }
    expect(blacklisted).toBe(2);
    expect(listEntries(byId('91522601ma0jwapd19')).find((l) => l.list === '黑名单')?.current).toBe(true);
  });

  it('shows no list as current on a removed institution', () => {
    const removed = data.institutions.filter((i) => i.status === 'removed');
    expect(removed.length).toBeGreaterThan(0);
    for (const inst of removed) {
      const current = listEntries(inst).filter((l) => l.current);
      expect(current, inst.id).toEqual([]);
    }
  });
});

describe('stop-order-played-down: an order to stop leads the page', () => {
  it.each<[string, string[], string | null, string | null]>([
    ['stop-childcare', ['罚款', '责令停止托育服务'], null, '责令停止托育服务'],
    ['stop-in-content', ['罚款'], '罚款人民币5万元，责令停业整顿', '责令停业整顿'],
    ['stop-practice', ['其他'], '停止执业三个月', '停止执业'],
    ['suspend-practice', ['其他'], '暂停执业六个月', '暂停执业'],
    ['revoke-licence', ['吊销许可证件'], null, '吊销许可证件'],
    ['suspend-licence-in-content', ['其他'], '暂扣营业执照', '暂扣营业执照'],
    ['ban', ['其他'], '予以取缔', '取缔'],
    ['close', ['责令关闭'], null, '责令关闭'],
    ['stop-the-violation-is-no-stop', ['罚款'], '责令停止违法行为，罚款5000元', null],
    ['fine-only', ['罚款'], '罚款人民币5000元', null],
    ['correct-is-no-stop', ['警告'], '责令改正', null],
  ])('%s', (_name, categories, content, want) => {
    expect(findStopOrder({ categories, content })).toBe(want);
  });

  it('gives the centre ordered to stop a stop-order status, never 处罚不等于停业', () => {
    const inst = byId('91522601ma0xktb56n');
    expect(inst.status).toBe('sanctioned');
    expect(inst.stopOrder?.order).toBe('责令停止托育服务');
    const view = statusView(inst);
    expect(view.slug).toBe('stop-order');
    expect(view.label).toBe('责令停止服务');
    expect(view.explanation).toContain('责令停止托育服务');
    expect(view.explanation).not.toContain('不等于停业');
    expect(statusNote(inst)).toContain('责令停止托育服务');
  });

  it('says 责令停止服务 in the institutions download', () => {
    const csv = renderDownload(data, 'institutions', { siteRoot: 'https://x/', licence: 'x' }).csv;
    const line = csv.split('\r\n').find((l) => l.includes('91522601ma0xktb56n'));
    expect(line).toContain('责令停止服务');
    expect(line).toContain('责令停止托育服务（凯卫罚〔2026〕15号，2026年9月18日）');
  });
});

describe('original-fine-without-unit: the published amount keeps the unit of its column', () => {
  it('writes a bare number from a 万元 column as 万元', () => {
    const doc = (n: string) => data.penalties.find((p) => p.documentNumber === n);
    expect(doc('东卫罚〔2026〕21号')?.fineText).toBe('10 万元');
    expect(doc('甬市监罚〔2026〕17号')?.fineText).toBe('1.0000 万元');
    expect(doc('甬市监罚〔2025〕14号')?.fineText).toBe('5万');
    expect(doc('甬市监罚〔2026〕13号')?.fineText).toBe('3000元');
    for (const p of data.penalties)
      if (p.fineText) expect(p.fineText, p.documentNumber).toMatch(/[元万萬圆]/);
  });
});

describe('unregistered-looks-registered: an institution known only from a penalty is marked', () => {
  it('marks 宁波市睿月产后康复护理中心 as on no list, in the page model and the download', () => {
    const inst = byId('91330212ma5386a610');
    expect(isUnlisted(inst)).toBe(true);
    expect(statusNote(inst)).toContain('未在名单');
    const csv = renderDownload(data, 'institutions', { siteRoot: 'https://x/', licence: 'x' }).csv;
    const line = csv.split('\r\n').find((l) => l.includes('91330212ma5386a610')) ?? '';
    expect(line).toContain('处罚公示中（未在名单）');
    expect(line).toContain('无名单来源');
  });

  it('marks none of the listed institutions', () => {
    for (const inst of data.institutions)
      if (inst.lists.length > 0) expect(isUnlisted(inst), inst.id).toBe(false);
  });
});
