/** `npm run sample -- --formats`: the first list re-published in every form reads back to the same rows. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../../src/lib/ingest/run-pipeline.ts';
import { planSample } from '../../src/lib/sample/plan-sample.ts';
import { writeFormatCopies } from '../../src/lib/sample/write-formats-fs.ts';
import { writeSample } from '../../src/lib/sample/write-sample-fs.ts';

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sample --formats', () => {
  it('writes each form; each reads back to the original rows, the scan to one needs-ocr problem', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sample-formats-'));
    await writeSample(planSample({ institutions: 200, penalties: 20, seed: 7, asOf: '2026-12-02' }), dir, {
      force: false,
    });
    const ids = await writeFormatCopies(dir);
    expect(ids.map((id) => id.replace(/^.*-as-/, ''))).toEqual([
      'notice-utf8',
      'notice-gb18030',
      'xls',
      'docx',
      'pdf',
      'platform-json',
      'scanned-pdf',
    ]);
    const r = await runPipeline(loadSources(dir), '2026-12-02');
    const original = ids[0]?.replace(/-as-.*$/, '');
    const counts = (id: string | undefined) => r.report.sources.find((s) => s.id === id);
    const want = counts(original);
    expect(want?.rows).toBeGreaterThan(0);
    for (const id of ids.slice(0, -1)) {
      expect(counts(id), id).toMatchObject({
        rows: want?.rows,
        rejected: want?.rejected,
        published: want?.published,
      });
    }
    const scanned = r.report.problems.filter((p) => p.source === ids[ids.length - 1]);
    expect(scanned.map((p) => [p.code, p.severity, p.row])).toEqual([['needs-ocr', 'error', null]]);
  });
});
