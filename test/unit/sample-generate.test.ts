import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldForHeader } from '../../src/lib/domain/fields.ts';
import { layoutFile } from '../../src/lib/sample/layout.ts';
import { isResidentId, isValidUscc, USCC_ALPHABET } from '../../src/lib/sample/make-codes.ts';
import { planSample, type SampleOptions } from '../../src/lib/sample/plan-sample.ts';
import { dataRowNumbers, type ExpectRows, type ExpectSummary } from '../../src/lib/sample/summarize.ts';
import { QUIRK_FINDINGS, type QuirkCode } from '../../src/lib/sample/types.ts';
import { writeSample } from '../../src/lib/sample/write-sample-fs.ts';
import { type Cell, parseDay, type ReadSource, readSources } from './sample-read-back.ts';

const OPTIONS: SampleOptions = { institutions: 50, penalties: 50, seed: 20261124, asOf: '2026-11-24' };
const AS_OF_DAY = Date.UTC(2026, 10, 24) / 86_400_000;

async function hashTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else
        out.set(
          relative(dir, path),
          createHash('sha256')
            .update(await readFile(path))
            .digest('hex'),
        );
    }
  };
  await walk(dir);
  return out;
}

async function generate(dir: string, options: SampleOptions): Promise<void> {
  await writeSample(planSample(options), dir, { force: false });
}

let root: string;
let summary: ExpectSummary;
let expectRows: ExpectRows;
let sources: ReadSource[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'sample-test-'));
  await generate(join(root, 'a'), OPTIONS);
  summary = JSON.parse(await readFile(join(root, 'a', 'expect-summary.json'), 'utf8')) as ExpectSummary;
  expectRows = JSON.parse(await readFile(join(root, 'a', 'expect-rows.json'), 'utf8')) as ExpectRows;
  sources = await readSources(
    join(root, 'a'),
    summary.bySource.map((s) => s.id),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const text = (v: Cell | undefined) => (v === null || v === undefined ? '' : String(v));
const normalCode = (v: Cell | undefined) => text(v).normalize('NFKC').toUpperCase().replace(/\s/g, '');
const NO_CODE = new Set(['', '无', '暂无', '/', '-', '—', 'NULL']);

function allRows(kind?: string) {
  return sources
    .filter((s) => !kind || s.manifest.kind === kind)
    .flatMap((s) => s.files.flatMap((f) => f.rows.map((r) => ({ source: s, file: f, ...r }))));
}

describe('sample generator', () => {
  it('writes byte-identical output for the same arguments, different output for another seed', async () => {
    await generate(join(root, 'b'), OPTIONS);
    await generate(join(root, 'c'), { ...OPTIONS, seed: 2 });
    const a = await hashTree(join(root, 'a'));
    expect(await hashTree(join(root, 'b'))).toEqual(a);
    expect(await hashTree(join(root, 'c'))).not.toEqual(a);
  });

  it('refuses a non-empty directory unless forced, and then replaces sources/', async () => {
    await expect(generate(join(root, 'b'), OPTIONS)).rejects.toThrow(/不是空的/);
    await writeSample(planSample({ ...OPTIONS, seed: 3 }), join(root, 'b'), { force: true });
    const ids = await readdir(join(root, 'b', 'sources'));
    const third = JSON.parse(await readFile(join(root, 'b', 'expect-summary.json'), 'utf8')) as ExpectSummary;
    expect(ids.sort()).toEqual(third.bySource.map((s) => s.id).sort());
  });

  it('lays sources out as data/sources does: manifests valid, every file listed and present', async () => {
    const ids = await readdir(join(root, 'a', 'sources'));
    expect(ids.sort()).toEqual(sources.map((s) => s.id).sort());
    for (const s of sources) {
      const present = (await readdir(join(root, 'a', 'sources', s.id))).filter((n) => n !== 'source.yml');
      expect(present.sort()).toEqual([...s.manifest.files].sort());
      expect(s.manifest.published <= OPTIONS.asOf).toBe(true);
    }
    const kinds = new Set(sources.map((s) => `${s.manifest.kind}/${s.manifest.sector}`));
    for (const k of [
      'institutions/childcare',
      'institutions/postpartum',
      'penalties/childcare',
      'inspections/childcare',
    ]) {
      expect(kinds).toContain(k);
    }
    expect(new Set(sources.flatMap((s) => s.manifest.files.map((f) => f.split('.').pop())))).toEqual(
      new Set(['xlsx', 'csv', 'json']),
    );
    expect(new Set(sources.map((s) => s.manifest.region.slice(0, 2))).size).toBeGreaterThanOrEqual(6);
  });

  it('uses only headers the field dictionary knows', () => {
    for (const s of sources) {
      for (const f of s.files) {
        f.fields.forEach((field, i) => {
          expect(field, `${s.id}/${f.name}: ${f.headers[i]}`).toBeDefined();
        });
      }
    }
  });

  it('holds as many data rows as the summary says, file by file', () => {
    let total = 0;
    for (const s of sources) {
      const expected = summary.bySource.find((b) => b.id === s.id);
      for (const f of s.files) {
        expect(f.rows.length, `${s.id}/${f.name}`).toBe(expected?.files.find((x) => x.name === f.name)?.rows);
        total += f.rows.length;
      }
    }
    expect(total).toBe(summary.rows);
    expect(summary.sources).toBe(sources.length);
  });

  it('numbers rows as layoutFile does', () => {
    const plan = planSample(OPTIONS);
    for (const source of plan.sources) {
      for (const file of source.files) {
        if (file.format === 'json') continue;
        const fromLayout = layoutFile(file)
          .lines.map((l, i) => (l.kind === 'data' ? i + 1 : 0))
          .filter((n) => n > 0);
        expect(dataRowNumbers(file)).toEqual(fromLayout);
      }
    }
  });

  it('has valid check characters on every code except the injected USCC defects', () => {
    const found = { 'bad-uscc-charset': 0, 'bad-uscc-length': 0, 'uscc-checksum': 0, 'person-id-number': 0 };
    for (const r of allRows()) {
      const code = normalCode(r.cells.uscc);
      if (NO_CODE.has(code)) continue;
      if (isResidentId(code)) found['person-id-number'] += 1;
      else if ([...code].some((c) => !USCC_ALPHABET.includes(c))) found['bad-uscc-charset'] += 1;
      else if (code.length !== 18) found['bad-uscc-length'] += 1;
      else if (!isValidUscc(code)) found['uscc-checksum'] += 1;
      for (const agency of [r.cells.authorityUscc, r.cells.dataSourceUscc]) {
        if (agency) expect(isValidUscc(text(agency))).toBe(true);
      }
    }
    for (const [code, n] of Object.entries(found))
      expect(n, code).toBe(summary.defects[code as keyof typeof found]);
  });

  it('holds the other injected defects in the numbers the summary gives', () => {
    let missing = 0;
    let invalid = 0;
    let future = 0;
    let zones = 0;
    let mobiles = 0;
    let duplicates = 0;
    for (const s of sources) {
      for (const f of s.files) {
        const seen = new Set<string>();
        for (const r of f.rows) {
          const key = r.raw.join('\u0001');
          if (seen.has(key)) duplicates += 1;
          seen.add(key);
          if (s.manifest.kind !== 'institutions' && s.manifest.kind !== 'penalties') continue;
          if (
            text(r.cells.name).trim() === '' ||
            (s.manifest.kind === 'penalties' && text(r.cells.documentNumber) === '')
          ) {
            missing += 1;
          }
          const day = parseDay(r.cells[s.manifest.kind === 'institutions' ? 'filed' : 'decided']);
          if (day === 'invalid') invalid += 1;
          else if (day !== null && day > AS_OF_DAY) future += 1;
          if (/开发区|新区|高新区|合作区|直管区/.test(text(r.cells.county))) zones += 1;
          if (/1[3-9]\d{9}/.test(text(r.cells.remarks))) mobiles += 1;
        }
      }
    }
    expect(missing).toBe(summary.defects['missing-required']);
    expect(invalid).toBe(summary.defects['invalid-date']);
    expect(future).toBe(summary.defects['future-date']);
    expect(zones).toBe(summary.defects['unknown-region']);
    expect(mobiles).toBe(summary.defects['pii-redacted']);
    expect(duplicates).toBe(summary.defects['duplicate-row']);
    const errors = [
      'missing-required',
      'invalid-date',
      'future-date',
      'bad-uscc-charset',
      'bad-uscc-length',
    ] as const;
    expect(summary.rejected).toBe(
      errors.reduce((n, c) => n + summary.defects[c], summary.defects['person-id-number']),
    );
  });

  it('injects each kind of defect and quirk at least once', () => {
    for (const [code, n] of Object.entries(summary.defects)) expect(n, code).toBeGreaterThan(0);
    for (const [quirk, n] of Object.entries(summary.quirks)) expect(n, quirk).toBeGreaterThan(0);
  });

  it('hides the penalties the summary says, for the reasons it gives', () => {
    const hidden = { expired: 0, 'warning-only': 0, withdrawn: 0 };
    const threeYears = AS_OF_DAY - (3 * 365 + 1);
    for (const r of allRows('penalties')) {
      const until = parseDay(r.cells.publicUntil);
      const decided = parseDay(r.cells.decided);
      if (/撤销/.test(text(r.cells.penaltyState))) hidden.withdrawn += 1;
      else if (text(r.cells.categories) === '警告') hidden['warning-only'] += 1;
      else if (
        typeof until === 'number' ? until < AS_OF_DAY : typeof decided === 'number' && decided < threeYears
      ) {
        hidden.expired += 1;
      }
    }
    expect(hidden).toEqual(summary.hidden);
    expect(expectRows.hidden.length).toBe(Object.values(summary.hidden).reduce((a, b) => a + b, 0));
  });

  it('locates every finding at a data row of its file', () => {
    const noted = Object.keys(QUIRK_FINDINGS).reduce((n, q) => n + summary.quirks[q as QuirkCode], 0);
    expect(noted).toBeGreaterThan(0);
    expect(expectRows.findings.length).toBe(Object.values(summary.defects).reduce((a, b) => a + b, noted));
    for (const f of expectRows.findings) {
      const file = sources.find((s) => s.id === f.source)?.files.find((x) => x.name === f.file);
      const row = file?.rows.find((r) => r.row === f.row);
      expect(row, `${f.source}/${f.file}:${f.row}`).toBeDefined();
      expect(fieldForHeader(f.column)?.key ?? f.field).toBe(f.field);
      if (f.code === 'missing-required') expect(text(row?.cells[f.field]).trim()).toBe('');
    }
  });

  it('never lets a natural person’s name or ID number appear outside the person’s own row cells', () => {
    const ids = expectRows.forbiddenStrings.filter((s) => /^\d{17}[\dX]$/.test(s));
    expect(ids.length).toBeGreaterThan(0);
    for (const r of allRows('penalties')) {
      for (const key of ['facts', 'violationType', 'remarks', 'content'] as const) {
        for (const id of ids) expect(text(r.cells[key])).not.toContain(id);
      }
    }
  });
});
