import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  categoryKind,
  findNamesAfterCues,
  ID_PLACEHOLDER,
  isNaturalPerson,
  isNaturalPersonParty,
  MOBILE_PLACEHOLDER,
  maskNameIn,
  maskPersonName,
  NameMasker,
  redactPii,
  stripPersonMarker,
} from '../../src/lib/ingest/protect-privacy.ts';
import {
  AFTER_NAMES,
  CUES,
  personName,
  pinyinForms,
  pinyinKeysOf,
  scanForm,
  uscc,
  writtenId,
  writtenMobile,
} from './privacy-forms.ts';

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
          // The name as the masker keys it: blanks of every kind (U+3164 too) and a （个人） marker dropped.
          const plain = stripPersonMarker(name).base;
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

/** The normal form of a text a leak is looked for in (see privacy-forms.ts). */
const leaks = (text: string, secret: string) => scanForm(text).includes(scanForm(secret));
const plainFiller = fc
  .string({ unit: 'grapheme', maxLength: 12 })
  .map((s) => s.replace(/[\p{Nd}\p{No}〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖貳參陸XxＸｘ]/gu, ''));
/** Text around a number: words, or a character that cannot be part of it. */
const around = fc.oneof(
  plainFiller,
  fc.constantFrom('', '身份证号：', '电话', '联系人手机', '（', '，', '。', '证件号码为', 'Tel:'),
);

describe('redactPii: numbers written with separators (ID-and-mobile-with-separators)', () => {
  it.each([
    ['six-eight-four-spaces', '330203 19890611 5529'],
    ['six-eight-four-hyphens', '330203-19890611-5529'],
    ['four-four-four-four-two', '3302 0319 8906 1155 29'],
    ['no-break-spaces', '330203\u00A019890611\u00A05529'],
    ['ideographic-spaces', '330203\u300019890611\u30005529'],
    ['full-width-hyphens', '330203－19890611－5529'],
    ['dots', '330203.19890611.5529'],
    ['slashes', '330203/19890611/5529'],
    ['han-zero', '33〇2〇3 1989〇611 5529'],
    ['all-han-numerals', '三三〇二〇三一九八九〇六一一五五二九'],
  ])('ID: %s', (_name, written) => {
    const r = redactPii(`当事人身份证号${written}，住址略`);
    expect(r.text).toBe(`当事人身份证号${ID_PLACEHOLDER}，住址略`);
    expect(r.found).toEqual(['id-number']);
  });

  it.each([
    ['four-three-four', '1391 234 5678'],
    ['five-six', '13912 345678'],
    ['dots', '139.1234.5678'],
    ['spaced-dashes', '139 - 1234 - 5678'],
    ['em-dashes', '139—1234—5678'],
    ['plus-86-spaced', '+86 139 1234 5678'],
    ['han-numerals', '一三九一二三四五六七八'],
  ])('mobile: %s', (_name, written) => {
    expect(redactPii(`投诉人电话：${written}。`)).toEqual({
      text: `投诉人电话：${MOBILE_PLACEHOLDER}。`,
      found: ['mobile'],
    });
  });

  it('a word in Han numerals after a number does not hide it: 13912345678一直无人接听', () => {
    expect(redactPii('13912345678一直无人接听').text).toBe(`${MOBILE_PLACEHOLDER}一直无人接听`);
  });

  it('removes every generated ID number, whatever the grouping, separators and digits', () => {
    fc.assert(
      fc.property(around, writtenId, around, (a, id, b) => {
        const r = redactPii(`${a}${id.written}${b}`);
        expect(leaks(r.text, id.secret), `${a}${id.written}${b} → ${r.text}`).toBe(false);
        expect(r.found).toContain('id-number');
      }),
      { numRuns: 3000 },
    );
  });

  it('removes every generated mobile number, whatever the grouping, separators, digits and prefix', () => {
    fc.assert(
      fc.property(around, writtenMobile, around, (a, m, b) => {
        const r = redactPii(`${a}${m.written}${b}`);
        expect(leaks(r.text, m.secret), `${a}${m.written}${b} → ${r.text}`).toBe(false);
        expect(r.found).toContain('mobile');
      }),
      { numRuns: 3000 },
    );
  });

  it('removes several numbers written next to each other', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(writtenId, writtenMobile), { minLength: 2, maxLength: 4 }),
        fc.constantFrom('，', '；', '、', ' ', ' / ', '\n'),
        (numbers, sep) => {
          const r = redactPii(numbers.map((n) => n.written).join(sep));
          for (const n of numbers) expect(leaks(r.text, n.secret), r.text).toBe(false);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe('redactPii leaves alone what is no personal number', () => {
  it('a date followed by a landline: no ID made of the month, the day and the phone number', () => {
    for (const text of [
      '1996/11/1 0574-20607000 甬市监罚〔2000〕1号',
      '2019-11-1 021 62345678',
      '0574-20607000 2019.1.12',
    ])
      expect(redactPii(text)).toEqual({ text, found: [] });
  });

  const date = fc
    .date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .chain((d) => {
      const [y, m, day] = d.toISOString().slice(0, 10).split('-') as [string, string, string];
      return fc.constantFrom(
        `${y}-${m}-${day}`,
        `${y}年${Number(m)}月${Number(day)}日`,
        `${y}.${m}.${day}`,
        `${y}/${Number(m)}/${Number(day)}`,
        `${y}${m}${day}`,
        `${y}-${m}-${day} ${m}:${day}`,
        `${y}-${m}-${day} 13:45:00`,
      );
    });
  const amount = fc
    .integer({ min: 1, max: 99_999_999 })
    .chain((n) =>
      fc.constantFrom(
        `${n}元`,
        `${n.toLocaleString('en-US')}元`,
        `${(n / 10000).toFixed(4)}万元`,
        `人民币${n}.00元`,
      ),
    );
  const docNumber = fc
    .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 9999 }))
    .chain(([y, n]) =>
      fc.constantFrom(`甬市监罚〔${y}〕${n}号`, `凯卫罚[${y}]${n}号`, `东卫罚（${y}）第${n}号`),
    );
  const landline = fc
    .tuple(fc.constantFrom('010', '021', '027', '0574', '0855', '0755'), fc.stringMatching(/^[2-8]\d{6,7}$/))
    .chain(([area, n]) => fc.constantFrom(`${area}-${n}`, `${area} ${n}`, `(${area})${n}`, `${area}－${n}`));
  const address = fc
    .tuple(
      fc.integer({ min: 1, max: 999 }),
      fc.integer({ min: 1, max: 30 }),
      fc.integer({ min: 101, max: 2808 }),
    )
    .map(([no, b, room]) => `宁波市海曙区中山西路${no}号${b}幢${room}室`);
  const creditCode = fc.oneof(
    uscc,
    uscc.filter((c) => /^\d+$/.test(c)).map((c) => `统一社会信用代码：${c}`),
  );

  it('dates, amounts, 文号, landlines, addresses and credit codes, alone or side by side', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(date, amount, docNumber, landline, address, creditCode), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.constantFrom('，', '；', ' ', '、', '。'),
        (parts, sep) => {
          const text = parts.join(sep);
          expect(redactPii(text)).toEqual({ text, found: [] });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a credit code containing letters is never an ID, wherever it stands', () => {
    fc.assert(
      fc.property(
        around,
        uscc.filter((c) => /[A-Z]/.test(c)),
        around,
        (a, c, b) => {
          expect(redactPii(`${a}${c}${b}`).text).toContain(c);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('natural persons (every category spelling, or the name alone)', () => {
  const categorySpelling = fc.constantFrom(
    '自然人',
    '个人',
    '公民',
    '自然人（个体）',
    '自然人(个体)',
    '自然人 （个体）',
    '自 然 人',
    '\u3000个人\u3000',
    '个人（自然人）',
  );

  it('a person under any natural-person category spelling', () => {
    fc.assert(
      fc.property(personName, categorySpelling, (n, c) => {
        expect(isNaturalPersonParty(n.simplified, c)).toBe(true);
        expect(categoryKind(c)).toBe('person');
      }),
    );
  });

  it('a person by the name alone: no category, or 个体工商户 with a bare name, or a name with （个人）', () => {
    fc.assert(
      fc.property(
        personName,
        fc.constantFrom(null, '', '个体工商户', '其他'),
        fc.constantFrom('', '（个人）', '(个人)', ' （个人）', '（自然人）'),
        fc.boolean(),
        (n, c, marker, traditional) => {
          expect(isNaturalPersonParty((traditional ? n.traditional : n.simplified) + marker, c)).toBe(true);
        },
      ),
    );
  });

  it.each([
    ['two-character', '王芳'],
    ['doubled-last-character', '张园园'],
    ['minority-name-with-middle-dot', '阿依古丽·买买提'],
    ['spaced', '王 建 国'],
  ])('a person: %s', (_name, n) => {
    expect(isNaturalPersonParty(n, null)).toBe(true);
  });

  const orgName = fc
    .tuple(
      fc.constantFrom('宁波市', '凯里市', '武汉市东西湖区', '', '黔东南'),
      fc.constantFrom('阳光', '小太阳', '贝贝', '爱心', '和颐', '童乐汇', '睿月', '蓓蕾', '知行'),
      fc.constantFrom(
        '托育中心',
        '托育服务有限公司',
        '母婴护理中心',
        '月子会所',
        '幼儿园',
        '托育园',
        '早教中心',
        '托育点',
        '母婴店',
        '产后康复护理中心',
        '婴幼儿照护服务部',
      ),
    )
    .map(([a, b, c]) => a + b + c);

  it('an organisation name under no category, 个体工商户 or an organisation category, is no person', () => {
    fc.assert(
      fc.property(orgName, fc.constantFrom(null, '', '个体工商户', '法人及非法人组织', '法人'), (n, c) => {
        expect(isNaturalPersonParty(n, c)).toBe(false);
      }),
    );
  });

  it('an organisation category keeps a bare name an organisation unless the name says 个人', () => {
    expect(isNaturalPersonParty('王建国', '法人及非法人组织')).toBe(false);
    expect(isNaturalPersonParty('王建国（个人）', '法人及非法人组织')).toBe(true);
  });
});

describe('masking other spellings of a name (Traditional, pinyin, spaced, with a marker)', () => {
  it('leaves no spelling of the name in the text', () => {
    fc.assert(
      fc.property(personName, fc.nat(), fc.constantFrom('', '（个人）', '(个人)'), (n, pick, marker) => {
        const forms = [n.simplified, n.traditional, [...n.simplified].join(' '), ...pinyinForms(n)];
        const form = forms[pick % forms.length] as string;
        const text = `经查，${form}于2026年3月在其家中${form}称……`;
        const out = maskNameIn(text, n.simplified + marker, maskPersonName(n.simplified));
        expect(leaks(out, n.simplified), out).toBe(false);
        for (const k of pinyinKeysOf(n)) expect(scanForm(out)).not.toContain(k);
        expect(out).toContain(`${n.surname}某`);
      }),
      { numRuns: 2000 },
    );
  });

  it('a party written 王建国（个人） leaves no 王建国 in 违法事实', () => {
    expect(maskNameIn('王建国（个人）未经备案；经查王建国……', '王建国（个人）', '王某')).toBe(
      '王某未经备案；经查王某……',
    );
  });
});

describe('names introduced by a cue word (third persons)', () => {
  it('finds a name after every cue word', () => {
    fc.assert(
      fc.property(
        personName,
        fc.constantFrom(...CUES),
        fc.constantFrom(...AFTER_NAMES),
        fc.boolean(),
        (n, cue, after, trad) => {
          const text = `经查，当事人聘用的${cue}${trad ? n.traditional : n.simplified}${after}`;
          const names = findNamesAfterCues(text);
          expect(
            names.some((f) => n.simplified.startsWith(f)),
            `${text}: ${names}`,
          ).toBe(true);
          const out = new NameMasker(names).mask(text);
          expect(leaks(out, n.simplified), out).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('finds each of several names joined by 、', () => {
    expect(findNamesAfterCues('员工王芳、李娜未持证上岗')).toEqual(['王芳', '李娜']);
  });

  it.each([
    '负责人应当建立健全安全管理制度',
    '当事人阳光托育中心未备案即开展托育服务',
    '当事人宁波市和颐月子会所超范围经营',
    '负责人管理不善，导致婴儿受伤',
    '教师和保育员未持证上岗',
    '当事人于2026年3月1日起开展经营',
    '经营者未按规定明码标价',
    '法定代表人未到场接受询问',
    '员工未取得健康证明',
    '当事人在经营场所内',
    '护理员及保育员配备不足',
    '投资人通过网络平台宣传',
    '股东会决议',
    '园长对此负有责任',
    '负责人张某某已被约谈',
  ])('no name in: %s', (text) => {
    expect(findNamesAfterCues(text)).toEqual([]);
  });
});
