/**
 * Lists of institutions as agencies publish them: 备案 lists in batches (第一批, 第二批 …) per county or per city,
 * 登记 lists of postpartum centres, 普惠 and 示范 lists that list some institutions again, and later notices that
 * remove institutions (注销 / 撤销).
 */
import gcoord from 'gcoord';
import type { FieldKey } from '../domain/fields.ts';
import type { ListName, Sector } from '../domain/schemas.ts';
import {
  cityHealthCommission,
  cnNumber,
  healthBureau,
  noticeNumber,
  noticeUrl,
  retrievedDay,
  type SourceIds,
} from './agencies.ts';
import { cnDate, isoFromDay, ymdFromDay } from './dates.ts';
import { fileSpec, type Look, pickDecoration, pickListLook, splitFiles } from './file-looks.ts';
import { pickHeader } from './headers.ts';
import { type Institution, makeFees } from './make-institutions.ts';
import type { Rng } from './random.ts';
import { type City, type County, countyPrefix } from './regions.ts';
import type { Column, Row, SourceSpec, Value } from './types.ts';

/** When an institution was first and last put on a list: removals must come after both. */
interface Listing {
  first: number;
  last: number;
}

interface Context {
  rng: Rng;
  asOf: number;
  ids: SourceIds;
  listings: Map<number, Listing>;
  sources: SourceSpec[];
}

/** A publishing unit: a county bureau, or a city commission publishing for all its counties. */
interface Unit {
  city: City;
  county?: County;
  sector: Sector;
  list: ListName;
  institutions: Institution[];
}

const BENIGN_REMARKS = [
  '普惠性托育机构',
  '托幼一体化',
  '用人单位办托',
  '社区托育点',
  '新增',
  '变更地址',
  '已更名',
  '连锁机构',
];

function unitCode(unit: Unit): string {
  return unit.county?.code ?? unit.city.code;
}

function unitName(unit: Unit): string {
  return unit.county ? unit.county.name : unit.city.prefix;
}

function unitPublisher(unit: Unit): string {
  return unit.county ? healthBureau(unit.county) : cityHealthCommission(unit.city);
}

function unitHost(unit: Unit): string {
  return unit.county ? `www.${unit.city.domain}` : `wjw.${unit.city.domain}`;
}

function unitSection(unit: Unit): string {
  return unit.county ? `${unit.county.code}/zwgk/wsjk` : 'zwgk/tzgg';
}

function noticeAbbr(unit: Unit): string {
  return unit.county ? `${unit.county.short.charAt(0)}卫健` : `${unit.city.abbr}卫健`;
}

function noteText(unit: Unit): string {
  return unit.sector === 'childcare'
    ? '备注：以上机构排名不分先后，托位数以备案核定为准。'
    : '注：以上机构排名不分先后，床位数以登记信息为准。';
}

function markListed(ctx: Context, inst: Institution, day: number): void {
  const l = ctx.listings.get(inst.id);
  if (l) {
    l.first = Math.min(l.first, day);
    l.last = Math.max(l.last, day);
  } else {
    ctx.listings.set(inst.id, { first: day, last: day });
  }
}

interface RowStyle {
  /** What a row without a code shows: '' / 暂无 / 无 / '/' / '-'. */
  noCode: string;
  /** 区县 cells with the city in front (武汉市东西湖区). */
  prefixedCounty: boolean;
  crs?: 'wgs84' | 'gcj02';
}

function pickRowStyle(rng: Rng, crs?: 'wgs84' | 'gcj02'): RowStyle {
  return {
    noCode: rng.weighted([
      ['', 4],
      ['暂无', 3],
      ['无', 2],
      ['/', 1],
      ['-', 1],
    ] as const),
    prefixedCounty: rng.chance(0.15),
    ...(crs ? { crs } : {}),
  };
}

function countyCell(county: County, style: RowStyle): string {
  return style.prefixedCounty ? countyPrefix(county) : county.name;
}

function coordinates(inst: Institution, crs: 'wgs84' | 'gcj02' | undefined): [number, number] {
  if (crs !== 'gcj02') return [inst.lon, inst.lat];
  const [lon, lat] = gcoord.transform([inst.lon, inst.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

function institutionRow(
  rng: Rng,
  inst: Institution,
  style: RowStyle,
  extra: Partial<Record<FieldKey, Value>> = {},
): Row {
  const [lon, lat] = coordinates(inst, style.crs);
  return {
    cells: {
      county: countyCell(inst.county, style),
      name: inst.name,
      uscc: inst.uscc ?? style.noCode,
      address: inst.address,
      phone: inst.phone,
      capacity: inst.capacity,
      serviceTypes: inst.serviceTypes,
      operator: inst.operator,
      filed: ymdFromDay(inst.filed),
      fees: inst.fees,
      longitude: lon,
      latitude: lat,
      remarks: rng.chance(0.15) ? rng.pick(BENIGN_REMARKS) : null,
      ...extra,
    },
    group: inst.county.code,
  };
}

function columnsFor(rng: Rng, keys: readonly FieldKey[], sector: Sector): Column[] {
  return keys.map((key) => ({ key, header: pickHeader(rng, key, sector) }));
}

/** Rows of a city-level list ordered by county (the order of the city's counties), shuffled within each. */
function orderByCounty(rng: Rng, city: City, rows: Row[]): Row[] {
  const order = new Map(city.counties.map((c, i) => [c.code, i]));
  rng.shuffle(rows);
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => (order.get(a.row.group ?? '') ?? 0) - (order.get(b.row.group ?? '') ?? 0) || a.i - b.i)
    .map(({ row }) => row);
}

interface ListFileOptions {
  keys: FieldKey[];
  title: string;
  subtitle: string;
  baseName: string;
  look?: Look;
}

function listFiles(ctx: Context, unit: Unit, rows: Row[], options: ListFileOptions) {
  const { rng } = ctx;
  const look = options.look ?? pickListLook(rng);
  const columns = columnsFor(rng, options.keys, unit.sector);
  const decoration = pickDecoration(rng, look, options.title, options.subtitle, noteText(unit));
  const cityLevel = !unit.county;
  const ordered = cityLevel ? orderByCounty(rng, unit.city, rows) : rng.shuffle(rows);
  const extra = {
    ...decoration,
    ...(cityLevel && look.format === 'xlsx' && rng.chance(0.3) ? { mergeGroups: true } : {}),
    ...(cityLevel && rng.chance(0.15) ? { blankBetweenGroups: true } : {}),
    sheetName: rng.pick(['Sheet1', 'Sheet1', '名单', unitName(unit)]),
  };
  return splitFiles(
    ordered,
    options.baseName,
    (name, part) => fileSpec(name, look, columns, part, extra),
    look.format,
  );
}

function pushSource(
  ctx: Context,
  unit: Unit,
  idBase: string,
  published: number,
  title: string,
  files: ReturnType<typeof listFiles>,
  extra: { batch?: number; action?: '注销'; crs?: 'wgs84' | 'gcj02'; list?: ListName } = {},
): void {
  const { rng } = ctx;
  ctx.sources.push({
    id: ctx.ids.take(idBase),
    manifest: {
      kind: 'institutions',
      sector: unit.sector,
      list: extra.list ?? unit.list,
      ...(extra.action ? { action: extra.action } : {}),
      ...(extra.batch ? { batch: extra.batch } : {}),
      publisher: unitPublisher(unit),
      title,
      ...(rng.chance(0.5) ? { document_number: noticeNumber(rng, noticeAbbr(unit), published) } : {}),
      published: isoFromDay(published),
      url: noticeUrl(rng, unitHost(unit), unitSection(unit), published),
      retrieved: retrievedDay(rng, published, ctx.asOf),
      region: unitCode(unit),
      ...(extra.crs ? { crs: extra.crs } : {}),
      files: files.map((f) => f.name),
    },
    files,
  });
}

function listKeys(rng: Rng, unit: Unit): { keys: FieldKey[]; crs?: 'wgs84' | 'gcj02' } {
  const keys: FieldKey[] = [];
  const childcare = unit.sector === 'childcare';
  if (rng.chance(0.92)) keys.push('seq');
  if (!unit.county || rng.chance(0.25)) keys.push('county');
  keys.push('name', 'uscc', 'address', 'capacity');
  if (childcare && rng.chance(0.8)) keys.push('serviceTypes');
  if (childcare && rng.chance(0.7)) keys.push('operator');
  if (childcare ? rng.chance(0.92) : rng.chance(0.6)) keys.push('filed');
  if (rng.chance(0.7)) keys.push('phone');
  if (rng.chance(childcare ? 0.25 : 0.3)) keys.push('fees');
  let crs: 'wgs84' | 'gcj02' | undefined;
  if (rng.chance(childcare ? 0.12 : 0.4)) {
    keys.push('longitude', 'latitude');
    crs = rng.chance(0.5) ? 'wgs84' : 'gcj02';
  }
  if (rng.chance(0.35)) keys.push('remarks');
  return crs ? { keys, crs } : { keys };
}

/** Batch publication days: increasing, spread from three to four and a half years before the as-of date. */
function batchDays(rng: Rng, asOf: number, count: number): number[] {
  const first = asOf - rng.int(3 * 365, Math.floor(4.5 * 365));
  const last = asOf - rng.int(20, 120);
  const span = last - first;
  const days: number[] = [];
  for (let b = 0; b < count; b++) {
    const day =
      count === 1
        ? last - rng.int(0, 400)
        : first + Math.round((span * (b + 0.2 + rng.next() * 0.6)) / count);
    days.push(Math.max(day, (days[b - 1] ?? day - 1) + 1));
  }
  return days;
}

function makeBatches(ctx: Context, unit: Unit): void {
  const { rng, asOf } = ctx;
  const insts = rng.shuffle(unit.institutions.slice());
  const n = insts.length;
  if (n === 0) return;
  const count = Math.min(6, Math.max(n >= 8 ? 2 : 1, Math.ceil(n / rng.int(20, 80))));
  const days = batchDays(rng, asOf, count);
  const batches: Institution[][] = days.map(() => []);
  insts.forEach((inst, i) => {
    const b = Math.floor((i * count) / n);
    const published = days[b] as number;
    const from = b === 0 ? published - 500 : (days[b - 1] as number) + 1;
    inst.filed = rng.int(from, Math.max(from, published - 3));
    batches[b]?.push(inst);
  });
  // Some institutions appear again in a later batch (same code): one institution, listed twice.
  const relisted: Institution[][] = days.map(() => []);
  for (let b = 0; b < count - 1; b++) {
    for (const inst of batches[b] ?? []) {
      if (rng.chance(0.03)) relisted[rng.int(b + 1, count - 1)]?.push(inst);
    }
  }
  const kind = unit.sector === 'childcare' ? '托育机构备案' : '母婴护理服务机构登记';
  const what = unit.list === '白名单' ? '月子中心白名单' : `${kind}名单`;
  days.forEach((published, b) => {
    const members = [...(batches[b] ?? []), ...(relisted[b] ?? [])];
    for (const inst of members) markListed(ctx, inst, published);
    const { keys, crs } = listKeys(rng, unit);
    const style = pickRowStyle(rng, crs);
    const rows = members.map((inst) => institutionRow(rng, inst, style));
    const batchLabel = count > 1 ? `第${cnNumber(b + 1)}批` : '';
    const name = unitName(unit);
    const title = `${name}${batchLabel}${what}`;
    const subtitle = `（截至${cnDate(ymdFromDay(published - rng.int(3, 20)))}）`;
    const baseName = rng.weighted<string>([
      [`附件：${title}`, 3],
      ['附件1', 2],
      [`${name}${unit.sector === 'childcare' ? '托育机构备案信息表' : '母婴护理服务机构名单'}`, 2],
      [`${batchLabel || '机构'}名单`, 1],
    ]);
    const files = listFiles(ctx, unit, rows, { keys, title, subtitle, baseName });
    const noticeTitle = unit.county
      ? `${name}卫生健康局关于公布${batchLabel}${what}的通知`
      : `${cityHealthCommission(unit.city)}关于公布${unit.city.short}${batchLabel}${what}的通知`;
    const year = ymdFromDay(published).y;
    const slug =
      unit.sector === 'childcare'
        ? 'tuoyu-beian'
        : unit.list === '白名单'
          ? 'muying-baimingdan'
          : 'muying-dengji';
    pushSource(
      ctx,
      unit,
      `${unitCode(unit)}-${slug}-${year}${count > 1 ? `-b${b + 1}` : ''}`,
      published,
      noticeTitle,
      files,
      {
        ...(count > 1 ? { batch: b + 1 } : {}),
        ...(crs ? { crs } : {}),
      },
    );
  });
}

/** 普惠 lists (a city's affordable institutions), one or two years, listing some institutions again. */
function makeAffordableLists(ctx: Context, city: City, institutions: Institution[]): void {
  const { rng, asOf } = ctx;
  const lists = rng.chance(0.5) ? 2 : 1;
  let published = asOf - rng.int(lists === 2 ? 400 : 30, 700);
  for (let k = 0; k < lists; k++) {
    const eligible = institutions.filter((i) => (ctx.listings.get(i.id)?.first ?? Infinity) < published - 30);
    const chosen = rng.sample(eligible, Math.max(1, Math.round(eligible.length * 0.15)));
    if (chosen.length > 0) {
      const unit: Unit = { city, sector: 'childcare', list: '普惠', institutions: chosen };
      const style = pickRowStyle(rng);
      const rows = chosen.map((inst) => {
        markListed(ctx, inst, published);
        return institutionRow(rng, inst, style, { fees: makeFees(rng, 'childcare', true) });
      });
      const year = ymdFromDay(published).y;
      const keys: FieldKey[] = ['seq', 'county', 'name', 'uscc', 'address', 'capacity', 'fees', 'operator'];
      if (rng.chance(0.6)) keys.push('phone');
      const title = `${city.prefix}普惠托育机构名单（${year}年）`;
      const files = listFiles(ctx, unit, rows, {
        keys,
        title,
        subtitle: `（${year}年认定）`,
        baseName: `${city.short}普惠托育机构名单`,
      });
      pushSource(
        ctx,
        unit,
        `${city.code}-tuoyu-puhui-${year}`,
        published,
        `${city.prefix}${year}年普惠托育机构名单公示`,
        files,
      );
    }
    published += rng.int(200, 360);
    if (published > asOf - 20) break;
  }
}

/** A 示范 list: a few large institutions listed again. */
function makeModelList(ctx: Context, city: City, institutions: Institution[]): void {
  const { rng, asOf } = ctx;
  const published = asOf - rng.int(60, 500);
  const eligible = institutions.filter(
    (i) => i.capacity >= 40 && (ctx.listings.get(i.id)?.first ?? Infinity) < published - 180,
  );
  const chosen = rng.sample(eligible, Math.max(1, Math.round(institutions.length * 0.03)));
  if (chosen.length === 0) return;
  const unit: Unit = { city, sector: 'childcare', list: '示范', institutions: chosen };
  const style = pickRowStyle(rng);
  const rows = chosen.map((inst) => {
    markListed(ctx, inst, published);
    return institutionRow(rng, inst, style);
  });
  const keys: FieldKey[] = ['seq', 'county', 'name', 'uscc', 'address', 'capacity'];
  if (rng.chance(0.5)) keys.push('operator');
  const year = ymdFromDay(published).y;
  const title = `${city.prefix}示范性托育机构名单`;
  const files = listFiles(ctx, unit, rows, { keys, title, subtitle: `（${year}年）`, baseName: title });
  pushSource(
    ctx,
    unit,
    `${city.code}-tuoyu-shifan-${year}`,
    published,
    `关于公布${year}年${title}的通知`,
    files,
  );
}

const CANCEL_REASONS: Record<Sector, readonly string[]> = {
  childcare: [
    '机构自行停办',
    '场地租赁到期，停止托育服务',
    '举办者申请注销',
    '经营不善，停止服务',
    '机构迁址，原址注销',
  ],
  postpartum: ['机构自行停业', '场地租赁到期，停止经营', '经营者申请注销', '机构迁址，原址注销'],
};
const REVOKE_REASONS: Record<Sector, readonly string[]> = {
  childcare: ['不再符合备案条件', '以欺骗手段取得备案', '存在重大安全隐患拒不整改'],
  postpartum: ['不再符合登记条件', '以欺骗手段取得登记', '存在重大安全隐患拒不整改'],
};

/**
 * A later notice removing some of a unit's institutions. Either a table with 备案状态 (已注销 / 已撤销) and a date, or
 * a notice whose manifest says `action: 注销` and whose rows carry only the date.
 */
function makeRemovals(ctx: Context, unit: Unit): void {
  const { rng, asOf } = ctx;
  const published = asOf - rng.int(5, 90);
  const eligible = unit.institutions.filter(
    (i) => (ctx.listings.get(i.id)?.last ?? Infinity) < published - 40,
  );
  const chosen = rng.sample(eligible, Math.round(eligible.length * 0.06));
  if (chosen.length === 0) return;
  const withStatus = rng.chance(0.7);
  const removed: Institution[] = [];
  for (const inst of chosen) {
    const action = withStatus && rng.chance(0.3) ? '撤销' : '注销';
    const last = ctx.listings.get(inst.id)?.last ?? published - 40;
    inst.removed = {
      action,
      day: rng.int(last + 30, published - 2),
      reason: rng.pick((action === '注销' ? CANCEL_REASONS : REVOKE_REASONS)[unit.sector]),
    };
    removed.push(inst);
  }
  const style = pickRowStyle(rng);
  const rows = removed.map((inst) => {
    const r = inst.removed;
    if (!r) throw new Error('unreachable');
    const status = r.action === '注销' ? rng.pick(['已注销', '注销']) : rng.pick(['已撤销', '撤销']);
    return institutionRow(rng, inst, style, {
      listStatus: status,
      statusDate: ymdFromDay(r.day),
      statusReason: r.reason,
    });
  });
  const keys: FieldKey[] = ['seq'];
  if (!unit.county) keys.push('county');
  keys.push('name', 'uscc');
  if (withStatus) keys.push('listStatus');
  keys.push('statusDate', 'statusReason');
  const name = unitName(unit);
  const what = unit.sector === 'childcare' ? '托育机构备案信息' : '母婴护理服务机构登记信息';
  const title = withStatus ? `${name}注销（撤销）${what}名单` : `${name}注销${what}名单`;
  const files = listFiles(ctx, unit, rows, {
    keys,
    title,
    subtitle: `（${cnDate(ymdFromDay(published))}）`,
    baseName: rng.pick(['注销名单', title]),
  });
  const year = ymdFromDay(published).y;
  const slug = unit.sector === 'childcare' ? 'tuoyu-zhuxiao' : 'muying-zhuxiao';
  pushSource(
    ctx,
    unit,
    `${unitCode(unit)}-${slug}-${year}`,
    published,
    `${unitPublisher(unit)}关于注销部分${what}的公告`,
    files,
    withStatus ? {} : { action: '注销' },
  );
}

/** Every list source of the sample; fills in each institution's filing day and removal. */
export function makeListSources(
  rng: Rng,
  asOf: number,
  institutions: readonly Institution[],
  ids: SourceIds,
): SourceSpec[] {
  const ctx: Context = { rng, asOf, ids, listings: new Map(), sources: [] };
  const byCity = new Map<City, Institution[]>();
  for (const inst of institutions) {
    const list = byCity.get(inst.county.city) ?? [];
    list.push(inst);
    byCity.set(inst.county.city, list);
  }
  for (const [city, insts] of byCity) {
    const childcare = insts.filter((i) => i.sector === 'childcare');
    const postpartum = insts.filter((i) => i.sector === 'postpartum');
    const units: Unit[] = [];
    if (childcare.length > 0) {
      if (rng.chance(0.55)) {
        const byCounty = new Map<County, Institution[]>();
        for (const inst of childcare) {
          const members = byCounty.get(inst.county);
          if (members) members.push(inst);
          else byCounty.set(inst.county, [inst]);
        }
        for (const [county, members] of byCounty) {
          units.push({ city, county, sector: 'childcare', list: '备案', institutions: members });
        }
      } else {
        units.push({ city, sector: 'childcare', list: '备案', institutions: childcare });
      }
    }
    if (postpartum.length > 0) {
      const list: ListName = city.code === '450200' ? '白名单' : '登记';
      units.push({ city, sector: 'postpartum', list, institutions: postpartum });
    }
    for (const unit of units) makeBatches(ctx, unit);
    if (childcare.length > 0) {
      makeAffordableLists(ctx, city, childcare);
      if (rng.chance(0.6)) makeModelList(ctx, city, childcare);
    }
    for (const unit of units) makeRemovals(ctx, unit);
  }
  return ctx.sources;
}
