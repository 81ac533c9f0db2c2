/**
 * Multi-valued and enumerated cells: 处罚类别 and 服务类型 lists, 检查结果, 备案状态 and 处罚状态 spellings.
 */
import { PENALTY_CATEGORIES as LAWFUL_CATEGORIES } from '../domain/rules/vocabularies.ts';
import { cleanText, compact, toSimplified } from './normalise-text.ts';

/** Split a list cell on 、，,;；/ and newlines; items trimmed, empty ones and repeats dropped, order kept. */
export function splitList(v: string | null): string[] {
  const text = cleanText(v);
  if (text === null) return [];
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[、，,;；/／\n]+/)) {
    const item = cleanText(part);
    if (item === null) continue;
    const key = compact(item);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out;
}

/** A decision whose only category is 警告 (SAMR Order 45: not published). */
export function isWarningOnly(categories: string[]): boolean {
  return categories.length > 0 && categories.every((c) => compact(c) === '警告');
}

/** 处罚类别 as 行政处罚法 (2021) art. 9 lists them. */
export const PENALTY_CATEGORIES: readonly string[] = LAWFUL_CATEGORIES.map(([c]) => c);

/**
 * Spellings that name a lawful category in other words: the 2017 law's 暂扣或者吊销许可证/执照 (still in the
 * national 双公示 template) and 人口与计划生育法 art. 41's 责令停止托育服务.
 */
const CATEGORY_VARIANTS = new Set([
  '暂扣或者吊销许可证',
  '暂扣或者吊销执照',
  '暂扣或吊销许可证',
  '暂扣或吊销执照',
  '暂扣许可证',
  '暂扣执照',
  '吊销许可证',
  '吊销执照',
  '吊销营业执照',
  '没收违法所得和非法财物',
  '没收违法所得没收非法财物',
  '责令停止托育服务',
  '责令停业',
  '责令停业整顿',
]);
const LAWFUL = new Set<string>(PENALTY_CATEGORIES);

/** Items of a 处罚类别 list that name no category of the law (约谈, 批评教育 …); [] when all are lawful. */
export function unknownCategories(categories: string[]): string[] {
  return categories.filter((c) => {
    const w = toSimplified(wording(c));
    // 其他 may carry what it is: 其他-责令改正, 其他（责令退还预收费用）.
    return !(
      LAWFUL.has(w) ||
      CATEGORY_VARIANTS.has(w) ||
      w.startsWith('其他') ||
      w.endsWith('规定的其他行政处罚')
    );
  });
}

/** An enumerated cell reduced to its wording: no spaces, half-width, no punctuation. */
const wording = (v: string | null): string => compact(cleanText(v) ?? '').replace(/[\p{P}\p{S}]/gu, '');

const PASSED = new Set([
  '合格',
  '未发现问题',
  '正常',
  '符合要求',
  '符合',
  '未发现违法违规行为',
  '未发现违法行为',
  '通过',
]);
const ORDERED = new Set([
  '发现问题已责令改正',
  '发现问题已责令整改',
  '责令整改',
  '责令改正',
  '限期整改',
  '限期改正',
  '责令限期整改',
  '责令限期改正',
]);
const FAILED = new Set(['不合格', '发现问题', '不符合要求', '不符合']);

/** 双随机 检查结果 in the three values the site shows; null when the wording is not recognised. */
export function normaliseInspectionResult(v: string): { result: '合格' | '不合格' | '责令整改' } | null {
  const w = wording(v);
  if (PASSED.has(w)) return { result: '合格' };
  if (ORDERED.has(w)) return { result: '责令整改' };
  if (FAILED.has(w)) return { result: '不合格' };
  if (/责令(?:限期)?(?:整改|改正)|限期(?:整改|改正)/.test(w)) return { result: '责令整改' };
  if (/^(?:不合格|不符合)/.test(w)) return { result: '不合格' };
  return null;
}

/** 备案状态: on the list, or removed by 注销 / 撤销; null when empty or not recognised. */
export function normaliseListStatus(v: string | null): 'active' | '注销' | '撤销' | null {
  const w = wording(v);
  if (w === '正常' || w === '有效' || w === '在册' || w === '已备案') return 'active';
  if (w === '注销' || w === '已注销') return '注销';
  if (w === '撤销' || w === '已撤销' || w === '被撤销') return '撤销';
  return null;
}

/** 当前状态 of a penalty: in force, or withdrawn (行政处罚法 art. 48); null when empty or not recognised. */
export function normalisePenaltyState(v: string | null): 'in-force' | 'withdrawn' | null {
  const w = wording(v);
  if (w === '正常' || w === '有效') return 'in-force';
  if (w === '撤销' || w === '已撤销' || w === '撤回' || w === '已撤回') return 'withdrawn';
  return null;
}
