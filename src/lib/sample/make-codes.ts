/**
 * Codes the sample needs: 统一社会信用代码 (GB 32100-2015) with correct check characters, and resident ID numbers
 * (GB 11643) for natural persons. Every generated USCC is checked not to be a valid ID number, so that only the rows
 * meant to carry one (`person-id-number`) ever do.
 */
import type { Rng } from './random.ts';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character (position 18) for the first 17 characters of a USCC. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) throw new Error(`统一社会信用代码含非法字符：${first17}`);
    sum += v * (USCC_WEIGHTS[i] ?? 0);
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET.charAt(c);
}

export function isValidUscc(code: string): boolean {
  if (code.length !== 18) return false;
  for (const ch of code) if (!USCC_ALPHABET.includes(ch)) return false;
  return usccCheckChar(code.slice(0, 17)) === code.charAt(17);
}

/** GB 11714 organisation-code check character for 8 characters (digits and upper-case letters). */
export function orgCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = first8.charAt(i);
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * (ORG_WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** True for an 18-character resident ID number with a valid GB 11643 check digit. */
export function isResidentId(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (value.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK.charAt(sum % 11) === value.charAt(17);
}

/** Registering body and category: 91 company, 92 个体工商户, 52 民办非企业单位, 12 事业单位, 11 机关. */
export type UsccPrefix = '91' | '92' | '52' | '12' | '11';

const ORG_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const ALPHABET_CHARS = [...USCC_ALPHABET];

/**
 * A fresh valid USCC for a body registered in `region` (six digits), never one in `used` and never a valid ID number.
 * Codes issued since 2015 carry an organisation code beginning with MA; agencies and public institutions keep
 * all-digit codes.
 */
export function makeUscc(rng: Rng, prefix: UsccPrefix, region: string, used: Set<string>): string {
  for (;;) {
    let org = '';
    if (prefix === '11' || prefix === '12') {
      for (let i = 0; i < 8; i++) org += String(rng.int(0, 9));
    } else {
      org = 'MA';
      for (let i = 0; i < 6; i++) org += rng.pick(ORG_CHARS);
    }
    const first17 = `${prefix}${region}${org}${orgCheckChar(org)}`;
    const code = `${first17}${usccCheckChar(first17)}`;
    if (used.has(code) || isResidentId(code)) continue;
    used.add(code);
    return code;
  }
}

/** A resident ID number with a valid check digit, born between 1965 and 2000, registered in `region`. */
export function makeResidentId(rng: Rng, region: string, used: Set<string>): string {
  for (;;) {
    const y = rng.int(1965, 2000);
    const m = rng.int(1, 12);
    const d = rng.int(1, 28);
    const first17 = `${region}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(rng.int(1, 999)).padStart(3, '0')}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0);
    const id = `${first17}${ID_CHECK.charAt(sum % 11)}`;
    if (used.has(id) || isValidUscc(id)) continue;
    used.add(id);
    return id;
  }
}

/** A code with a wrong check character (a warning, `uscc-checksum`), which is also no valid ID number. */
export function withWrongCheck(rng: Rng, code: string): string {
  for (;;) {
    const c = rng.pick(ALPHABET_CHARS);
    const bad = code.slice(0, 17) + c;
    if (c !== code.charAt(17) && !isResidentId(bad)) return bad;
  }
}

/** A code with one character of the organisation part replaced by a letter outside the alphabet (O, I, Z, S, V). */
export function withBadChar(rng: Rng, code: string): string {
  const pos = rng.int(8, 16);
  return code.slice(0, pos) + rng.pick(['O', 'I', 'Z', 'S', 'V']) + code.slice(pos + 1);
}

/** A code with one character dropped from the organisation part: 17 characters. */
export function withDroppedChar(rng: Rng, code: string): string {
  const pos = rng.int(8, 16);
  return code.slice(0, pos) + code.slice(pos + 1);
}

/** Full-width form (０-９, Ａ-Ｚ), as some offices type codes. */
export function toFullWidth(text: string): string {
  return text.replace(/[0-9A-Za-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}
