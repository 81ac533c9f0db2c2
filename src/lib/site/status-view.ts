/**
 * What a family must see first about one institution, in one place for the page banner, the list badges, search
 * results and downloads: its status, whether an order stops or restricts its service (stronger than a fine), and
 * whether it is on any published list at all (an institution known only from a penalty is unregistered). Pure.
 */
import type { Institution } from '../domain/schemas.ts';
import { formatDate } from './format.ts';
import { STATUS_INFO } from './labels.ts';

export type StatusViewInput = Pick<Institution, 'status' | 'stopOrder' | 'lists' | 'events' | 'sector'>;

export interface StatusView {
  /** CSS and data slug: a status, or `stop-order` when an order stops the service of an institution not blacklisted. */
  slug: string;
  label: string;
  icon: string;
  explanation: string;
}

export const STOP_ORDER_LABEL = '责令停止服务';
/**
 * The sign of an order to stop is drawn, not written: the emoji (U+26D4) has no glyph without an emoji font and
 * showed as an empty box in browsers on such machines. `icon` is empty for it; StatusIcon.astro and the search
 * results draw STOP_ORDER_ICON_PATH instead — a disc with a bar cut out, in the text colour, so the badge's own
 * background shows through the bar.
 */
export const STOP_ORDER_ICON_PATH = 'M8 1a7 7 0 1 0 0 14A7 7 0 1 0 8 1ZM3.5 6.5v3h9v-3Z';
export const STOP_ORDER_ICON_VIEWBOX = '0 0 16 16';
const STOP_ORDER_ICON = '';

/**
 * Known only from a penalty: on no published 备案/登记/普惠/示范/白名单 list now or before (a 黑名单 entry is no
 * registration).
 */
export function isUnlisted(inst: Pick<Institution, 'lists' | 'events'>): boolean {
  return inst.lists.length === 0 && !inst.events.some((e) => e.list !== '黑名单');
}

/** 未备案 for 托育 (filing is the duty), 未在名单 for 母婴护理 (no national filing). */
export function unlistedLabel(inst: Pick<Institution, 'sector'>): string {
  return inst.sector === 'childcare' ? '未备案' : '未在名单';
}

export function unlistedExplanation(inst: Pick<Institution, 'sector'>): string {
  return inst.sector === 'childcare'
    ? '该机构不在主管部门公布的任何托育机构备案名单中，本站仅因其行政处罚信息而收录。未备案的托育机构不应向社会提供托育服务。'
    : '该机构不在主管部门公布的任何母婴护理机构名单中，本站仅因其行政处罚信息而收录。';
}

/** The order as one sentence: 凯卫罚〔2026〕15号（2026年9月18日）：责令停止托育服务. */
export function stopOrderText(order: NonNullable<Institution['stopOrder']>): string {
  return `${order.order}（${order.documentNumber}，${formatDate(order.decided)}）`;
}

export function statusView(inst: StatusViewInput): StatusView {
  if (inst.stopOrder && inst.status !== 'blacklisted') {
    return {
      slug: 'stop-order',
      label: STOP_ORDER_LABEL,
      icon: STOP_ORDER_ICON,
      explanation: `主管部门已作出行政处罚决定：${stopOrderText(inst.stopOrder)}。在主管部门确认其恢复经营之前，该机构不应提供服务；送托或入住前请向主管部门核实。`,
    };
  }
  return STATUS_INFO[inst.status];
}

/** The status label a download shows: the status, with the order or the missing registration after it. */
export function statusNote(inst: StatusViewInput): string | null {
  const parts: string[] = [];
  if (inst.stopOrder) parts.push(stopOrderText(inst.stopOrder));
  if (isUnlisted(inst)) parts.push(`${unlistedLabel(inst)}（不在任何已公布的名单中，因行政处罚信息收录）`);
  return parts.length ? parts.join('；') : null;
}

/** Badge words for a status slug as search results carry it (a status or stop-order). */
export function badgeForSlug(slug: string): Pick<StatusView, 'slug' | 'label' | 'icon'> | null {
  if (slug === 'stop-order') return { slug, label: STOP_ORDER_LABEL, icon: STOP_ORDER_ICON };
  return (STATUS_INFO as Record<string, StatusView | undefined>)[slug] ?? null;
}
