/**
 * 统一社会信用代码 (GB 32100-2015) checks. Agencies publish codes in full-width or lower case, with spaces, with a
 * placeholder such as 无, and now and then a legal representative's resident ID number in the code column. That last
 * case must never reach the site, so it is tested first and its message never repeats the number.
 */
import { withoutBlanks } from '../domain/whitespace.ts';
import { cleanText, compact, halfWidth } from './normalise-text.ts';

export type UsccResult = {
  value: string | null;
  problem: null | {
    code: 'bad-uscc-charset' | 'bad-uscc-length' | 'uscc-checksum' | 'person-id-number';
    severity: 'error' | 'warning';
    message: string;
  };
  /**
   * A kept code that was published in another form (full-width, lower case, spaces inside): it is matched in its
   * normalised form, and the agency is told so rather than left to wonder why the site shows it differently.
   */
  normalised: null | { code: 'uscc-normalised'; severity: 'warning'; message: string };
};

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const NO_CODE = new Set(['无', '暂无', '/', '-', '--', '—', '——', '空', 'NULL', 'N/A', '无代码']);

/** The check character (position 18) for the first 17 characters of a USCC; '' when they are not 17 valid ones. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) return '';
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function plausibleBirthDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** An 18-character resident ID number (GB 11643): 17 digits, a valid check character and a real birth date. */
export function isResidentId(s: string): boolean {
  const m = /^([1-9]\d{5})(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(s);
  if (!m || !plausibleBirthDate(Number(m[2]), Number(m[3]), Number(m[4]))) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === s[17]?.toUpperCase();
}

/** Looks like a 15-digit resident ID number of the old format (6 region digits, YYMMDD, 3 digits). */
function looksLikeOldResidentId(s: string): boolean {
  const m = /^[1-9]\d{5}(\d{2})(\d{2})(\d{2})\d{3}$/.exec(s);
  return m !== null && plausibleBirthDate(1900 + Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Whether any 18 consecutive characters of a value form a resident ID number. */
function containsResidentId(s: string): boolean {
  for (let i = 0; i + 18 <= s.length; i++) if (isResidentId(s.slice(i, i + 18))) return true;
  return false;
}

/** Normalise and check a 统一社会信用代码 cell. */
export function checkUscc(v: unknown): UsccResult {
  const text = cleanText(v);
  if (text === null) return { value: null, problem: null, normalised: null };
  const s = withoutBlanks(halfWidth(text)).toUpperCase();
  if (s === '' || NO_CODE.has(s)) return { value: null, problem: null, normalised: null };

  if (s.length === 18 && isResidentId(s)) {
    return {
      value: null,
      normalised: null,
      problem: {
        code: 'person-id-number',
        severity: 'error',
        message: '统一社会信用代码一栏填写的是个人身份证号码，该行不予公开（号码不在此处显示）',
      },
    };
  }
  const chars = [...s];
  // A longer or garbled value may still hold someone's ID number (110…0006 with a digit typed after it): such a
  // value is neither shown in the message nor handed on.
  const hidesId = looksLikeOldResidentId(s) || containsResidentId(s);
  const shown = hidesId ? '（疑似含个人身份证号码，不予显示）' : `“${s}”`;
  if (chars.length !== 18) {
    return {
      value: hidesId ? null : s,
      normalised: null,
      problem: {
        code: 'bad-uscc-length',
        severity: 'error',
        message: `统一社会信用代码${shown}应为 18 位，实际为 ${chars.length} 位`,
      },
    };
  }
  const bad = chars.find((c) => !ALPHABET.includes(c));
  if (bad !== undefined) {
    return {
      value: hidesId ? null : s,
      normalised: null,
      problem: {
        code: 'bad-uscc-charset',
        severity: 'error',
        message: `统一社会信用代码${shown}含有不允许的字符“${bad}”`,
      },
    };
  }
  const normalised = normalisedNote(text, s);
  const expected = usccCheckChar(s.slice(0, 17));
  if (expected !== s[17]) {
    return {
      value: s,
      normalised,
      problem: {
        code: 'uscc-checksum',
        severity: 'warning',
        message: `统一社会信用代码“${s}”的校验位应为“${expected}”，实际为“${s[17]}”，按原样保留`,
      },
    };
  }
  return { value: s, problem: null, normalised };
}

/**
 * What normalising changed in a kept code beyond trimming, in the words of the finding; null when the code was
 * published as it is kept. Only called for an 18-character code that is no ID number, so the published form can be
 * repeated in the message.
 */
function normalisedNote(published: string, value: string): UsccResult['normalised'] {
  if (published === value) return null;
  const half = halfWidth(published);
  const what: string[] = [];
  if (half !== published) what.push('全角转半角');
  if (/[a-z]/.test(half)) what.push('小写转大写');
  if (compact(half) !== half) what.push('去掉中间的空格');
  if (what.length === 0) return null;
  return {
    code: 'uscc-normalised',
    severity: 'warning',
    message: `统一社会信用代码“${published}”已规范为“${value}”（${what.join('、')}），按规范后的代码公布和匹配`,
  };
}
