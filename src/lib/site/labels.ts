/**
 * Words the site uses for values that are not fields: statuses, sectors, lists, reasons and problem codes.
 * Field labels come from the field dictionary (src/lib/domain/fields.ts), not from here.
 */
export { PROBLEM_LABEL, problemLabel } from '../domain/rules/problems.ts';

import { HIDDEN_REASON_LABEL, PENALTY_CATEGORIES, STATUSES } from '../domain/rules/vocabularies.ts';

export { HIDDEN_REASON_LABEL, PENALTY_CATEGORIES };

import type { ListName, Sector, SourceKind, Status } from '../domain/schemas.ts';

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
    explanation: '该机构有仍在公示期内的行政处罚。处罚本身不等于停业：罚款、警告等处罚不要求机构停止服务。',
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

/**
 * What capacity is counted in: 托位 for 托育, 床位 for 母婴护理 (a 月子 centre has beds, not childcare places). Every
 * page, list, map popup and summary that shows capacity takes its word from here.
 */
export const CAPACITY_LABEL: Readonly<Record<Sector, { field: string; unit: string }>> = {
  childcare: { field: '托位数', unit: '托位' },
  postpartum: { field: '床位数', unit: '床位' },
};

/** The header of a capacity column over institutions of these sectors. */
export function capacityHeader(sectors: Iterable<Sector>): string {
  const set = new Set(sectors);
  if (set.size === 1) return CAPACITY_LABEL[[...set][0] as Sector].field;
  return '托位数／床位数';
}

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

export function hiddenReasonLabel(reason: string): string {
  return (HIDDEN_REASON_LABEL as Record<string, string>)[reason] ?? reason;
}

/** 处罚类别 values other than those of 行政处罚法 art. 9 (PENALTY_CATEGORIES) share the slug 'other'. */
const CATEGORY_SLUG: ReadonlyMap<string, string> = new Map(PENALTY_CATEGORIES);
const SLUG_CATEGORY: ReadonlyMap<string, string> = new Map(PENALTY_CATEGORIES.map(([c, s]) => [s, c]));

export function categorySlug(category: string): string {
  return CATEGORY_SLUG.get(category) ?? 'other';
}

/** The category slugs of one decision, each once: a decision with several categories counts once in each. */
export function categorySlugs(categories: readonly string[]): ReadonlySet<string> {
  return new Set(categories.map(categorySlug));
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
export const STATUSES_ORDER: Readonly<Record<Status, number>> = Object.fromEntries(
  STATUSES.map((s, i) => [s, i]),
) as Record<Status, number>;
