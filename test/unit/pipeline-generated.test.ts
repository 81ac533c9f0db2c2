/**
 * The pipeline against the generator's own record of what it injected: every finding at its row, column and code,
 * every hidden penalty with its reason, nothing private left in the merged data — on a seeded generated data set
 * with every kind of defect.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { planSample, type SamplePlan } from '../../src/lib/sample/plan-sample.ts';
import { writeSample } from '../../src/lib/sample/write-sample-fs.ts';

const AS_OF = '2026-11-24';
let dir: string;
let plan: SamplePlan;
let result: PipelineResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'generated-'));
  plan = planSample({ institutions: 400, penalties: 400, seed: 7, asOf: AS_OF });
  await writeSample(plan, dir, { force: false });
  result = await runPipeline(loadSources(dir), AS_OF);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = (p: { source: string; file: string | null; row: number | null }) =>
  `${p.source}|${p.file}|${p.row}`;

describe('generated data set', () => {
  it('reports exactly the injected findings, at the right row, column and code', () => {
    const want = plan.rows.findings.map((f) => `${key(f)}|${f.column}|${f.code}|${f.severity}`).sort();
    const got = result.report.problems.map((p) => `${key(p)}|${p.column}|${p.code}|${p.severity}`).sort();
    expect(got).toEqual(want);
  });

  it('hides exactly the penalties outside their publicity window, withdrawn or warning-only', () => {
    const want = plan.rows.hidden.map((h) => `${key(h)}|${h.reason}`).sort();
    const got = result.report.hidden.map((h) => `${key(h)}|${h.reason}`).sort();
    expect(got).toEqual(want);
  });

  it('accounts for every row: per source the outcomes add up to the rows the generator wrote', () => {
    const bySource = new Map(plan.summary.bySource.map((s) => [s.id, s]));
    for (const s of result.report.sources) {
      const want = bySource.get(s.id);
      expect(want, s.id).toBeDefined();
      expect([s.rows, s.rejected, s.hidden], s.id).toEqual([want?.rows, want?.rejected, want?.hidden]);
      expect(s.published + s.merged + s.hidden + s.rejected).toBe(s.rows);
    }
    expect(result.report.totals.rows).toBe(plan.summary.rows);
  });

  it('keeps names of natural persons, their ID numbers and private mobiles out of the merged data', () => {
    const text = JSON.stringify(result.data);
    expect(plan.rows.forbiddenStrings.length).toBeGreaterThan(0);
    for (const s of plan.rows.forbiddenStrings) expect(text).not.toContain(s);
  });
});
