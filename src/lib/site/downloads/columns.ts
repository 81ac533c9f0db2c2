/**
 * The columns of the downloads, and the ones every dataset shares. Each download is one table per kind of record,
 * written as CSV (Chinese headers and labels, for spreadsheets) and JSON (machine values, for code). A column is
 * defined once — its JSON key, its CSV header, its description and how to read it from a record — so the two files
 * and the data-dictionary page cannot drift apart.
 *
 * Headers and descriptions come from the field dictionary wherever a column holds a published field; columns the
 * register derives (ids, status, region names, provenance) are described here.
 */

import { carriedFields, type FieldKey, type FieldType, field as fieldEntry } from '../../domain/fields.ts';
import type { Crs } from '../../domain/rules/vocabularies.ts';
import {
  type Institution,
  LISTS,
  type Region,
  type Sector,
  type SiteData,
  type SourceKind,
  STATUSES,
  type Status,
} from '../../domain/schemas.ts';
import type { CsvValue } from '../csv.ts';
import { SECTOR_SHORT, STATUS_INFO } from '../labels.ts';
import type { EventRecord } from '../list-events.ts';
import { absolute } from '../urls.ts';

export const STATUS_LABELS: Readonly<Record<Status, string>> = Object.fromEntries(
  STATUSES.map((s) => [s, STATUS_INFO[s].label]),
) as Record<Status, string>;

export const CRS_LABELS: Readonly<Record<Crs, string>> = {
  wgs84: 'WGS-84',
  gcj02: 'GCJ-02（已转换为 WGS-84）',
};

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [k: string]: JsonValue };

export type ColumnType =
  | 'text'
  | 'code'
  | 'date'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'list'
  | 'enum'
  | 'object';

export interface ExportOptions {
  /** Absolute URL of the site root (site URL + base path), ending in '/'. */
  siteRoot: string;
  /** The licence note written into every JSON file. */
  licence: string;
}

export interface ExportContext extends ExportOptions {
  asOf: string;
  regions: ReadonlyMap<string, Region>;
  institutions: ReadonlyMap<string, Institution>;
  /** Every published list event, newest first (list-events.ts), computed once by the site model. */
  events: readonly EventRecord[];
}

export interface Column<T> {
  key: string;
  label: string;
  description: string;
  /** The field-dictionary entry the column carries, or null for a column the register derives. */
  field: FieldKey | null;
  type: ColumnType;
  /** For enums: machine value → Chinese label used in CSV. */
  values?: Readonly<Record<string, string>>;
  json: (r: T, ctx: ExportContext) => JsonValue;
  /** CSV cell when it is not simply the JSON value (lists joined by 、, booleans 是/否, enum labels). */
  csv?: (r: T, ctx: ExportContext) => CsvValue;
}

/** What the data-dictionary page shows of a column: all but its accessors. */
export type ColumnInfo = Omit<Column<unknown>, 'json' | 'csv'>;

export const DATASET_IDS = ['institutions', 'penalties', 'inspections', 'list-history', 'sources'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

export interface DatasetInfo {
  id: DatasetId;
  title: string;
  description: string;
  columns: readonly ColumnInfo[];
}

export interface Dataset<T> extends Omit<DatasetInfo, 'columns'> {
  records: (data: SiteData, ctx: ExportContext) => readonly T[];
  columns: readonly Column<T>[];
}

// ---------------------------------------------------------------------------------------------------------------
// Column helpers

/**
 * A column that carries a dictionary field. `label` may pick one of the field's published aliases where the label
 * would mislead (a penalty's subject is 行政相对人名称, not 机构名称); anything else is refused.
 */
export function fromField<T>(
  field: FieldKey,
  spec: Omit<Column<T>, 'label' | 'description' | 'field'> & { label?: string; note?: string },
): Column<T> {
  const f = fieldEntry(field);
  const label = spec.label ?? f.label;
  if (label !== f.label && !f.aliases.includes(label))
    throw new Error(`${label} is not a label of field ${field}`);
  if (!f.public) throw new Error(`field ${field} is not public`);
  const { note, ...rest } = spec;
  return { ...rest, label, field, description: note ? `${f.description}${note}` : f.description };
}

const COLUMN_TYPE: Readonly<Record<FieldType, ColumnType>> = {
  text: 'text',
  name: 'text',
  code: 'code',
  date: 'date',
  amount: 'integer',
  integer: 'integer',
  number: 'number',
  list: 'list',
  enum: 'enum',
};

/** A column holding a field as the record holds it, under the field's key: label, description and type from its entry. */
export function fieldColumn<T>(
  key: FieldKey & keyof T,
  spec: { label?: string; note?: string } = {},
): Column<T> {
  return fromField<T>(key, {
    key,
    type: COLUMN_TYPE[fieldEntry(key).type],
    json: (r) => r[key] as JsonValue,
    ...spec,
  });
}

/** Where provenance and links begin: a carried field the dataset does not place itself goes just before them. */
const TRAILING_KEYS: ReadonlySet<string> = new Set(['source', 'sources', 'provenance', 'url']);

/**
 * A dataset's columns with a column for every field its records carry as published text (fields.ts, `carriedIn`)
 * that it does not place itself, so a new carried field reaches the download from its dictionary entry alone.
 */
export function withCarried<T>(kind: SourceKind, columns: readonly Column<T>[]): Column<T>[] {
  const placed = new Set(columns.map((c) => c.key));
  const missing = carriedFields(kind)
    .filter((k) => !placed.has(k))
    .map((k) => fieldColumn<T>(k as FieldKey & keyof T));
  const at = columns.findIndex((c) => TRAILING_KEYS.has(c.key));
  const cut = at < 0 ? columns.length : at;
  return [...columns.slice(0, cut), ...missing, ...columns.slice(cut)];
}

/** The batch (第 N 批) of a list, as its notice numbers it. */
export function batchColumn<T extends { batch: number | null }>(): Column<T> {
  return derived<T>({
    key: 'batch',
    label: '批次',
    description: '名单批次（第一批为 1）。',
    type: 'integer',
    json: (r) => r.batch,
  });
}

/** The list (名单) a record belongs to, one of LISTS. */
export function listColumn<T extends { list: string | null }>(description: string): Column<T> {
  return derived<T>({
    key: 'list',
    label: '名单',
    description,
    type: 'enum',
    values: Object.fromEntries(LISTS.map((l) => [l, l])),
    json: (r) => r.list,
  });
}

export function derived<T>(spec: Omit<Column<T>, 'field'>): Column<T> {
  return { ...spec, field: null };
}

export const LIST_SEP = '、';
export const ENTRY_SEP = '；';

export function yesNo(v: boolean): string {
  return v ? '是' : '否';
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function regionName(ctx: ExportContext, code: string): string | null {
  return ctx.regions.get(code)?.fullName ?? null;
}

export function provenanceText(p: { source: string; file: string; row: number }): string {
  return `${p.source}/${p.file}:${p.row}`;
}

/** Columns every table shares: the region as a code and a full name. */
export function regionColumns<T extends { region: string }>(): Column<T>[] {
  return [
    derived<T>({
      key: 'region',
      label: '行政区划代码',
      description: 'GB/T 2260 六位行政区划代码，由发布的区县名称解析；无法解析时为发布机关所在地区。',
      type: 'code',
      json: (r) => r.region,
    }),
    fromField<T>('county', {
      key: 'regionName',
      type: 'text',
      json: (r, ctx) => regionName(ctx, r.region),
      note: '下载文件中为从省级起的完整地区名称。',
    }),
  ];
}

export function sectorColumn<T extends { sector: Sector }>(): Column<T> {
  return derived<T>({
    key: 'sector',
    label: '领域',
    description: '托育（3 岁以下婴幼儿照护）或母婴护理（月子中心、产后康复护理）。',
    type: 'enum',
    values: SECTOR_SHORT,
    json: (r) => r.sector,
  });
}

export function provenanceColumns<
  T extends { provenance: { source: string; file: string; row: number } },
>(): Column<T>[] {
  return [
    derived<T>({
      key: 'source',
      label: '来源编号',
      description: '记录所依据的来源（见“来源”下载和来源页面）。',
      type: 'code',
      json: (r) => r.provenance.source,
    }),
    derived<T>({
      key: 'sourceFile',
      label: '来源文件',
      description: '来源中的文件名，按发布原样。',
      type: 'text',
      json: (r) => r.provenance.file,
    }),
    derived<T>({
      key: 'sourceRow',
      label: '来源行号',
      description: '该文件中的行号，与电子表格显示的行号一致。',
      type: 'integer',
      json: (r) => r.provenance.row,
    }),
  ];
}

export function institutionLinkColumns<T extends { institutionId: string | null }>(): Column<T>[] {
  return [
    derived<T>({
      key: 'institutionId',
      label: '机构编号',
      description: '本站机构编号（见“机构”下载）；无法对应到机构（如自然人）时为空。',
      type: 'code',
      json: (r) => r.institutionId,
    }),
  ];
}

export function urlColumn<T>(description: string, path: (r: T) => string | null): Column<T> {
  return derived<T>({
    key: 'url',
    label: '页面地址',
    description,
    type: 'text',
    json: (r, ctx) => {
      const p = path(r);
      return p === null ? null : absolute(ctx.siteRoot, p);
    },
  });
}
