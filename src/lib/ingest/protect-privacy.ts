/**
 * Privacy rules for published penalties: a natural person is shown as surname + 某, and resident ID numbers and
 * mobile numbers found in free text (违法事实, 备注) are replaced before anything is written out.
 */
import { isResidentId } from './check-uscc.ts';
import { cleanText, halfWidth } from './normalise-text.ts';

/** Two-character surnames, so that 欧阳修 becomes 欧阳某 rather than 欧某. */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '令狐',
  '慕容',
  '尉迟',
  '公孙',
  '夏侯',
  '司徒',
  '司空',
  '长孙',
  '宇文',
  '轩辕',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '澹台',
  '万俟',
  '闻人',
  '申屠',
  '呼延',
  '钟离',
  '宗政',
  '濮阳',
  '太史',
  '公冶',
  '赫连',
  '拓跋',
  '百里',
  '东郭',
  '单于',
  '乐正',
  '闾丘',
  '亓官',
  '左丘',
  '第五',
  '歐陽',
  '諸葛',
  '司馬',
  '東方',
  '令狐',
  '長孫',
  '軒轅',
  '獨孤',
  '鍾離',
]);

const WHITESPACE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

/** 张三 → 张某; 欧阳修 → 欧阳某. */
export function maskPersonName(name: string): string {
  const chars = [...(cleanText(name) ?? '').replace(WHITESPACE, '')];
  if (chars.length === 0) return '';
  const two = chars.slice(0, 2).join('');
  const surname = chars.length > 2 && COMPOUND_SURNAMES.has(two) ? two : (chars[0] ?? '');
  return `${surname}某`;
}

export const ID_PLACEHOLDER = '[身份证号已隐去]';
export const MOBILE_PLACEHOLDER = '[手机号已隐去]';

function plausibleBirth(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// 18-digit IDs (last may be X) and 15-digit old ones, with a birth date in the right place. Digit lookarounds keep
// longer digit runs whole; letters around an ID do not protect it.
const ID_NUMBER =
  /(?<!\d)[1-9]\d{5}(?:(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx]|\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3})(?![\dXx])/g;
const DIGIT_RUN = /\d[\dXx]{18,}/g;
// Mainland mobiles, optionally +86 / 0086 / 86 and split 3-4-4 by spaces or dashes.
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;

/** Replace resident ID numbers and mobile numbers; `found` lists which kinds were replaced. */
export function redactPii(text: string): { text: string; found: Array<'id-number' | 'mobile'> } {
  const found: Array<'id-number' | 'mobile'> = [];
  // Full-width digits and signs are matched too; mapping them one code unit for one keeps positions aligned, so the
  // text outside the matches stays exactly as published.
  const source = text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
  let out = '';
  let last = 0;
  const hits: Array<{ start: number; end: number; kind: 'id-number' | 'mobile' }> = [];
  for (const m of source.matchAll(ID_NUMBER)) {
    const s = m[0];
    const long = s.length === 18;
    const y = long ? Number(s.slice(6, 10)) : 1900 + Number(s.slice(6, 8));
    const mo = Number(long ? s.slice(10, 12) : s.slice(8, 10));
    const d = Number(long ? s.slice(12, 14) : s.slice(10, 12));
    if (plausibleBirth(y, mo, d)) hits.push({ start: m.index, end: m.index + s.length, kind: 'id-number' });
  }
  // Inside a longer run of digits (an ID typed straight before a phone number, an account number) an ID is taken
  // for one only when its check character is valid as well: 18 random digits pass by chance about once in 10,000.
  for (const m of source.matchAll(DIGIT_RUN)) {
    for (let i = 0; i + 18 <= m[0].length; i++) {
      const start = m.index + i;
      if (hits.some((h) => start < h.end && start + 18 > h.start)) continue;
      if (!isResidentId(m[0].slice(i, i + 18))) continue;
      hits.push({ start, end: start + 18, kind: 'id-number' });
      i += 17;
    }
  }
  // With the IDs blanked out (same length, so positions stay put), a mobile number written right after one is
  // bounded like any other.
  let rest = source;
  for (const h of hits) rest = rest.slice(0, h.start) + '#'.repeat(h.end - h.start) + rest.slice(h.end);
  for (const m of rest.matchAll(MOBILE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!hits.some((h) => start < h.end && end > h.start)) hits.push({ start, end, kind: 'mobile' });
  }
  hits.sort((a, b) => a.start - b.start);
  for (const h of hits) {
    out += text.slice(last, h.start) + (h.kind === 'id-number' ? ID_PLACEHOLDER : MOBILE_PLACEHOLDER);
    last = h.end;
    if (!found.includes(h.kind)) found.push(h.kind);
  }
  return { text: out + text.slice(last), found };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replace every occurrence of a person's full name in free text by its masked form, also when the text spaces the
 * name out (贾 家豪). Names shorter than two characters are left alone: replacing one character would mangle the text.
 */
export function maskNameIn(text: string, fullName: string, masked: string): string {
  const chars = [...(cleanText(fullName) ?? '').replace(WHITESPACE, '')];
  if (chars.length < 2) return text;
  const pattern = new RegExp(chars.map(escapeRegExp).join('[\\s\\u200B-\\u200D\\u2060\\uFEFF]*'), 'gu');
  return text.replace(pattern, () => masked);
}

/** Whether a 行政相对人类别 says the party is a natural person. */
export function isNaturalPerson(category: string | null): boolean {
  const c = cleanText(category);
  return c !== null && halfWidth(c).replace(WHITESPACE, '') === '自然人';
}
