/**
 * The whole ingest: manifests and raw files in (already read from disk by pipeline-fs.ts), merged site data and the
 * validation report out. Every data row ends with exactly one outcome: published, merged, hidden or rejected.
 */
import { createHash } from 'node:crypto';
import { FIELDS, type FieldDef, headerKey } from '../domain/fields.ts';
import type { ProblemCode } from '../domain/rules/problems.ts';
import { isNoticeOut, NOT_YET_PUBLISHED } from '../domain/rules/visibility.ts';
import type {
  Manifest,
  Outcome,
  Problem,
  Provenance,
  Region,
  SiteData,
  SourceInfo,
  SourceKind,
  ValidationReport,
} from '../domain/schemas.ts';
import { checkManifest, MANIFEST } from './check-manifest.ts';
import { HIDDEN_REASON_LABELS } from './decide-visibility.ts';
import { isInstructionSheet } from './instruction-sheet.ts';
import { boundCells, oversizedMessage } from './limits.ts';
import { type Column, locateTable } from './map-headers.ts';
import { mergeSources, type SourceRows, sourceOrder } from './merge-institutions.ts';
import { normaliseRow } from './normalise-row.ts';
import { protectSiteData } from './protect-site-data.ts';
import { type ReadContext, readFile } from './read-file.ts';
import { UnreadableFileError } from './read-json.ts';
import { regionAncestors, regionInfo } from './resolve-region.ts';
import { cellText, type RawRow, type RawTable } from './table.ts';

/**
 * The largest file the pipeline reads. Published attachments are kilobytes to a few megabytes, and the 100k-row
 * benchmark sources about 20 MB; reading costs ~20 times a file's size in memory (a 200 MB CSV of 1.3 million rows
 * took 4 GB and 46 s, next to the default heap limit), and a site of millions of rows could not be built anyway.
 * A larger file is refused with a clear error rather than risking an out-of-memory crash that reports nothing.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface LoadedFile {
  name: string;
  /** null when the manifest lists a file that is not there, or one too large to read. */
  bytes: Uint8Array | null;
  /** The size in bytes of a file left unread because it exceeds {@link MAX_FILE_BYTES}. */
  tooLarge?: number;
  /** Why a file that is there was not read (a link out of DATA_DIR, a FIFO, a device, a dangling link). */
  refused?: string;
}

const MB = 1024 * 1024;

function tooLargeMessage(size: number): string {
  return (
    `文件大小 ${(size / MB).toFixed(1)} MB，超过可读取的上限 ${MAX_FILE_BYTES / MB} MB，未读取；` +
    '公布的名单通常只有几 MB，请确认文件无误，或拆分为多个文件后在 source.yml 的 files 中逐一列出'
  );
}

export interface LoadedSource {
  id: string;
  /** null when the folder has no source.yml. */
  manifestText: string | null;
  files: LoadedFile[];
  /** Files in the folder that the manifest does not list. */
  unlisted: string[];
  /** Why the folder (or its source.yml) was not read: a link out of DATA_DIR, or not a regular file. */
  refused?: string;
}

export interface MergedNote {
  source: string;
  file: string;
  row: number;
  into: Provenance;
}

export interface PipelineResult {
  data: SiteData;
  report: ValidationReport & { merged: MergedNote[] };
  exitCode: 0 | 1 | 2;
}

interface SourceState {
  id: string;
  manifest: Manifest | null;
  unreadable: boolean;
  rows: SourceRows;
  outcomes: Map<string, { outcome: Outcome; prov: Provenance; reason?: string }>;
  problems: Problem[];
  /** Exact duplicate rows and the row each repeats. */
  mergedNotes: MergedNote[];
  /** Per file, the published header of each field: findings made after merging name their column with it. */
  headers: Record<string, Record<string, string>>;
  /**
   * Names of natural persons found in the source's rows, masked across the whole data set. Kept in the local
   * per-source cache like the raw files they come from; never published.
   */
  persons: string[];
}

function provKey(p: { file: string; row: number }): string {
  return `${p.file}\u0000${p.row}`;
}

async function readTables(file: LoadedFile, ctx: ReadContext): Promise<RawTable[]> {
  const bytes = file.bytes as Uint8Array;
  if (bytes.length === 0) throw new UnreadableFileError('empty-file', '文件为空（0 字节）');
  if (bytes.length > MAX_FILE_BYTES)
    throw new UnreadableFileError('file-too-large', tooLargeMessage(bytes.length));
  return readFile(file.name, bytes, ctx);
}

type TableSpec = NonNullable<Manifest['tables']>[number];

/** The manifest's entry for a table of a page or document: by the text before it, else by its position. */
function tableSpec(manifest: Manifest, table: RawTable): TableSpec | undefined {
  const specs = manifest.tables ?? [];
  const caption = table.caption === undefined ? null : headerKey(table.caption);
  return (
    (caption === null
      ? undefined
      : specs.find((s) => s.match !== undefined && caption.includes(headerKey(s.match)))) ??
    specs.find((s) => s.match === undefined && s.table !== undefined && s.table === table.position)
  );
}

/** Identical cells but for 序号: the same row published twice. */
function duplicateKey(cells: unknown[], skip: Set<number>): string {
  return JSON.stringify(cells.map((c, i) => (skip.has(i) ? null : cellText(c as never).trim())));
}

async function ingestSource(src: LoadedSource, asOf: string): Promise<SourceState> {
  const { manifest, problems } = src.refused
    ? { manifest: null, problems: [refusedSource(src.id, src.refused)] }
    : checkManifest(src.id, src.manifestText);
  const state: SourceState = {
    id: src.id,
    manifest,
    unreadable: manifest === null,
    rows: {
      id: src.id,
      manifest: manifest as Manifest,
      institutions: [],
      listActions: [],
      penalties: [],
      inspections: [],
    },
    outcomes: new Map(),
    problems,
    mergedNotes: [],
    headers: {},
    persons: [],
  };
  if (!manifest) return state;
  const add = (p: Omit<Problem, 'source'>) => state.problems.push({ source: src.id, ...p });
  /** A finding about a whole file (no row or column). An error means the file could not be read at all. */
  const fileFinding = (file: string, code: ProblemCode, severity: Problem['severity'], message: string) => {
    if (severity === 'error') state.unreadable = true;
    add({ file, row: null, column: null, field: null, code, severity, message });
  };

  for (const name of src.unlisted) {
    fileFinding(name, 'unlisted-file', 'warning', '文件不在 source.yml 的 files 中，未读取');
  }
  const readContext: ReadContext = {
    isDataTable: (t) => locateTable(t, manifest.kind, manifest.columns) !== null,
    numberedList: manifest.numbered_list,
    recordsPath: manifest.records,
  };
  const usedSpecs = new Set<TableSpec>();
  for (const name of manifest.files) {
    const file = src.files.find((f) => f.name === name);
    if (file?.tooLarge !== undefined) {
      fileFinding(name, 'file-too-large', 'error', tooLargeMessage(file.tooLarge));
      continue;
    }
    if (file?.refused !== undefined) {
      fileFinding(name, 'not-regular-file', 'error', file.refused);
      continue;
    }
    if (!file || file.bytes === null) {
      fileFinding(name, 'missing-file', 'error', 'source.yml 列出的文件不存在');
      continue;
    }
    let tables: RawTable[];
    try {
      // Cells past the length limit are cut here, whatever the format: nothing downstream sees a giant string.
      tables = (await readTables(file, readContext)).map(boundCells);
    } catch (e) {
      const code = e instanceof UnreadableFileError ? e.code : 'corrupt-file';
      fileFinding(name, code, 'error', (e as Error).message);
      continue;
    }
    const located: Array<{ t: NonNullable<ReturnType<typeof locateTable>>; spec?: TableSpec }> = [];
    const withoutHeader: RawTable[] = [];
    for (const table of tables) {
      for (const n of table.notes) fileFinding(table.file, n.code, 'warning', n.message);
      const t = locateTable(table, manifest.kind, manifest.columns);
      const spec = tableSpec(manifest, table);
      if (spec) usedSpecs.add(spec);
      if (t) located.push({ t, spec });
      else if (table.rows.some((r) => r.cells.some((c) => cellText(c).trim() !== '')))
        withoutHeader.push(table);
    }
    if (located.length === 0) {
      // Nothing to read is as much a failure as a missing file: a file of blank lines must not pass in silence.
      if (withoutHeader.length > 0) {
        const example = manifestKindExample(manifest.kind);
        fileFinding(name, 'no-header', 'error', `前 30 行中找不到表头（没有可识别的列名，如“${example}”）`);
      } else {
        fileFinding(name, 'empty-file', 'error', '文件没有内容（只有空行或空白单元格）');
      }
      continue;
    }
    // A workbook's other sheets without a table are notes or blank; say so rather than pass over them silently.
    for (const table of withoutHeader) {
      if (isInstructionSheet(table.file)) continue;
      fileFinding(table.file, 'sheet-ignored', 'warning', '该工作表没有可识别的表头，未读取');
    }
    for (const { t, spec } of located) ingestTable(state, t, manifest, asOf, spec);
  }
  for (const spec of manifest.tables ?? []) {
    if (usedSpecs.has(spec)) continue;
    const which = spec.match !== undefined ? `前面写有“${spec.match}”的表格` : `第 ${spec.table} 个数据表格`;
    add({
      file: MANIFEST,
      row: null,
      column: 'tables',
      field: 'tables',
      code: 'table-not-found',
      severity: 'warning',
      message: `source.yml 的 tables 指定了${which}，但文件中没有找到`,
    });
  }
  return state;
}

function refusedSource(id: string, message: string): Problem {
  return {
    source: id,
    file: message.startsWith('source.yml') ? 'source.yml' : `${id}/`,
    row: null,
    column: null,
    field: null,
    code: 'not-regular-file',
    severity: 'error',
    message,
  };
}

function manifestKindExample(kind: SourceKind): string {
  return kind === 'penalties'
    ? '行政相对人名称、行政处罚决定书文号'
    : kind === 'inspections'
      ? '检查对象名称、检查结果'
      : '机构名称、统一社会信用代码';
}

function ingestTable(
  state: SourceState,
  t: NonNullable<ReturnType<typeof locateTable>>,
  manifest: Manifest,
  asOf: string,
  spec?: TableSpec,
) {
  const add = (p: Omit<Problem, 'source' | 'file'>) =>
    state.problems.push({ source: state.id, file: t.file, ...p });
  for (const p of t.problems) add(p);
  const headers: Record<string, string> = {};
  for (const c of t.columns) if (c.field && !(c.field.key in headers)) headers[c.field.key] = c.header;
  state.headers[t.file] = headers;

  const missing = (FIELDS as readonly FieldDef[]).filter(
    (f) => f.requiredIn?.includes(manifest.kind) && !t.columns.some((c) => c.field?.key === f.key),
  );
  if (missing.length > 0) {
    const labels = missing.map((f) => f.label).join('、');
    add({
      row: t.headerRows[0] ?? null,
      column: null,
      field: missing[0]?.key ?? null,
      code: 'missing-column',
      severity: 'error',
      message: `缺少必需的列：${labels}；本文件 ${t.dataRows.length} 行全部未发布`,
    });
    for (const row of t.dataRows) {
      state.outcomes.set(provKey({ file: t.file, row: row.n }), {
        outcome: 'rejected',
        prov: { source: state.id, file: t.file, row: row.n },
      });
    }
    return;
  }

  const seqCols = new Set(t.columns.filter((c) => c.field?.key === 'seq').map((c) => c.index));
  const seen = new Map<string, number>();
  const nameCol = t.columns.find((c) => c.field?.key === 'name')?.header ?? null;
  const table = spec ? { list: spec.list, stage: spec.stage } : undefined;
  const ctx = { manifest, source: state.id, file: t.file, columns: t.columns, asOf, table };
  for (const row of t.dataRows) {
    const prov = { source: state.id, file: t.file, row: row.n };
    if (row.problem || row.oversized) {
      rejectBroken(row, t.columns, add);
      state.outcomes.set(provKey(prov), { outcome: 'rejected', prov });
      continue;
    }
    const dupKey = duplicateKey(row.cells, seqCols);
    const dupOf = seen.get(dupKey);
    if (dupOf !== undefined) {
      add({
        row: row.n,
        column: nameCol,
        field: 'name',
        code: 'duplicate-row',
        severity: 'warning',
        message: `与第 ${dupOf} 行完全相同（仅序号不同），合并为一条`,
      });
      state.outcomes.set(provKey(prov), { outcome: 'merged', prov, reason: `duplicate of row ${dupOf}` });
      state.mergedNotes.push({ ...prov, into: { ...prov, row: dupOf } });
      continue;
    }
    const r = normaliseRow(row, ctx);
    for (const p of r.problems) add(p);
    state.persons.push(...r.persons);
    if (r.hidden) {
      seen.set(dupKey, row.n);
      state.outcomes.set(provKey(prov), { outcome: 'hidden', prov, reason: r.hidden });
      continue;
    }
    if (!r.record) {
      state.outcomes.set(provKey(prov), { outcome: 'rejected', prov });
      continue;
    }
    seen.set(dupKey, row.n);
    state.outcomes.set(provKey(prov), { outcome: 'published', prov });
    switch (r.record.kind) {
      case 'institutions':
        state.rows.institutions.push(r.record);
        break;
      case 'penalties':
        state.rows.penalties.push(r.record);
        break;
      case 'inspections':
        state.rows.inspections.push(r.record);
        break;
      case 'list-actions':
        state.rows.listActions.push(r.record);
        break;
    }
  }
}

/** A row the reader marked: a record that is not one, or a cell cut to the length limit. */
function rejectBroken(row: RawRow, columns: Column[], add: (p: Omit<Problem, 'source' | 'file'>) => void) {
  if (row.problem) {
    add({ row: row.n, column: null, field: null, severity: 'error', ...row.problem });
  }
  for (const o of row.oversized ?? []) {
    const col = columns.find((c) => c.index === o.col);
    add({
      row: row.n,
      column: col?.header || null,
      field: col?.field?.key ?? null,
      code: 'cell-too-long',
      severity: 'error',
      message: oversizedMessage(o, col?.header || null),
    });
  }
}

/** What a source's ingest leaves behind, in a form that can be cached as JSON. */
export type CachedSource = Omit<SourceState, 'outcomes'> & {
  outcomes: Array<[string, { outcome: Outcome; prov: Provenance; reason?: string }]>;
};

/**
 * Normalising a source is the costly part and depends only on its manifest, its files, the as-of date and the
 * pipeline's code: keyed by a hash of all four, an unchanged source is not read again.
 */
export interface SourceCache {
  codeVersion: string;
  get(id: string, key: string): CachedSource | undefined;
  set(id: string, key: string, value: CachedSource): void;
}

export function sourceKey(src: LoadedSource, asOf: string, codeVersion: string): string {
  const h = createHash('sha256');
  h.update(`${codeVersion}\u0000${asOf}\u0000${src.id}\u0000${src.manifestText ?? '\u0001'}\u0000`);
  for (const f of src.files) {
    h.update(`${f.name}\u0000`);
    h.update(f.bytes ?? `\u0001${f.tooLarge ?? ''}\u0001${f.refused ?? ''}`);
    h.update('\u0000');
  }
  h.update(src.unlisted.join('\u0000'));
  h.update(`\u0000${src.refused ?? ''}`);
  return h.digest('hex');
}

/** One source's ingest in the form the cache keeps, which a worker thread can also hand back (ingest-threads-fs.ts). */
export async function ingestForCache(src: LoadedSource, asOf: string): Promise<CachedSource> {
  const state = await ingestSource(src, asOf);
  return { ...state, outcomes: [...state.outcomes] };
}

async function ingestCached(src: LoadedSource, asOf: string, cache?: SourceCache): Promise<SourceState> {
  if (!cache) return ingestSource(src, asOf);
  const key = sourceKey(src, asOf, cache.codeVersion);
  const hit = cache.get(src.id, key);
  if (hit) return { ...hit, outcomes: new Map(hit.outcomes) };
  const state = await ingestSource(src, asOf);
  cache.set(src.id, key, { ...state, outcomes: [...state.outcomes] });
  return state;
}

export async function runPipeline(
  loaded: LoadedSource[],
  asOf: string,
  cache?: SourceCache,
): Promise<PipelineResult> {
  const states: SourceState[] = [];
  for (const src of [...loaded].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    states.push(await ingestCached(src, asOf, cache));
  }

  const readable = states.filter((s) => s.manifest) as Array<SourceState & { manifest: Manifest }>;
  const hidden: ValidationReport['hidden'] = [];
  // A notice published after the as-of date is not yet part of the register: its rows are checked and reported,
  // but merged into nothing, so no name, address or list entry of a later notice shows on an earlier date.
  const out = readable.filter((s) => isNoticeOut(s.manifest.published, asOf));
  for (const s of readable) {
    if (isNoticeOut(s.manifest.published, asOf)) continue;
    for (const [k, o] of s.outcomes) {
      if (o.outcome !== 'published') continue;
      s.outcomes.set(k, { outcome: 'hidden', prov: o.prov, reason: NOT_YET_PUBLISHED });
      hidden.push({ source: s.id, file: o.prov.file, row: o.prov.row, reason: NOT_YET_PUBLISHED });
    }
  }
  const merged = mergeSources(
    out.map((s) => s.rows),
    asOf,
  );
  const byId = new Map(states.map((s) => [s.id, s]));
  const mergedNotes: MergedNote[] = [];
  for (const o of merged.penaltyOutcomes) {
    const s = byId.get(o.prov.source);
    if (!s) continue;
    if (o.outcome === 'hidden') {
      s.outcomes.set(provKey(o.prov), { outcome: 'hidden', prov: o.prov, reason: o.reason });
      hidden.push({
        source: o.prov.source,
        file: o.prov.file,
        row: o.prov.row,
        reason: o.reason,
        ...(o.window ? { until: o.window.until, derived: o.window.derived } : {}),
      });
    } else if (o.outcome === 'merged') {
      s.outcomes.set(provKey(o.prov), { outcome: 'merged', prov: o.prov });
      mergedNotes.push({ ...o.prov, into: o.into });
    }
  }
  for (const s of states) {
    mergedNotes.push(...s.mergedNotes);
    for (const o of s.outcomes.values())
      if (o.outcome === 'hidden' && o.reason === 'natural-person')
        hidden.push({ ...o.prov, reason: o.reason });
  }
  const mergeProblems = Map.groupBy(
    merged.problems.map(
      (p): Problem => ({
        source: p.prov.source,
        file: p.prov.file,
        row: p.prov.row,
        column: byId.get(p.prov.source)?.headers[p.prov.file]?.[p.field] ?? null,
        field: p.field,
        code: p.code,
        severity: 'warning',
        message: p.message,
      }),
    ),
    (p) => p.source,
  );

  const sourcesReport: ValidationReport['sources'] = [];
  const sourceInfos: SourceInfo[] = [];
  const totals = { rows: 0, published: 0, merged: 0, hidden: 0, rejected: 0, warnings: 0 };
  const problems: Problem[] = [];
  for (const s of states) {
    const counts = { rows: 0, published: 0, merged: 0, hidden: 0, rejected: 0 };
    const hiddenByReason: Record<string, number> = {};
    for (const o of s.outcomes.values()) {
      counts.rows++;
      counts[o.outcome]++;
      if (o.outcome === 'hidden' && o.reason) hiddenByReason[o.reason] = (hiddenByReason[o.reason] ?? 0) + 1;
    }
    const own = [...s.problems, ...(mergeProblems.get(s.id) ?? [])];
    const problemsByCode: Record<string, number> = {};
    for (const p of own) problemsByCode[p.code] = (problemsByCode[p.code] ?? 0) + 1;
    for (const k of ['rows', 'published', 'merged', 'hidden', 'rejected'] as const) totals[k] += counts[k];
    totals.warnings += own.filter((p) => p.severity === 'warning').length;
    problems.push(...own);
    const kind = s.manifest?.kind ?? 'institutions';
    sourcesReport.push({ id: s.id, kind, ...counts });
    if (s.manifest) {
      const m = s.manifest;
      sourceInfos.push({
        id: s.id,
        kind: m.kind,
        sector: m.sector,
        list: m.list ?? null,
        action: m.action ?? null,
        batch: m.batch ?? null,
        publisher: m.publisher,
        title: m.title,
        documentNumber: m.document_number ?? null,
        published: m.published,
        url: m.url ?? null,
        retrieved: m.retrieved ?? null,
        region: m.region,
        crs: m.crs,
        files: m.files,
        counts,
        hiddenByReason,
        problemsByCode: sortedRecord(problemsByCode),
      });
    }
  }
  sourceInfos.sort((a, b) =>
    sourceOrder(
      { id: a.id, manifest: { published: a.published } as Manifest },
      { id: b.id, manifest: { published: b.published } as Manifest },
    ),
  );
  hidden.sort(byPlace);
  mergedNotes.sort(byPlace);

  const regionCodes = new Set<string>();
  for (const i of merged.institutions) regionCodes.add(i.region);
  for (const p of merged.penalties) regionCodes.add(p.region);
  for (const i of merged.inspections) regionCodes.add(i.region);
  const regions: Region[] = [];
  const seenRegions = new Set<string>();
  for (const code of [...regionCodes].sort()) {
    for (const c of regionAncestors(code)) {
      if (seenRegions.has(c)) continue;
      seenRegions.add(c);
      const info = regionInfo(c);
      if (info) regions.push(info);
    }
  }
  regions.sort((a, b) => (a.code < b.code ? -1 : 1));

  const unreadable = states.some((s) => s.unreadable);
  const exitCode = unreadable ? 2 : totals.rejected > 0 ? 1 : 0;
  return {
    data: protectSiteData(
      {
        asOf,
        institutions: merged.institutions,
        penalties: merged.penalties,
        inspections: merged.inspections,
        sources: sourceInfos,
        regions,
      },
      states.flatMap((s) => s.persons ?? []),
    ),
    report: { asOf, totals, sources: sourcesReport, problems, hidden, merged: mergedNotes },
    exitCode,
  };
}

/** Findings in the order a reader checks them: by source, file and row. */
function byPlace(
  a: { source: string; file: string; row: number },
  b: { source: string; file: string; row: number },
) {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.row - b.row;
}

function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export { HIDDEN_REASON_LABELS };
