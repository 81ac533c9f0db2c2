/**
 * Personal data in every form it is published in, through the real pipeline and build, and a scan of the whole
 * built site for it. fast-check generates (with a fixed seed, so the site is the same every run) a small data set
 * of four sources: penalties of natural persons under every category spelling and name form (（个人）, Traditional,
 * spaced), with their names again in 违法事实 in other spellings and in pinyin, third persons after cue words, ID
 * numbers with valid birth dates and check characters and mobiles written in every grouping, separator and digit
 * style, in every free-text column; institutions, spot checks and black-list entries with the same in their free
 * text, person 举办方, entries that name a person, and the names of persons from other sources. One build; then every
 * file of dist/ — HTML, JSON, CSV, feeds, map data, the gzipped search fragments and indexes — is searched for every
 * secret in its normal form (separators stripped, NFKC, Traditional → Simplified, Han numerals → digits).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AFTER_NAMES,
  CUES,
  type PersonName,
  personName,
  pinyinForms,
  pinyinKeysOf,
  scanForm,
  type Written,
  writtenId,
  writtenMobile,
} from '../unit/privacy-forms.ts';
import { buildSite } from './helpers/build.ts';
import { listFiles } from './helpers/dist-files.ts';

const SEED = 20261202;
const PENALTIES = 80;
const INSTITUTIONS = 30;
const INSPECTIONS = 20;
const LIST_ACTIONS = 12;

const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number): T[] =>
  fc.sample(arb, { numRuns: n, seed: SEED + salt });

/** Everything that must not be in dist/, with where it was put (for the failure message). */
const secrets: Array<{ value: string; what: string }> = [];
const persons: PersonName[] = [];
const idOf = (w: Written, what: string) => {
  secrets.push({ value: w.secret, what: `${what}: ${w.written}` });
  return w.written;
};
const nameOf = (n: PersonName, what: string) => {
  if (!persons.includes(n)) persons.push(n);
  secrets.push({ value: n.simplified, what });
  return n;
};

const csv = (rows: string[][]) =>
  `${rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;

/** Brands with no character of the generated names, so an institution's name never contains one by chance. */
const BRANDS = [
  '橙子树',
  '小雏菊',
  '蓓蕾',
  '知行',
  '睿月',
  '和颐',
  '甬禧',
  '朗悦',
  '初见',
  '萌娃',
  '苗苗',
  '乐童年',
];
const orgName = (i: number) => `宁波市${BRANDS[i % BRANDS.length]}第${i + 1}托育中心`;

function writeSources(dir: string) {
  const names = sample(personName, PENALTIES * 3 + 200, 1);
  let nextName = 0;
  const name = () => names[nextName++ % names.length] as PersonName;
  const ids = sample(writtenId, 400, 2);
  const mobiles = sample(writtenMobile, 600, 3);
  let nextId = 0;
  let nextMobile = 0;
  const id = (what: string) => idOf(ids[nextId++ % ids.length] as Written, what);
  const mobile = (what: string) => idOf(mobiles[nextMobile++ % mobiles.length] as Written, what);
  const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
  const forms = (n: PersonName) => [
    n.simplified,
    n.traditional,
    [...n.simplified].join(' '),
    ...pinyinForms(n),
  ];
  const cueName = (i: number, what: string) =>
    `${pick(CUES, i)}${nameOf(name(), what).simplified}${pick(AFTER_NAMES, i)}`;

  // Penalties: natural persons in every spelling; organisations whose free text names persons from elsewhere.
  const categories = [
    '自然人',
    '个人',
    '公民',
    '自然人（个体）',
    '',
    '个体工商户',
    '自 然 人',
    '个人(自然人)',
  ];
  const partyForms = [
    (n: PersonName) => n.simplified,
    (n: PersonName) => `${n.simplified}（个人）`,
    (n: PersonName) => n.traditional,
    (n: PersonName) => `${n.simplified}(个人)`,
  ];
  const parties: PersonName[] = [];
  const penalties = [
    [
      '行政相对人名称',
      '行政相对人类别',
      '行政处罚决定书文号',
      '违法行为类型',
      '违法事实',
      '处罚依据',
      '处罚类别',
      '处罚内容',
      '罚款金额(元)',
      '处罚决定日期',
      '公示截止期',
      '处罚机关',
      '备注',
    ],
  ];
  for (let i = 0; i < PENALTIES; i++) {
    const person = i % 5 !== 4;
    const party = person ? nameOf(name(), `penalty ${i + 1} party`) : null;
    if (party) parties.push(party);
    const other = party ? pick(forms(party), i) : (pick(parties, i * 7)?.simplified ?? '');
    const facts =
      `当事人${other}未经备案开展托育服务，${cueName(i, `penalty ${i + 1} facts`)}，` +
      `身份证号${id(`penalty ${i + 1} facts`)}，联系电话${mobile(`penalty ${i + 1} facts`)}。`;
    penalties.push([
      party ? pick(partyForms, i)(party) : orgName(i),
      party ? pick(categories, i) : '法人及非法人组织',
      `甬卫罚〔2026〕${i + 1}号`,
      `未备案开展托育服务（举报人${mobile(`penalty ${i + 1} type`)}）`,
      facts,
      `《中华人民共和国人口与计划生育法》第四十一条；投诉电话${mobile(`penalty ${i + 1} basis`)}`,
      '罚款',
      `罚款5000元；${cueName(i + 3, `penalty ${i + 1} content`)}`,
      '5000',
      '2026-10-01',
      '2027-10-01',
      `宁波市卫生健康委员会（联系人${nameOf(name(), `penalty ${i + 1} authority`).simplified}，${mobile(`penalty ${i + 1} authority`)}）`,
      `当事人证件号码${id(`penalty ${i + 1} remarks`)}；${party ? '' : `${pick(parties, i).simplified}为其员工`}`,
    ]);
  }

  // Institutions: person 举办方, entries that name a person, free text full of numbers and names.
  const institutions = [['机构名称', '地址', '举办方', '收费标准', '备案时间', '注销原因', '备注']];
  for (let i = 0; i < INSTITUTIONS; i++) {
    const hiddenPerson = i % 10 === 9 ? nameOf(name(), `institution ${i + 1} name`) : null;
    institutions.push([
      hiddenPerson ? pick(forms(hiddenPerson).slice(0, 2), i) : orgName(i + 100),
      `宁波市海曙区中山西路${i + 1}号，联系人手机${mobile(`institution ${i + 1} address`)}`,
      i % 3 === 0 ? nameOf(name(), `institution ${i + 1} operator`).simplified : '企业',
      `3000元/月，咨询${mobile(`institution ${i + 1} fees`)}`,
      '2026-01-15',
      '',
      `${cueName(i + 5, `institution ${i + 1} remarks`)}；${pick(parties, i).traditional}曾在此任职，身份证${id(`institution ${i + 1} remarks`)}`,
    ]);
  }

  const inspections = [['检查对象名称', '抽查任务名称', '检查事项', '检查日期', '检查结果', '检查机关']];
  for (let i = 0; i < INSPECTIONS; i++) {
    const subject = i % 5 === 4 ? nameOf(name(), `inspection ${i + 1} subject`).simplified : orgName(i + 100);
    inspections.push([
      subject,
      `2026年托育机构双随机抽查（联系人${nameOf(name(), `inspection ${i + 1} task`).simplified}，${mobile(`inspection ${i + 1} task`)}）`,
      `核查${cueName(i + 7, `inspection ${i + 1} item`)}健康证明，身份证号${id(`inspection ${i + 1} item`)}；${pick(parties, i + 3).simplified}陪同`,
      '2026-09-10',
      '合格',
      `宁波市卫生健康委员会 ${mobile(`inspection ${i + 1} authority`)}`,
    ]);
  }

  const listActions = [['机构名称', '列入事由', '列入日期']];
  for (let i = 0; i < LIST_ACTIONS; i++) {
    const person = i % 4 === 3 ? nameOf(name(), `list action ${i + 1} name`) : null;
    listActions.push([
      person ? person.simplified : orgName(i + 100),
      `${cueName(i + 9, `list action ${i + 1} reason`)}虐待婴幼儿，${pick(pinyinForms(pick(parties, i + 5)), i)}知情，电话${mobile(`list action ${i + 1} reason`)}`,
      '2026-08-01',
    ]);
  }

  const source = (id: string, kind: string, extra: string, file: string, rows: string[][]) => {
    const d = join(dir, 'sources', id);
    mkdirSync(d, { recursive: true });
    writeFileSync(
      join(d, 'source.yml'),
      `kind: ${kind}\nsector: childcare\n${extra}publisher: 宁波市卫生健康委员会\ntitle: 生成的测试数据\npublished: 2026-11-01\nregion: "330200"\nfiles: [${file}]\n`,
    );
    writeFileSync(join(d, file), csv(rows));
  };
  source('gen-institutions', 'institutions', 'list: 备案\n', 'list.csv', institutions);
  source('gen-penalties', 'penalties', '', 'penalties.csv', penalties);
  source('gen-inspections', 'inspections', '', 'checks.csv', inspections);
  source('gen-blacklist', 'list-actions', 'list: 黑名单\naction: 列入\n', 'blacklist.csv', listActions);
}

/** Every file of the site as text: gzip opened, the Pagefind signature dropped. */
let site: Array<{ file: string; text: string; form: string }>;

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'privacy-generated-'));
  writeSources(dir);
  const { dist } = buildSite({ dataDir: dir });
  site = listFiles(dist).map((f) => {
    let bytes = readFileSync(f);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    let text = bytes.toString('utf8');
    if (text.startsWith('pagefind_dcd')) text = text.slice('pagefind_dcd'.length);
    return { file: relative(dist, f), text, form: scanForm(text) };
  });
});

/** Compiled scripts and styles: library code, no data (checked by privacy.test.ts on the sample site). */
const isCode = (file: string) => /^_astro\/.*\.(?:js|css)$/.test(file);
/** 贾家豪 → 贾家家豪: the search layer's bigrams of a name, in the scan form (spaces gone). */
const bigramForm = (s: string) =>
  [...s]
    .slice(0, -1)
    .map((c, i) => c + [...s][i + 1])
    .join('');

function leaksOf(needles: Array<{ value: string; what: string }>): string[] {
  const out: string[] = [];
  for (const { file, form } of site) {
    if (isCode(file)) continue;
    for (const n of needles) if (form.includes(n.value)) out.push(`${file}: ${n.value} (${n.what})`);
  }
  return out;
}

describe('privacy scan of a site built from generated personal data', () => {
  it('built the data it was given: pages, downloads, feeds, map data and search bundles', () => {
    expect(secrets.length).toBeGreaterThan(500);
    const kinds = new Set(site.map(({ file }) => file.split('.').pop()));
    for (const k of ['html', 'json', 'csv', 'xml']) expect(kinds, k).toContain(k);
    expect(site.some(({ file }) => /pagefind.*fragment/.test(file))).toBe(true);
    expect(site.some(({ file }) => /pagefind.*\.pf_index$/.test(file))).toBe(true);
    // The decisions are published, masked: 甬卫罚〔2026〕1号 … with 某 for the names.
    const penaltiesCsv = site.find(({ file }) => /penalties\.csv$/.test(file));
    expect(penaltiesCsv?.text).toContain('甬卫罚〔2026〕1号');
    expect(penaltiesCsv?.text).toMatch(/某/);
    expect(penaltiesCsv?.text).toContain('[身份证号已隐去]');
    expect(penaltiesCsv?.text).toContain('[手机号已隐去]');
  });

  it('holds none of the generated ID and mobile numbers, in any file, in any form', () => {
    const numbers = secrets
      .filter((s) => /^\d/.test(s.value))
      .map((s) => ({ ...s, value: s.value.toLowerCase() }));
    expect(numbers.length).toBeGreaterThan(400);
    expect(leaksOf(numbers)).toEqual([]);
  });

  it('names no generated person: whole, as search bigrams, or in pinyin', () => {
    const needles = persons.flatMap((n) => [
      { value: n.simplified, what: 'name' },
      { value: bigramForm(n.simplified), what: 'search bigrams' },
      ...pinyinKeysOf(n).map((k) => ({ value: k, what: 'pinyin' })),
    ]);
    expect(persons.length).toBeGreaterThan(100);
    expect(leaksOf(needles)).toEqual([]);
  });

  it('gives no natural person an institution page or a map point', () => {
    const pages = site.filter(({ file }) => /^institutions\/[^/]+\/index\.html$/.test(file));
    // 27 organisations from the list, 4 from the black list (the same names) and 16 penalised ones on no list.
    expect(pages.length).toBeGreaterThan(20);
    for (const { file, text } of pages) expect(text, file).not.toMatch(/<h1>[^<]{1,3}某</);
  });
});
