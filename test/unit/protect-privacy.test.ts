import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ID_PLACEHOLDER,
  isNaturalPerson,
  MOBILE_PLACEHOLDER,
  maskNameIn,
  maskPersonName,
  redactPii,
} from '../../src/lib/ingest/protect-privacy.ts';

describe('maskPersonName', () => {
  it.each([
    ['two-character-name', '张三', '张某'],
    ['three-character-name', '贾家豪', '贾某'],
    ['compound-surname', '欧阳修', '欧阳某'],
    ['compound-surname-sima', '司马光', '司马某'],
    ['compound-surname-zhuge', '诸葛亮', '诸葛某'],
    ['compound-surname-shangguan', '上官婉儿', '上官某'],
    ['two-characters-that-look-like-a-compound-surname', '欧阳', '欧某'],
    ['spaces-inside-name', ' 贾 家豪\u3000', '贾某'],
    ['single-character', '张', '张某'],
    ['empty', '', ''],
  ])('%s', (_name, input, expected) => {
    expect(maskPersonName(input)).toBe(expected);
  });

  it('never returns the given name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 6 }), (name) => {
        const masked = maskPersonName(name);
        if (masked !== '') expect(masked.endsWith('某')).toBe(true);
        expect([...masked].length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('redactPii', () => {
  it.each([
    [
      'mobile-in-remarks',
      '投诉人联系电话：15951138802，已结案。',
      `投诉人联系电话：${MOBILE_PLACEHOLDER}，已结案。`,
      ['mobile'],
    ],
    ['mobile-with-dashes', '电话159-5113-8802', `电话${MOBILE_PLACEHOLDER}`, ['mobile']],
    ['mobile-with-spaces', '159 5113 8802', MOBILE_PLACEHOLDER, ['mobile']],
    ['mobile-with-plus-86', '+86 159 5113 8802', MOBILE_PLACEHOLDER, ['mobile']],
    ['mobile-with-86', '8615951138802', MOBILE_PLACEHOLDER, ['mobile']],
    ['mobile-full-width-digits', '手机１５９５１１３８８０２', `手机${MOBILE_PLACEHOLDER}`, ['mobile']],
    ['resident-id', '当事人身份证号330203198906115529。', `当事人身份证号${ID_PLACEHOLDER}。`, ['id-number']],
    ['resident-id-with-x', '证件号33020319890611552X', `证件号${ID_PLACEHOLDER}`, ['id-number']],
    ['resident-id-lower-case-x', '33020319890611552x', ID_PLACEHOLDER, ['id-number']],
    ['old-15-digit-id', '身份证330203890611552', `身份证${ID_PLACEHOLDER}`, ['id-number']],
    [
      'id-and-mobile',
      '330203198906115529 / 13812345678',
      `${ID_PLACEHOLDER} / ${MOBILE_PLACEHOLDER}`,
      ['id-number', 'mobile'],
    ],
    ['two-mobiles', '13812345678、13912345678', `${MOBILE_PLACEHOLDER}、${MOBILE_PLACEHOLDER}`, ['mobile']],
  ])('%s', (_name, input, text, found) => {
    expect(redactPii(input)).toEqual({ text, found });
  });

  it.each([
    ['landline-kaili', '联系电话0855-5520057'],
    ['landline-wuhan', '027-83942470'],
    ['landline-ningbo', '0574-88284739'],
    ['uscc', '统一社会信用代码91420112MA39TKFL0H'],
    ['all-digit-uscc-of-an-agency', '113302001360665949'],
    ['amount', '罚款人民币100000元'],
    ['compact-date', '20230510'],
    ['epoch-milliseconds', '1683648000000'],
    ['twelve-digit-run', '159511388021'],
    ['thirteen-digit-run', '2159511388021'],
    ['document-number', '甬市监罚〔2026〕31号'],
    ['device-code', '设备代码略'],
  ])('leaves alone: %s', (_name, input) => {
    expect(redactPii(input)).toEqual({ text: input, found: [] });
  });

  it('never crashes and never leaves a mobile number or ID number behind', () => {
    const mobile = fc
      .integer({ min: 3, max: 9 })
      .chain((d) => fc.stringMatching(/^\d{9}$/).map((rest) => `1${d}${rest}`));
    const filler = fc.string({ unit: 'binary', maxLength: 10 }).map((s) => s.replace(/[\d０-９]/g, ''));
    fc.assert(
      fc.property(filler, mobile, filler, (a, m, b) => {
        const r = redactPii(`${a}${m}${b}`);
        expect(r.text).not.toContain(m);
        expect(r.found).toContain('mobile');
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const r = redactPii(s);
        expect(r.found.length === 0).toBe(r.text === s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('maskNameIn', () => {
  it.each([
    ['name-in-facts', '当事人贾家豪未办理营业执照', '当事人贾某未办理营业执照'],
    ['name-twice', '贾家豪称……经查贾家豪', '贾某称……经查贾某'],
    ['name-spaced-out', '当事人贾 家豪未办理', '当事人贾某未办理'],
    ['name-with-ideographic-space', '当事人贾\u3000家\u3000豪', '当事人贾某'],
    ['name-absent', '当事人未办理营业执照', '当事人未办理营业执照'],
  ])('%s', (_name, text, expected) => {
    expect(maskNameIn(text, '贾家豪', '贾某')).toBe(expected);
  });

  it('name-with-regexp-characters', () => {
    expect(maskNameIn('A.B(C) 与 AxB(C)', 'A.B(C)', 'A某')).toBe('A某 与 AxB(C)');
  });

  it('masked-form-with-dollar-signs-is-literal', () => {
    expect(maskNameIn('张三', '张三', '$&某')).toBe('$&某');
  });

  it('single-character-name-is-not-replaced-everywhere', () => {
    expect(maskNameIn('张家界张某', '张', '张某')).toBe('张家界张某');
  });

  it('never crashes and removes the name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.string({ unit: 'grapheme', minLength: 2, maxLength: 4 }),
        (text, name) => {
          const masked = maskPersonName(name);
          const out = maskNameIn(`${text}${name}${text}`, name, masked);
          const plain = name.replace(/[\s\u200B-\u200D\u2060\uFEFF]+/g, '');
          if ([...plain].length >= 2 && !masked.includes(plain) && plain === name)
            expect(out).not.toContain(name);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isNaturalPerson', () => {
  it.each([
    ['natural-person', '自然人', true],
    ['padded', ' 自然人\u3000', true],
    ['spaced', '自 然 人', true],
    ['legal-person', '法人及非法人组织', false],
    ['individual-business', '个体工商户', false],
    ['empty', '', false],
    ['null', null, false],
  ])('%s', (_name, input, expected) => {
    expect(isNaturalPerson(input)).toBe(expected);
  });
});
