/**
 * Resident ID numbers (GB 11643, 18 and 15 digits) and mainland mobile numbers in free text, however they are
 * written: in groups (6-8-4, 4-4-4-4-2, 3-4-4, 5-6 …) split by any kind of space, hyphen, dash, dot or slash, with
 * spaces around the dashes, with full-width or other compatibility digits, with 〇/零 or other Han numerals for
 * digits, behind +86 / 0086. Pure; the text outside a match stays exactly as published.
 */
import { BLANK } from '../domain/whitespace.ts';
import { isResidentId, usccCheckChar } from './check-uscc.ts';

export const ID_PLACEHOLDER = '[身份证号已隐去]';
export const MOBILE_PLACEHOLDER = '[手机号已隐去]';

export type PiiKind = 'id-number' | 'mobile';

/** Han numerals people type for digits (〇 and 零 for 0, 幺 for a spoken 1, the 大写 forms of cheques). */
const HAN_DIGITS: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  一: '1',
  幺: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  壹: '1',
  贰: '2',
  叁: '3',
  肆: '4',
  伍: '5',
  陆: '6',
  柒: '7',
  捌: '8',
  玖: '9',
  貳: '2',
  參: '3',
  陸: '6',
};

/**
 * What may stand between two groups of one number: every blank character (domain/whitespace.ts), hyphens and dashes
 * of every width (- ‐ ‑ ‒ – — ― − － ﹣ ﹘ ～ ~), dots (. · • ・ ‧ ．; not 。, which ends a sentence), slashes and backslashes.
 */
const SEPARATOR = new RegExp(
  `[${BLANK}\\-\\u2010-\\u2015\\u2212\\uFF0D\\uFE58\\uFE63~\\uFF5E\\u301C.\\u00B7\\u2022\\u30FB\\u2027\\uFF0E/\\\\\\uFF0F\\uFF3C]`,
  'u',
);
/** At most this many separator characters between two groups ("139 - 1234 - 5678" has three). */
const MAX_GAP = 4;

/** Mainland mobile: 1, then 3–9, then nine digits. */
const MOBILE = /^1[3-9]\d{9}$/;
/** Province codes a resident ID can start with (GB/T 2260, 71 台湾, 81/82 港澳, 83 for residence permits). */
const ID_PROVINCES = new Set([
  ...['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37'],
  ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
  ...['71', '81', '82', '83'],
]);

function validDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * An ID number as published, check character right or wrong (a mistyped ID is still someone's): a province, and a
 * real birth date in the right place. 'strong' when the GB 11643 check character is right too.
 */
function idStrength(digits: string): 0 | 1 | 2 {
  if (digits.length === 18 && isResidentId(digits)) return 2;
  // Without a right check character, only a real province code at the start makes it an ID.
  if (!ID_PROVINCES.has(digits.slice(0, 2))) return 0;
  if (digits.length === 18) {
    if (!/^\d{17}[\dX]$/.test(digits)) return 0;
    const y = Number(digits.slice(6, 10));
    if (y < 1900 || y > 2100) return 0;
    return validDate(y, Number(digits.slice(10, 12)), Number(digits.slice(12, 14))) ? 1 : 0;
  }
  if (digits.length === 15 && /^\d{15}$/.test(digits)) {
    return validDate(
      1900 + Number(digits.slice(6, 8)),
      Number(digits.slice(8, 10)),
      Number(digits.slice(10, 12)),
    )
      ? 1
      : 0;
  }
  return 0;
}

/**
 * An all-digit 统一社会信用代码 can look like an ID number with a wrong check character. It is taken for a code when
 * its own check character is right, the ID check is not, and the text names it a code just before; anything else
 * with a birth date in place is treated as an ID: redacting a code in free text costs little, publishing an ID a lot.
 */
function isCreditCode(digits: string, before: string): boolean {
  return (
    digits.length === 18 &&
    usccCheckChar(digits.slice(0, 17)) === digits[17] &&
    !isResidentId(digits) &&
    /(?:信用代码|社会代码|机构代码|登记号|证号|代码)\s*[:：为是]?\s*$/.test(before.slice(-12))
  );
}

interface Group {
  /** Code-unit offsets of the group in the text. */
  start: number;
  end: number;
  /** The group's digits (X kept as 'X'). */
  digits: string;
  /**
   * How its digits are written (ASCII, full-width, Han numerals, 〇, other compatibility digits). A group never
   * mixes two: "13912345678一直" and "𝟎13912345678" are a number and something else. 〇 stands among Arabic
   * digits too ("33〇2〇3"), so it is a style of its own and groups it separates count as one for their grouping.
   */
  style: string;
  /** Follows the previous group with no separator (only the way its digits are written changed). */
  joined: boolean;
}

/** The digit value of one character, 'X' for an ID's check letter, or null. */
function digitOf(c: string): string | null {
  if (c >= '0' && c <= '9') return c;
  const han = HAN_DIGITS[c];
  if (han) return han;
  if (c === 'X' || c === 'x' || c === 'Ｘ' || c === 'ｘ') return 'X';
  if (/\p{Nd}|\p{No}/u.test(c)) {
    const n = c.normalize('NFKC');
    if (n.length === 1 && n >= '0' && n <= '9') return n;
  }
  return null;
}

function styleOf(c: string): string {
  if (c === '〇') return 'zero';
  if (c >= '0' && c <= '9') return 'ascii';
  if (c in HAN_DIGITS) return 'han';
  if (c >= '０' && c <= '９') return 'wide';
  return `other-${(c.codePointAt(0) as number) >> 4}`;
}

/** Latin letters, half- and full-width: what codes such as 91110108MA… mix with digits. */
const LETTER = /[A-Za-zＡ-Ｚａ-ｚ]/;
/** A 统一社会信用代码 standing in the text: letters among its first 17 characters, or a last one that is no X. */
const CREDIT_CODE =
  /(?<![0-9A-Za-z])(?=[0-9A-Z]{17}[0-9A-HJ-NP-RTUWY])(?![0-9]{17}[0-9X])[0-9A-HJ-NP-RTUWXY]{18}(?![0-9A-Za-z])/g;

/**
 * The text with every credit code blanked out (same length, so offsets stay): its digits are no one's number. A code
 * counts when its check character is right or it has letters enough (two) not to be a number with a stray letter.
 */
function withoutCreditCodes(text: string): string {
  if (!LETTER.test(text)) return text;
  return text.replace(CREDIT_CODE, (m) =>
    usccCheckChar(m.slice(0, 17)) === m[17] || (m.match(/[A-Z]/g)?.length ?? 0) >= 2
      ? '#'.repeat(m.length)
      : m,
  );
}

/**
 * Runs of digits and the gaps between them: the groups of one digit run, split where a separator stands, and where
 * a gap is anything else (a letter, a bracket, too long a gap) a new run starts.
 */
function digitRuns(text: string): Group[][] {
  const runs: Group[][] = [];
  let run: Group[] = [];
  let group: Group | null = null;
  let gap = 0;
  let i = 0;
  const close = () => {
    if (group) run.push(group);
    group = null;
  };
  const endRun = () => {
    close();
    if (run.length > 0) runs.push(run);
    run = [];
    gap = 0;
  };
  const open = (at: number, style: string, joined: boolean) => {
    group = { start: at, end: at, digits: '', style, joined };
  };
  while (i < text.length) {
    const c = String.fromCodePoint(text.codePointAt(i) as number);
    const d = digitOf(c);
    // An X ends an ID: it may stand alone after a separator ("568 X") but never starts a run.
    const xStarts =
      d === 'X' &&
      (group === null ? run.length === 0 || gap > MAX_GAP : (group as Group).digits.endsWith('X'));
    if (d !== null && !xStarts) {
      const g = group as Group | null;
      const style = d === 'X' ? (g?.style ?? 'ascii') : styleOf(c);
      if (g === null) {
        if (gap > MAX_GAP) endRun();
        open(i, style, false);
      } else if (g.digits.endsWith('X')) {
        // Digits after an X start a new run: "552X138…" is an ID and then something else.
        endRun();
        open(i, style, false);
      } else if (g.style !== style) {
        close();
        open(i, style, true);
      }
      const cur = group as unknown as Group;
      cur.digits += d;
      cur.end = i + c.length;
      gap = 0;
    } else if (SEPARATOR.test(c) && (group !== null || run.length > 0)) {
      close();
      gap++;
    } else endRun();
    i += c.length;
  }
  endRun();
  return runs;
}

interface Hit {
  start: number;
  end: number;
  kind: PiiKind;
  /** Which hit wins where two overlap: a checked ID, then a mobile, then an ID by its birth date alone. */
  rank: number;
}

/** Digit runs too long to be one number may still hold one typed straight on: only a checked ID is taken there. */
function hitsInsideGroup(g: Group, text: string): Hit[] {
  const out: Hit[] = [];
  if (g.digits.length <= 18) return out;
  // Offsets of each digit: Han numerals and compatibility digits are one code unit, astral digits two.
  const offs: number[] = [];
  for (let i = g.start; i < g.end; ) {
    offs.push(i);
    i += String.fromCodePoint(text.codePointAt(i) as number).length;
  }
  offs.push(g.end);
  for (let i = 0; i + 18 <= g.digits.length; i++) {
    if (!isResidentId(g.digits.slice(i, i + 18))) continue;
    out.push({ start: offs[i] as number, end: offs[i + 18] as number, kind: 'id-number', rank: 3 });
    i += 17;
  }
  return out;
}

/**
 * Whether groups can be one number. People write numbers in any grouping (139 1234 5678, 330203 19890611 5529,
 * 3302 0319 8906 1155 29, pairs, every digit apart), but a date's groups (1995-02-03, 2026.10.01) never take part in
 * one: a year, a month and a day in a row mean the digits are a date followed by something else.
 */
function noDateInside(parts: readonly string[]): boolean {
  for (let k = 0; k + 2 < parts.length; k++) {
    const [y, m, d] = [parts[k], parts[k + 1], parts[k + 2]] as [string, string, string];
    if (
      /^(?:19|20)\d\d$/.test(y) &&
      m.length <= 2 &&
      d.length <= 2 &&
      +m >= 1 &&
      +m <= 12 &&
      +d >= 1 &&
      +d <= 31
    )
      return false;
  }
  return true;
}

/** 19900101: a date written in eight digits; what follows it is no part of a mobile number. */
function isCompactDate(part: string): boolean {
  const m = /^((?:19|20)\d\d)(\d\d)(\d\d)$/.exec(part);
  return m !== null && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An old 15-digit ID in groups starts with its region, whole or in parts; a first group of seven or eight digits is a
 * landline's ("3500000 20130616" is a phone number and a date). An 18-digit one needs its birth year in place.
 */
function idGrouping(parts: readonly string[]): boolean {
  const total = parts.reduce((n, p) => n + p.length, 0);
  if (total === 15 && parts.length > 1 && [7, 8].includes(parts[0]?.length ?? 0)) return false;
  return noDateInside(parts);
}

/** Every ID or mobile made of whole consecutive groups of a run. */
function hitsInRun(run: Group[], text: string): Hit[] {
  const out: Hit[] = [];
  for (const g of run) out.push(...hitsInsideGroup(g, text));
  // Split long groups around the checked IDs inside them, so that the rest (a mobile typed straight after an ID)
  // is a group of its own.
  const groups: Group[] = [];
  for (const g of run) {
    const inside = out.filter((h) => h.start >= g.start && h.end <= g.end);
    if (inside.length === 0) {
      groups.push(g);
      continue;
    }
    let pos = g.start;
    let digitPos = 0;
    for (const h of inside) {
      const before = text.slice(pos, h.start);
      const n = [...before].length;
      if (n > 0)
        groups.push({ ...g, start: pos, end: h.start, digits: g.digits.slice(digitPos, digitPos + n) });
      digitPos += n + 18;
      pos = h.end;
    }
    if (pos < g.end) groups.push({ ...g, start: pos, end: g.end, digits: g.digits.slice(digitPos) });
  }
  // A run that opens with a date ("1996/11/1 0574-20607000") holds no number starting at the date's month or day:
  // such a candidate would borrow them from the date. A year inside a run may be the tail of a number written before
  // it ("130 0000 1900 1 3 0 …"), so only a date that opens the run counts.
  const [y, m, d] = groups as (Group | undefined)[];
  const opensWithDate =
    y !== undefined && m !== undefined && d !== undefined && !m.joined && !d.joined
      ? !noDateInside([y.digits, m.digits, d.digits])
      : false;
  for (let i = opensWithDate ? 3 : 0; i < groups.length; i++) {
    let digits = '';
    /** The candidate's groups, those split only by a change of digit style counted as one. */
    const parts: string[] = [];
    for (let j = i; j < groups.length; j++) {
      const gi = groups[i] as Group;
      const gj = groups[j] as Group;
      digits += gj.digits;
      if (digits.length > 18) break;
      if (digits.slice(0, -1).includes('X')) break;
      if (j > i && gj.joined) parts[parts.length - 1] += gj.digits;
      else parts.push(gj.digits);
      const start = gi.start;
      const end = gj.end;
      if ((digits.length === 18 || digits.length === 15) && idGrouping(parts)) {
        const s = idStrength(digits);
        if (s > 0 && !isCreditCode(digits, text.slice(0, start)))
          out.push({ start, end, kind: 'id-number', rank: s === 2 ? 3 : 1 });
      }
      // An X right after a mobile number is a letter that follows it ("…5678x"), not a check character.
      const tail = digits.endsWith('X') ? 1 : 0;
      const mobile = digits.slice(0, digits.length - tail).replace(/^(?:0086|86)(?=1[3-9]\d{9}$)/, '');
      if (
        MOBILE.test(mobile) &&
        noDateInside(parts) &&
        !(parts.length > 1 && isCompactDate(parts[0] as string))
      ) {
        // "+86 139 …": the plus sign goes with the number.
        const plus = mobile !== digits ? /[+＋]$/.exec(text.slice(Math.max(0, start - 1), start)) : null;
        out.push({ start: plus ? start - 1 : start, end: end - tail, kind: 'mobile', rank: 2 });
      }
    }
  }
  return out;
}

/** A quick test that rules out most text: an ID or a mobile needs at least 11 digit-like characters. */
function mayHoldNumber(text: string): boolean {
  let n = 0;
  for (const c of text) {
    if (digitOf(c) !== null && ++n >= 11) return true;
  }
  return false;
}

/** Replace resident ID numbers and mobile numbers; `found` lists which kinds were replaced. */
export function redactPii(text: string): { text: string; found: PiiKind[] } {
  if (!mayHoldNumber(text)) return { text, found: [] };
  const hits: Hit[] = [];
  for (const run of digitRuns(withoutCreditCodes(text))) hits.push(...hitsInRun(run, text));
  // Overlapping hits are one span: each may be someone's number, so none is cut in half. The span is named after
  // its strongest hit.
  hits.sort((a, b) => a.start - b.start);
  const spans: Hit[] = [];
  const found: PiiKind[] = [];
  for (const h of hits) {
    if (!found.includes(h.kind)) found.push(h.kind);
    const last = spans[spans.length - 1];
    if (last && h.start < last.end) {
      last.end = Math.max(last.end, h.end);
      if (h.rank > last.rank) Object.assign(last, { kind: h.kind, rank: h.rank });
    } else spans.push({ ...h });
  }
  let out = '';
  let last = 0;
  for (const h of spans) {
    out += text.slice(last, h.start) + (h.kind === 'id-number' ? ID_PLACEHOLDER : MOBILE_PLACEHOLDER);
    last = h.end;
  }
  found.sort((a, b) => (a === b ? 0 : a === 'id-number' ? -1 : 1));
  return { text: out + text.slice(last), found };
}
