/**
 * 双随机一公开 spot-check results: per city and sector, a CSV of the institutions drawn, what was checked and the
 * result (合格 / 未发现问题 / 发现问题已责令改正 / 不合格).
 */
import type { FieldKey } from '../domain/fields.ts';
import type { Sector } from '../domain/schemas.ts';
import { cityHealthCommission, marketBureau, noticeUrl, retrievedDay, type SourceIds } from './agencies.ts';
import { isoFromDay, ymdFromDay } from './dates.ts';
import { fileSpec, pickCsvLook, splitFiles } from './file-looks.ts';
import { pickHeader } from './headers.ts';
import type { Institution } from './make-institutions.ts';
import type { Rng } from './random.ts';
import type { City } from './regions.ts';
import type { Row, SourceSpec } from './types.ts';

const ITEMS: Record<Sector, readonly string[]> = {
  childcare: [
    '托育机构设置标准执行情况检查',
    '消毒卫生检查',
    '消防安全检查',
    '卫生保健工作检查',
    '收费公示检查',
  ],
  postpartum: ['食品经营许可检查', '广告发布检查', '明码标价检查', '公共场所卫生检查'],
};

export function makeInspectionSources(
  rng: Rng,
  asOf: number,
  institutions: readonly Institution[],
  ids: SourceIds,
): SourceSpec[] {
  const groups = new Map<string, { city: City; sector: Sector; members: Institution[] }>();
  for (const inst of institutions) {
    const key = `${inst.county.city.code}|${inst.sector}`;
    const g = groups.get(key) ?? { city: inst.county.city, sector: inst.sector, members: [] };
    g.members.push(inst);
    groups.set(key, g);
  }
  const sources: SourceSpec[] = [];
  let first = true;
  for (const { city, sector, members } of groups.values()) {
    // Not every city publishes its spot checks; the first group always does, so that small samples have one.
    if (!first && !rng.chance(0.6)) continue;
    first = false;
    const published = asOf - rng.int(10, 60);
    const drawn = rng.sample(
      members.filter((i) => i.filed < published - 120 && !i.removed),
      Math.max(1, Math.round(members.length * 0.08)),
    );
    if (drawn.length === 0) continue;
    const year = ymdFromDay(published - 120).y;
    const authority = sector === 'childcare' ? cityHealthCommission(city) : marketBureau(city);
    const task = `${year}年${city.prefix}${sector === 'childcare' ? '托育机构' : '母婴护理机构'}“双随机、一公开”抽查`;
    const rows: Row[] = drawn.map((inst) => ({
      cells: {
        task,
        name: inst.name,
        uscc: inst.uscc ?? '',
        item: rng.pick(ITEMS[sector]),
        inspected: ymdFromDay(rng.int(published - 120, published - 5)),
        result: rng.weighted([
          ['未发现问题', 55],
          ['合格', 25],
          ['发现问题已责令改正', 15],
          ['不合格', 5],
        ] as const),
        authority,
      },
    }));
    const keys: FieldKey[] = ['seq', 'task', 'name', 'uscc', 'item', 'inspected', 'result', 'authority'];
    const look = pickCsvLook(rng);
    const columns = keys.map((key) => ({ key, header: pickHeader(rng, key, sector, 'inspection') }));
    const files = splitFiles(rows, '抽查结果', (name, part) => fileSpec(name, look, columns, part), 'csv');
    sources.push({
      id: ids.take(`${city.code}-${sector === 'childcare' ? 'wjw' : 'scjg'}-shuangsuiji-${year}`),
      manifest: {
        kind: 'inspections',
        sector,
        publisher: authority,
        title: `${task}结果公示`,
        published: isoFromDay(published),
        url: noticeUrl(
          rng,
          `${sector === 'childcare' ? 'wjw' : 'scjg'}.${city.domain}`,
          'zwgk/ssjygk',
          published,
        ),
        retrieved: retrievedDay(rng, published, asOf),
        region: city.code,
        files: files.map((f) => f.name),
      },
      files,
    });
  }
  return sources;
}
