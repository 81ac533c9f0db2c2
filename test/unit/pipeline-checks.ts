/** Checks every pipeline run in the robustness tests must pass: rows accounted, messages Chinese, cells bounded. */
import { expect } from 'vitest';
import type { PipelineResult } from '../../src/lib/ingest/run-pipeline.ts';

/** Every row has exactly one outcome: per source and in total, rows = published + merged + hidden + rejected. */
export function expectBalanced(r: PipelineResult) {
  const sum = { rows: 0, published: 0, merged: 0, hidden: 0, rejected: 0 };
  for (const s of r.report.sources) {
    expect(s.published + s.merged + s.hidden + s.rejected, s.id).toBe(s.rows);
    for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += s[k];
  }
  const { warnings: _, ...totals } = r.report.totals;
  expect(totals).toEqual(sum);
  expect(r.report.hidden.length).toBe(sum.hidden);
}

/** Three English words in a row: a library's message leaking through untranslated. */
export const ENGLISH_SENTENCE = /[A-Za-z']{2,} [A-Za-z']{2,} [A-Za-z']{2,}/;

export function expectClearProblems(r: PipelineResult) {
  for (const p of r.report.problems) {
    expect(p.message, p.code).toMatch(/\p{Script=Han}/u);
    expect(p.message, p.code).not.toMatch(ENGLISH_SENTENCE);
    expect(p.source, p.message).toBeTruthy();
    expect(p.file, p.message).toBeTruthy();
  }
}

export function longestString(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) return v.reduce((m: number, x) => Math.max(m, longestString(x)), 0);
  if (v && typeof v === 'object') return longestString(Object.values(v));
  return 0;
}
