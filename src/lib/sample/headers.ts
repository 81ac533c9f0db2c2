/**
 * Header spellings the sample writes, per field: the labels and aliases of the field dictionary as they appear in
 * published files, full-width and half-width brackets and inner spaces included. A test checks that each one maps
 * back to its field through `fieldForHeader`.
 */
import type { FieldKey } from '../domain/fields.ts';
import type { Sector } from '../domain/schemas.ts';
import type { Rng } from './random.ts';

type Spellings = readonly (readonly [string, number])[];

const COMMON: Partial<Record<FieldKey, Spellings>> = {
  seq: [['序号', 1]],
  county: [
    ['区县', 5],
    ['县(市、区)', 2],
    ['县（市、区）', 2],
    ['所在区', 1],
    ['所属区', 1],
    ['所属区县', 1],
    ['区、县（市）', 1],
    ['县区', 1],
    ['区县（市）', 1],
  ],
  uscc: [
    ['统一社会信用代码', 6],
    ['社会信用代码', 2],
    ['信用代码', 1],
  ],
  address: [
    ['地址', 3],
    ['详细地址', 2],
    ['机构地址', 2],
    ['经营地址', 1],
  ],
  phone: [
    ['联系电话', 4],
    ['电话', 2],
    ['咨询电话', 1],
  ],
  serviceTypes: [
    ['服务类型', 3],
    ['托育类型', 2],
  ],
  operator: [
    ['举办方', 3],
    ['举办单位', 1],
    ['举办主体', 1],
    ['举办单位性质', 1],
    ['举办者性质', 2],
  ],
  listStatus: [['备案状态', 1]],
  statusDate: [
    ['注销日期', 3],
    ['变更日期', 1],
  ],
  statusReason: [
    ['注销原因', 2],
    ['注销（撤销）原因', 1],
    ['变更原因', 1],
  ],
  fees: [
    ['收费标准', 3],
    ['收费标准（元/月）', 2],
    ['月收费', 1],
  ],
  longitude: [['经度', 1]],
  latitude: [['纬度', 1]],
  remarks: [['备注', 1]],
  subjectCategory: [['行政相对人类别', 1]],
  legalRepresentative: [['法定代表人', 1]],
  idType: [['证件类型', 1]],
  idNumber: [['证件号码', 1]],
  violationType: [['违法行为类型', 1]],
  facts: [
    ['违法事实', 3],
    ['主要违法事实', 1],
  ],
  basis: [['处罚依据', 1]],
  categories: [['处罚类别', 1]],
  content: [['处罚内容', 1]],
  fine: [
    ['罚款金额（万元）', 5],
    ['罚款金额(万元)', 2],
    ['罚款金额 (万元)', 1],
    ['处罚金额（万元）', 1],
  ],
  fineYuan: [
    ['罚款金额（元）', 3],
    ['罚款金额(元)', 1],
  ],
  confiscated: [
    ['没收违法所得、没收非法财物的金额（万元）', 3],
    ['没收违法所得、没收非法财务的金额（万元）', 1],
  ],
  licence: [['暂扣或吊销证照名称及编号', 1]],
  decided: [['处罚决定日期', 1]],
  validUntil: [['处罚有效期', 1]],
  publicUntil: [['公示截止期', 1]],
  authority: [['处罚机关', 1]],
  authorityUscc: [['处罚机关统一社会信用代码', 1]],
  dataSource: [['数据来源单位', 1]],
  dataSourceUscc: [['数据来源单位统一社会信用代码', 1]],
  penaltyState: [['当前状态', 1]],
  task: [
    ['抽查任务名称', 2],
    ['任务名称', 1],
  ],
  item: [
    ['检查事项', 2],
    ['抽查事项', 1],
  ],
  inspected: [
    ['检查日期', 3],
    ['检查时间', 1],
    ['抽查日期', 1],
  ],
  result: [['检查结果', 1]],
  documentNumber: [['行政处罚决定书文号', 1]],
  listedReason: [
    ['列入事由', 2],
    ['列入原因', 1],
  ],
  listedOn: [['列入日期', 1]],
  removedOn: [['移出日期', 1]],
  removedReason: [['移出原因', 1]],
};

const BY_SECTOR: Record<Sector, Partial<Record<FieldKey, Spellings>>> = {
  childcare: {
    name: [
      ['机构名称', 5],
      ['托育机构名称', 3],
      ['名称', 1],
      ['单位名称', 1],
    ],
    capacity: [
      ['托位数', 4],
      ['托位', 1],
      ['核定托位数', 2],
    ],
    filed: [
      ['备案时间', 1],
      ['备案日期', 1],
    ],
  },
  postpartum: {
    name: [
      ['机构名称', 4],
      ['母婴护理机构名称', 2],
      ['名称', 1],
      ['单位名称', 1],
    ],
    capacity: [['床位数', 1]],
    filed: [
      ['登记日期', 2],
      ['登记时间', 1],
    ],
  },
};

/** Spellings that depend on the kind of table: 双公示 exports, simple penalty tables, spot checks, list actions. */
const BY_STYLE: Record<TableStyle, Partial<Record<FieldKey, Spellings>>> = {
  list: {},
  dual: {
    name: [['行政相对人名称', 1]],
    uscc: [
      ['统一社会信用代码', 3],
      ['行政相对人代码_1（统一社会信用代码）', 1],
    ],
    documentNumber: [['行政处罚决定书文号', 1]],
  },
  simple: {
    name: [
      ['当事人名称', 3],
      ['当事人', 1],
      ['被处罚单位', 1],
      ['被处罚单位（个人）', 1],
    ],
    documentNumber: [
      ['决定书文号', 2],
      ['处罚决定书文号', 2],
      ['行政处罚决定书文号', 1],
    ],
    violationType: [['违法行为', 1]],
    categories: [
      ['处罚种类', 2],
      ['处罚类别', 1],
    ],
    content: [
      ['处罚结果', 2],
      ['处罚内容', 1],
    ],
    decided: [
      ['处罚日期', 2],
      ['决定日期', 1],
      ['作出处罚决定日期', 1],
      ['处罚决定日期', 1],
    ],
    authority: [
      ['执法机关', 2],
      ['处罚机关', 1],
    ],
  },
  inspection: {
    name: [
      ['检查对象名称', 2],
      ['被检查单位', 1],
    ],
    authority: [
      ['检查机关', 2],
      ['实施机关', 1],
    ],
  },
  'list-action': {
    name: [
      ['机构名称', 3],
      ['单位名称', 1],
    ],
  },
};

export type TableStyle = 'list' | 'dual' | 'simple' | 'inspection' | 'list-action';

export function pickHeader(rng: Rng, key: FieldKey, sector: Sector, style: TableStyle = 'list'): string {
  const spellings = BY_STYLE[style][key] ?? BY_SECTOR[sector][key] ?? COMMON[key];
  if (!spellings) throw new Error(`no header spelling for ${key}`);
  return rng.weighted(spellings);
}

/** Every spelling of every field, for the test that checks them against the field dictionary. */
export function allHeaderSpellings(): { key: FieldKey; header: string }[] {
  const out: { key: FieldKey; header: string }[] = [];
  const tables = [COMMON, BY_SECTOR.childcare, BY_SECTOR.postpartum, ...Object.values(BY_STYLE)];
  for (const table of tables) {
    for (const [key, spellings] of Object.entries(table) as [FieldKey, Spellings][]) {
      for (const [header] of spellings) out.push({ key, header });
    }
  }
  return out;
}

/**
 * The national 双公示 export codes some JSON interfaces use as keys; the manifest's `columns` maps them to labels.
 */
export const DUAL_JSON_CODES: Partial<Record<FieldKey, string>> = {
  name: 'CF_XDR_MC',
  uscc: 'CF_XDR_SHXYM',
  documentNumber: 'CF_WSH',
  violationType: 'CF_WFXW',
  facts: 'CF_SY',
  basis: 'CF_YJ',
  categories: 'CF_CFLB',
  content: 'CF_NR',
  fine: 'CF_NR_FK',
  decided: 'CF_JDRQ',
  publicUntil: 'CF_GSJZQ',
  authority: 'CF_CFJG',
  penaltyState: 'CF_ZT',
  remarks: 'BZ',
};
