/**
 * What the sample holds, for tests of the pipeline: counts (expect-summary.json) and, row by row, the injected
 * findings and the penalties that must stay hidden (expect-rows.json). Row numbers follow the data contract.
 */
import type { FieldKey } from '../domain/fields.ts';
import { HIDDEN_REASONS, type HiddenReason, SOURCE_KINDS, type SourceKind } from '../domain/schemas.ts';
import { FORMULA_ADDRESS, SCRIPT_PREFIX } from './inject-defects.ts';
import {
  DEFECT_CODES,
  type DefectCode,
  type FileSpec,
  QUIRK_CODES,
  QUIRK_FINDINGS,
  type QuirkCode,
  REJECTING_CODES,
  type Row,
  type SourceSpec,
} from './types.ts';

export interface SourceSummary {
  id: string;
  kind: SourceKind;
  sector: string;
  rows: number;
  rejected: number;
  hidden: number;
  files: { name: string; format: string; rows: number }[];
}

export interface ExpectSummary {
  seed: string | number;
  asOf: string;
  /** Institutions on lists (penalised legal persons on no list come on top). */
  institutions: number;
  /** Penalty decisions (each published once; exact duplicate rows come on top). */
  penalties: number;
  sources: number;
  files: number;
  /** Data rows of all files. */
  rows: number;
  rowsByKind: Record<SourceKind, number>;
  /** Rows carrying each injected problem code (one code per row at most). */
  defects: Record<DefectCode, number>;
  /** Rows that must be rejected (the error codes among `defects`). */
  rejected: number;
  /**
   * Rows kept with a warning (uscc-checksum, duplicate-row, unknown-region, pii-redacted, and uscc-normalised for
   * the quirks in QUIRK_FINDINGS).
   */
  warnings: number;
  /** Accepted penalty rows that must not be published as of `asOf`. */
  hidden: Record<HiddenReason, number>;
  /** Rows with an oddity a pipeline must absorb without any finding. */
  quirks: Record<QuirkCode, number>;
  bySource: SourceSummary[];
}

export interface Finding {
  source: string;
  file: string;
  row: number;
  column: string;
  field: FieldKey;
  code: DefectCode | 'uscc-normalised';
  severity: 'error' | 'warning';
}

export interface ExpectRows {
  asOf: string;
  findings: Finding[];
  hidden: { source: string; file: string; row: number; documentNumber: string; reason: HiddenReason }[];
  /** Strings that must occur nowhere in the built site: natural persons' names and ID numbers, private mobiles. */
  forbiddenStrings: string[];
  hostile: { markup: string; formula: string };
}

/**
 * Spreadsheet row numbers of a file's data rows, in the order of `file.rows`: the numbering of {@link layoutFile}
 * without rendering any cell (a test checks that both agree).
 */
export function dataRowNumbers(file: FileSpec): number[] {
  if (file.format === 'json') return file.rows.map((_, i) => i + 1);
  let line = (file.title ? 1 : 0) + (file.subtitle ? 1 : 0) + 1;
  const numbers: number[] = [];
  let previous: Row | undefined;
  for (const row of file.rows) {
    if (previous !== undefined && row.group !== previous.group && file.blankBetweenGroups) line += 1;
    line += 1;
    numbers.push(line);
    previous = row;
  }
  return numbers;
}

function zeros<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
}

export function summarize(
  sources: readonly SourceSpec[],
  meta: {
    seed: string | number;
    asOf: string;
    institutions: number;
    penalties: number;
    forbiddenStrings: string[];
  },
): { summary: ExpectSummary; rows: ExpectRows } {
  const defects = zeros(DEFECT_CODES);
  const quirks = zeros(QUIRK_CODES);
  const hidden = zeros(HIDDEN_REASONS);
  const rowsByKind = zeros(SOURCE_KINDS);
  const findings: Finding[] = [];
  const hiddenRows: ExpectRows['hidden'] = [];
  const bySource: SourceSummary[] = [];
  let files = 0;
  let quirkWarnings = 0;
  for (const source of sources) {
    const s: SourceSummary = {
      id: source.id,
      kind: source.manifest.kind,
      sector: source.manifest.sector,
      rows: 0,
      rejected: 0,
      hidden: 0,
      files: [],
    };
    for (const file of source.files) {
      files += 1;
      const numbers = dataRowNumbers(file);
      file.rows.forEach((row: Row, i) => {
        const rowNumber = numbers[i] ?? 0;
        if (row.defect) {
          defects[row.defect] += 1;
          const rejecting = REJECTING_CODES.has(row.defect);
          if (rejecting) s.rejected += 1;
          const field = row.defectField ?? 'name';
          findings.push({
            source: source.id,
            file: file.name,
            row: rowNumber,
            column: file.columns.find((c) => c.key === field)?.header ?? field,
            field,
            code: row.defect,
            severity: rejecting ? 'error' : 'warning',
          });
        }
        if (row.quirk) {
          quirks[row.quirk] += 1;
          const noted = QUIRK_FINDINGS[row.quirk];
          if (noted) {
            quirkWarnings += 1;
            findings.push({
              source: source.id,
              file: file.name,
              row: rowNumber,
              column: file.columns.find((c) => c.key === noted.field)?.header ?? noted.field,
              field: noted.field,
              code: noted.code,
              severity: 'warning',
            });
          }
        }
        if (row.hidden) {
          hidden[row.hidden] += 1;
          s.hidden += 1;
          hiddenRows.push({
            source: source.id,
            file: file.name,
            row: rowNumber,
            documentNumber: row.ref ?? '',
            reason: row.hidden,
          });
        }
      });
      s.rows += file.rows.length;
      s.files.push({ name: file.name, format: file.format, rows: file.rows.length });
    }
    rowsByKind[s.kind] += s.rows;
    bySource.push(s);
  }
  const rejected = bySource.reduce((n, s) => n + s.rejected, 0);
  const flagged = Object.values(defects).reduce((n, v) => n + v, 0);
  return {
    summary: {
      seed: meta.seed,
      asOf: meta.asOf,
      institutions: meta.institutions,
      penalties: meta.penalties,
      sources: sources.length,
      files,
      rows: bySource.reduce((n, s) => n + s.rows, 0),
      rowsByKind,
      defects,
      rejected,
      warnings: flagged - rejected + quirkWarnings,
      hidden,
      quirks,
      bySource,
    },
    rows: {
      asOf: meta.asOf,
      findings,
      hidden: hiddenRows,
      forbiddenStrings: meta.forbiddenStrings,
      hostile: { markup: SCRIPT_PREFIX, formula: FORMULA_ADDRESS },
    },
  };
}
