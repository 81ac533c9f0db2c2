/**
 * The publicity rules (docs/rules.md, "How long a penalty stays public"), checked two ways:
 * - a table of legal cases written by hand — categories, amounts and the window each gets, with the rule that says
 *   so, and full dates worked out by hand — against the function;
 * - properties run through the whole pipeline on sources built in memory: for any decision date, 公示截止期 (or none),
 *   legal case and as-of date, a penalty is shown exactly inside its window (decided ≤ as-of ≤ until); a warning-only
 *   decision never; a withdrawn decision never, anywhere in the site data, whichever source says it was withdrawn.
 *   Hidden penalties are reported with their reason. The expected window comes from the table, not from the rule.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hiddenReason, publicityWindow } from '../../src/lib/ingest/decide-visibility.ts';
import { type LoadedSource, type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { runs } from './fuzz-arbitraries.ts';

interface LegalCase {
  categories: string[];
  fineYuan: number;
  confiscatedYuan: number;
  /** Months the window lasts without a published 公示截止期; null: warning-only, never published. */
  months: 3 | 36 | null;
  why: string;
}

/** Written by hand from the rules, not from the code. */
const LEGAL_CASES: LegalCase[] = [
  {
    categories: ['通报批评'],
    fineYuan: 0,
    confiscatedYuan: 0,
    months: 3,
    why: 'SAMR Order 45 art. 13: 仅受到通报批评',
  },
  {
    categories: ['罚款'],
    fineYuan: 3000,
    confiscatedYuan: 0,
    months: 3,
    why: 'SAMR Order 45 art. 13: 较低数额罚款 (≤ 3,000 元)',
  },
  { categories: ['罚款'], fineYuan: 1, confiscatedYuan: 0, months: 3, why: 'a fine of 1 yuan is a low fine' },
  {
    categories: ['罚款'],
    fineYuan: 3001,
    confiscatedYuan: 0,
    months: 36,
    why: 'above 3,000 yuan: 3 years (NDRC Order 58 maximum)',
  },
  { categories: ['罚款'], fineYuan: 200_000, confiscatedYuan: 0, months: 36, why: 'a large fine: 3 years' },
  {
    categories: ['警告', '罚款'],
    fineYuan: 2000,
    confiscatedYuan: 0,
    months: 3,
    why: '警告 besides a low fine changes nothing',
  },
  {
    categories: ['警告', '通报批评'],
    fineYuan: 0,
    confiscatedYuan: 0,
    months: 3,
    why: '警告 besides 通报批评 changes nothing',
  },
  {
    categories: ['通报批评', '罚款'],
    fineYuan: 3000,
    confiscatedYuan: 0,
    months: 3,
    why: '通报批评 and a low fine',
  },
  {
    categories: ['罚款'],
    fineYuan: 2000,
    confiscatedYuan: 500,
    months: 36,
    why: 'a confiscation too: not only a low fine',
  },
  {
    categories: ['罚款', '没收违法所得'],
    fineYuan: 2000,
    confiscatedYuan: 500,
    months: 36,
    why: '没收违法所得 is not a low fine',
  },
  { categories: ['责令停产停业'], fineYuan: 0, confiscatedYuan: 0, months: 36, why: '责令停产停业: 3 years' },
  { categories: ['吊销许可证件'], fineYuan: 0, confiscatedYuan: 0, months: 36, why: '吊销许可证件: 3 years' },
  {
    categories: ['罚款', '责令停产停业'],
    fineYuan: 3000,
    confiscatedYuan: 0,
    months: 36,
    why: 'a low fine with 责令停产停业: 3 years',
  },
  {
    categories: ['警告'],
    fineYuan: 0,
    confiscatedYuan: 0,
    months: null,
    why: 'SAMR Order 45 art. 6: 警告 only, not published',
  },
];

/** Whole cases with the last day of the window worked out by hand (the window includes its last day). */
const DATED_CASES: Array<{ decided: string; until: string | null; legal: number; end: string }> = [
  { decided: '2025-01-31', until: null, legal: 0, end: '2025-04-30' },
  { decided: '2024-11-30', until: null, legal: 1, end: '2025-02-28' },
  { decided: '2024-03-31', until: null, legal: 5, end: '2024-06-30' },
  { decided: '2024-02-29', until: null, legal: 3, end: '2027-02-28' },
  { decided: '2023-05-10', until: null, legal: 10, end: '2026-05-10' },
  { decided: '2022-06-15', until: null, legal: 8, end: '2025-06-15' },
  // A published 公示截止期 wins over the derived window, shorter or longer.
  { decided: '2025-03-01', until: '2025-09-01', legal: 3, end: '2025-09-01' },
  { decided: '2025-03-01', until: '2029-03-01', legal: 0, end: '2029-03-01' },
];

interface Decision {
  doc: string;
  /** Index of the institution it names (0–3), or null for a natural person. */
  subject: number | null;
  decided: string;
  until: string | null;
  categories: string[];
  fineYuan: number;
  confiscatedYuan: number;
  /** From the legal case: the derived window in months, null for warning-only. */
  months: 3 | 36 | null;
  withdrawn: boolean;
}

const INSTITUTIONS = [
  ['武汉市东西湖区公示一号托育中心', '91420112MA4K000106'],
  ['武汉市东西湖区公示二号托育中心', '91420112MA4K000207'],
  ['武汉市东西湖区公示三号托育中心', '91420112MA4K00100T'],
  ['武汉市东西湖区公示四号托育中心', '91420112MA4K00110U'],
] as const;

const day = (min: string, max: string) =>
  fc
    .date({ min: new Date(min), max: new Date(max), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const shift = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

const decision = (doc: string): fc.Arbitrary<Omit<Decision, 'withdrawn'>> =>
  fc
    .record({
      subject: fc.option(fc.nat(3), { freq: 6 }),
      decided: day('2015-01-01', '2026-12-31'),
      untilOffset: fc.option(fc.integer({ min: -40, max: 4 * 366 }), { freq: 2 }),
      legal: fc.constantFrom(...LEGAL_CASES),
    })
    .map(({ untilOffset, legal, ...d }) => ({
      doc,
      ...d,
      categories: legal.categories,
      fineYuan: legal.fineYuan,
      confiscatedYuan: legal.confiscatedYuan,
      months: legal.months,
      until: untilOffset === null ? null : shift(d.decided, untilOffset),
    }));

/** One decision in five is withdrawn. */
const decisionOf = (doc: string): fc.Arbitrary<Decision> =>
  fc.tuple(decision(doc), fc.nat(9)).map(([d, n]) => ({ ...d, withdrawn: n < 2 }));

/** Calendar months: the 31st plus one month is the last day of the next month (checked by DATED_CASES). */
function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${String(ty).padStart(4, '0')}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The last day from the table: the published 公示截止期, else the legal case's months. */
function windowEnd(d: Decision): string {
  return d.until ?? addMonths(d.decided, d.months ?? 36);
}

type Expected = 'visible' | 'rejected' | 'withdrawn' | 'warning-only' | 'expired';

function expected(d: Decision, asOf: string): Expected {
  if (d.decided > asOf) return 'rejected'; // a decision after the as-of date cannot have happened
  if (d.withdrawn) return 'withdrawn';
  if (d.months === null) return 'warning-only';
  return asOf <= windowEnd(d) ? 'visible' : 'expired';
}

const PENALTY_HEADER = [
  '行政相对人名称',
  '行政相对人类别',
  '统一社会信用代码',
  '行政处罚决定书文号',
  '处罚类别',
  '罚款金额（元）',
  '没收金额（元）',
  '处罚决定日期',
  '公示截止期',
  '当前状态',
].join(',');

function penaltyRow(d: Decision, opts: { withdrawn?: boolean } = {}): string {
  const [name, uscc] = d.subject === null ? ['贾家豪', ''] : (INSTITUTIONS[d.subject] ?? ['', '']);
  return [
    name,
    d.subject === null ? '自然人' : '法人及非法人组织',
    uscc,
    d.doc,
    d.categories.join('、'),
    d.fineYuan || '',
    d.confiscatedYuan || '',
    d.decided,
    d.until ?? '',
    (opts.withdrawn ?? d.withdrawn) ? '撤销' : '正常',
  ].join(',');
}

function source(
  id: string,
  kind: 'institutions' | 'penalties',
  published: string,
  csv: string,
): LoadedSource {
  const manifest = [
    `kind: ${kind}`,
    'sector: childcare',
    ...(kind === 'institutions' ? ['list: 备案'] : []),
    'publisher: 武汉市东西湖区卫生健康局',
    `title: ${id}`,
    `published: ${published}`,
    'region: "420112"',
    'files: [data.csv]',
    '',
  ].join('\n');
  return {
    id,
    manifestText: manifest,
    files: [{ name: 'data.csv', bytes: new TextEncoder().encode(csv) }],
    unlisted: [],
  };
}

/** The institutions, listed in 2014 so that they exist whatever happens to their penalties. */
const LIST = source(
  'a-list',
  'institutions',
  '2014-06-01',
  `机构名称,统一社会信用代码,备案日期\n${INSTITUTIONS.map(([n, c]) => `${n},${c},2014-05-01`).join('\n')}\n`,
);

/** Published before any decision it holds, so that only the window decides (a later notice is not yet public). */
function penaltiesSource(id: string, rows: string[]): LoadedSource {
  return source(id, 'penalties', '2014-06-01', `${PENALTY_HEADER}\n${rows.join('\n')}\n`);
}

function check(r: PipelineResult, decisions: Decision[], asOf: string) {
  const byDoc = new Map(r.data.penalties.map((p) => [p.documentNumber, p]));
  const hidden = new Map(r.report.hidden.map((h) => [h.row, h.reason]));
  const rejected = new Set(r.report.problems.filter((p) => p.severity === 'error').map((p) => p.row));
  decisions.forEach((d, i) => {
    const row = i + 2;
    const want = expected(d, asOf);
    const p = byDoc.get(d.doc);
    const what = `${JSON.stringify(d)} as of ${asOf}: want ${want}`;
    expect(Boolean(p), what).toBe(want === 'visible');
    if (want === 'rejected') expect(rejected.has(row), what).toBe(true);
    else if (want !== 'visible') expect(hidden.get(row), what).toBe(want);
    if (p) {
      expect(p.publicUntil, what).toBe(windowEnd(d));
      expect(p.publicUntilDerived).toBe(d.until === null);
      expect(p.decided <= asOf && asOf <= p.publicUntil).toBe(true);
    }
  });
  // Institutions carry exactly their visible penalties, and are sanctioned exactly when they have one.
  for (const [name] of INSTITUTIONS) {
    const inst = r.data.institutions.find((i) => i.name === name);
    expect(inst, name).toBeDefined();
    if (!inst) continue;
    const own = r.data.penalties.filter((p) => p.institutionId === inst.id).map((p) => p.id);
    expect([...inst.penaltyIds].sort()).toEqual(own.sort());
    expect(inst.status).toBe(own.length > 0 ? 'sanctioned' : 'listed');
  }
}

describe('the legal cases', () => {
  it.each(LEGAL_CASES)('$categories, fine $fineYuan, confiscated $confiscatedYuan: $why', (c) => {
    const facts = { decided: '2024-01-15', publicUntil: null, ...c, withdrawn: false };
    if (c.months === null) {
      expect(hiddenReason(facts, '2024-01-15')).toBe('warning-only');
      return;
    }
    const end = c.months === 3 ? '2024-04-15' : '2027-01-15';
    expect(publicityWindow(facts)).toEqual({ until: end, derived: true });
    expect(hiddenReason(facts, end)).toBeNull();
    expect(hiddenReason(facts, c.months === 3 ? '2024-04-16' : '2027-01-16')).toBe('expired');
  });

  it.each(DATED_CASES)(
    'decided $decided, 公示截止期 $until: public to $end',
    ({ decided, until, legal, end }) => {
      const c = LEGAL_CASES[legal] as LegalCase;
      const facts = { decided, publicUntil: until, ...c, withdrawn: false };
      expect(publicityWindow(facts)).toEqual({ until: end, derived: until === null });
      if (until === null) expect(addMonths(decided, c.months ?? 0)).toBe(end);
    },
  );
});

describe('publicity window', () => {
  it('a penalty is shown exactly when decided ≤ as-of ≤ until, and hidden with the right reason otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(decisionOf('东卫罚〔2026〕1号'), day('2015-01-01', '2031-12-31'), async (d, asOf) => {
        const r = await runPipeline([LIST, penaltiesSource('b-penalties', [penaltyRow(d)])], asOf);
        check(r, [d], asOf);
      }),
      runs(500),
    );
  });

  it('holds for many decisions at once, at the edges of their windows too', async () => {
    const many = fc
      .array(fc.nat(), { minLength: 1, maxLength: 8 })
      .chain((ns) => fc.tuple(...ns.map((_, i) => decisionOf(`东卫罚〔2026〕${i + 1}号`))));
    await fc.assert(
      fc.asyncProperty(
        many,
        fc.nat(20),
        fc.integer({ min: -2, max: 2 }),
        day('2015-01-01', '2031-12-31'),
        async (decisions, pick, edge, anyDay) => {
          // Half the time the as-of date sits on or next to one decision's first or last day.
          const d = decisions[pick % decisions.length] as Decision;
          const asOf = pick % 2 ? anyDay : shift(pick % 4 === 0 ? d.decided : windowEnd(d), edge);
          const r = await runPipeline(
            [
              LIST,
              penaltiesSource(
                'b-penalties',
                decisions.map((x) => penaltyRow(x)),
              ),
            ],
            asOf,
          );
          check(r, decisions, asOf);
        },
      ),
      runs(300),
    );
  });
});

describe('withdrawn decisions', () => {
  it('vanish from the site data for any as-of date, whichever source withdraws them', async () => {
    await fc.assert(
      fc.asyncProperty(
        decisionOf('东卫罚〔2025〕88号'),
        day('2015-01-01', '2031-12-31'),
        fc.constantFrom('county', 'city', 'both'),
        fc.boolean(),
        async (d0, asOf, where, reversed) => {
          const d = { ...d0, subject: d0.subject ?? 0 };
          // The county publishes the decision; the city republishes it (文号 with other brackets); one or both
          // mark it 撤销.
          const county = penaltiesSource('county', [penaltyRow(d, { withdrawn: where !== 'city' })]);
          const cityRow = penaltyRow({ ...d, doc: '东卫罚[2025]88号' }, { withdrawn: where !== 'county' });
          const city = penaltiesSource('city', [cityRow]);
          const sources = reversed ? [city, county, LIST] : [LIST, county, city];
          const r = await runPipeline(sources, asOf);
          const json = JSON.stringify(r.data);
          expect(json).not.toContain('88号');
          expect(r.data.penalties).toEqual([]);
          for (const i of r.data.institutions) {
            expect(i.penaltyIds).toEqual([]);
            expect(i.status).toBe('listed');
          }
          // Counted, with the reason, unless the as-of date is before the decision (then the rows are rejected).
          const reasons = r.report.hidden.map((h) => h.reason);
          expect(reasons).toEqual(d.decided > asOf ? [] : ['withdrawn', 'withdrawn']);
        },
      ),
      runs(300),
    );
  });
});
