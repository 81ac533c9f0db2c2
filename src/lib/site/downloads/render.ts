/**
 * Writes the downloads: each dataset (one module per dataset beside this one) as CSV (Chinese headers and labels, for
 * spreadsheets) and JSON (machine values, for code), from the published data of the site model.
 */
import { Buffer } from 'node:buffer';
import type { Institution, Penalty, SiteData } from '../../domain/schemas.ts';
import { type CsvValue, csvDocument, csvLine } from '../csv.ts';
import { type EventRecord, listEvents } from '../list-events.ts';
import { absolute, paths, withSlash } from '../urls.ts';
import {
  type Column,
  type ColumnInfo,
  type Dataset,
  type DatasetId,
  type DatasetInfo,
  type ExportContext,
  type ExportOptions,
  type JsonValue,
  LIST_SEP,
  yesNo,
} from './columns.ts';
import { inspections } from './inspections.ts';
import { institutions } from './institutions.ts';
import { listHistory } from './list-history.ts';
import { penalties } from './penalties.ts';
import { sources } from './sources.ts';

export {
  type ColumnInfo,
  type ColumnType,
  DATASET_IDS,
  type DatasetId,
  type DatasetInfo,
  type ExportOptions,
} from './columns.ts';

function columnInfo<T>(c: Column<T>): ColumnInfo {
  const info: ColumnInfo = {
    key: c.key,
    label: c.label,
    description: c.description,
    field: c.field,
    type: c.type,
  };
  return c.values ? { ...info, values: c.values } : info;
}

/** A download limited to one region: its records, and where its CSV is served. */
export interface DownloadScope {
  /** Site path of the CSV: /regions/420112/penalties.csv. */
  csvPath: string;
  /** Prefixed to the title: 武汉市东西湖区. */
  name: string;
}

interface Renderable {
  info: DatasetInfo;
  render: (data: SiteData, ctx: ExportContext, scope?: DownloadScope) => RenderedDownload;
  /** How many rows the download has, without rendering it. */
  rows: (data: SiteData, ctx: ExportContext) => number;
}

function renderable<T>(d: Dataset<T>): Renderable {
  return {
    info: { id: d.id, title: d.title, description: d.description, columns: d.columns.map(columnInfo) },
    render: (data, ctx, scope) => renderDataset(d, data, ctx, scope),
    rows: (data, ctx) => d.records(data, ctx).length,
  };
}

const DATASETS: readonly Renderable[] = [
  renderable(institutions),
  renderable(penalties),
  renderable(inspections),
  renderable(listHistory),
  renderable(sources),
];

// ---------------------------------------------------------------------------------------------------------------
// Rendering

/** Lookups every column may need, built once per build by the site model (model.ts) and shared by every download. */
export function exportContext(
  data: SiteData,
  options: ExportOptions,
  events: readonly EventRecord[] = listEvents(data),
): ExportContext {
  return {
    ...options,
    siteRoot: withSlash(options.siteRoot),
    asOf: data.asOf,
    regions: new Map(data.regions.map((r) => [r.code, r])),
    institutions: new Map(data.institutions.map((i) => [i.id, i])),
    events,
  };
}

function defaultCsv(value: JsonValue, values: Readonly<Record<string, string>> | undefined): CsvValue {
  if (value === null) return null;
  if (typeof value === 'boolean') return yesNo(value);
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return values ? (values[value] ?? value) : value;
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'string' && values ? (values[v] ?? v) : String(v))).join(LIST_SEP);
  }
  return JSON.stringify(value);
}

/**
 * JSON with `<` written as \u003c: the same value for any JSON reader, but a file that a misconfigured server
 * sends as HTML cannot open a tag (names in the data have held `<script>`).
 */
export function jsonText(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  return text.includes('<') ? text.replace(/</g, '\\u003c') : text;
}

export interface DownloadStats {
  rows: number;
  /** Sizes of the files in bytes (UTF-8, BOM included). */
  csvBytes: number;
  jsonBytes: number;
}

export interface RenderedDownload extends DownloadStats {
  id: DatasetId;
  title: string;
  csv: string;
  json: string;
}

function renderDataset<T>(
  d: Dataset<T>,
  data: SiteData,
  ctx: ExportContext,
  scope?: DownloadScope,
): RenderedDownload {
  const records = d.records(data, ctx);
  const csvLines: string[] = new Array(records.length + 1);
  csvLines[0] = csvLine(d.columns.map((c) => c.label));
  const jsonLines: string[] = new Array(records.length);
  const row: CsvValue[] = new Array(d.columns.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i] as T;
    const obj: { [k: string]: JsonValue } = {};
    for (let j = 0; j < d.columns.length; j++) {
      const c = d.columns[j] as Column<T>;
      const v = c.json(r, ctx);
      obj[c.key] = v;
      row[j] = c.csv ? c.csv(r, ctx) : defaultCsv(v, c.values);
    }
    csvLines[i + 1] = csvLine(row);
    jsonLines[i] = `    ${jsonText(obj)}`;
  }
  const head = {
    dataset: d.id,
    title: scope ? `${scope.name}：${d.title}` : d.title,
    description: d.description,
    asOf: data.asOf,
    licence: ctx.licence,
    csv: absolute(ctx.siteRoot, scope ? scope.csvPath : paths.download(d.id, 'csv')),
    dictionary: `${absolute(ctx.siteRoot, paths.dictionary)}#${d.id}`,
    count: records.length,
    fields: d.columns.map((c) => ({ key: c.key, label: c.label, type: c.type, description: c.description })),
  };
  const headJson = jsonText(head, 2);
  // One record per line: readable, diffable, and built by a single join however many records there are.
  const recordsJson = records.length === 0 ? '[]' : `[\n${jsonLines.join(',\n')}\n  ]`;
  const json = `${headJson.slice(0, -2)},\n  "records": ${recordsJson}\n}\n`;
  const csv = csvDocument(csvLines);
  return {
    id: d.id,
    title: d.title,
    rows: records.length,
    csv,
    json,
    csvBytes: Buffer.byteLength(csv, 'utf8'),
    jsonBytes: Buffer.byteLength(json, 'utf8'),
  };
}

/** The downloads as the data dictionary describes them: no accessors. */
export const DOWNLOADS: readonly DatasetInfo[] = DATASETS.map((d) => d.info);

function dataset(id: DatasetId): Renderable {
  const d = DATASETS.find((x) => x.info.id === id);
  if (!d) throw new Error(`unknown download ${id}`);
  return d;
}

/** Both files of one download, rendered in one pass over the records. */
export function renderDownload(
  data: SiteData,
  id: DatasetId,
  options: ExportOptions,
  ctx: ExportContext = exportContext(data, options),
): RenderedDownload {
  return dataset(id).render(data, ctx);
}

export interface RegionRecords {
  code: string;
  name: string;
  institutions: readonly Institution[];
  penalties: readonly Penalty[];
}

/** The institutions or penalties of one region: the same columns, read against the whole register (`ctx`). */
export function renderRegionDownload(
  data: SiteData,
  id: 'institutions' | 'penalties',
  ctx: ExportContext,
  region: RegionRecords,
): RenderedDownload {
  const subset: SiteData =
    id === 'institutions'
      ? { ...data, institutions: [...region.institutions] }
      : { ...data, penalties: [...region.penalties] };
  return dataset(id).render(subset, ctx, {
    csvPath: paths.regionDownload(region.code, id, 'csv'),
    name: region.name,
  });
}

interface Pending {
  csv?: string;
  json?: string;
}

/**
 * Shares one rendering between the two endpoints of a download and the /downloads/ page (sizes and row counts).
 * Each file's text is kept only until its endpoint takes it, so a build of 100,000 records does not hold every
 * download in memory to the end; asked for again (a dev server), a file is rendered again and not kept.
 */
export class DownloadCache {
  readonly #stats = new Map<DatasetId, DownloadStats>();
  readonly #pending = new Map<string, Pending>();
  readonly #data: SiteData;
  readonly #ctx: ExportContext;
  #kept: (id: DatasetId) => { csvBytes: number; jsonBytes: number } | null = () => null;

  constructor(data: SiteData, ctx: ExportContext) {
    this.#data = data;
    this.#ctx = ctx;
  }

  /**
   * Where a build keeps a download's files from the previous build (incremental, build-scope.ts), their sizes: the
   * /downloads/ page then shows them without rendering the download again.
   */
  useKept(sizes: (id: DatasetId) => { csvBytes: number; jsonBytes: number } | null): void {
    this.#kept = sizes;
  }

  #render(id: DatasetId): RenderedDownload {
    const r = renderDownload(this.#data, id, this.#ctx, this.#ctx);
    this.#stats.set(id, { rows: r.rows, csvBytes: r.csvBytes, jsonBytes: r.jsonBytes });
    return r;
  }

  /** Takes one file of a rendering that yields both, keeping the other until its endpoint asks. */
  #take(key: string, format: 'csv' | 'json', render: () => RenderedDownload, seen: boolean): string {
    let files = this.#pending.get(key);
    if (!files) {
      const r = render();
      if (seen) return r[format];
      files = { csv: r.csv, json: r.json };
      this.#pending.set(key, files);
    }
    const text = files[format] ?? render()[format];
    delete files[format];
    if (files.csv === undefined && files.json === undefined) this.#pending.delete(key);
    return text;
  }

  stats(id: DatasetId): DownloadStats {
    const hit = this.#stats.get(id);
    if (hit) return hit;
    const kept = this.#kept(id);
    if (kept) {
      const stats = { rows: dataset(id).rows(this.#data, this.#ctx), ...kept };
      this.#stats.set(id, stats);
      return stats;
    }
    const r = this.#render(id);
    this.#pending.set(id, { csv: r.csv, json: r.json });
    return this.#stats.get(id) as DownloadStats;
  }

  take(id: DatasetId, format: 'csv' | 'json'): string {
    return this.#take(id, format, () => this.#render(id), this.#stats.has(id) && !this.#pending.has(id));
  }

  /** One region's institutions or penalties (both files from one rendering). */
  region(region: RegionRecords, id: 'institutions' | 'penalties', format: 'csv' | 'json'): string {
    return this.#take(
      `${region.code}\n${id}`,
      format,
      () => renderRegionDownload(this.#data, id, this.#ctx, region),
      false,
    );
  }
}
