/**
 * Problem codes are a union type (src/lib/domain/rules/problems.ts): the compiler refuses a code the pipeline emits
 * unless it is one of them. Here, each code of the union has a Chinese label and an entry in the data contract.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES, PROBLEM_LABEL, problemLabel } from '../../src/lib/domain/rules/problems.ts';
import { ProblemSchema } from '../../src/lib/domain/schemas.ts';

const contract = readFileSync(join(import.meta.dirname, '../../data/README.md'), 'utf8');
const start = contract.indexOf('## Codes');
const codesSection = contract.slice(start, contract.indexOf('\n## ', start + 1));

/** Codes documented as "- `code` — meaning" in the Codes section of data/README.md. */
const documented = new Set([...codesSection.matchAll(/^- `([a-z-]+)` — \S/gm)].map((m) => m[1] as string));

describe('problem codes', () => {
  it('the contract section is where the tests look', () => {
    expect(documented.size).toBeGreaterThan(10);
  });

  it.each(PROBLEM_CODES)('%s has a Chinese label and a data/README.md entry', (code) => {
    expect(PROBLEM_LABEL[code]).toMatch(/\p{Script=Han}/u);
    expect(problemLabel(code)).toBe(PROBLEM_LABEL[code]);
    expect(documented.has(code), `data/README.md documents ${code}`).toBe(true);
  });

  it('documents no code the union does not have', () => {
    expect([...documented].filter((c) => !(PROBLEM_CODES as string[]).includes(c))).toEqual([]);
  });

  it('a report naming an unknown code does not parse', () => {
    const p = {
      source: 's',
      file: null,
      row: null,
      column: null,
      field: null,
      severity: 'warning',
      message: '…',
    };
    expect(ProblemSchema.safeParse({ ...p, code: 'invalid-date' }).success).toBe(true);
    expect(ProblemSchema.safeParse({ ...p, code: 'made-up-code' }).success).toBe(false);
  });
});
