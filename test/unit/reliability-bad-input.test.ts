/**
 * The bad-input suite: one data directory per defect under test/fixtures/bad/<defect>/, each with the broken source
 * and a clean companion source. For every defect: the expected problem code, a Chinese message that names source,
 * file, row and column, the exit code of issue 3 (0 nothing rejected · 1 rows rejected · 2 a source unreadable),
 * the companion still built, and the accounting balanced.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/lib/domain/schemas.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { MAX_FILE_BYTES, type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { unknownCategories } from '../../src/lib/ingest/split-list.ts';
import { COMPANION_CSV, COMPANION_ID, COMPANION_MANIFEST } from '../fixtures/bad/generate.ts';
import { expectWithinBudget } from '../helpers/time-budget.ts';

const AS_OF = '2026-11-24';
const BAD = resolve('test/fixtures/bad');

async function run(dataDir: string): Promise<PipelineResult> {
  const r = await runPipeline(loadSources(dataDir), AS_OF);
  expectBalanced(r);
  expectCompanionBuilt(r);
  expectClearProblems(r);
  return r;
}

/** Every row has exactly one outcome: per source and in total, rows = published + merged + hidden + rejected. */
function expectBalanced(r: PipelineResult) {
  const sum = { rows: 0, published: 0, merged: 0, hidden: 0, rejected: 0 };
  for (const s of r.report.sources) {
    expect(s.published + s.merged + s.hidden + s.rejected, s.id).toBe(s.rows);
    for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += s[k];
  }
  const { warnings: _, ...totals } = r.report.totals;
  expect(totals).toEqual(sum);
  expect(r.report.hidden.length).toBe(sum.hidden);
}

/** The clean source beside the broken one still reaches the site data. */
function expectCompanionBuilt(r: PipelineResult) {
  const s = r.report.sources.find((x) => x.id === COMPANION_ID);
  expect(s).toMatchObject({ rows: 2, published: 2, rejected: 0 });
  expect(r.data.sources.map((x) => x.id)).toContain(COMPANION_ID);
  const codes = r.data.institutions.map((i) => i.uscc);
  expect(codes).toContain('91420112MA4K000106');
  expect(codes).toContain('91420112MA4K000207');
}

/** Messages are Chinese and every problem names its source and file. */
function expectClearProblems(r: PipelineResult) {
  for (const p of r.report.problems) {
    expect(p.message, p.code).toMatch(/\p{Script=Han}/u);
    expect(p.message, p.code).not.toMatch(ENGLISH_SENTENCE);
    expect(p.source, p.message).toBeTruthy();
    expect(p.file, p.message).toBeTruthy();
  }
}

/** Three English words in a row: a library's message leaking through untranslated. */
const ENGLISH_SENTENCE = /[A-Za-z']{2,} [A-Za-z']{2,} [A-Za-z']{2,}/;

type Want = Partial<Problem> & { code: string };

function expectProblem(r: PipelineResult, want: Want) {
  const hit = r.report.problems.find((p) =>
    Object.entries(want).every(([k, v]) => p[k as keyof Problem] === v),
  );
  expect(hit, `${JSON.stringify(want)} in ${JSON.stringify(r.report.problems, null, 1)}`).toBeDefined();
  return hit as Problem;
}

const source = (r: PipelineResult, id: string) => r.report.sources.find((s) => s.id === id);

interface Case {
  defect: string;
  exit: 0 | 1 | 2;
  problems: Want[];
  /** Counts of the defect's own source. */
  counts: { rows: number; published: number; rejected: number };
}

const CASES: Case[] = [
  {
    defect: 'truncated-xlsx',
    exit: 2,
    problems: [{ file: '备案名单.xlsx', row: null, code: 'corrupt-file', severity: 'error' }],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'corrupt-xlsx',
    exit: 2,
    problems: [{ file: '备案名单.xlsx', row: null, code: 'corrupt-file', severity: 'error' }],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'mixed-encoding-csv',
    exit: 0,
    problems: [{ file: '混合编码.csv', code: 'mixed-encoding', severity: 'warning' }],
    counts: { rows: 4, published: 4, rejected: 0 },
  },
  {
    defect: 'header-row-late',
    exit: 0,
    problems: [],
    counts: { rows: 2, published: 2, rejected: 0 },
  },
  {
    defect: 'header-row-after-row-30',
    exit: 2,
    problems: [{ file: '表头太靠后.csv', code: 'no-header', severity: 'error' }],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'duplicated-headers',
    exit: 0,
    problems: [
      { file: '重复列名.csv', row: 1, column: '机构名称', code: 'duplicate-column', severity: 'warning' },
      { file: '重复列名.csv', row: 1, column: '备案日期', code: 'duplicate-column', severity: 'warning' },
    ],
    counts: { rows: 2, published: 2, rejected: 0 },
  },
  {
    defect: 'empty-file',
    exit: 2,
    problems: [{ file: '空文件.csv', row: null, code: 'empty-file', severity: 'error' }],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'blank-lines-only',
    exit: 2,
    problems: [{ file: '只有空行.csv', row: null, code: 'empty-file', severity: 'error' }],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'bad-manifest-missing-fields',
    exit: 2,
    problems: [
      { file: 'source.yml', column: 'publisher', code: 'bad-manifest', severity: 'error' },
      { file: 'source.yml', column: 'published', code: 'bad-manifest', severity: 'error' },
      { file: 'source.yml', column: 'region', code: 'bad-manifest', severity: 'error' },
    ],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'bad-manifest-wrong-values',
    exit: 2,
    problems: ['kind', 'sector', 'batch', 'url', 'region', 'crs', 'files', 'published'].map((column) => ({
      file: 'source.yml',
      column,
      code: 'bad-manifest',
      severity: 'error' as const,
    })),
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'bad-manifest-invalid-yaml',
    exit: 2,
    problems: [{ file: 'source.yml', row: 5, code: 'bad-manifest', severity: 'error' }],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'bad-manifest-unknown-keys',
    exit: 2,
    problems: [
      { file: 'source.yml', column: 'coordinate_system、contact', code: 'bad-manifest', severity: 'error' },
    ],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'manifest-absent',
    exit: 2,
    problems: [{ file: 'source.yml', code: 'bad-manifest', severity: 'error' }],
    counts: { rows: 0, published: 0, rejected: 0 },
  },
  {
    defect: 'missing-file',
    exit: 2,
    problems: [{ file: '附件2.csv', row: null, code: 'missing-file', severity: 'error' }],
    // The file that is there is still read.
    counts: { rows: 1, published: 1, rejected: 0 },
  },
  {
    defect: 'impossible-date',
    exit: 1,
    problems: [
      {
        file: '日期有误.csv',
        row: 2,
        column: '备案日期',
        field: 'filed',
        code: 'invalid-date',
        severity: 'error',
      },
      {
        file: '日期有误.csv',
        row: 3,
        column: '备案日期',
        field: 'filed',
        code: 'invalid-date',
        severity: 'error',
      },
      {
        file: '日期有误.csv',
        row: 4,
        column: '备案日期',
        field: 'filed',
        code: 'invalid-date',
        severity: 'error',
      },
    ],
    counts: { rows: 4, published: 1, rejected: 3 },
  },
  {
    defect: 'negative-and-absurd-fines',
    exit: 1,
    problems: [
      { file: '罚款金额.csv', row: 2, column: '罚款金额（万元）', code: 'invalid-amount', severity: 'error' },
      {
        file: '罚款金额.csv',
        row: 3,
        column: '罚款金额（万元）',
        code: 'amount-suspect',
        severity: 'warning',
      },
      { file: '罚款金额.csv', row: 4, column: '罚款金额（万元）', code: 'invalid-amount', severity: 'error' },
    ],
    counts: { rows: 4, published: 2, rejected: 2 },
  },
  {
    defect: 'unknown-penalty-category',
    exit: 0,
    problems: [
      {
        file: '处罚类别.csv',
        row: 2,
        column: '处罚类别',
        field: 'categories',
        code: 'unknown-category',
        severity: 'warning',
      },
    ],
    counts: { rows: 3, published: 3, rejected: 0 },
  },
  {
    defect: 'uscc-lowercase-fullwidth',
    exit: 0,
    problems: [2, 3, 4].map((row) => ({
      file: '信用代码写法.csv',
      row,
      column: '统一社会信用代码',
      field: 'uscc',
      code: 'uscc-normalised',
      severity: 'warning' as const,
    })),
    counts: { rows: 4, published: 4, rejected: 0 },
  },
  {
    defect: 'penalty-publicity-expired',
    exit: 0,
    problems: [],
    counts: { rows: 5, published: 1, rejected: 0 },
  },
];

describe('bad input: each defect in its own data directory', () => {
  for (const c of CASES) {
    it(`${c.defect}: exit ${c.exit}, ${c.problems.map((p) => p.code).join(', ') || 'no problems'}`, async () => {
      const r = await run(join(BAD, c.defect));
      expect(r.exitCode).toBe(c.exit);
      for (const want of c.problems) expectProblem(r, { source: c.defect, ...want });
      if (c.problems.length === 0) expect(r.report.problems.filter((p) => p.source === c.defect)).toEqual([]);
      expect(source(r, c.defect)).toMatchObject(c.counts);
    });
  }
});

describe('bad input: what the kept rows look like', () => {
  it('header-row-late: rows keep their spreadsheet numbers below four lines of notes', async () => {
    const r = await run(join(BAD, 'header-row-late'));
    const rows = r.data.institutions
      .flatMap((i) => i.provenance)
      .filter((p) => p.source === 'header-row-late')
      .map((p) => p.row)
      .sort();
    expect(rows).toEqual([6, 7]);
  });

  it('truncated-xlsx and corrupt-xlsx: say what the bytes are instead of passing on the zip library', async () => {
    const truncated = expectProblem(await run(join(BAD, 'truncated-xlsx')), { code: 'corrupt-file' });
    expect(truncated.message).toBe('XLSX 文件不完整或已损坏（可能下载中断），无法打开；请重新下载原附件');
    const corrupt = expectProblem(await run(join(BAD, 'corrupt-xlsx')), { code: 'corrupt-file' });
    expect(corrupt.message).toBe('文件不是 xlsx 格式（不是 ZIP 压缩包），可能已损坏或扩展名有误');
  });

  it('duplicated-headers: the first of two same-named columns wins; the second fills its gaps', async () => {
    const r = await run(join(BAD, 'duplicated-headers'));
    const names = r.data.institutions.map((i) => i.name);
    expect(names).toContain('武汉市东西湖区重复列一号托育中心');
    expect(names).toContain('武汉市东西湖区重复列二号托育中心');
    const one = r.data.institutions.find((i) => i.name === '武汉市东西湖区重复列一号托育中心');
    expect(one?.filed).toBe('2023-05-10');
    const two = r.data.institutions.find((i) => i.name === '武汉市东西湖区重复列二号托育中心');
    expect(two?.filed).toBe('2023-06-01');
    const note = expectProblem(r, {
      source: 'duplicated-headers',
      column: '机构名称',
      code: 'duplicate-column',
    });
    expect(note.message).toBe(
      '第 3 列“机构名称”与第 2 列“机构名称”同为“机构名称”，取第 2 列的值，该列为空时才用第 3 列',
    );
  });

  it('mixed-encoding-csv: UTF-8 and GB18030 lines both decode to the right names', async () => {
    const r = await run(join(BAD, 'mixed-encoding-csv'));
    const names = r.data.institutions.map((i) => i.name);
    for (const n of [
      '武汉市东西湖区混合编码一号托育中心',
      '武汉市东西湖区混合编码二号托育中心',
      '武汉市东西湖区混合编码三号托育中心',
      '武汉市東西湖區混合編碼四號托育中心',
    ])
      expect(names).toContain(n);
    expect(names.join('')).not.toMatch(/\uFFFD/);
    const note = expectProblem(r, { source: 'mixed-encoding-csv', code: 'mixed-encoding' });
    expect(note.message).toBe(
      '文件中第 3、5 行为 GB18030 编码，其余为 UTF-8，已逐行识别；请发布单位统一为 UTF-8',
    );
  });

  it('impossible-date: the leap day 2024-02-29 is a real date and is kept', async () => {
    const r = await run(join(BAD, 'impossible-date'));
    const kept = r.data.institutions.find((i) => i.name === '武汉市东西湖区日期正确托育中心');
    expect(kept?.filed).toBe('2024-02-29');
    const p = expectProblem(r, { source: 'impossible-date', row: 2, code: 'invalid-date' });
    expect(p.message).toContain('2023-02-30');
  });

  it('negative-and-absurd-fines: -5 rejected, 20000 万元 kept with a warning, 5 万元 is 50,000 yuan', async () => {
    const r = await run(join(BAD, 'negative-and-absurd-fines'));
    const fines = Object.fromEntries(r.data.penalties.map((p) => [p.documentNumber, p.fineYuan]));
    expect(fines).toEqual({ '东卫罚〔2026〕102号': 200_000_000, '东卫罚〔2026〕104号': 50_000 });
    const warn = expectProblem(r, { source: 'negative-and-absurd-fines', row: 3, code: 'amount-suspect' });
    expect(warn.message).toContain('20000');
  });

  it('unknown-penalty-category: 约谈 is named with the lawful list; the row is published as written', async () => {
    const r = await run(join(BAD, 'unknown-penalty-category'));
    const found = r.report.problems.filter((p) => p.code === 'unknown-category');
    // 罚款；没收违法所得 and 责令停止托育服务 (人口与计划生育法 art. 41) are lawful.
    expect(found.map((p) => p.row)).toEqual([2]);
    expect(found[0]?.message).toMatch(
      /^处罚类别“约谈”不是《行政处罚法》第九条规定的处罚种类（警告、通报批评、罚款、.*其他）/,
    );
    const p = r.data.penalties.find((x) => x.documentNumber === '东卫罚〔2026〕111号');
    expect(p?.categories).toEqual(['罚款', '约谈']);
    expect(
      unknownCategories([
        '暂扣或者吊销许可证',
        '其他-责令改正',
        '罰款',
        ' 没收 违法所得 ',
        '批评教育',
        '罚金',
      ]),
    ).toEqual(['批评教育', '罚金']);
    const sample = await runPipeline(loadSources('test/fixtures/samples'), AS_OF);
    expect(sample.report.problems.filter((x) => x.code === 'unknown-category')).toEqual([]);
  });

  it('uscc-lowercase-fullwidth: codes are upper-cased half-width and merge with the same code elsewhere', async () => {
    const r = await run(join(BAD, 'uscc-lowercase-fullwidth'));
    const byCode = new Map(r.data.institutions.map((i) => [i.uscc, i]));
    expect(byCode.get('91420112MA4K001500')?.id).toBe('91420112ma4k001500');
    expect(byCode.get('91420112MA4K001601')?.id).toBe('91420112ma4k001601');
    // Written lower-case here, upper-case in the companion: one institution from two sources.
    const merged = byCode.get('91420112MA4K000207');
    expect(merged?.provenance.map((p) => p.source).sort()).toEqual([
      COMPANION_ID,
      'uscc-lowercase-fullwidth',
    ]);
    expect(byCode.get('91420112MA4K001702')?.name).toBe('武汉市东西湖区首尾空格代码托育中心');
    expect(r.data.institutions).toHaveLength(5);
  });

  it('uscc-lowercase-fullwidth: each code published in another form is reported with both forms', async () => {
    const r = await run(join(BAD, 'uscc-lowercase-fullwidth'));
    const found = r.report.problems.filter((p) => p.code === 'uscc-normalised');
    expect(found.map((p) => [p.row, p.message])).toEqual([
      [
        2,
        '统一社会信用代码“91420112ma4k000207”已规范为“91420112MA4K000207”（小写转大写），按规范后的代码公布和匹配',
      ],
      [
        3,
        '统一社会信用代码“９１４２０１１２ＭＡ４Ｋ００１５００”已规范为“91420112MA4K001500”（全角转半角），按规范后的代码公布和匹配',
      ],
      [
        4,
        '统一社会信用代码“９１４２ ０１１２ｍａ４ｋ ００１６０１”已规范为“91420112MA4K001601”（全角转半角、小写转大写、去掉中间的空格），按规范后的代码公布和匹配',
      ],
    ]);
    // Row 5 only has ideographic spaces around the code: trimming is no finding. The companion is upper-case.
    for (const p of found)
      expect(p).toMatchObject({ source: 'uscc-lowercase-fullwidth', severity: 'warning' });
    expect(source(r, 'uscc-lowercase-fullwidth')).toMatchObject({ published: 4 });
  });

  it('document-number-reused: one 文号 for two parties is two penalties, with a warning', async () => {
    const r = await run(join(BAD, 'document-number-reused'));
    expect(r.exitCode).toBe(0);
    const warn = expectProblem(r, {
      source: 'document-number-reused',
      file: '行政处罚.csv',
      row: 3,
      field: 'documentNumber',
      code: 'document-number-conflict',
      severity: 'warning',
    });
    expect(warn.message).toContain('document-number-reused · 行政处罚.csv:2');
    const byUscc = new Map(r.data.institutions.map((i) => [i.uscc, i]));
    const one = byUscc.get('91420112MA4K000106');
    const two = byUscc.get('91420112MA4K000207');
    expect(one?.penaltyIds).toHaveLength(1);
    expect(two?.penaltyIds).toHaveLength(1);
    expect(one?.penaltyIds[0]).not.toBe(two?.penaltyIds[0]);
    const fines = new Map(r.data.penalties.map((p) => [p.institutionId, p.fineYuan]));
    expect(fines.get(one?.id ?? '')).toBe(10_000);
    expect(fines.get(two?.id ?? '')).toBe(20_000);
    // The city's copy of the first decision, without a code, is still the same decision.
    expect(source(r, 'wuhan-city-republished')).toMatchObject({ rows: 1, merged: 1 });
    const first = r.data.penalties.find((p) => p.institutionId === one?.id);
    expect(first?.alsoIn.map((p) => p.source)).toEqual(['wuhan-city-republished']);
    expect(source(r, 'document-number-reused')).toMatchObject({ rows: 2, published: 2, merged: 0 });
  });

  it('penalty-other-region: a same-named institution in another region is not linked', async () => {
    const r = await run(join(BAD, 'penalty-other-region'));
    expect(r.exitCode).toBe(0);
    const wuhan = r.data.institutions.find((i) => i.name === '阳光宝贝托育中心' && i.region === '420112');
    expect(wuhan).toBeDefined();
    expect(wuhan?.penaltyIds).toEqual([]);
    expect(wuhan?.status).toBe('listed');
    const byDoc = new Map(r.data.penalties.map((p) => [p.documentNumber, p]));
    // Published in 凯里 (another province): its own entity in 522601.
    const kaili = byDoc.get('凯卫罚〔2026〕301号');
    expect(kaili?.institutionId).not.toBe(wuhan?.id);
    expect(kaili?.region).toBe('522601');
    // Published by the city for 蔡甸区 (420114), a sibling county: not the 东西湖区 institution either.
    const caidian = byDoc.get('武卫罚〔2026〕201号');
    expect(caidian?.institutionId).not.toBe(wuhan?.id);
    expect(caidian?.region).toBe('420114');
    // Control: the city's penalty without 区县 does link to the one institution of that name inside the city.
    const linked = byDoc.get('武卫罚〔2026〕202号');
    const xiaotaiyang = r.data.institutions.find((i) => i.name === '东西湖区小太阳托育园');
    expect(linked?.institutionId).toBe(xiaotaiyang?.id);
    expect(xiaotaiyang?.status).toBe('sanctioned');
  });

  it('penalty-other-region: a penalty linked by code to an institution outside the publisher’s area is kept, with a warning', async () => {
    const r = await run(join(BAD, 'penalty-other-region'));
    const byDoc = new Map(r.data.penalties.map((p) => [p.documentNumber, p]));
    const caihong = r.data.institutions.find((i) => i.uscc === '91420112MA4K001803');
    // 凯里 published a decision with the code of an institution on the 东西湖区 list: still linked by the code.
    expect(byDoc.get('凯卫罚〔2026〕302号')?.institutionId).toBe(caihong?.id);
    expect(caihong?.status).toBe('sanctioned');
    const warn = expectProblem(r, {
      source: 'kaili-xzcf',
      file: '行政处罚.csv',
      row: 3,
      column: '统一社会信用代码',
      field: 'uscc',
      code: 'penalty-outside-region',
      severity: 'warning',
    });
    expect(warn.message).toBe(
      '按统一社会信用代码关联到的机构“东西湖区彩虹桥托育中心”登记在湖北省武汉市东西湖区（420112），' +
        '不在处罚发布机关所在地区贵州省黔东南苗族侗族自治州凯里市（522601）范围内；仍予关联，请核对统一社会信用代码是否有误',
    );
    // A province covers its cities and counties, a city its counties: the province's decision by code and the
    // city's decision by name link inside their areas without a finding.
    const xingxing = r.data.institutions.find((i) => i.uscc === '91420112MA4K001904');
    expect(byDoc.get('鄂卫罚〔2026〕401号')?.institutionId).toBe(xingxing?.id);
    expect(byDoc.get('武卫罚〔2026〕202号')?.institutionId).toBeTruthy();
    const outside = r.report.problems.filter((p) => p.code === 'penalty-outside-region');
    expect(outside.map((p) => `${p.source}:${p.row}`)).toEqual(['kaili-xzcf:3']);
    expect(r.report.totals.rejected).toBe(0);
  });

  it('penalty-publicity-expired: the report says when each expired window ended and whether that date was derived', async () => {
    const r = await run(join(BAD, 'penalty-publicity-expired'));
    const at = { source: 'penalty-publicity-expired', file: '行政处罚.csv' };
    expect(r.report.hidden).toEqual([
      // 公示截止期 published.
      { ...at, row: 2, reason: 'expired', until: '2025-03-01', derived: false },
      // No 公示截止期: three years for a 10,000-yuan fine…
      { ...at, row: 3, reason: 'expired', until: '2026-01-10', derived: true },
      // …three months for a fine of at most 3,000 yuan and nothing else.
      { ...at, row: 4, reason: 'expired', until: '2026-08-01', derived: true },
      // Other reasons carry no window.
      { ...at, row: 6, reason: 'warning-only' },
    ]);
    expect(r.data.penalties.map((p) => p.documentNumber)).toEqual(['东卫罚〔2026〕504号']);
  });
});

describe('bad input: manifest messages say what is wrong and what is allowed', () => {
  const messages = async (defect: string) =>
    (await run(join(BAD, defect))).report.problems.filter((p) => p.source === defect).map((p) => p.message);

  it('bad-manifest-wrong-values: the value found and the values allowed, in Chinese', async () => {
    const got = await messages('bad-manifest-wrong-values');
    expect(got).toContain(
      '字段 kind 的值“institution”无效，应为 institutions、penalties、inspections、list-actions 之一',
    );
    expect(got).toContain('字段 crs 的值“bd09”无效，应为 wgs84、gcj02 之一');
    expect(got).toContain('字段 published 的日期“2024-13-01”不存在');
    // A value of the wrong type is not a missing field.
    expect(got.find((m) => m.includes('files'))).toMatch(/类型不对，应为列表/);
    // One finding per field, although a malformed url fails two checks.
    expect(got.filter((m) => m.includes('url'))).toHaveLength(1);
    for (const m of got) expect(m).not.toMatch(ENGLISH_SENTENCE);
  });

  it('bad-manifest-invalid-yaml: the line and what is wrong there', async () => {
    expect(await messages('bad-manifest-invalid-yaml')).toEqual([
      'source.yml 第 5 行第 27 列不是有效的 YAML：引号或括号没有闭合',
    ]);
  });

  it('bad-manifest-missing-fields: each missing field by name', async () => {
    expect(await messages('bad-manifest-missing-fields')).toEqual([
      '缺少必填字段 publisher',
      '缺少必填字段 published',
      '缺少必填字段 region',
    ]);
  });
});

describe('bad input: files made at test time', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'bad-input-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** A data directory with the companion and one source of the given files. */
  function dataDir(defect: string, manifest: string, files: Record<string, string | Uint8Array>): string {
    const dir = join(tmp, defect);
    const companion = join(dir, 'sources', COMPANION_ID);
    mkdirSync(companion, { recursive: true });
    writeFileSync(join(companion, 'source.yml'), COMPANION_MANIFEST);
    writeFileSync(join(companion, '对照名单.csv'), COMPANION_CSV);
    const own = join(dir, 'sources', defect);
    mkdirSync(own, { recursive: true });
    writeFileSync(join(own, 'source.yml'), manifest);
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(own, name), bytes);
    return dir;
  }

  const manifest = (title: string, file: string) => `kind: institutions
sector: childcare
list: 备案
publisher: 武汉市东西湖区卫生健康局
title: ${title}
published: 2024-05-01
url: "https://www.dxh.gov.cn/notice/2024/0501.html"
region: "420112"
files: [${file}]
`;

  it('file-200mb: refused with a size error before it is read; memory stays flat', async () => {
    const dir = dataDir('file-200mb', manifest('两亿字节的名单', '大文件.csv'), {});
    const path = join(dir, 'sources', 'file-200mb', '大文件.csv');
    // 200 MiB of well-formed rows, written a mebibyte at a time.
    const line = '1,武汉市东西湖区某某托育中心,,武汉市东西湖区金银湖街道某某路1号,2023-05-10\n';
    const chunk = Buffer.from(line.repeat(Math.ceil(2 ** 20 / Buffer.byteLength(line))));
    const fd = openSync(path, 'w');
    writeSync(fd, '序号,机构名称,统一社会信用代码,地址,备案日期\n');
    let size = 0;
    while (size < 200 * 2 ** 20) size += writeSync(fd, chunk);
    closeSync(fd);

    const before = process.memoryUsage();
    const started = performance.now();
    const r = await run(dir);
    const after = process.memoryUsage();
    expectWithinBudget(performance.now() - started, 5_000);
    // Not read at all: neither the heap nor Buffer memory grows by anything near the file's size.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(32 * 2 ** 20);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(64 * 2 ** 20);

    expect(r.exitCode).toBe(2);
    const p = expectProblem(r, {
      source: 'file-200mb',
      file: '大文件.csv',
      row: null,
      code: 'file-too-large',
      severity: 'error',
    });
    expect(p.message).toMatch(/^文件大小 200\.\d MB，超过可读取的上限 64 MB，未读取/);
    expect(source(r, 'file-200mb')).toMatchObject({ rows: 0, published: 0, rejected: 0 });
  });

  it('a file over the limit handed over in memory gets the same error', async () => {
    const r = await runPipeline(
      [
        {
          id: 'in-memory',
          manifestText: manifest('内存中的大文件', '大文件.csv'),
          files: [{ name: '大文件.csv', bytes: new Uint8Array(MAX_FILE_BYTES + 1) }],
          unlisted: [],
        },
      ],
      AS_OF,
    );
    expect(r.exitCode).toBe(2);
    expect(r.report.problems.map((p) => p.code)).toEqual(['file-too-large']);
  });

  it('wide-10000-columns: read in seconds; the unknown columns are reported, not published', async () => {
    const width = 10_000;
    const header = ['序号', '机构名称', '统一社会信用代码', '备案日期'];
    for (let i = header.length; i < width; i++) header.push(`附加列${i + 1}`);
    const lines = [header.join(',')];
    for (let row = 1; row <= 20; row++) {
      const cells = [String(row), `武汉市东西湖区宽表${row}号托育中心`, '', '2023-05-10'];
      for (let i = cells.length; i < width; i++) cells.push(`值${i}`);
      lines.push(cells.join(','));
    }
    const dir = dataDir('wide-10000-columns', manifest('一万列的名单', '一万列.csv'), {
      '一万列.csv': `${lines.join('\n')}\n`,
    });
    const started = performance.now();
    const r = await run(dir);
    expectWithinBudget(performance.now() - started, 5_000);
    expect(r.exitCode).toBe(0);
    expect(source(r, 'wide-10000-columns')).toMatchObject({ rows: 20, published: 20 });
    // The first unknown columns one by one, then one line for the rest: a report of 9,996 lines helps nobody.
    const unknown = r.report.problems.filter((p) => p.code === 'unknown-column');
    expect(unknown).toHaveLength(21);
    expect(unknown[0]).toMatchObject({ file: '一万列.csv', row: 1, column: '附加列5', severity: 'warning' });
    expect(unknown[20]?.message).toBe('另有 9976 列（附加列25 … 附加列10000）不是已知字段，未发布');
    const inst = r.data.institutions.find((i) => i.name === '武汉市东西湖区宽表7号托育中心');
    expect(JSON.stringify(inst)).not.toContain('值9999');
  });
});

describe('validate script, end to end', () => {
  it('exits 1 on rejected rows and prints source · file:row · column — message', () => {
    const r = spawnSync(process.execPath, ['scripts/validate.ts'], {
      env: {
        ...process.env,
        DATA_DIR: join(BAD, 'impossible-date'),
        AS_OF,
        CACHE_DIR: mkdtempSync(join(tmpdir(), 'bad-cache-')),
        REPORTS_DIR: mkdtempSync(join(tmpdir(), 'bad-reports-')),
      },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      'impossible-date · 日期有误.csv:2 · 备案日期 — 日期“2023-02-30”不存在 [invalid-date]',
    );
    expect(r.stdout).toContain('【companion-clean】2 行：发布 2');
  });

  it('names the end of each expired publicity window and whether it was published or derived', () => {
    const r = spawnSync(process.execPath, ['scripts/validate.ts'], {
      env: {
        ...process.env,
        DATA_DIR: join(BAD, 'penalty-publicity-expired'),
        AS_OF,
        CACHE_DIR: mkdtempSync(join(tmpdir(), 'bad-cache-')),
        REPORTS_DIR: mkdtempSync(join(tmpdir(), 'bad-reports-')),
      },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const at = 'penalty-publicity-expired · 行政处罚.csv';
    expect(r.stdout).toContain(
      `隐藏 ${at}:2 — 公示期已满，不再公示（2025-03-01，按公布的公示截止期） [expired]`,
    );
    expect(r.stdout).toContain(`隐藏 ${at}:3 — 公示期已满，不再公示（2026-01-10，按规则推算） [expired]`);
    expect(r.stdout).toContain(`隐藏 ${at}:4 — 公示期已满，不再公示（2026-08-01，按规则推算） [expired]`);
    expect(r.stdout).toContain(`隐藏 ${at}:6 — 仅为警告，按规定不公示 [warning-only]`);
  });
});
