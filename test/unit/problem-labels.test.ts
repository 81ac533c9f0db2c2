/** Every problem code the pipeline can emit has a Chinese label for the source pages and the report. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBLEM_LABEL } from '../../src/lib/site/labels.ts';

const dir = join(import.meta.dirname, '../../src/lib/ingest');

function emittedCodes(): string[] {
  const codes = new Set<string>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/\bcode: '([a-z]+(?:-[a-z]+)+)'/g)) codes.add(m[1] as string);
  }
  return [...codes].sort();
}

describe('problem labels', () => {
  it('finds the codes the pipeline emits', () => {
    expect(emittedCodes()).toEqual(
      expect.arrayContaining(['invalid-date', 'uscc-checksum', 'duplicate-row']),
    );
  });
  it.each(emittedCodes())('%s has a label', (code) => {
    expect(PROBLEM_LABEL[code]).toMatch(/\p{Script=Han}/u);
  });
});
