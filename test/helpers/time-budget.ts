/**
 * Time bounds for hostile-input tests: they guard against catastrophic behaviour (a parse that runs for minutes, a
 * regular expression that backtracks forever), not against slowness, which benchmarks measure. The machines that run
 * the tests are shared, so a bound stretches with the load the machine is under when the check is made: the
 * one-minute load average per core, when above one.
 */
import { availableParallelism, loadavg } from 'node:os';
import { expect } from 'vitest';

export function loadFactor(): number {
  return Math.max(1, (loadavg()[0] ?? 0) / availableParallelism());
}

/** Fails when `ms` exceeds `budgetMs` on a quiet machine, stretched by the current load. */
export function expectWithinBudget(ms: number, budgetMs: number): void {
  const factor = loadFactor();
  expect(ms, `${Math.round(ms)} ms against ${budgetMs} ms × load ${factor.toFixed(1)}`).toBeLessThan(
    budgetMs * factor,
  );
}
