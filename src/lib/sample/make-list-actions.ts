/**
 * 黑名单 list actions: institutions put on a city's black list (列入日期, 列入事由) and some taken off again
 * (移出日期, 移出原因).
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

const REASONS: Record<Sector, readonly string[]> = {
  childcare: [
    '拒不整改重大安全隐患，被责令停止托育服务',
    '以虚假材料办理备案',
    '违规收取超过3个月的预付费用且拒不退还',
    '发生虐待婴幼儿事件，情节恶劣',
  ],
  postpartum: ['发布虚假广告且拒不改正', '发生食品安全事故，造成严重后果', '违规收取预付费用且拒不退还'],
};
const REMOVAL_REASONS = ['已完成信用修复', '整改到位，期满移出', '经复核予以移出'];

export function makeListActionSources(
  rng: Rng,
  asOf: number,
  institutions: readonly Institution[],
  ids: SourceIds,
): SourceSpec[] {
  const groups = new Map<string, { city: City; sector: Sector; members: Institution[] }>();
  for (const inst of institutions) {
    if (inst.uscc === null) continue;
    const key = `${inst.county.city.code}|${inst.sector}`;
    const g = groups.get(key) ?? { city: inst.county.city, sector: inst.sector, members: [] };
    g.members.push(inst);
    groups.set(key, g);
  }
  const sources: SourceSpec[] = [];
  let first = true;
  for (const { city, sector, members } of groups.values()) {
    if (!first && !rng.chance(0.4)) continue;
    first = false;
    const published = asOf - rng.int(5, 40);
    const chosen = rng.sample(
      members.filter((i) => i.filed < published - 400),
      Math.max(1, Math.round(members.length * 0.004)),
    );
    if (chosen.length === 0) continue;
    const rows: Row[] = chosen.map((inst) => {
      const listed = rng.int(Math.max(inst.filed + 30, published - 900), published - 200);
      const removed = rng.chance(0.35) ? rng.int(listed + 180, published - 5) : null;
      return {
        cells: {
          name: inst.name,
          uscc: inst.uscc ?? '',
          listedReason: rng.pick(REASONS[sector]),
          listedOn: ymdFromDay(listed),
          removedOn: removed === null ? null : ymdFromDay(removed),
          removedReason: removed === null ? null : rng.pick(REMOVAL_REASONS),
        },
      };
    });
    const keys: FieldKey[] = ['seq', 'name', 'uscc', 'listedReason', 'listedOn', 'removedOn'];
    if (rng.chance(0.5)) keys.push('removedReason');
    const look = pickCsvLook(rng);
    const columns = keys.map((key) => ({ key, header: pickHeader(rng, key, sector, 'list-action') }));
    const files = splitFiles(rows, '黑名单', (name, part) => fileSpec(name, look, columns, part), 'csv');
    const publisher = sector === 'childcare' ? cityHealthCommission(city) : marketBureau(city);
    sources.push({
      id: ids.take(`${city.code}-${sector === 'childcare' ? 'tuoyu' : 'muying'}-heimingdan`),
      manifest: {
        kind: 'list-actions',
        sector,
        list: '黑名单',
        publisher,
        title: `${city.prefix}${sector === 'childcare' ? '托育机构' : '母婴护理机构'}失信黑名单`,
        published: isoFromDay(published),
        url: noticeUrl(
          rng,
          `${sector === 'childcare' ? 'wjw' : 'scjg'}.${city.domain}`,
          'zwgk/xyxx',
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
