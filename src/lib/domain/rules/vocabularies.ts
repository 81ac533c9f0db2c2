/**
 * The register's closed vocabularies, each defined once. Free of zod so that browser scripts (the map) can import
 * them without the schema library; schemas.ts builds its enums from these.
 */

export const SOURCE_KINDS = ['institutions', 'penalties', 'inspections', 'list-actions'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const SECTORS = ['childcare', 'postpartum'] as const;
export type Sector = (typeof SECTORS)[number];

export const LISTS = ['备案', '登记', '普惠', '示范', '白名单', '黑名单'] as const;
export type ListName = (typeof LISTS)[number];

/** Status precedence, strongest first (docs/rules.md, "Status"). */
export const STATUSES = ['blacklisted', 'sanctioned', 'removed', 'listed', 'proposed'] as const;
export type Status = (typeof STATUSES)[number];

/** Why a penalty is not shown (docs/rules.md, "How long a penalty stays public"). */
export const HIDDEN_REASONS = ['expired', 'warning-only', 'withdrawn'] as const;
export type HiddenReason = (typeof HIDDEN_REASONS)[number];

/**
 * Why a kept row is not shown: the penalty reasons, a notice published after the as-of date, and a list entry whose
 * name is a natural person's.
 */
export type RowHiddenReason = HiddenReason | 'not-yet-published' | 'natural-person';

/** The words the site and the report use for each reason. */
export const HIDDEN_REASON_LABEL: Readonly<Record<RowHiddenReason, string>> = {
  expired: '公示期已满，不再公示',
  'warning-only': '仅为警告，按规定不公示',
  withdrawn: '处罚决定已撤销，撤回公示',
  'not-yet-published': '来源公告晚于数据日期发布，尚未公布',
  'natural-person': '名单中的名称是自然人姓名，为保护个人信息不予公开',
};

/** The coordinate systems a source may publish 经度/纬度 in; the register converts GCJ-02 to WGS-84. */
export const CRS = ['wgs84', 'gcj02'] as const;
export type Crs = (typeof CRS)[number];

/** What a list-actions notice (or a 备案状态 column) does to an institution's place on a list. */
export const LIST_ACTIONS = ['列入', '移出', '注销', '撤销'] as const;
export type ListAction = (typeof LIST_ACTIONS)[number];

/** A list event: a list action, or 拟列入 for an entry on a list published for comment (拟认定). */
export const EVENT_ACTIONS = [...LIST_ACTIONS, '拟列入'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

export const INSPECTION_RESULTS = ['合格', '不合格', '责令整改'] as const;

/** 处罚类别 as 行政处罚法 (2021) art. 9 lists them, with the URL slug of each. */
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
