/** The shared search transform: what is indexed and what is asked must agree, whatever the reader types. */
import fc from 'fast-check';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import { describe, expect, it } from 'vitest';
import { matchKey } from '../../src/lib/ingest/normalise-text.ts';
import {
  compactForm,
  documentNumberKey,
  fieldTokens,
  hasTerms,
  indexText,
  normaliseText,
  parseQuery,
  termsFor,
  useSimplifier,
} from '../../src/lib/search/normalise-query.ts';
import { characterPairs, openccSimplify } from '../../src/lib/search/simplify-opencc.ts';
import { restrictTable, tableSimplifier } from '../../src/lib/search/simplify-table.ts';

useSimplifier(openccSimplify);

describe('normaliseText', () => {
  it.each([
    ['嬰幼兒照護', '婴幼儿照护'],
    ['邢臺', '邢台'],
    ['託育', '托育'],
    ['９１３３ＭＡ', '9133ma'],
    ['（宁波）', '(宁波)'],
    ['寧波市和頤月子會所', '宁波市和颐月子会所'],
  ])('%s → %s', (input, output) => {
    expect(normaliseText(input)).toBe(output);
  });
});

describe('documentNumberKey', () => {
  it.each([
    '凯卫罚〔2026〕18号',
    '凯卫罚[2026]18号',
    '凯卫罚(2026)18号',
    '凯卫罚（2026）18号',
    '凯卫罚【2026】18号',
    '凯卫罚 〔2026〕 第18号',
    '凱衛罰〔２０２６〕１８號',
  ])('%s', (doc) => {
    expect(documentNumberKey(doc)).toBe('凯卫罚202618号');
  });
});

describe('parseQuery', () => {
  it('reads a USCC in any width, case or spacing as one code', () => {
    for (const q of [
      '91330203MA0JH0G68Q',
      '91330203ma0jh0g68q',
      '９１３３０２０３ＭＡ０ＪＨ０Ｇ６８Ｑ',
      '9133 0203 MA0J H0G6 8Q',
    ]) {
      expect(parseQuery(q)).toMatchObject({
        kind: 'uscc',
        key: '91330203ma0jh0g68q',
        terms: '"91330203ma0jh0g68q"',
      });
    }
  });

  it('reads a 文号 as one code and falls back to its tokens', () => {
    const p = parseQuery('凯卫罚[2026]第18号');
    expect(p).toMatchObject({ kind: 'document', key: '凯卫罚202618号', terms: '"凯卫罚202618号"' });
    expect(p.fallback).toBe('凯卫 卫罚 2026 18');
  });

  it('turns text into bigrams that cover it, spaces separating words', () => {
    expect(parseQuery('嬰幼兒').terms).toBe('婴幼 幼儿');
    expect(parseQuery('小树苗').terms).toBe('小树 树苗');
    expect(parseQuery('东西湖区').terms).toBe('东西 湖区');
    expect(parseQuery('贝贝熊 托育').terms).toBe('贝贝 贝熊 托育');
    expect(parseQuery('熊').terms).toBe('熊');
    expect(parseQuery(' ，。').kind).toBe('empty');
  });

  it('every bigram of the query covering is a bigram of the text (all of them without cover)', () => {
    expect(termsFor(['宁波市和颐月子会所'], false).split(' ')).toHaveLength(8);
    expect(termsFor(['宁波市和颐月子会所'], true).split(' ')).toEqual([
      '宁波',
      '市和',
      '颐月',
      '子会',
      '会所',
    ]);
  });
});

describe('hasTerms', () => {
  it('wants every term as the start of a token, or a quoted code as a whole token', () => {
    const content = '和颐 颐月 91330203ma0jh0g68q 甬市监罚202613号 甬市 市监';
    expect(hasTerms(content, '和颐 月子')).toBe(false);
    expect(hasTerms(content, '和颐 颐月')).toBe(true);
    expect(hasTerms(content, '913302')).toBe(true);
    expect(hasTerms(content, '甬市')).toBe(true);
    expect(hasTerms(content, '"91330203ma0jh0g68q"')).toBe(true);
    expect(hasTerms(content, '"913302"')).toBe(false);
  });
});

describe('indexText', () => {
  const text = indexText({
    names: ['初见（宁波）母婴护理中心有限公司', '初見（寧波）'],
    codes: ['91330212MA1M1FL17N'],
    documentNumbers: ['甬市监罚〔2025〕31号'],
    text: ['宁波市鄞州区四明中路322号', '浙江省宁波市鄞州区'],
  });
  const tokens = new Set(text.split(' '));

  it('holds codes whole, in normalised form', () => {
    expect(tokens.has('91330212ma1m1fl17n')).toBe(true);
    expect(tokens.has('甬市监罚202531号')).toBe(true);
  });

  it('holds bigrams across brackets and within the bracketed piece, each once', () => {
    expect(tokens.has('见宁')).toBe(true);
    expect(tokens.has('宁波')).toBe(true);
    expect(text.split(' ').length).toBe(tokens.size);
  });

  it('leaves out lone characters and the year of a 文号 alone', () => {
    expect(tokens.has('号')).toBe(false);
    expect(tokens.has('2025')).toBe(false);
    expect(tokens.has('202531')).toBe(true);
  });

  it('finds every query for a substring of a name among the name’s tokens', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'托育园小树苗贝熊宁波市和颐月子会所（）() 婴幼儿照护'),
          minLength: 2,
          maxLength: 20,
        }),
        fc.nat(),
        fc.nat(),
        (name, a, b) => {
          const chars = [...compactForm(name)];
          const from = a % Math.max(1, chars.length);
          const sub = chars.slice(from, from + 2 + (b % 6)).join('');
          // A single character is not searched for on its own (it finds too much to be a search); letters and digits
          // are found from the start of their run only (codes are pasted whole or from the start).
          if ([...sub].length < 2) return;
          const q = parseQuery(sub);
          if (q.kind !== 'text' || !q.terms) return;
          const indexed = fieldTokens(name);
          for (const t of q.terms.split(' ')) expect(indexed.has(t), `${name} ∋ ${sub}: ${t}`).toBe(true);
        },
      ),
    );
  });
});

describe('the browser table gives the build’s conversion for indexed characters', () => {
  it('converts Traditional characters whose Simplified form is indexed, and keeps the others', () => {
    const indexed = new Set([...'婴幼儿照护宁波市和颐月子会所乾']);
    const convert = tableSimplifier(restrictTable(characterPairs(), indexed));
    expect(convert('嬰幼兒照護')).toBe('婴幼儿照护');
    expect(convert('寧波市和頤月子會所')).toBe('宁波市和颐月子会所');
    // 乾 is itself indexed (as in 乾隆), so it stays.
    expect(convert('乾')).toBe('乾');
    for (const s of ['嬰幼兒照護', '寧波市和頤月子會所']) expect(convert(s)).toBe(openccSimplify(s));
  });
});

describe('organisation code inside a USCC', () => {
  it('indexes the 9 characters 9–17 of a USCC as a word of their own', () => {
    const tokens = indexText({
      names: [],
      codes: ['91330203MA1FPAWD63'],
      documentNumbers: [],
      text: [],
    }).split(' ');
    expect(tokens).toContain('ma1fpawd6');
    expect(tokens).toContain('91330203ma1fpawd63');
  });
});

describe('one Traditional → Simplified conversion for matching and search', () => {
  it('matching keys and search keys agree on every Traditional character, phrase and compatibility ideograph', () => {
    const samples = characterPairs().map(([t]) => t);
    for (const entry of TSPhrases.split('|')) samples.push(entry.split(' ')[0] ?? '');
    for (let cp = 0xf900; cp <= 0xfad9; cp++) {
      const c = String.fromCodePoint(cp);
      if (/\p{Script=Han}/u.test(c)) samples.push(c);
    }
    const differ = samples.filter((s) => matchKey(s).replace(/[()]/g, '') !== compactForm(s));
    expect(differ).toEqual([]);
  });

  it('converts a compatibility ideograph before it is normalised (賈 U+F903 → 贾)', () => {
    expect(openccSimplify('\uF903家豪')).toBe('贾家豪');
  });
});
