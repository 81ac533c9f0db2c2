/**
 * The bundled demo register (data/) is what a newcomer's first `npm start` shows: it must read as a real register,
 * not as a test of hostile input. Markup in names, formula cells and rows to reject belong in test/fixtures.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';

const AS_OF = '2026-11-24';
let result: PipelineResult;
beforeAll(async () => {
  result = await runPipeline(loadSources('data'), AS_OF);
}, 120_000);

describe('bundled demo data (data/)', () => {
  it('has no hostile text: no markup, no formula cells, no script URLs', () => {
    const json = JSON.stringify(result.data);
    expect(json).not.toMatch(/<\s*\/?\s*(script|img|svg|iframe)/i);
    expect(json).not.toMatch(/"[=+@]|HYPERLINK/);
    expect(json).not.toMatch(/javascript:/i);
  });

  it('rejects nothing and warns about nothing', () => {
    expect(result.report.totals.rejected).toBe(0);
    expect(result.report.problems).toEqual([]);
  });

  it('is a modest register of both sectors with penalties, inspections and a blacklist', () => {
    const { institutions, penalties, inspections } = result.data;
    expect(institutions.length).toBeGreaterThanOrEqual(200);
    expect(institutions.length).toBeLessThanOrEqual(600);
    expect(new Set(institutions.map((i) => i.sector))).toEqual(new Set(['childcare', 'postpartum']));
    expect(penalties.length).toBeGreaterThan(20);
    expect(inspections.length).toBeGreaterThan(5);
    expect(institutions.some((i) => i.status === 'blacklisted')).toBe(true);
    expect(new Set(institutions.map((i) => i.region.slice(0, 2))).size).toBeGreaterThanOrEqual(3);
  });
});
