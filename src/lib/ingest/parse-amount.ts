/**
 * Fine and confiscation amounts. The column gives the unit (its field dictionary entry: 万元 in the national 双公示
 * template, 元 in simple tables), but cells also carry their own unit ("3000元" in a 万元 column) or are written in
 * 大写 numerals ("壹万伍仟元整"). Everything becomes an integer number of yuan, with the published text kept beside it.
 */
import type { AmountUnit } from '../domain/fields.ts';
import { withoutBlanks } from '../domain/whitespace.ts';
import { cleanText, halfWidth } from './normalise-text.ts';

export type AmountResult =
  | { ok: true; yuan: number; text: string | null }
  | { ok: false; code: 'invalid-amount'; message: string };

/** Fines for childcare offences are capped at 100,000 yuan; ten times that is almost surely a unit mistake. */
export const AMOUNT_SUSPECT_YUAN = 1_000_000;

export function isSuspectAmount(yuan: number): boolean {
  return yuan >= AMOUNT_SUSPECT_YUAN;
}

const NO_AMOUNT = new Set(['无', '-', '/', '—', '——', '--', '空', '零', '零元']);

/** Amounts are computed exactly, as integers of 10⁻¹⁸ yuan, and rounded to whole yuan once at the end. */
const PRECISION = 18;
const ONE_YUAN = 10n ** BigInt(PRECISION);
const YUAN_PER: Record<AmountUnit, bigint> = { wan: 10_000n, yuan: 1n };

function decimalToExact(decimal: string, unit: AmountUnit): bigint | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) return null;
  const frac = (m[2] ?? '').slice(0, PRECISION).padEnd(PRECISION, '0');
  return BigInt((m[1] ?? '0') + frac) * YUAN_PER[unit];
}

/** Round half away from zero (amounts are never negative here). */
const exactToYuan = (exact: bigint): bigint => (exact + ONE_YUAN / 2n) / ONE_YUAN;

/** Digits 0–9, each with its 大写, Traditional and plain forms. */
const DIGIT_FORMS = [
  '零〇',
  '壹一',
  '贰貳二两兩',
  '叁參三',
  '肆四',
  '伍五',
  '陆陸六',
  '柒七',
  '捌八',
  '玖九',
];
const DIGIT: Record<string, number> = Object.fromEntries(
  DIGIT_FORMS.flatMap((forms, value) => [...forms].map((ch) => [ch, value] as const)),
);
const SMALL_UNIT: Record<string, number> = { 拾: 10, 十: 10, 佰: 100, 百: 100, 仟: 1000, 千: 1000 };
const CHINESE_AMOUNT =
  /^[零〇壹一贰貳二两兩叁參三肆四伍五陆陸六柒七捌八玖九拾十佰百仟千万萬亿億元圆圓角分]+$/;

/**
 * 大写 (or plain Chinese) numerals such as 壹万伍仟元, 贰仟伍佰元伍角, 伍万. Returns the exact amount in the given
 * unit, or null when the text is not a Chinese amount. A text naming 元/圆/万 carries its own unit.
 */
function parseChineseAmount(s: string, unit: AmountUnit): bigint | null {
  if (!CHINESE_AMOUNT.test(s)) return null;
  let yi = 0;
  let wan = 0;
  let section = 0;
  let digit: number | null = null;
  let yuan: number | null = null;
  let fen = 0;
  let ownUnit = false;
  let sawNumber = false;
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      if (digit !== null && digit !== 0) return null;
      digit = d;
      sawNumber = true;
    } else if (SMALL_UNIT[ch] !== undefined) {
      if (yuan !== null) return null;
      // 拾万 / 十五 without a leading digit means one ten.
      section += (digit ?? 1) * SMALL_UNIT[ch];
      digit = null;
      sawNumber = true;
    } else if (ch === '万' || ch === '萬') {
      if (yuan !== null || !sawNumber) return null;
      wan = section + (digit ?? 0);
      section = 0;
      digit = null;
      ownUnit = true;
    } else if (ch === '亿' || ch === '億') {
      if (yuan !== null || !sawNumber) return null;
      yi = wan * 10_000 + section + (digit ?? 0);
      wan = 0;
      section = 0;
      digit = null;
      ownUnit = true;
    } else if (ch === '元' || ch === '圆' || ch === '圓') {
      if (yuan !== null) return null;
      yuan = yi * 100_000_000 + wan * 10_000 + section + (digit ?? 0);
      digit = null;
      ownUnit = true;
    } else {
      // 角 or 分
      if (digit === null) return null;
      yuan ??= yi * 100_000_000 + wan * 10_000 + section;
      fen += digit * (ch === '角' ? 10 : 1);
      digit = null;
      ownUnit = true;
    }
  }
  if (!sawNumber) return null;
  if (yuan === null) yuan = yi * 100_000_000 + wan * 10_000 + section + (digit ?? 0);
  else if (digit !== null) return null;
  if (!Number.isSafeInteger(yuan)) return null;
  const exact = BigInt(yuan) * ONE_YUAN + (BigInt(fen) * ONE_YUAN) / 100n;
  return ownUnit ? exact : exact * YUAN_PER[unit];
}

/** Arabic amounts: 5 · 5.0000 · 5万 · 5万元 · 3000元 · 1.5万元 · 1万5000元. */
function parseArabicAmount(s: string, unit: AmountUnit): bigint | null {
  let m = /^(\d+(?:\.\d+)?)(万元?|元|圆)?$/.exec(s);
  if (m) {
    const own: AmountUnit | undefined =
      m[2] === undefined ? undefined : m[2].startsWith('万') ? 'wan' : 'yuan';
    return decimalToExact(m[1] ?? '', own ?? unit);
  }
  m = /^(\d+(?:\.\d+)?)万(\d+(?:\.\d+)?)元$/.exec(s);
  if (m) {
    const wan = decimalToExact(m[1] ?? '', 'wan');
    const yuan = decimalToExact(m[2] ?? '', 'yuan');
    return wan === null || yuan === null ? null : wan + yuan;
  }
  return null;
}

const notANumber = (text: string): AmountResult => ({
  ok: false,
  code: 'invalid-amount',
  message: `金额“${text}”不是可识别的数字`,
});

/**
 * Parse an amount cell. `unit` is the unit the column header names; a unit written in the cell wins over it.
 * Empty, 0, 无, - and / mean no amount (0 yuan); `text` keeps what was published (null when empty).
 */
export function parseAmount(v: unknown, unit: AmountUnit): AmountResult {
  if (v === null || v === undefined) return { ok: true, yuan: 0, text: null };
  let text: string | null;
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return notANumber(String(v));
    text = String(v);
    // JSON numbers such as 1e-7 print in exponent form; spell them out for the decimal parser.
    s = /e/i.test(text) && Math.abs(v) < 1e21 ? v.toFixed(20).replace(/\.?0+$/, '') : text;
  } else if (typeof v === 'string') {
    text = cleanText(v);
    if (text === null) return { ok: true, yuan: 0, text: null };
    s = text;
  } else {
    return notANumber(typeof v === 'boolean' ? String(v) : `（${typeof v}）`);
  }

  s = withoutBlanks(halfWidth(s)).replace(/(\d),(?=\d{3}(?:\D|$))/g, '$1');
  if (NO_AMOUNT.has(s)) return { ok: true, yuan: 0, text };
  if (/^[-−‒–—﹣]+\d/.test(s) || /^负/.test(s)) {
    return { ok: false, code: 'invalid-amount', message: `金额不能为负数：“${text}”` };
  }
  s = s
    .replace(/^罚款/, '')
    .replace(/^(?:人民币|RMB|CNY|¥)[:：]?/i, '')
    .replace(/^\+/, '')
    .replace(/[整正]$/, '');

  const exact = parseArabicAmount(s, unit) ?? parseChineseAmount(s, unit);
  if (exact === null) return notANumber(text);
  const yuan = exactToYuan(exact);
  if (yuan > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, code: 'invalid-amount', message: `金额“${text}”超出可处理的范围` };
  }
  return { ok: true, yuan: Number(yuan), text };
}

/**
 * The published text with the unit its column header gave it, when the cell names none: "10" in a 万元 column is
 * shown as "10 万元", so that a reader never takes the original for ten yuan. A cell with its own unit, or in 大写,
 * is kept as it is.
 */
export function withHeaderUnit(text: string, unit: AmountUnit): string {
  if (/[元圆万萬]/.test(text)) return text;
  return `${text} ${unit === 'wan' ? '万元' : '元'}`;
}
