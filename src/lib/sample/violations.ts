/**
 * What institutions are penalised for, by sector: violation type, facts, legal basis, categories and fine ranges,
 * after the wording of published decisions. Facts never contain ID or mobile numbers (those are injected on purpose
 * elsewhere and counted).
 */
import type { Sector } from '../domain/schemas.ts';
import { cnDate, ymdFromDay } from './dates.ts';
import type { Rng } from './random.ts';

export interface Violation {
  type: string;
  /** 违法事实, which mentions an inspection some weeks before the decision. */
  facts: (decided: number) => string;
  basis: string;
  categories: string;
  content: string;
  fineYuan: number;
  confiscatedYuan: number;
  /** Months the decision stays public when the publisher states it (公示截止期). */
  windowMonths: number;
}

interface Template {
  type: string;
  facts: (ctx: { checked: string; person: string; place: string }) => string;
  basis: string;
  /** Fine range in yuan, or null for no fine. */
  fine: readonly [number, number] | null;
  confiscated?: readonly [number, number];
  categories: string;
  /** Builds 处罚内容 from the amounts. */
  content: (fine: number, confiscated: number) => string;
  windows: readonly number[];
}

const FINE = (fine: number) => `罚款人民币${fine}元`;

const CHILDCARE: readonly Template[] = [
  {
    type: '违反托育服务相关标准和规范',
    facts: ({ checked }) =>
      `当事人托育场所视频监控录像保存时间不足90日，${checked}检查时责令改正，复查时仍未改正。`,
    basis: '《中华人民共和国人口与计划生育法》第四十一条',
    fine: [5_000, 50_000],
    categories: '罚款',
    content: FINE,
    windows: [12, 36],
  },
  {
    type: '违反托育服务相关标准和规范',
    facts: ({ checked }) =>
      `经查，当事人于${checked}开展托育服务期间，保育人员配备比例低于《托育机构设置标准（试行）》要求，经责令改正后逾期未改正。`,
    basis: '《中华人民共和国人口与计划生育法》第四十一条',
    fine: [5_000, 50_000],
    categories: '罚款',
    content: FINE,
    windows: [12, 36],
  },
  {
    type: '违反托育服务相关标准和规范（情节严重）',
    facts: () =>
      '经查，当事人在托育服务中发生婴幼儿意外伤害事件后未及时报告，且存在保育人员未经岗前培训上岗等问题，情节严重。',
    basis: '《中华人民共和国人口与计划生育法》第四十一条',
    fine: [50_000, 100_000],
    categories: '罚款、责令停止托育服务',
    content: (f) => `罚款人民币${f}元，责令停止托育服务`,
    windows: [36],
  },
  {
    type: '违反消毒管理规定',
    facts: ({ checked }) => `当事人未按规定对婴幼儿玩具、睡具进行定期消毒，${checked}复查时仍未整改到位。`,
    basis: '《消毒管理办法》第四十一条',
    fine: [1_000, 5_000],
    categories: '罚款',
    content: FINE,
    windows: [3, 6, 12],
  },
  {
    type: '食品安全违法行为',
    facts: () => '当事人未取得食品经营许可证为入托婴幼儿集中提供餐食，货值金额不足一万元。',
    basis: '《中华人民共和国食品安全法》第一百二十二条第一款',
    fine: [50_000, 100_000],
    confiscated: [500, 5_000],
    categories: '罚款；没收违法所得',
    content: (f, c) => `没收违法所得人民币${c}元，罚款人民币${f}元`,
    windows: [36],
  },
  {
    type: '违反托育服务相关标准和规范',
    facts: () =>
      '经查，当事人实际收托婴幼儿人数超过备案托位数，且未按规定建立晨午检制度，经责令改正拒不改正。',
    basis: '《中华人民共和国人口与计划生育法》第四十一条',
    fine: [5_000, 30_000],
    categories: '警告、罚款',
    content: (f) => `警告，罚款人民币${f}元`,
    windows: [12],
  },
  {
    type: '未按规定进行卫生保健管理',
    facts: () =>
      '当事人的保育人员未取得健康合格证明即上岗工作，违反了《托儿所幼儿园卫生保健管理办法》第十三条的规定。',
    basis: '《托儿所幼儿园卫生保健管理办法》第十九条',
    fine: null,
    categories: '通报批评',
    content: () => '通报批评',
    windows: [3],
  },
];

const POSTPARTUM: readonly Template[] = [
  {
    type: '发布违法广告',
    facts: () =>
      '当事人在其微信公众号发布含有“零风险”“百分百恢复”等保证性用语的广告，违反了《中华人民共和国广告法》第二十八条的规定。',
    basis: '《中华人民共和国广告法》第五十五条第一款',
    fine: [10_000, 100_000],
    categories: '罚款',
    content: FINE,
    windows: [12, 36],
  },
  {
    type: '价格违法行为',
    facts: () =>
      '当事人经营场所未按规定明码标价，月子套餐价格标示不全，违反了《明码标价和禁止价格欺诈规定》第五条的规定。',
    basis: '《明码标价和禁止价格欺诈规定》第二十一条、《中华人民共和国价格法》第四十二条',
    fine: [1_000, 5_000],
    categories: '罚款',
    content: FINE,
    windows: [3, 12],
  },
  {
    type: '公共场所卫生违法行为',
    facts: () => '当事人安排未获得有效健康合格证明的母婴护理人员从事直接为顾客服务的工作。',
    basis: '《公共场所卫生管理条例实施细则》第三十八条',
    fine: [1_000, 10_000],
    categories: '罚款',
    content: FINE,
    windows: [6, 12],
  },
  {
    type: '公共场所卫生违法行为',
    facts: () =>
      '当事人未取得公共场所卫生许可证擅自营业，违反了《公共场所卫生管理条例实施细则》第二十二条的规定。',
    basis: '《公共场所卫生管理条例实施细则》第三十五条第一款',
    fine: [500, 30_000],
    categories: '警告、罚款',
    content: (f) => `警告，罚款人民币${f}元`,
    windows: [12],
  },
  {
    type: '食品安全违法行为',
    facts: () =>
      '当事人未取得食品经营许可证为入住产妇提供月子餐，违反了《中华人民共和国食品安全法》第三十五条的规定。',
    basis: '《中华人民共和国食品安全法》第一百二十二条第一款',
    fine: [3_000, 50_000],
    confiscated: [800, 12_000],
    categories: '罚款、没收违法所得',
    content: (f, c) => `没收违法所得人民币${c}元，罚款人民币${f}元`,
    windows: [36],
  },
  {
    type: '侵害消费者权益',
    facts: () =>
      '当事人以预收款方式提供月子服务，未按约定提供服务且拒不退还预付款，违反了《中华人民共和国消费者权益保护法》第五十三条的规定。',
    basis: '《中华人民共和国消费者权益保护法》第五十六条第一款',
    fine: [5_000, 50_000],
    categories: '罚款',
    content: FINE,
    windows: [12, 36],
  },
  {
    type: '特种设备违法行为',
    facts: () =>
      '当事人使用未经定期检验的电梯（设备代码略），违反了《中华人民共和国特种设备安全法》第四十条第三款的规定。',
    basis: '《中华人民共和国特种设备安全法》第八十四条第一项',
    fine: [30_000, 100_000],
    categories: '罚款',
    content: FINE,
    windows: [6, 12],
  },
];

/** Decisions whose only category is 警告: not published (SAMR Order 45). */
const WARNING_ONLY: Record<Sector, readonly Template[]> = {
  childcare: [
    {
      type: '未按规定办理托育机构备案',
      facts: () => '当事人未向所在地县级卫生健康部门备案即开展托育服务，经责令限期改正，已按期完成备案。',
      basis: '《中华人民共和国人口与计划生育法》第四十一条',
      fine: null,
      categories: '警告',
      content: () => '警告',
      windows: [3],
    },
  ],
  postpartum: [
    {
      type: '价格违法行为',
      facts: () =>
        '当事人在标价之外加价收取未予标明的“高端护理费”，违反了《中华人民共和国价格法》第十三条第二款的规定。',
      basis: '《中华人民共和国价格法》第四十二条',
      fine: null,
      categories: '警告',
      content: () => '警告',
      windows: [3],
    },
  ],
};

/** Decisions against natural persons: unlicensed home services. */
const PERSON: Record<Sector, Template> = {
  childcare: {
    type: '未经备案擅自开展托育服务',
    facts: ({ person, place }) =>
      `当事人${person}未办理登记备案，在${place}某小区住宅内收托婴幼儿，开展托育服务。`,
    basis: '《中华人民共和国人口与计划生育法》第四十一条',
    fine: [5_000, 20_000],
    categories: '罚款',
    content: FINE,
    windows: [12],
  },
  postpartum: {
    type: '无照经营',
    facts: ({ person, place }) =>
      `当事人${person}未办理营业执照，在${place}某小区住宅内以“私人月子房”名义为产妇提供住宿及月子餐服务，违反了《无证无照经营查处办法》第二条的规定。`,
    basis: '《无证无照经营查处办法》第十三条',
    fine: [2_000, 10_000],
    categories: '罚款',
    content: FINE,
    windows: [12],
  },
};

function roundFine(rng: Rng, [lo, hi]: readonly [number, number]): number {
  const step = hi <= 10_000 ? 500 : 1_000;
  return Math.max(lo, Math.round(rng.int(lo, hi) / step) * step);
}

export type ViolationKind = 'ordinary' | 'warning-only' | 'person';

/** A violation of `sector`; `person` and `place` fill the facts of a decision against a natural person. */
export function makeViolation(
  rng: Rng,
  sector: Sector,
  kind: ViolationKind,
  person = '',
  place = '',
): Violation {
  const template =
    kind === 'person'
      ? PERSON[sector]
      : kind === 'warning-only'
        ? rng.pick(WARNING_ONLY[sector])
        : rng.pick(sector === 'childcare' ? CHILDCARE : POSTPARTUM);
  const fineYuan = template.fine ? roundFine(rng, template.fine) : 0;
  const confiscatedYuan = template.confiscated
    ? rng.int(template.confiscated[0] / 10, template.confiscated[1] / 10) * 10
    : 0;
  const daysBefore = rng.int(15, 60);
  return {
    type: template.type,
    facts: (decided) => template.facts({ checked: cnDate(ymdFromDay(decided - daysBefore)), person, place }),
    basis: template.basis,
    categories: template.categories,
    content: template.content(fineYuan, confiscatedYuan),
    fineYuan,
    confiscatedYuan,
    windowMonths: rng.pick(template.windows),
  };
}
