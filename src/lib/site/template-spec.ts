/**
 * What a publishing template holds, per kind of source: the columns (taken from the field dictionary), whether each
 * is required, the values and formats the validator accepts, and one example row that validates with no findings.
 * The CSV and XLSX files (write-template.ts) and the /downloads/templates/ page are rendered from this.
 */
import { FIELDS, type FieldDef, type FieldKey } from '../domain/fields.ts';
import { SOURCE_KINDS, type SourceKind } from '../domain/schemas.ts';
import { PENALTY_CATEGORIES } from '../ingest/split-list.ts';

export interface TemplateColumn {
  key: FieldKey;
  /** The header written in the template: the dictionary label, or for some kinds the alias that kind uses. */
  header: string;
  meaning: string;
  required: boolean;
  /** The values and formats accepted, in words. */
  format: string;
  example: string;
  /** Other headers the validator also accepts for this column. */
  aliases: readonly string[];
}

export interface TemplateSpec {
  kind: SourceKind;
  /** File name without extension: /downloads/templates/<file>.csv and .xlsx. */
  file: string;
  title: string;
  /** Name of the data sheet in the XLSX file. */
  sheet: string;
  columns: TemplateColumn[];
}

/** The notice details a template's example row is valid for (a test validates the example under them). */
export const TEMPLATE_EXAMPLE_REGION = '420100';
export const TEMPLATE_EXAMPLE_DATE = '2024-06-28';

export const TEMPLATE_TITLE: Readonly<Record<SourceKind, string>> = {
  institutions: '机构名单（备案、登记、普惠、示范等名单及注销、撤销）',
  penalties: '行政处罚信息',
  inspections: '监督检查（双随机、一公开）结果',
  'list-actions': '黑名单列入、移出',
};

const SHEET: Readonly<Record<SourceKind, string>> = {
  institutions: '机构名单',
  penalties: '行政处罚',
  inspections: '检查结果',
  'list-actions': '黑名单',
};

/**
 * Fields a template leaves out: private ones (the site never publishes them, so an agency need not send them),
 * row numbers, and the 元 spellings of amounts that the 万元 columns already carry.
 */
const LEFT_OUT = new Set<FieldKey>(['seq', 'fineYuan', 'confiscatedYuan']);

/** Headers a kind uses instead of the dictionary label (the label is 机构名称 for every kind). */
const HEADER_FOR_KIND: Partial<Record<SourceKind, Partial<Record<FieldKey, string>>>> = {
  penalties: { name: '行政相对人名称' },
  inspections: { name: '检查对象名称', authority: '检查机关' },
};

const DATE_FORMAT =
  '日期，写作 2024-05-10（也接受 2024年5月10日、2024/5/10、2024.05.10 和 Excel 日期单元格）';
const NO_PERSONAL = '不要写入身份证号、个人手机号或自然人姓名';

/** Accepted values and formats of fields whose type alone does not say. */
const FORMAT: Partial<Record<FieldKey, string>> = {
  county: '县级行政区的名称，如“东西湖区”，可带市名“武汉市东西湖区”；不写时取发布机关所在地区',
  name: '全称，与营业执照或登记证书一致；不要加空格',
  uscc: '18 位，数字和大写字母（不用 I、O、Z、S、V），不加空格；确无代码时留空',
  subjectCategory: '法人及非法人组织、个体工商户或自然人（自然人只公示姓氏加“某”）',
  address: `经营场所地址，写到门牌号；${NO_PERSONAL}`,
  capacity: '整数，如 60（托育机构写托位数，母婴护理机构写床位数）',
  serviceTypes: '全日托、半日托、计时托、临时托等；多个值用“、”分隔',
  operator: '企业、社会组织、事业单位、个体工商户等',
  listStatus: '正常、注销或撤销；在名单中的机构写“正常”',
  statusDate: `注销或撤销的${DATE_FORMAT}；在名单中的机构留空`,
  statusReason: '注销或撤销的原因；在名单中的机构留空',
  fees: '按公布的收费标准原文，如“3000元/月”',
  longitude: '小数，如 114.1420；坐标系在 source.yml 的 crs 中说明（默认 WGS-84）',
  latitude: '小数，如 30.6220',
  documentNumber: '决定书上的文号原文，如 武东卫罚〔2024〕12号',
  categories: `${PENALTY_CATEGORIES.join('、')}；多个值用“、”分隔`,
  fine: '数字，单位万元，如 0.5 表示 5000 元；没有罚款时留空或写 0',
  confiscated: '数字，单位万元；没有没收时留空或写 0',
  facts: `违法事实；${NO_PERSONAL}`,
  penaltyState: '正常或撤销；处罚决定被撤销时写“撤销”，本站不再公示',
  result: '合格、不合格或责令整改（“未发现问题”“发现问题已责令改正”也可识别）',
  remarks: `补充说明；${NO_PERSONAL}`,
};

const FORMAT_BY_TYPE: Readonly<Record<FieldDef['type'], string>> = {
  text: '文本',
  name: '文本',
  code: '代码，按原文',
  date: DATE_FORMAT,
  amount: '数字',
  integer: '整数',
  number: '数字',
  list: '多个值用“、”分隔',
  enum: '文本',
};

/**
 * One example value per field, for a made-up institution in 武汉市东西湖区. The credit code carries a valid check
 * character and its area code (420112) matches 区县, so the example row raises no finding.
 */
const EXAMPLE: Partial<Record<FieldKey, string>> = {
  county: '东西湖区',
  name: '武汉市东西湖区示例托育服务有限公司',
  uscc: '91420112MA4KXXXX1W',
  subjectCategory: '法人及非法人组织',
  address: '武汉市东西湖区示例路 1 号',
  capacity: '60',
  serviceTypes: '全日托、半日托',
  operator: '企业',
  filed: '2024-05-10',
  listStatus: '正常',
  statusDate: '',
  statusReason: '',
  fees: '3000元/月',
  longitude: '114.1420',
  latitude: '30.6220',
  documentNumber: '武东卫罚〔2024〕12号',
  violationType: '未按规定备案',
  facts: '该机构开展托育服务前未向卫生健康部门备案。',
  basis: '《托育机构设置标准（试行）》',
  categories: '警告、罚款',
  content: '警告，罚款人民币伍仟元',
  fine: '0.5',
  confiscated: '0',
  licence: '',
  decided: '2024-06-12',
  validUntil: '2025-06-11',
  publicUntil: '2027-06-11',
  authority: '武汉市东西湖区卫生健康局',
  authorityUscc: '',
  dataSource: '武汉市东西湖区卫生健康局',
  dataSourceUscc: '',
  penaltyState: '正常',
  task: '2024年托育机构双随机抽查',
  item: '托育机构备案及服务规范',
  inspected: '2024-06-20',
  result: '合格',
  listedReason: '提供虚假备案材料',
  listedOn: '2024-06-20',
  removedOn: '',
  removedReason: '',
  remarks: '示例行，填写时请删除',
};

function columnsFor(kind: SourceKind): TemplateColumn[] {
  const fields = (FIELDS as readonly FieldDef[]).filter(
    (f) => f.kinds.includes(kind) && f.public && !LEFT_OUT.has(f.key as FieldKey),
  );
  return fields.map((f) => {
    const key = f.key as FieldKey;
    const header = HEADER_FOR_KIND[kind]?.[key] ?? f.label;
    return {
      key,
      header,
      meaning: f.description,
      required: f.requiredIn?.includes(kind) ?? false,
      format: FORMAT[key] ?? FORMAT_BY_TYPE[f.type],
      example: EXAMPLE[key] ?? '',
      aliases: [f.label, ...f.aliases].filter((h) => h !== header),
    };
  });
}

export function templateSpec(kind: SourceKind): TemplateSpec {
  return {
    kind,
    file: `${kind}-template`,
    title: TEMPLATE_TITLE[kind],
    sheet: SHEET[kind],
    columns: columnsFor(kind),
  };
}

export const TEMPLATE_SPECS: readonly TemplateSpec[] = SOURCE_KINDS.map(templateSpec);

/** General rules printed above the field table of every template. */
export const TEMPLATE_RULES: readonly string[] = [
  '第一行是列名，请不要修改、合并或删除列名；不需要的列可以留空，但必填列必须有值。',
  '每个机构（或每件处罚、每次检查）占一行；不要合并单元格，不要在表格中间插入小计或说明。',
  '第二行是示例，填写时请删除或覆盖。',
  '日期写作 2024-05-10；金额只写数字，单位见列名。',
  '身份证号、个人手机号、法定代表人等个人信息不要写入表格：这些信息不得公开。行政相对人是自然人时，名称只写姓氏加“某”。',
  'CSV 文件请保存为 UTF-8 编码；XLSX 文件请保留“填写说明”以外的第一个工作表为数据表。',
];
