/**
 * Whether a penalty may be shown as of a date. The rules (DOMAIN.md):
 * - 行政处罚法 art. 48: a withdrawn (撤销) decision is taken down.
 * - SAMR Order 45 art. 6: a decision that is only a 警告 (no fine, no confiscation) is not published.
 * - The publicity window ends on the published 公示截止期. Where none is published it is derived: 3 months for a
 *   decision that is only 通报批评, or only a fine of at most 3,000 yuan with nothing else (SAMR Order 45 art. 13,
 *   "仅受到通报批评或者较低数额罚款"); otherwise 3 years (SAMR Order 45; NDRC Order 58 sets 3 years as the maximum).
 */
import type { HiddenReason, RowHiddenReason } from '../domain/schemas.ts';
import { addMonths, addYears, isAfter } from './parse-date.ts';
import { isWarningOnly } from './split-list.ts';

export const SMALL_FINE_YUAN = 3000;

export interface PenaltyFacts {
  decided: string;
  publicUntil: string | null;
  categories: string[];
  fineYuan: number;
  confiscatedYuan: number;
  withdrawn: boolean;
}

export function publicityWindow(p: PenaltyFacts): { until: string; derived: boolean } {
  if (p.publicUntil) return { until: p.publicUntil, derived: false };
  const cats = p.categories.filter((c) => c !== '警告');
  const onlyCriticism = cats.length > 0 && cats.every((c) => c === '通报批评');
  const onlySmallFine =
    cats.length > 0 &&
    cats.every((c) => c === '罚款' || c === '通报批评') &&
    p.fineYuan > 0 &&
    p.fineYuan <= SMALL_FINE_YUAN &&
    p.confiscatedYuan === 0;
  const until = onlyCriticism || onlySmallFine ? addMonths(p.decided, 3) : addYears(p.decided, 3);
  return { until, derived: true };
}

export function hiddenReason(p: PenaltyFacts, asOf: string): HiddenReason | null {
  if (p.withdrawn) return 'withdrawn';
  if (isWarningOnly(p.categories) && p.fineYuan === 0 && p.confiscatedYuan === 0) return 'warning-only';
  const { until } = publicityWindow(p);
  // The window includes its last day.
  if (isAfter(asOf, until)) return 'expired';
  return null;
}

export const HIDDEN_REASON_LABELS: Record<RowHiddenReason, string> = {
  expired: '公示期已满',
  'warning-only': '仅警告，依规不公示',
  withdrawn: '处罚决定已撤销',
  'natural-person': '名称为自然人姓名，不予公开',
};

/** A hidden row as the text report names it: the reason and, for an expired decision, when and by what it ended. */
export function hiddenLabel(h: { reason: string; until?: string; derived?: boolean }): string {
  const label = (HIDDEN_REASON_LABELS as Record<string, string>)[h.reason] ?? h.reason;
  if (h.reason !== 'expired' || !h.until) return label;
  return `${label}（${h.until}，${h.derived ? '按规则推算' : '按公布的公示截止期'}）`;
}
