/**
 * The institutions of the sample world: who they are, where, under which code, with what places and fees. Lists,
 * penalties and spot checks are drawn from them later.
 */
import type { Sector } from '../domain/schemas.ts';
import { makeUscc, type UsccPrefix } from './make-codes.ts';
import { type BodyKind, makeInstitutionName, makeRepresentativeName } from './names.ts';
import type { Rng } from './random.ts';
import { type County, countyPrefix } from './regions.ts';

export type Operator = '企业' | '社会组织' | '事业单位' | '个体工商户' | '其他';

export interface Institution {
  id: number;
  sector: Sector;
  county: County;
  name: string;
  /** null: registered before codes existed, or published as 暂无; matched by name + region. */
  uscc: string | null;
  operator: Operator;
  /** 行政相对人类别 in 双公示 files. */
  category: '法人及非法人组织' | '个体工商户';
  representative: string;
  address: string;
  phone: string;
  /** 托位数 (childcare) or 床位数 (postpartum). */
  capacity: number;
  /** Childcare: 全日托、半日托 …; empty for postpartum. */
  serviceTypes: string;
  fees: string;
  /** WGS-84. */
  lat: number;
  lon: number;
  /** Day of 备案 / 登记, set when the institution is put on a list. */
  filed: number;
  removed?: { action: '注销' | '撤销'; day: number; reason: string };
}

/** Codes, names and ID numbers in use: nothing the generator makes may collide by accident. */
export interface Registry {
  codes: Set<string>;
  names: Set<string>;
  ids: Set<string>;
}

const PREFIX: Record<Operator, UsccPrefix | null> = {
  企业: '91',
  社会组织: '52',
  事业单位: '12',
  个体工商户: '92',
  其他: null,
};

function pickOperator(rng: Rng, sector: Sector, body: BodyKind): Operator {
  if (sector === 'postpartum' && body === 'centre') {
    return rng.weighted([
      ['企业', 70],
      ['个体工商户', 25],
      ['其他', 5],
    ] as const);
  }
  switch (body) {
    case 'company':
    case 'branch':
      return '企业';
    case 'individual':
      return '个体工商户';
    case 'point':
      return rng.weighted([
        ['个体工商户', 7],
        ['社会组织', 3],
      ] as const);
    case 'kindergarten':
      return rng.weighted([
        ['事业单位', 4],
        ['社会组织', 6],
      ] as const);
    case 'centre':
      return rng.weighted([
        ['社会组织', 45],
        ['企业', 35],
        ['个体工商户', 10],
        ['其他', 10],
      ] as const);
  }
}

export function makePhone(rng: Rng, county: County): string {
  if (rng.chance(0.3)) {
    return `1${rng.pick(['3', '5', '7', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  }
  const digits = county.city.localDigits;
  const local = `${rng.int(2, 8)}${String(rng.int(0, 10 ** (digits - 1) - 1)).padStart(digits - 1, '0')}`;
  return `${county.city.areaCode}-${local}`;
}

export function makeAddress(rng: Rng, county: County): string {
  const road = rng.pick(county.city.roads);
  const n = rng.int(1, 420);
  const suffix = rng.weighted<() => string>([
    [() => '', 40],
    [() => '一层', 10],
    [() => '二层商铺', 8],
    [() => `${rng.int(1, 12)}栋${rng.int(1, 3)}层`, 12],
    [() => `${rng.int(1, 6)}号楼${rng.int(1, 3)}${String(rng.int(1, 30)).padStart(2, '0')}室`, 8],
    [() => `${rng.int(1, 30)}号门面`, 12],
    [() => `${rng.int(2, 5)}楼`, 10],
  ])();
  return `${countyPrefix(county)}${road}${n}号${suffix}`;
}

function makeServiceTypes(rng: Rng): string {
  const types: string[] = [];
  if (rng.chance(0.9)) types.push('全日托');
  if (rng.chance(0.5)) types.push('半日托');
  if (rng.chance(0.35)) types.push('计时托');
  if (rng.chance(0.25)) types.push('临时托');
  if (types.length === 0) types.push(rng.pick(['半日托', '计时托']));
  return types.join('、');
}

function makeCapacity(rng: Rng, sector: Sector, body: BodyKind): number {
  if (sector === 'postpartum') return rng.pick([8, 10, 12, 16, 18, 20, 24, 26, 30, 32, 36, 40, 48, 60]);
  if (body === 'point') return rng.int(3, 5);
  if (body === 'kindergarten') return rng.pick([20, 25, 30, 40, 50, 60]);
  return rng.pick([20, 25, 30, 40, 45, 50, 60, 70, 80, 90, 100, 120, 150]);
}

export function makeFees(rng: Rng, sector: Sector, affordable = false): string {
  if (sector === 'postpartum') {
    return `${rng.pick([16800, 22800, 26800, 28800, 33800, 38800, 45800, 58800, 68800, 88000])}元/${rng.pick([26, 28])}天`;
  }
  const base = affordable
    ? rng.pick([1200, 1380, 1500, 1600, 1800, 1980, 2200, 2400])
    : rng.pick([1580, 1800, 1980, 2200, 2400, 2600, 2800, 3000, 3200, 3500, 3800, 4200, 4800, 5600]);
  return rng.weighted<() => string>([
    [() => `${base}元/月`, 7],
    [() => `${base}-${base + rng.pick([600, 800, 1000, 1200])}元/月`, 2],
    [() => `${base}元/月（全日托）`, 1],
  ])();
}

/** One institution in `county`, with a name unique across the sample and, mostly, a fresh USCC. */
export function makeInstitution(
  rng: Rng,
  id: number,
  sector: Sector,
  county: County,
  registry: Registry,
): Institution {
  const { name, body } = makeInstitutionName(rng, sector, county, registry.names);
  const operator = pickOperator(rng, sector, body);
  const prefix = PREFIX[operator];
  const uscc = prefix && !rng.chance(0.02) ? makeUscc(rng, prefix, county.code, registry.codes) : null;
  return {
    id,
    sector,
    county,
    name,
    uscc,
    operator,
    category: operator === '个体工商户' ? '个体工商户' : '法人及非法人组织',
    representative: makeRepresentativeName(rng),
    address: makeAddress(rng, county),
    phone: makePhone(rng, county),
    capacity: makeCapacity(rng, sector, body),
    serviceTypes: sector === 'childcare' ? makeServiceTypes(rng) : '',
    fees: makeFees(rng, sector),
    lat: Math.round((county.lat + (rng.next() - 0.5) * 0.12) * 1e6) / 1e6,
    lon: Math.round((county.lon + (rng.next() - 0.5) * 0.14) * 1e6) / 1e6,
    filed: 0,
  };
}

/**
 * `n` institutions spread over `counties` with uneven weights; about three in four are 托育 (childcare), the
 * rest 月子 / 母婴护理 (postpartum).
 */
export function makeInstitutions(
  rng: Rng,
  n: number,
  counties: readonly County[],
  registry: Registry,
): Institution[] {
  const weights = counties.map(() => 0.5 + rng.next());
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cumulative.push(total);
  }
  const out: Institution[] = [];
  for (let id = 0; id < n; id++) {
    // Guarantee every county one institution before weighting.
    let county: County;
    if (id < counties.length) {
      county = counties[id] as County;
    } else {
      const r = rng.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cumulative[mid] as number) > r) hi = mid;
        else lo = mid + 1;
      }
      county = counties[lo] as County;
    }
    const sector: Sector = rng.chance(0.75) ? 'childcare' : 'postpartum';
    out.push(makeInstitution(rng, id, sector, county, registry));
  }
  return out;
}
