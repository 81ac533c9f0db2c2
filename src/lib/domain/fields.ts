/**
 * The field dictionary: one entry per field the register knows. The validator maps published headers with it,
 * the downloads and the data-dictionary page take their labels and descriptions from it, templates label values
 * with it. A new field starts here.
 */
import { SOURCE_KINDS } from './rules/vocabularies.ts';
import type { SourceKind } from './schemas.ts';
import { withoutBlanks } from './whitespace.ts';

export type FieldType = 'text' | 'name' | 'code' | 'date' | 'amount' | 'integer' | 'number' | 'list' | 'enum';

/** The units amounts are published in: 万元 or 元. */
export type AmountUnit = 'wan' | 'yuan';
/** What an amount measures; a penalty holds each in yuan. */
export const AMOUNT_MEASURES = ['fine', 'confiscated'] as const;
export type AmountMeasure = (typeof AMOUNT_MEASURES)[number];

export interface FieldDef {
  /** English machine key, used in JSON downloads and in code. */
  key: string;
  /** The Chinese label agencies use; CSV downloads use it as header. */
  label: string;
  /** Header spellings seen in published files (besides `label`). Compared after {@link headerKey}. */
  aliases: readonly string[];
  /** Kinds of source that may carry this field. */
  kinds: readonly SourceKind[];
  /** Kinds of source where a value is required (row rejected without it). */
  requiredIn?: readonly SourceKind[];
  type: FieldType;
  /** Whether the value may be published. Private fields are read (to detect and drop them) and never carried on. */
  public: boolean;
  /** Whether lists and search offer a filter on it. */
  filterable?: boolean;
  /**
   * Published as written, not as a code, date, number or closed vocabulary: the value may carry ID numbers, phone
   * numbers and names of persons, so the normaliser masks names and redacts numbers in it before it goes anywhere
   * (protect-privacy.ts). A new text field is free text unless its value is never published as text.
   */
  freeText?: boolean;
  /**
   * Kinds whose published record carries this field's text as published (cleaned, privacy protected) under its key,
   * with no rule of its own. Its record schema (nullable text), its reading from a row, its merge (the latest notice's
   * value for an institution, the decision's own for a penalty or inspection) and its download column follow from
   * this entry: adding such a field is one entry here (carriedFields).
   */
  carriedIn?: readonly SourceKind[];
  /**
   * For amounts: what the column measures and the unit a bare number in it is in. The normaliser reads every
   * column of one measure, in the order of this dictionary, and takes the first that holds a value.
   */
  amount?: { measures: AmountMeasure; unit: AmountUnit };
  description: string;
}

const INST = ['institutions'] as const;
const PEN = ['penalties'] as const;
const ALL = SOURCE_KINDS;

export const FIELDS = [
  // Columns that carry no data of their own.
  {
    key: 'seq',
    label: '序号',
    aliases: ['编号', '序'],
    kinds: ALL,
    type: 'integer',
    public: false,
    description: '发布文件中的行序号，仅用于定位，不作为数据发布。',
  },
  {
    key: 'county',
    label: '区县',
    aliases: [
      '县(市、区)',
      '所在区',
      '所属区',
      '所属区县',
      '区、县(市)',
      '县区',
      '区县(市)',
      '所在地区',
      '行政区划',
      '县(市)',
      '地区',
      '所属区域',
      '所在区域',
      '区域',
      'zoning_name',
      'zoningName',
    ],
    kinds: ALL,
    type: 'text',
    public: true,
    filterable: true,
    description: '机构所在的县级行政区，解析为 GB/T 2260 行政区划代码；缺失时取发布机关所在地区。',
  },
  {
    key: 'countyCode',
    label: '行政区划代码',
    aliases: ['区划代码', 'zoning_code', 'zoningCode', 'areaCode'],
    kinds: ALL,
    type: 'code',
    public: false,
    description: '数据平台导出的行政区划代码（6 位或 12 位）；用于确定所在区县，不单独发布。',
  },
  {
    key: 'name',
    label: '机构名称',
    aliases: [
      '托育机构名称',
      '名称',
      '母婴护理机构名称',
      '单位名称',
      '行政相对人名称',
      '当事人名称',
      '当事人',
      '被处罚单位',
      '被处罚单位(个人)',
      '检查对象名称',
      '被检查单位',
      '检查对象',
      '机构登记名称',
      '登记名称',
      '相对人名称',
      '案件当事人',
      'name',
      'institution_name',
      'institutionName',
      'entName',
    ],
    kinds: ALL,
    requiredIn: ALL,
    type: 'name',
    public: true,
    description: '机构（或行政相对人）的名称，按发布原文保留；匹配与检索使用去空格、简体化后的形式。',
  },
  {
    key: 'otherName',
    label: '机构其他名称',
    aliases: [
      '机构收托名称',
      '收托名称',
      '机构简称',
      '对外名称',
      'institution_other_name',
      'institutionOtherName',
    ],
    kinds: INST,
    type: 'name',
    public: true,
    description: '机构对外使用的另一个名称（如收托名称）。与登记名称一并展示、检索，按任一名称合并。',
  },
  {
    key: 'uscc',
    label: '统一社会信用代码',
    aliases: [
      '社会信用代码',
      '信用代码',
      '行政相对人代码_1(统一社会信用代码)',
      '行政相对人代码',
      'credit_code',
      'creditCode',
      'uniscId',
    ],
    kinds: ALL,
    type: 'code',
    public: true,
    description: '18 位统一社会信用代码（GB 32100-2015）。校验位错误时保留原值并提示。',
  },
  {
    key: 'otherCodes',
    label: '工商注册号',
    aliases: ['组织机构代码', '税务登记号', '事业单位证书号', '社会组织登记证号'],
    kinds: ALL,
    type: 'code',
    public: false,
    description: '统一社会信用代码之前的旧登记号码。本站以统一社会信用代码为准，旧号码不发布。',
  },
  {
    key: 'subjectCategory',
    label: '行政相对人类别',
    aliases: ['相对人类别', '当事人类别'],
    kinds: PEN,
    type: 'enum',
    public: true,
    freeText: true,
    description: '法人及非法人组织、自然人或个体工商户。自然人只公开类别和处罚决定，姓名以“某”遮蔽。',
  },
  {
    key: 'legalRepresentative',
    label: '法定代表人',
    aliases: ['法定代表人姓名', '负责人'],
    kinds: ALL,
    type: 'text',
    public: false,
    description: '法定代表人姓名。本站不展示。',
  },
  {
    key: 'idType',
    label: '证件类型',
    aliases: ['法定代表人证件类型'],
    kinds: PEN,
    type: 'text',
    public: false,
    description: '证件类型。本站不展示。',
  },
  {
    key: 'idNumber',
    label: '证件号码',
    aliases: ['法定代表人身份证号', '法定代表人证件号码', '身份证号', '身份证号码'],
    kinds: ALL,
    type: 'text',
    public: false,
    description: '自然人证件号码。属个人信息，绝不发布。',
  },
  {
    key: 'address',
    label: '地址',
    aliases: ['详细地址', '机构地址', '经营地址', '住所', '地点', '机构住所', 'address'],
    kinds: ['institutions', 'inspections'],
    type: 'text',
    public: true,
    freeText: true,
    description: '机构的经营地址（仅限机构，自然人住址不发布）。',
  },
  {
    key: 'street',
    label: '所属街道',
    aliases: ['所在街道', '街道', '乡镇(街道)', '街道(乡镇)'],
    kinds: ['institutions', 'inspections'],
    type: 'text',
    public: false,
    description: '所在街道或乡镇；并入地址发布（地址中已含该街道时不重复）。',
  },
  {
    key: 'phone',
    label: '联系电话',
    aliases: ['电话', '咨询电话', '联系方式'],
    kinds: INST,
    type: 'text',
    public: false,
    description: '联系电话。名单中的号码可能为个人手机，本站不发布。',
  },
  {
    key: 'capacity',
    label: '托位数',
    aliases: ['托位', '核定托位数', '床位数', '床位'],
    kinds: INST,
    type: 'integer',
    public: true,
    description: '核定托位数（托育机构）或床位数（母婴护理机构）。',
  },
  {
    key: 'serviceTypes',
    label: '服务类型',
    aliases: ['托育类型', '服务方式', '服务项目'],
    kinds: INST,
    type: 'list',
    public: true,
    freeText: true,
    filterable: true,
    description: '全日托、半日托、计时托、临时托等；多个值以“、”分隔。',
  },
  {
    key: 'operator',
    label: '举办方',
    aliases: ['举办单位', '举办主体', '举办单位性质', '举办者性质'],
    kinds: INST,
    type: 'text',
    public: true,
    freeText: true,
    description: '举办方（企业、社会组织、事业单位、个体工商户等）。',
  },
  {
    key: 'nature',
    label: '机构性质',
    aliases: ['办园性质', '办学性质', '性质'],
    kinds: INST,
    type: 'text',
    carriedIn: INST,
    public: true,
    freeText: true,
    description: '公办、民办、普惠等，按发布原文。',
  },
  {
    key: 'filed',
    label: '备案时间',
    aliases: [
      '备案日期',
      '登记日期',
      '登记时间',
      '备案通过时间',
      '备案通过日期',
      'finished_time',
      'finishedTime',
    ],
    kinds: INST,
    type: 'date',
    public: true,
    description: '向卫生健康部门备案（或登记）的日期。',
  },
  {
    key: 'listStatus',
    label: '备案状态',
    aliases: ['状态(备案)', '名单状态'],
    kinds: INST,
    type: 'enum',
    public: true,
    description: '正常/有效表示在名单中；注销、撤销表示已移出名单。',
  },
  {
    key: 'statusDate',
    label: '状态变更日期',
    aliases: ['注销日期', '撤销日期', '变更日期', '注销时间'],
    kinds: INST,
    type: 'date',
    public: true,
    description: '注销或撤销的日期。',
  },
  {
    key: 'statusReason',
    label: '注销原因',
    aliases: ['撤销原因', '变更原因', '注销(撤销)原因'],
    kinds: INST,
    type: 'text',
    public: true,
    freeText: true,
    description: '注销或撤销的原因，按发布原文。',
  },
  {
    key: 'fees',
    label: '收费标准',
    aliases: ['收费标准(元/月)', '月收费', '收费', '收费标准(元)'],
    kinds: INST,
    type: 'text',
    carriedIn: INST,
    public: true,
    freeText: true,
    description: '公布的收费标准，按原文保留。',
  },
  {
    key: 'longitude',
    label: '经度',
    aliases: [],
    kinds: INST,
    type: 'number',
    public: true,
    description: '经度，发布时的坐标系由来源说明（crs）给出，入库时统一转换为 WGS-84。',
  },
  {
    key: 'latitude',
    label: '纬度',
    aliases: [],
    kinds: INST,
    type: 'number',
    public: true,
    description: '纬度（WGS-84）。',
  },
  {
    key: 'documentNumber',
    label: '行政处罚决定书文号',
    aliases: ['处罚决定书文号', '决定书文号', '文号', '处罚文书书号', '处罚文书号', '决定文书号', 'penDecNo'],
    kinds: PEN,
    requiredIn: PEN,
    type: 'code',
    public: true,
    description: '行政处罚决定书文号；同一文号由多个来源发布时只计一次。',
  },
  {
    key: 'violationType',
    label: '违法行为类型',
    aliases: ['违法行为', '案由', '处罚名称', 'illegActType'],
    kinds: PEN,
    type: 'text',
    carriedIn: PEN,
    public: true,
    freeText: true,
    description: '违法行为的类型（简表中可能直接是违法事实）。',
  },
  {
    key: 'facts',
    label: '违法事实',
    aliases: ['主要违法事实', '处罚事由'],
    kinds: PEN,
    type: 'text',
    carriedIn: PEN,
    public: true,
    freeText: true,
    description: '违法事实。其中出现的证件号码、手机号码和自然人姓名会被遮蔽。',
  },
  {
    key: 'basis',
    label: '处罚依据',
    aliases: ['法律依据'],
    kinds: PEN,
    type: 'text',
    carriedIn: PEN,
    public: true,
    freeText: true,
    description: '作出处罚所依据的法律条款。',
  },
  {
    key: 'categories',
    label: '处罚类别',
    aliases: ['处罚种类', '处罚类型'],
    kinds: PEN,
    type: 'list',
    public: true,
    freeText: true,
    filterable: true,
    description: '警告、通报批评、罚款、没收违法所得等（行政处罚法第九条）；多个值以“、”分隔。',
  },
  {
    key: 'content',
    label: '处罚内容',
    aliases: ['处罚结果', '处罚决定', '行政处罚内容', 'penContent'],
    kinds: PEN,
    type: 'text',
    public: true,
    freeText: true,
    description: '处罚内容，按原文。',
  },
  {
    key: 'fine',
    label: '罚款金额(万元)',
    aliases: ['处罚金额(万元)', '罚款金额(万)', '罚没金额(万元)'],
    kinds: PEN,
    type: 'amount',
    amount: { measures: 'fine', unit: 'wan' },
    public: true,
    description: '罚款金额。入库时统一换算为元（整数），并保留原文。',
  },
  {
    key: 'fineYuan',
    label: '罚款金额(元)',
    aliases: ['罚款金额', '处罚金额(元)', '罚款数额(元)'],
    kinds: PEN,
    type: 'amount',
    amount: { measures: 'fine', unit: 'yuan' },
    public: true,
    description: '以元为单位公布的罚款金额，与“罚款金额(万元)”合并为同一字段。',
  },
  {
    key: 'confiscated',
    label: '没收违法所得、没收非法财物的金额(万元)',
    aliases: ['没收违法所得、没收非法财务的金额(万元)', '没收金额(万元)'],
    kinds: PEN,
    type: 'amount',
    amount: { measures: 'confiscated', unit: 'wan' },
    public: true,
    description: '没收违法所得、非法财物的金额，换算为元（整数）。',
  },
  {
    key: 'confiscatedYuan',
    label: '没收金额(元)',
    aliases: ['没收违法所得(元)'],
    kinds: PEN,
    type: 'amount',
    amount: { measures: 'confiscated', unit: 'yuan' },
    public: true,
    description: '以元为单位公布的没收金额。',
  },
  {
    key: 'licence',
    label: '暂扣或吊销证照名称及编号',
    aliases: [],
    kinds: PEN,
    type: 'text',
    public: true,
    freeText: true,
    description: '暂扣或吊销的证照名称及编号。',
  },
  {
    key: 'decided',
    label: '处罚决定日期',
    aliases: [
      '处罚日期',
      '作出处罚决定日期',
      '决定日期',
      '处罚决定时间',
      '作出行政处罚决定日期',
      'penDecIssDate',
    ],
    kinds: PEN,
    requiredIn: PEN,
    type: 'date',
    public: true,
    description: '作出处罚决定的日期。',
  },
  {
    key: 'validUntil',
    label: '处罚有效期',
    aliases: [],
    kinds: PEN,
    type: 'date',
    public: true,
    description: '处罚有效期。',
  },
  {
    key: 'publicUntil',
    label: '公示截止期',
    aliases: ['公示截止日期', '公示期限'],
    kinds: PEN,
    type: 'date',
    public: true,
    description: '公示截止日期。未公布时按规则推算（见“关于”页），推算值会标明。',
  },
  {
    key: 'publicFrom',
    label: '公示日期',
    aliases: ['公示开始日期', '公示时间'],
    kinds: PEN,
    type: 'date',
    public: false,
    description: '信用平台开始公示的日期；公示期从处罚决定日期起算，此日期不单独发布。',
  },
  {
    key: 'authority',
    label: '处罚机关',
    aliases: [
      '执法机关',
      '检查机关',
      '实施机关',
      '作出决定机关',
      '作出行政处罚决定机关名称',
      '决定机关名称',
      '处罚单位',
      '处罚机关名称',
      'penAuth_CN',
    ],
    kinds: ['penalties', 'inspections'],
    type: 'text',
    carriedIn: ['penalties', 'inspections'],
    public: true,
    freeText: true,
    description: '作出处罚决定或实施检查的机关。',
  },
  {
    key: 'authorityUscc',
    label: '处罚机关统一社会信用代码',
    aliases: [],
    kinds: PEN,
    type: 'code',
    public: true,
    description: '处罚机关的统一社会信用代码。',
  },
  {
    key: 'dataSource',
    label: '数据来源单位',
    aliases: [],
    kinds: PEN,
    type: 'text',
    public: true,
    freeText: true,
    description: '数据来源单位。',
  },
  {
    key: 'dataSourceUscc',
    label: '数据来源单位统一社会信用代码',
    aliases: [],
    kinds: PEN,
    type: 'code',
    public: true,
    description: '数据来源单位的统一社会信用代码。',
  },
  {
    key: 'penaltyState',
    label: '当前状态',
    aliases: ['状态', '处罚状态'],
    kinds: PEN,
    type: 'enum',
    public: true,
    description: '正常/有效表示处罚决定有效；撤销、已撤销表示已撤回，不再公示。',
  },
  {
    key: 'task',
    label: '抽查任务名称',
    aliases: ['任务名称'],
    kinds: ['inspections'],
    type: 'text',
    carriedIn: ['inspections'],
    public: true,
    freeText: true,
    description: '“双随机、一公开”抽查任务的名称。',
  },
  {
    key: 'item',
    label: '检查事项',
    aliases: ['抽查事项', '检查内容'],
    kinds: ['inspections'],
    type: 'text',
    carriedIn: ['inspections'],
    public: true,
    freeText: true,
    description: '检查事项。',
  },
  {
    key: 'inspected',
    label: '检查日期',
    aliases: ['检查时间', '抽查日期'],
    kinds: ['inspections'],
    requiredIn: ['inspections'],
    type: 'date',
    public: true,
    description: '实施检查的日期。',
  },
  {
    key: 'result',
    label: '检查结果',
    aliases: ['抽查结果'],
    kinds: ['inspections'],
    requiredIn: ['inspections'],
    type: 'enum',
    public: true,
    freeText: true,
    filterable: true,
    description: '合格、不合格或责令整改（“未发现问题”记为合格，“发现问题已责令改正”记为责令整改）。',
  },
  {
    key: 'listedReason',
    label: '列入事由',
    aliases: ['列入原因', '列入黑名单事由'],
    kinds: ['list-actions'],
    type: 'text',
    public: true,
    freeText: true,
    description: '列入黑名单的事由。',
  },
  {
    key: 'listedOn',
    label: '列入日期',
    aliases: ['列入时间'],
    kinds: ['list-actions'],
    type: 'date',
    public: true,
    description: '列入黑名单的日期。',
  },
  {
    key: 'removedOn',
    label: '移出日期',
    aliases: ['移出时间'],
    kinds: ['list-actions'],
    type: 'date',
    public: true,
    description: '移出黑名单的日期。',
  },
  {
    key: 'removedReason',
    label: '移出原因',
    aliases: ['移出事由'],
    kinds: ['list-actions'],
    type: 'text',
    public: true,
    freeText: true,
    description: '移出黑名单的原因。',
  },
  {
    key: 'remarks',
    label: '备注',
    aliases: ['说明'],
    kinds: ALL,
    type: 'text',
    carriedIn: ['institutions', 'penalties'],
    public: true,
    freeText: true,
    description: '备注。其中出现的证件号码和手机号码会被遮蔽。',
  },
] as const satisfies readonly FieldDef[];

export type FieldKey = (typeof FIELDS)[number]['key'];

type CarriedDef = Extract<(typeof FIELDS)[number], { carriedIn: readonly SourceKind[] }>;

/** The keys of the fields a record of kind K carries as published text (FieldDef.carriedIn), as a type. */
export type CarriedKey<K extends SourceKind> = CarriedDef extends infer D
  ? D extends { key: infer Key; carriedIn: readonly (infer In)[] }
    ? K extends In
      ? Key
      : never
    : never
  : never;

/** The carried text of a record of kind K. */
export type CarriedText<K extends SourceKind> = { [P in CarriedKey<K>]: string | null };

// Both lists are read for every row the normaliser reads: worked out once from the dictionary, not on each call.
const CARRIED: ReadonlyMap<SourceKind, readonly FieldKey[]> = new Map(
  SOURCE_KINDS.map((kind) => [
    kind,
    FIELDS.filter((f: FieldDef) => f.carriedIn?.includes(kind)).map((f) => f.key),
  ]),
);

/** The fields a record of kind K carries as published text, in dictionary order. */
export function carriedFields<K extends SourceKind>(kind: K): readonly CarriedKey<K>[] {
  return (CARRIED.get(kind) ?? []) as readonly CarriedKey<K>[];
}

export const FIELD_BY_KEY: ReadonlyMap<FieldKey, FieldDef> = new Map(FIELDS.map((f) => [f.key, f]));

const AMOUNT_COLUMNS: ReadonlyMap<AmountMeasure, readonly { key: FieldKey; unit: AmountUnit }[]> = new Map(
  AMOUNT_MEASURES.map((measures) => [
    measures,
    FIELDS.flatMap((f: FieldDef) =>
      f.type === 'amount' && f.amount?.measures === measures
        ? [{ key: f.key as FieldKey, unit: f.amount.unit }]
        : [],
    ),
  ]),
);

/** The amount columns of one measure, in dictionary order, each with its unit. */
export function amountColumns(measures: AmountMeasure): readonly { key: FieldKey; unit: AmountUnit }[] {
  return AMOUNT_COLUMNS.get(measures) ?? [];
}

export function field(key: FieldKey): FieldDef {
  const f = FIELD_BY_KEY.get(key);
  if (!f) throw new Error(`unknown field ${key}`);
  return f;
}

/** Chinese label of a field, for templates. */
export function label(key: FieldKey): string {
  return field(key).label;
}

/**
 * The form a header is compared in: NFKC (full-width brackets and letters to half-width), no whitespace or invisible
 * character of any kind (domain/whitespace.ts).
 * `罚款金额（万元）`, `罚款金额(万元)` and `罚款金额 (万元)` all become `罚款金额(万元)`.
 */
export function headerKey(header: string): string {
  return withoutBlanks(header.normalize('NFKC')).replace(/（/g, '(').replace(/）/g, ')');
}

const HEADER_INDEX: ReadonlyMap<string, FieldDef> = (() => {
  const m = new Map<string, FieldDef>();
  for (const f of FIELDS) {
    for (const h of [f.label, ...f.aliases]) {
      const k = headerKey(h);
      if (m.has(k)) throw new Error(`header ${h} maps to two fields`);
      m.set(k, f);
    }
  }
  return m;
})();

/** The field a published header means, or undefined for an unknown column. */
export function fieldForHeader(header: string): FieldDef | undefined {
  return HEADER_INDEX.get(headerKey(header));
}
