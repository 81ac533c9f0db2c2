/**
 * The bundled sample against its expect.json: every rejection, warning, duplicate, hidden penalty, amount, link,
 * status and privacy rule, row by row.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compact } from '../../src/lib/ingest/normalise-text.ts';
import { loadSources } from '../../src/lib/ingest/pipeline-fs.ts';
import { type PipelineResult, runPipeline } from '../../src/lib/ingest/run-pipeline.ts';

interface Finding {
  source: string;
  file: string;
  row: number;
  column: string;
  code: string;
  alt_codes?: string[];
}
const expectJson = JSON.parse(readFileSync('test/fixtures/samples/expect.json', 'utf8'));
const norm = (s: unknown) => compact(String(s ?? ''));

let result: PipelineResult;
beforeAll(async () => {
  result = await runPipeline(loadSources('test/fixtures/samples'), expectJson.as_of);
});

function findingsAt(f: { source: string; file: string; row: number }) {
  return result.report.problems.filter((p) => p.source === f.source && p.file === f.file && p.row === f.row);
}
function matches(p: { code: string; column: string | null }, want: Finding) {
  return [want.code, ...(want.alt_codes ?? [])].includes(p.code) && norm(p.column) === norm(want.column);
}

describe('sample data set (expect.json)', () => {
  it('exits with the expected code', () => {
    expect(result.exitCode).toBe(expectJson.expected_validate_exit_code);
  });

  it('accounts for every row, per source and in total', () => {
    for (const s of expectJson.sources) {
      const got = result.report.sources.find((r) => r.id === s.id);
      expect(got, s.id).toBeDefined();
      if (!got) continue;
      expect({ id: s.id, rows: got.rows, rejected: got.rejected, hidden: got.hidden }).toEqual({
        id: s.id,
        rows: s.rows,
        rejected: s.rejected,
        hidden: s.hidden,
      });
      expect(got.published + got.merged + got.hidden + got.rejected).toBe(got.rows);
      expect(got.published + got.merged).toBe(s.published_or_merged);
    }
    const t = result.report.totals;
    expect(t.rows).toBe(expectJson.totals.rows);
    expect(t.published + t.merged + t.hidden + t.rejected).toBe(t.rows);
    expect(t.rejected).toBe(expectJson.totals.rejected);
    expect(t.hidden).toBe(expectJson.totals.hidden);
  });

  it('rejects exactly the listed rows, at the right column with the right code', () => {
    for (const r of expectJson.rejections as Finding[]) {
      const errors = findingsAt(r).filter((p) => p.severity === 'error');
      expect(
        errors.some((p) => matches(p, r)),
        `${r.source} ${r.file}:${r.row} ${r.code} got ${JSON.stringify(errors)}`,
      ).toBe(true);
    }
    const want = new Set((expectJson.rejections as Finding[]).map((r) => `${r.source}|${r.file}|${r.row}`));
    const errorsElsewhere = result.report.problems.filter(
      (p) => p.severity === 'error' && !want.has(`${p.source}|${p.file}|${p.row}`),
    );
    expect(errorsElsewhere).toEqual([]);
  });

  it('reports every listed warning on a kept row', () => {
    for (const w of expectJson.warnings as Finding[]) {
      const found = findingsAt(w);
      expect(
        found.some((p) => matches(p, w)),
        `${w.source} ${w.file}:${w.row} ${w.code} got ${JSON.stringify(found)}`,
      ).toBe(true);
      expect(found.some((p) => p.severity === 'error')).toBe(false);
    }
  });

  it('merges exact duplicates into the row they repeat', () => {
    for (const d of expectJson.duplicates) {
      const note = result.report.merged.find(
        (m) => m.source === d.source && m.file === d.file && m.row === d.row,
      );
      expect(note?.into.row).toBe(d.duplicate_of_row);
    }
  });

  it('hides exactly the listed penalties, with their reasons', () => {
    const got = result.report.hidden.map((h) => `${h.source}|${h.file}|${h.row}|${h.reason}`).sort();
    const want = expectJson.hidden_penalties.map(
      (h: { source: string; file: string; row: number; reason: string }) =>
        `${h.source}|${h.file}|${h.row}|${h.reason}`,
    );
    expect(got).toEqual(want.sort());
  });

  it('normalises amounts, visibility, links and masking of every checked decision', () => {
    const { penalties, institutions } = result.data;
    expect(penalties.length).toBe(expectJson.penalties.distinct_visible_decisions);
    expect(penalties.filter((p) => p.naturalPerson).length).toBe(
      expectJson.penalties.visible_natural_person_decisions,
    );
    for (const c of expectJson.penalties.checks) {
      const p = penalties.find((x) => x.documentNumber === c.document_number);
      if (!c.visible) {
        expect(p, c.document_number).toBeUndefined();
        continue;
      }
      expect(p, c.document_number).toBeDefined();
      if (!p) continue;
      expect([p.decided, p.fineYuan, p.confiscatedYuan]).toEqual([
        c.decided,
        c.fine_yuan,
        c.confiscated_yuan,
      ]);
      expect(p.naturalPerson).toBe(c.natural_person);
      if (c.masked_name_prefix) expect(p.subjectName.startsWith(c.masked_name_prefix)).toBe(true);
      if (c.institution) {
        const inst = institutions.find((i) => i.id === p.institutionId);
        expect(inst, c.document_number).toBeDefined();
        if (c.institution.uscc) expect(inst?.uscc).toBe(c.institution.uscc);
        else {
          expect(inst?.nameKey).toBe(norm(c.institution.name));
          expect(inst?.region).toBe(c.institution.region);
        }
      } else {
        expect(p.institutionId).toBeNull();
      }
    }
  });

  it('merges institutions to the expected count, statuses and sectors', () => {
    const { institutions } = result.data;
    expect(institutions.length).toBe(expectJson.institutions.count);
    const count = (key: 'status' | 'sector') =>
      Object.fromEntries(
        Object.entries(Object.groupBy(institutions, (i) => i[key])).map(([k, v]) => [k, v?.length ?? 0]),
      );
    expect(count('status')).toEqual(expectJson.institutions.by_status);
    expect(count('sector')).toEqual(expectJson.institutions.by_sector);
  });

  it('meets every institution spot check', () => {
    const { institutions, inspections } = result.data;
    for (const c of expectJson.institutions.spot_checks) {
      const inst = c.id.uscc
        ? institutions.find((i) => i.uscc === c.id.uscc)
        : institutions.find((i) => i.nameKey === norm(c.id.name) && i.region === c.id.region);
      expect(inst, JSON.stringify(c.id)).toBeDefined();
      if (!inst) continue;
      const label = `${c.name}`;
      expect([c.name, ...(c.name_any_of ?? [])].map(norm), label).toContain(norm(inst.name));
      expect([c.region, ...(c.region_any_of ?? [])], label).toContain(inst.region);
      expect(inst.sector, label).toBe(c.sector);
      expect(inst.status, label).toBe(c.status);
      expect(inst.activePenalties, label).toBe(c.active_penalties);
      expect([...inst.lists].sort(), label).toEqual([...c.lists].sort());
      if (c.filed) expect(inst.filed, label).toBe(c.filed);
      if (c.capacity !== undefined) expect(inst.capacity, label).toBe(c.capacity);
      if (c.coordinates_wgs84) {
        const [lon, lat] = c.coordinates_wgs84;
        expect(Math.abs((inst.coordinates?.lon ?? 0) - lon), label).toBeLessThanOrEqual(
          c.tolerance_deg ?? 1e-4,
        );
        expect(Math.abs((inst.coordinates?.lat ?? 0) - lat), label).toBeLessThanOrEqual(
          c.tolerance_deg ?? 1e-4,
        );
      }
      if (c.inspections !== undefined) {
        const mine = inspections.filter((i) => i.institutionId === inst.id);
        expect(mine.length, label).toBe(c.inspections);
        if (c.latest_inspection_result) expect(mine[0]?.result, label).toBe(c.latest_inspection_result);
      }
    }
  });

  it('keeps every private string out of the merged data', () => {
    const text = JSON.stringify(result.data);
    for (const f of expectJson.privacy.forbidden_strings) expect(text, f.why).not.toContain(f.value);
  });
});
