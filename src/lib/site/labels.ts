/**
 * Words the site uses for values that are not fields: statuses, sectors, lists, reasons and problem codes.
 * Field labels come from the field dictionary (src/lib/domain/fields.ts), not from here.
 */
import type { HiddenReason, ListName, Sector, SourceKind, Status } from '../domain/schemas.ts';

export interface StatusInfo {
  /** Short label shown in badges. */
  label: string;
  /** A symbol shown next to the label so the status never depends on colour alone. */
  icon: string;
  /** Plain-language meaning, for families. */
  explanation: string;
  /** ASCII slug for URLs and CSS classes. */
  slug: Status;
}

export const STATUS_INFO: Readonly<Record<Status, StatusInfo>> = {
  blacklisted: {
    slug: 'blacklisted',
    label: '黑名单',
    icon: '⊘',
    explanation: '该机构已被主管部门列入黑名单，截至数据日期尚未移出。',
  },
  sanctioned: {
    slug: 'sanctioned',
    label: '处罚公示中',
    icon: '⚠',
    explanation: '该机构有仍在公示期内的行政处罚。处罚不等于停业，详情见下方执法记录。',
  },
  removed: {
    slug: 'removed',
    label: '已注销',
    icon: '✕',
    explanation: '该机构已从公布的名单中注销或撤销，不再是在册机构。',
  },
  listed: {
    slug: 'listed',
    label: '在册',
    icon: '✓',
    explanation: '该机构在主管部门公布的名单中，截至数据日期没有公示期内的行政处罚。',
  },
  proposed: {
    slug: 'proposed',
    label: '拟认定（公示中）',
    icon: '…',
    explanation:
      '该机构只出现在主管部门的拟认定（拟确认、拟备案）公示中：公示期间名单尚未确定，不表示已列入名单；以后公布的正式名单会予以确认。',
  },
};

export const SECTOR_LABEL: Readonly<Record<Sector, string>> = {
  childcare: '托育机构',
  postpartum: '母婴护理机构',
};

/** Sector as a prefix: 托育机构名单, 母婴护理行政处罚. */
export const SECTOR_SHORT: Readonly<Record<Sector, string>> = {
  childcare: '托育',
  postpartum: '母婴护理',
};

export const SECTOR_EXPLANATION: Readonly<Record<Sector, string>> = {
  childcare: '为 3 岁以下婴幼儿提供全日托、半日托、计时托、临时托等照护服务的机构。',
  postpartum: '为产妇和新生儿提供产后护理服务的机构（月子中心、母婴护理中心、产后康复中心）。',
};

export const LIST_LABEL: Readonly<Record<ListName, string>> = {
  备案: '备案名单',
  登记: '登记名单',
  普惠: '普惠托育机构名单',
  示范: '示范托育机构名单',
  白名单: '白名单',
  黑名单: '黑名单',
};

export const KIND_LABEL: Readonly<Record<SourceKind, string>> = {
  institutions: '机构名单',
  penalties: '行政处罚',
  inspections: '双随机抽查结果',
  'list-actions': '名单变动（列入／移出）',
};

export const HIDDEN_REASON_LABEL: Readonly<Record<HiddenReason, string>> = {
  expired: '公示期已满，不再公示',
  'warning-only': '仅为警告，按规定不公示',
  withdrawn: '处罚决定已撤销，撤回公示',
};

export function hiddenReasonLabel(reason: string): string {
  return (HIDDEN_REASON_LABEL as Record<string, string>)[reason] ?? reason;
}

/** Chinese explanations of the validator's problem codes, as an agency clerk would read them. */
export const PROBLEM_LABEL: Readonly<Record<string, string>> = {
  'missing-required': '必填项为空（如机构名称、文号、处罚决定日期），该行未采用',
  'invalid-date': '日期无法识别或不存在（如 2月30日），该行未采用',
  'future-date': '日期晚于数据日期，不可能成立，该行未采用',
  'bad-uscc-charset': '统一社会信用代码含有不允许的字符（如字母 I、O、Z、S、V），该行未采用',
  'bad-uscc-length': '统一社会信用代码不是 18 位，该行未采用',
  'uscc-checksum': '统一社会信用代码校验位不符，按原值保留并提示',
  'uscc-normalised': '统一社会信用代码以全角、小写或夹带空格的形式发布，已规范为半角大写后采用',
  'person-id-number': '在应填机构代码处出现了居民身份证号码，为保护个人信息该行未采用',
  'pii-redacted': '备注或违法事实中的证件号码、手机号码已遮蔽',
  'duplicate-row': '与同一文件中前面的行完全重复，已合并',
  'unknown-region': '区县名称不是规范的行政区划，已按发布机关所在地区归档',
  'unknown-column': '有无法识别的列，该列内容未发布',
  'invalid-amount': '金额为负数或无法识别，该行未采用',
  'amount-suspect': '金额远超法定上限，可能把“元”填入了“万元”列，请核对原文',
  'invalid-coordinates': '经纬度不在中国范围内或颠倒，已丢弃或纠正',
  'invalid-number': '数字无法识别（如托位数），该值未采用',
  'invalid-value': '取值不在允许的范围内，该值未采用',
  'unknown-category': '处罚类别不是行政处罚法第九条规定的种类，按原文保留',
  'document-number-conflict': '同一决定书文号对应不同的行政相对人，按两条处罚分别发布，请核对文号',
  'penalty-outside-region': '处罚关联到的机构登记在发布机关所辖地区以外，仍予关联，请核对代码或名称',
  'bad-manifest': '来源说明文件（source.yml）有误',
  'missing-file': '来源说明中列出的文件不存在',
  'unlisted-file': '目录中有来源说明未列出的文件，未读取',
  'empty-file': '文件为空',
  'file-too-large': '文件过大，未读取',
  'corrupt-file': '文件已损坏，无法读取',
  'unsupported-format': '文件格式不受支持',
  'no-data-table': '网页或文档中没有数据表格',
  'needs-ocr': '图片或扫描件没有文字层，需要人工录入或 OCR',
  'table-not-found': '来源说明指定的表格在文件中没有找到',
  'csv-syntax': 'CSV 文件格式有误（如引号不配对）',
  'mixed-encoding': '文件中混用了多种字符编码',
  'no-header': '找不到表头行',
  'missing-column': '缺少必需的列',
  'duplicate-column': '同一字段出现在两列中',
  'sheet-ignored': '工作簿中的其他工作表未读取',
};

export function problemLabel(code: string): string {
  return PROBLEM_LABEL[code] ?? code;
}

/** 处罚类别 values (行政处罚法 art. 9) and their URL slugs; other values share the slug 'other'. */
export const PENALTY_CATEGORIES = [
  ['警告', 'warning'],
  ['通报批评', 'criticism'],
  ['罚款', 'fine'],
  ['没收违法所得', 'confiscate-income'],
  ['没收非法财物', 'confiscate-property'],
  ['暂扣许可证件', 'suspend-licence'],
  ['降低资质等级', 'downgrade'],
  ['吊销许可证件', 'revoke-licence'],
  ['限制开展生产经营活动', 'restrict-business'],
  ['责令停产停业', 'suspend-business'],
  ['责令关闭', 'close'],
  ['限制从业', 'restrict-practice'],
  ['行政拘留', 'detention'],
  ['其他', 'other'],
] as const;

const CATEGORY_SLUG: ReadonlyMap<string, string> = new Map(PENALTY_CATEGORIES);
const SLUG_CATEGORY: ReadonlyMap<string, string> = new Map(PENALTY_CATEGORIES.map(([c, s]) => [s, c]));

export function categorySlug(category: string): string {
  return CATEGORY_SLUG.get(category) ?? 'other';
}

export function categoryForSlug(slug: string): string {
  return SLUG_CATEGORY.get(slug) ?? slug;
}

export const INSPECTION_RESULT_ICON: Readonly<Record<string, string>> = {
  合格: '✓',
  不合格: '✕',
  责令整改: '⚠',
};

export const REGION_LEVEL_LABEL = { province: '省级', city: '地市级', county: '县级' } as const;

/** Sort rank of each status, strongest first, for sortable tables. */
export const STATUSES_ORDER: Readonly<Record<Status, number>> = {
  blacklisted: 0,
  sanctioned: 1,
  removed: 2,
  listed: 3,
  proposed: 4,
};
