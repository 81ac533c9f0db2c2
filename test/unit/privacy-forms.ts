/**
 * Generators for the forms personal data is published in — resident ID numbers with valid birth dates and check
 * characters, mobile numbers, every grouping and separator seen, Han numerals for digits; person names with their
 * Traditional and pinyin spellings and the words that introduce them — and the normal form a scan compares in.
 * Shared by the unit properties and the scan of a built site. The name tables are written out here, independent of
 * the converters the pipeline uses, so a test can catch a converter that misses.
 */
import fc from 'fast-check';
import { toSimplified } from '../../src/lib/ingest/normalise-text.ts';

/** [Simplified, Traditional, pinyin] surnames; compound ones too. */
export const SURNAMES: ReadonlyArray<readonly [string, string, string]> = [
  ['贾', '賈', 'jia'],
  ['王', '王', 'wang'],
  ['张', '張', 'zhang'],
  ['陈', '陳', 'chen'],
  ['刘', '劉', 'liu'],
  ['黄', '黃', 'huang'],
  ['赵', '趙', 'zhao'],
  ['吴', '吳', 'wu'],
  ['郑', '鄭', 'zheng'],
  ['冯', '馮', 'feng'],
  ['孙', '孫', 'sun'],
  ['杨', '楊', 'yang'],
  ['钱', '錢', 'qian'],
  ['邓', '鄧', 'deng'],
  ['许', '許', 'xu'],
  ['韩', '韓', 'han'],
  ['罗', '羅', 'luo'],
  ['叶', '葉', 'ye'],
  ['吕', '呂', 'lü'],
  ['欧阳', '歐陽', 'ouyang'],
  ['司马', '司馬', 'sima'],
  ['诸葛', '諸葛', 'zhuge'],
];

/** [Simplified, Traditional, pinyin] characters of given names (their usual reading). */
export const GIVEN: ReadonlyArray<readonly [string, string, string]> = [
  ['家', '家', 'jia'],
  ['豪', '豪', 'hao'],
  ['建', '建', 'jian'],
  ['丽', '麗', 'li'],
  ['华', '華', 'hua'],
  ['伟', '偉', 'wei'],
  ['强', '強', 'qiang'],
  ['军', '軍', 'jun'],
  ['敏', '敏', 'min'],
  ['静', '靜', 'jing'],
  ['涛', '濤', 'tao'],
  ['鹏', '鵬', 'peng'],
  ['飞', '飛', 'fei'],
  ['龙', '龍', 'long'],
  ['兰', '蘭', 'lan'],
  ['红', '紅', 'hong'],
  ['杰', '傑', 'jie'],
  ['娟', '娟', 'juan'],
  ['霞', '霞', 'xia'],
  ['刚', '剛', 'gang'],
  ['辉', '輝', 'hui'],
  ['芳', '芳', 'fang'],
  ['晓', '曉', 'xiao'],
  ['梅', '梅', 'mei'],
  ['云', '雲', 'yun'],
  ['燕', '燕', 'yan'],
  ['鑫', '鑫', 'xin'],
  ['婷', '婷', 'ting'],
];

export interface PersonName {
  simplified: string;
  traditional: string;
  surname: string;
  surnamePinyin: string;
  givenPinyin: string[];
}

/** A name of a surname and two given characters (three or four characters in all). */
export const personName: fc.Arbitrary<PersonName> = fc
  .tuple(fc.constantFrom(...SURNAMES), fc.constantFrom(...GIVEN), fc.constantFrom(...GIVEN))
  .map(([s, g1, g2]) => ({
    simplified: s[0] + g1[0] + g2[0],
    traditional: s[1] + g1[1] + g2[1],
    surname: s[0],
    surnamePinyin: s[2],
    givenPinyin: [g1[2], g2[2]],
  }));

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The romanised spellings seen: JIA Jiahao, Jia Jiahao, jiajiahao, Jiahao JIA, Jia Jia Hao, LYU / LV for ü. */
export function pinyinForms(n: PersonName): string[] {
  const forms: string[] = [];
  for (const s of new Set([n.surnamePinyin.replace('ü', 'u'), n.surnamePinyin.replace('ü', 'yu')])) {
    const given = n.givenPinyin.join('');
    forms.push(
      `${s.toUpperCase()} ${cap(given)}`,
      `${cap(s)} ${cap(given)}`,
      `${s}${given}`,
      `${cap(given)} ${s.toUpperCase()}`,
      [s, ...n.givenPinyin].map(cap).join(' '),
      `${cap(s)}-${cap(given)}`,
    );
  }
  return forms;
}

/** The letter strings a scan looks for: surname first and given name first. */
export function pinyinKeysOf(n: PersonName): string[] {
  const given = n.givenPinyin.join('');
  return [...new Set([n.surnamePinyin.replace('ü', 'u'), n.surnamePinyin.replace('ü', 'yu')])].flatMap(
    (s) => [s + given, given + s],
  );
}

/** Province codes (GB/T 2260) a resident ID starts with. */
const PROVINCES = ['11', '13', '21', '31', '32', '33', '35', '37', '42', '44', '50', '51', '52', '61', '65'];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** An 18-character resident ID with a real birth date and the GB 11643 check character. */
export const residentId18: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    fc.stringMatching(/^\d{4}$/),
    fc.date({
      min: new Date('1940-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(([p, r, d, seq]) => {
    const first17 = `${p}${r}${d.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
    return first17 + ('10X98765432'[sum % 11] as string);
  });

/** A 15-digit resident ID of the old format (YYMMDD birth date). */
export const residentId15: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    fc.stringMatching(/^\d{4}$/),
    fc.date({
      min: new Date('1930-01-01T00:00:00Z'),
      max: new Date('1999-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(([p, r, d, seq]) => `${p}${r}${d.toISOString().slice(2, 10).replaceAll('-', '')}${seq}`);

export const mobile: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
  .map(([d, rest]) => `1${d}${rest}`);

/** What people put between groups: every kind of space, hyphen and dash, dots, slashes, and spaced dashes. */
export const SEPARATORS = [
  ' ',
  '  ',
  '\u00A0',
  '\u3000',
  '\u2002',
  '\u2009',
  '\u202F',
  '\u200B',
  '-',
  '－',
  '‐',
  '–',
  '—',
  '―',
  '−',
  '.',
  '．',
  '·',
  '/',
  '／',
  ' - ',
  ' — ',
  ' / ',
  '\u3000－\u3000',
];
export const separator = fc.constantFrom(...SEPARATORS);

/** How digits are written: as they are, full-width, or with 〇 / 零 for zero. */
const DIGIT_STYLES: ReadonlyArray<(d: string) => string> = [
  (d) => d,
  (d) => d.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  (d) => d.replace(/0/g, '〇'),
  (d) => d.replace(/\d/g, (c) => '〇一二三四五六七八九'[Number(c)] as string),
  (d) => d.replace(/\d/g, (c) => '零一二三四五六七八九'[Number(c)] as string),
];

/** Split `digits` at the given group lengths (the last group takes the rest) and join with separators. */
export function grouped(digits: string, lengths: readonly number[], seps: readonly string[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const n of lengths) {
    if (at >= digits.length) break;
    parts.push(digits.slice(at, at + n));
    at += n;
  }
  if (at < digits.length) parts.push(digits.slice(at));
  return parts.map((p, i) => (i === 0 ? p : (seps[(i - 1) % seps.length] ?? ' ') + p)).join('');
}

export interface Written {
  /** The number in digits, as a scan compares it. */
  secret: string;
  /** As published. */
  written: string;
}

const ID_GROUPINGS = [
  [18],
  [6, 8, 4],
  [4, 4, 4, 4, 2],
  [6, 4, 4, 4],
  [3, 3, 8, 4],
  [6, 8, 3, 1],
  Array(18).fill(1),
  Array(9).fill(2),
  [12, 3, 3],
];
const ID15_GROUPINGS = [[15], [6, 6, 3], [3, 3, 3, 3, 3], [12, 3]];
const MOBILE_GROUPINGS = [
  [11],
  [3, 4, 4],
  [4, 3, 4],
  [5, 6],
  [3, 8],
  [4, 4, 3],
  [3, 3, 5],
  Array(11).fill(1),
  [1, 2, 2, 2, 2, 2],
];

function writtenNumber(
  secret: fc.Arbitrary<string>,
  groupings: number[][],
  prefix: fc.Arbitrary<string>,
): fc.Arbitrary<Written> {
  return fc
    .tuple(
      secret,
      fc.constantFrom(...groupings),
      fc.array(separator, { minLength: 1, maxLength: 3 }),
      fc.constantFrom(...DIGIT_STYLES),
      prefix,
      fc.boolean(),
    )
    .map(([s, groups, seps, style, pre, lowerX]) => ({
      secret: s,
      written: pre + style(grouped(lowerX ? s.replace('X', 'x') : s, groups, seps)),
    }));
}

export const writtenId: fc.Arbitrary<Written> = fc.oneof(
  writtenNumber(residentId18, ID_GROUPINGS, fc.constant('')),
  writtenNumber(residentId15, ID15_GROUPINGS, fc.constant('')),
);
export const writtenMobile: fc.Arbitrary<Written> = writtenNumber(
  mobile,
  MOBILE_GROUPINGS,
  fc.constantFrom('', '', '+86 ', '+86', '+86-', '(+86)', '0086 ', '86 ', '＋86 '),
);

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function usccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i] as string) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** A valid 统一社会信用代码: registering body and category, a region, an organisation code, the check character. */
export const uscc: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('91', '92', '93', '52', '51', '12', '11', 'Y1'),
    fc.constantFrom('330203', '420112', '522601', '110108', '330212'),
    fc.oneof(fc.stringMatching(/^MA[0-9A-HJ-NP-RTUWXY]{7}$/), fc.stringMatching(/^\d{9}$/)),
  )
  .map(([b, r, o]) => {
    const first17 = `${b}${r}${o}`;
    return first17 + usccCheck(first17);
  });

/** Words that introduce a person in enforcement text, and what may follow the name. */
export const CUES = [
  '负责人',
  '法定代表人',
  '举办者',
  '经营者',
  '园长',
  '员工',
  '护理员',
  '保育员',
  '教师',
  '股东',
  '投资人',
];
export const AFTER_NAMES = [
  '未取得相应资格',
  '称',
  '在现场',
  '于2026年3月',
  '，',
  '。',
  '（身份证号见卷宗）',
  '和另一名员工',
  '擅自',
  '未持健康证上岗',
];

/**
 * The form a scan compares in: NFKC, Traditional → Simplified, Han numerals → digits, lower case, and every
 * separator a number or a name may be spaced with removed.
 */
const HAN_DIGIT: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

export function scanForm(s: string): string {
  return toSimplified(s.normalize('NFKC'))
    .replace(/[〇零一二三四五六七八九]/g, (c) => HAN_DIGIT[c] ?? c)
    .toLowerCase()
    .replace(/[\s\p{Default_Ignorable_Code_Point}\-‐‑‒–—―−﹣﹘~～.·•・‧。/\\+＋()（）_'’]/gu, '');
}
