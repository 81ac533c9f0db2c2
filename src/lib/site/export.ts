/**
 * The downloads: one table per kind of record, each written as CSV (Chinese headers and labels, for spreadsheets)
 * and JSON (machine values, for code). A column is defined once — its JSON key, its CSV header, its description and
 * how to read it from a record — so the two files and the data-dictionary page cannot drift apart.
 *
 * Headers and descriptions come from the field dictionary wherever a column holds a published field; columns the
 * register derives (ids, status, region names, provenance) are described here.
 */

import { Buffer } from 'node:buffer';
import { FIELD_BY_KEY, type FieldKey } from '../domain/fields.ts';
import { comparePenaltiesNewest } from '../domain/rules/order.ts';
import { eventDate } from '../domain/rules/visibility.ts';
import {
  INSPECTION_RESULTS,
  type Inspection,
  type Institution,
  LISTS,
  type ListEvent,
  type Penalty,
  type Region,
  type Sector,
  type SiteData,
  type SourceInfo,
  STATUSES,
  type Status,
} from '../domain/schemas.ts';
import { type CsvValue, csvDocument, csvLine } from './csv.ts';
import { hiddenReasonLabel, KIND_LABEL, STATUS_INFO } from './labels.ts';
import { isUnlisted, statusView, stopOrderText, unlistedLabel } from './status-view.ts';

const STATUS_LABELS: Readonly<Record<Status, string>> = Object.fromEntries(
  STATUSES.map((s) => [s, STATUS_INFO[s].label]),
) as Record<Status, string>;

/** Short sector words for a spreadsheet column (pages say 托育机构 / 母婴护理机构). */
const SECTOR_LABELS: Readonly<Record<Sector, string>> = { childcare: '托育', postpartum: '母婴护理' };

const CRS_LABELS: Readonly<Record<'wgs84' | 'gcj02', string>> = {
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
}

interface Column<T> {
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

/** What the data-dictionary page shows of a column. */
export interface ColumnInfo {
  key: string;
  label: string;
  description: string;
  field: FieldKey | null;
  type: ColumnType;
  values?: Readonly<Record<string, string>>;
}

export const DATASET_IDS = ['institutions', 'penalties', 'inspections', 'list-history', 'sources'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

export interface DatasetInfo {
  id: DatasetId;
  title: string;
  description: string;
  columns: readonly ColumnInfo[];
}

interface Dataset<T> extends Omit<DatasetInfo, 'columns'> {
  records: (data: SiteData, ctx: ExportContext) => T[];
  columns: readonly Column<T>[];
}

// ---------------------------------------------------------------------------------------------------------------
// Column helpers

function fieldDef(key: FieldKey) {
  const f = FIELD_BY_KEY.get(key);
  if (!f) throw new Error(`unknown field ${key}`);
  return f;
}

/**
 * A column that carries a dictionary field. `label` may pick one of the field's published aliases where the label
 * would mislead (a penalty's subject is 行政相对人名称, not 机构名称); anything else is refused.
 */
function fromField<T>(
  field: FieldKey,
  spec: Omit<Column<T>, 'label' | 'description' | 'field'> & { label?: string; note?: string },
): Column<T> {
  const f = fieldDef(field);
  const label = spec.label ?? f.label;
  if (label !== f.label && !f.aliases.includes(label))
    throw new Error(`${label} is not a label of field ${field}`);
  if (!f.public) throw new Error(`field ${field} is not public`);
  const { note, ...rest } = spec;
  return { ...rest, label, field, description: note ? `${f.description}${note}` : f.description };
}

function derived<T>(spec: Omit<Column<T>, 'field'>): Column<T> {
  return { ...spec, field: null };
}

const LIST_SEP = '、';
const ENTRY_SEP = '；';

function yesNo(v: boolean): string {
  return v ? '是' : '否';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pageUrl(ctx: ExportContext, path: string): string {
  return ctx.siteRoot + path;
}

export function institutionPath(id: string): string {
  return `institutions/${encodeURIComponent(id)}/`;
}

export function regionPath(code: string): string {
  return `regions/${encodeURIComponent(code)}/`;
}

export function sourcePath(id: string): string {
  return `sources/${encodeURIComponent(id)}/`;
}

function regionName(ctx: ExportContext, code: string): string | null {
  return ctx.regions.get(code)?.fullName ?? null;
}

function provenanceText(p: { source: string; file: string; row: number }): string {
  return `${p.source}/${p.file}:${p.row}`;
}

/** Columns every table shares: the region as a code and a full name. */
function regionColumns<T extends { region: string }>(): Column<T>[] {
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

function sectorColumn<T extends { sector: keyof typeof SECTOR_LABELS }>(): Column<T> {
  return derived<T>({
    key: 'sector',
    label: '领域',
    description: '托育（3 岁以下婴幼儿照护）或母婴护理（月子中心、产后康复护理）。',
    type: 'enum',
    values: SECTOR_LABELS,
    json: (r) => r.sector,
  });
}

function provenanceColumns<
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

function institutionLinkColumns<T extends { institutionId: string | null }>(): Column<T>[] {
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

function urlColumn<T>(description: string, path: (r: T) => string | null): Column<T> {
  return derived<T>({
    key: 'url',
    label: '页面地址',
    description,
    type: 'text',
    json: (r, ctx) => {
      const p = path(r);
      return p === null ? null : pageUrl(ctx, p);
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Records

export interface EventRecord extends ListEvent {
  institutionName: string;
  uscc: string | null;
  region: string;
  sector: Institution['sector'];
}

/** Every list event of every published institution (publish.ts decided which the public sees), newest first. */
export function listEvents(data: SiteData): EventRecord[] {
  const out: EventRecord[] = [];
  for (const inst of data.institutions) {
    for (const e of inst.events) {
      out.push({
        ...e,
        institutionName: inst.name,
        uscc: inst.uscc,
        region: inst.region,
        sector: inst.sector,
      });
    }
  }
  return out.sort(
    (a, b) =>
      cmp(eventDate(b), eventDate(a)) ||
      cmp(b.published, a.published) ||
      cmp(a.institutionId, b.institutionId) ||
      cmp(a.id, b.id),
  );
}

export function sortPenalties(penalties: readonly Penalty[]): Penalty[] {
  return [...penalties].sort(comparePenaltiesNewest);
}

// ---------------------------------------------------------------------------------------------------------------
// Datasets

const institutions: Dataset<Institution> = {
  id: 'institutions',
  title: '机构',
  description: '合并后的托育机构和母婴护理机构，每个机构一行，含状态、所在名单和公示中的处罚数。',
  records: (data) => [...data.institutions].sort((a, b) => cmp(a.region, b.region) || cmp(a.id, b.id)),
  columns: [
    derived({
      key: 'id',
      label: '机构编号',
      description: '本站机构编号，稳定不变，机构页面地址由它构成。',
      type: 'code',
      json: (r) => r.id,
    }),
    fromField('uscc', { key: 'uscc', type: 'code', json: (r) => r.uscc }),
    fromField('name', {
      key: 'name',
      type: 'text',
      json: (r) => r.name,
      note: '有多种写法时取发布日期最近的名单中的写法。',
    }),
    derived({
      key: 'otherNames',
      label: '其他名称写法',
      description: '各来源中出现过的其他名称写法。',
      type: 'list',
      json: (r) => r.otherNames,
    }),
    sectorColumn(),
    derived({
      key: 'status',
      label: '状态',
      description:
        '截至数据日期的状态：黑名单（列入且未移出）> 处罚公示中（至少一项处罚在公示期内）> 已注销（最近的名单变动为注销或撤销）> 在册。',
      type: 'enum',
      values: STATUS_LABELS,
      json: (r) => r.status,
      // A spreadsheet reader sees what the page leads with: an order to stop, or no registration at all.
      csv: (r) => `${statusView(r).label}${isUnlisted(r) ? `（${unlistedLabel(r)}）` : ''}`,
    }),
    derived({
      key: 'stopOrder',
      label: '责令停止或限制服务',
      description:
        '公示中的行政处罚里最近一项责令停止服务、停产停业、停止执业、暂扣或吊销许可证照、取缔、关闭或限制经营的决定：处罚内容原文、决定书文号和决定日期。CSV 中“状态”一列此时写作“责令停止服务”。',
      type: 'object',
      json: (r) =>
        r.stopOrder
          ? {
              order: r.stopOrder.order,
              documentNumber: r.stopOrder.documentNumber,
              decided: r.stopOrder.decided,
              penaltyId: r.stopOrder.penaltyId,
            }
          : null,
      csv: (r) => (r.stopOrder ? stopOrderText(r.stopOrder) : null),
    }),
    derived({
      key: 'onList',
      label: '在已公布名单中',
      description:
        '否：机构不在主管部门公布的任何备案、登记、普惠、示范或白名单中（未备案／未在名单），本站仅因行政处罚信息收录。',
      type: 'boolean',
      json: (r) => !isUnlisted(r),
    }),
    derived({
      key: 'statusSince',
      label: '状态起始日期',
      description: '当前状态开始适用的日期（已知时）。',
      type: 'date',
      json: (r) => r.statusSince,
    }),
    ...regionColumns<Institution>(),
    fromField('address', { key: 'address', type: 'text', json: (r) => r.address }),
    fromField('capacity', { key: 'capacity', type: 'integer', json: (r) => r.capacity }),
    fromField('serviceTypes', { key: 'serviceTypes', type: 'list', json: (r) => r.serviceTypes }),
    fromField('operator', { key: 'operator', type: 'text', json: (r) => r.operator }),
    fromField('fees', { key: 'fees', type: 'text', json: (r) => r.fees }),
    fromField('filed', { key: 'filed', type: 'date', json: (r) => r.filed }),
    fromField('remarks', { key: 'remarks', type: 'text', json: (r) => r.remarks }),
    fromField('longitude', { key: 'longitude', type: 'number', json: (r) => r.coordinates?.lon ?? null }),
    fromField('latitude', { key: 'latitude', type: 'number', json: (r) => r.coordinates?.lat ?? null }),
    derived({
      key: 'coordinatesCrs',
      label: '坐标原始坐标系',
      description: '来源发布坐标所用的坐标系；GCJ-02 坐标已转换为 WGS-84。',
      type: 'enum',
      values: CRS_LABELS,
      json: (r) => r.coordinates?.crs ?? null,
    }),
    derived({
      key: 'coordinatesApproximate',
      label: '坐标为近似位置',
      description: '是：坐标取自行政区中心而非来源发布的坐标。',
      type: 'boolean',
      json: (r) => (r.coordinates ? r.coordinates.approximate : null),
    }),
    derived({
      key: 'lists',
      label: '所在名单',
      description: '截至数据日期机构所在的名单（备案、登记、普惠、示范、白名单、黑名单）。',
      type: 'list',
      values: Object.fromEntries(LISTS.map((l) => [l, l])),
      json: (r) => r.lists,
    }),
    derived({
      key: 'activePenalties',
      label: '公示中处罚数',
      description: '截至数据日期仍在公示期内的行政处罚数。',
      type: 'integer',
      json: (r) => r.activePenalties,
    }),
    derived({
      key: 'latestPenalty',
      label: '最近处罚日期',
      description: '公示中处罚的最近处罚决定日期。',
      type: 'date',
      json: (r) => r.latestPenalty,
    }),
    derived({
      key: 'penaltyIds',
      label: '处罚编号',
      description: '公示中的处罚（见“行政处罚”下载的处罚编号）。',
      type: 'list',
      json: (r) => r.penaltyIds,
    }),
    derived({
      key: 'inspectionIds',
      label: '检查编号',
      description: '监督检查记录（见“监督检查”下载的检查编号）。',
      type: 'list',
      json: (r) => r.inspectionIds,
    }),
    derived({
      key: 'sources',
      label: '来源编号',
      description: '机构信息所依据的全部来源。',
      type: 'list',
      json: (r) => [...new Set(r.provenance.map((p) => p.source))].sort(cmp),
      csv: (r) =>
        r.provenance.length === 0
          ? `无名单来源：${unlistedLabel(r)}，仅见于行政处罚（见“处罚编号”）`
          : [...new Set(r.provenance.map((p) => p.source))].sort(cmp).join(LIST_SEP),
    }),
    derived({
      key: 'provenance',
      label: '来源行',
      description: '机构信息所依据的每一行：来源编号/文件名:行号。JSON 中为 {source, file, row} 对象数组。',
      type: 'object',
      json: (r) => r.provenance.map((p) => ({ source: p.source, file: p.file, row: p.row })),
      csv: (r) => r.provenance.map(provenanceText).join(ENTRY_SEP),
    }),
    urlColumn('机构页面的地址。', (r) => institutionPath(r.id)),
  ],
};

const penalties: Dataset<Penalty> = {
  id: 'penalties',
  title: '行政处罚',
  description:
    '截至数据日期仍在公示期内的行政处罚，按处罚决定日期从新到旧。已过公示期、仅警告和已撤销的处罚不在其中。',
  records: (data) => sortPenalties(data.penalties),
  columns: [
    derived({
      key: 'id',
      label: '处罚编号',
      description: '本站处罚编号。',
      type: 'code',
      json: (r) => r.id,
    }),
    fromField('documentNumber', { key: 'documentNumber', type: 'code', json: (r) => r.documentNumber }),
    ...institutionLinkColumns<Penalty>(),
    fromField('name', {
      key: 'subjectName',
      label: '行政相对人名称',
      type: 'text',
      json: (r) => r.subjectName,
      note: '行政相对人为自然人时只保留姓氏（如“张某”）。',
    }),
    fromField('subjectCategory', { key: 'subjectCategory', type: 'text', json: (r) => r.subjectCategory }),
    derived({
      key: 'naturalPerson',
      label: '是否自然人',
      description: '是：行政相对人为自然人，姓名已遮蔽，证件号码不发布。',
      type: 'boolean',
      json: (r) => r.naturalPerson,
    }),
    fromField('uscc', { key: 'uscc', type: 'code', json: (r) => r.uscc }),
    ...regionColumns<Penalty>(),
    sectorColumn(),
    fromField('violationType', { key: 'violationType', type: 'text', json: (r) => r.violationType }),
    fromField('facts', { key: 'facts', type: 'text', json: (r) => r.facts }),
    fromField('basis', { key: 'basis', type: 'text', json: (r) => r.basis }),
    fromField('categories', { key: 'categories', type: 'list', json: (r) => r.categories }),
    fromField('content', { key: 'content', type: 'text', json: (r) => r.content }),
    fromField('fineYuan', {
      key: 'fineYuan',
      type: 'integer',
      json: (r) => r.fineYuan,
      note: '下载文件中统一为元（整数）；无罚款为 0。',
    }),
    derived({
      key: 'fineText',
      label: '罚款金额原文',
      description: '来源中罚款金额的原文（如“5万”“伍仟元”“0.3”），单位以来源表头为准。',
      type: 'text',
      json: (r) => r.fineText,
    }),
    fromField('confiscatedYuan', {
      key: 'confiscatedYuan',
      type: 'integer',
      json: (r) => r.confiscatedYuan,
      note: '下载文件中统一为元（整数）；无没收为 0。',
    }),
    derived({
      key: 'confiscatedText',
      label: '没收金额原文',
      description: '来源中没收违法所得、非法财物金额的原文。',
      type: 'text',
      json: (r) => r.confiscatedText,
    }),
    fromField('decided', { key: 'decided', type: 'date', json: (r) => r.decided }),
    fromField('publicUntil', { key: 'publicUntil', type: 'date', json: (r) => r.publicUntil }),
    derived({
      key: 'publicUntilDerived',
      label: '公示截止期为推算',
      description: '是：来源未公布公示截止期，按公示期限规则推算（见“关于”页）。',
      type: 'boolean',
      json: (r) => r.publicUntilDerived,
    }),
    fromField('authority', { key: 'authority', type: 'text', json: (r) => r.authority }),
    fromField('remarks', { key: 'remarks', type: 'text', json: (r) => r.remarks }),
    derived({
      key: 'correction',
      label: '更正',
      description:
        '同一决定书文号后来重新公布且罚款、没收金额、处罚类别或公示截止期不同时，以后公布的为准，此处写明改了什么（“更正：…”）；无更正为空。',
      type: 'text',
      json: (r) => r.correction ?? null,
    }),
    ...provenanceColumns<Penalty>(),
    derived({
      key: 'alsoIn',
      label: '其他来源',
      description:
        '同一决定书文号也由这些来源发布（只计一次）：来源编号/文件名:行号。JSON 中为 {source, file, row} 对象数组。',
      type: 'object',
      json: (r) => r.alsoIn.map((p) => ({ source: p.source, file: p.file, row: p.row })),
      csv: (r) => r.alsoIn.map(provenanceText).join(ENTRY_SEP),
    }),
    urlColumn('被处罚机构的页面地址；行政相对人未对应到机构时为空。', (r) =>
      r.institutionId === null ? null : institutionPath(r.institutionId),
    ),
  ],
};

const inspections: Dataset<Inspection> = {
  id: 'inspections',
  title: '监督检查',
  description: '“双随机、一公开”等监督检查结果，按检查日期从新到旧。',
  records: (data) => [...data.inspections].sort((a, b) => cmp(b.date, a.date) || cmp(a.id, b.id)),
  columns: [
    derived({
      key: 'id',
      label: '检查编号',
      description: '本站检查记录编号。',
      type: 'code',
      json: (r) => r.id,
    }),
    ...institutionLinkColumns<Inspection>(),
    fromField('name', {
      key: 'subjectName',
      label: '检查对象名称',
      type: 'text',
      json: (r) => r.subjectName,
    }),
    fromField('uscc', { key: 'uscc', type: 'code', json: (r) => r.uscc }),
    ...regionColumns<Inspection>(),
    sectorColumn(),
    fromField('task', { key: 'task', type: 'text', json: (r) => r.task }),
    fromField('item', { key: 'item', type: 'text', json: (r) => r.item }),
    fromField('inspected', { key: 'date', type: 'date', json: (r) => r.date }),
    fromField('result', {
      key: 'result',
      type: 'enum',
      values: Object.fromEntries(INSPECTION_RESULTS.map((v) => [v, v])),
      json: (r) => r.result,
    }),
    derived({
      key: 'resultText',
      label: '检查结果原文',
      description: '来源中检查结果的原文。',
      type: 'text',
      json: (r) => r.resultText,
    }),
    fromField('authority', { key: 'authority', label: '检查机关', type: 'text', json: (r) => r.authority }),
    ...provenanceColumns<Inspection>(),
    urlColumn('被检查机构的页面地址；未对应到机构时为空。', (r) =>
      r.institutionId === null ? null : institutionPath(r.institutionId),
    ),
  ],
};

const ACTION_LABELS = { 列入: '列入', 移出: '移出', 注销: '注销', 撤销: '撤销' } as const;

const listHistory: Dataset<EventRecord> = {
  id: 'list-history',
  title: '名单变动',
  description: '机构列入、移出名单和注销、撤销备案的记录（含黑名单），按日期从新到旧。',
  records: (data) => listEvents(data),
  columns: [
    derived({
      key: 'id',
      label: '变动编号',
      description: '本站名单变动记录编号。',
      type: 'code',
      json: (r) => r.id,
    }),
    ...institutionLinkColumns<EventRecord>(),
    fromField('name', {
      key: 'institutionName',
      type: 'text',
      json: (r) => r.institutionName,
      note: '此处为机构当前的显示名称。',
    }),
    fromField('uscc', { key: 'uscc', type: 'code', json: (r) => r.uscc }),
    ...regionColumns<EventRecord>(),
    sectorColumn(),
    derived({
      key: 'list',
      label: '名单',
      description: '备案、登记、普惠、示范、白名单或黑名单。',
      type: 'enum',
      values: Object.fromEntries(LISTS.map((l) => [l, l])),
      json: (r) => r.list,
    }),
    derived({
      key: 'action',
      label: '变动',
      description: '列入（含各批次名单）、移出（黑名单）、注销或撤销。',
      type: 'enum',
      values: ACTION_LABELS,
      json: (r) => r.action,
    }),
    derived({
      key: 'date',
      label: '变动日期',
      description: '来源写明的日期（备案日期、注销日期、列入或移出日期）；未写明时为空，以来源发布日期为准。',
      type: 'date',
      json: (r) => r.date,
    }),
    derived({
      key: 'published',
      label: '来源发布日期',
      description: '发布该名单或公告的日期。',
      type: 'date',
      json: (r) => r.published,
    }),
    derived({
      key: 'batch',
      label: '批次',
      description: '名单批次（第一批为 1）。',
      type: 'integer',
      json: (r) => r.batch,
    }),
    derived({
      key: 'reason',
      label: '原因',
      description: '列入、移出、注销或撤销的原因，按发布原文。',
      type: 'text',
      json: (r) => r.reason,
    }),
    derived({
      key: 'stage',
      label: '阶段',
      description: '拟认定（公示征求意见的名单）或正式名单。',
      type: 'enum',
      values: { proposed: '拟认定', final: '正式' },
      json: (r) => r.stage,
    }),
    derived({
      key: 'publishedName',
      label: '本次公布的名称',
      description:
        '该名单公布的机构名称（按原文）；与上一次公布不同时，机构的变更记录中记为名称变更。黑名单变动为空。',
      type: 'text',
      json: (r) => r.details?.name ?? null,
    }),
    derived({
      key: 'publishedAddress',
      label: '本次公布的地址',
      description: '该名单公布的地址；未公布时为空。',
      type: 'text',
      json: (r) => r.details?.address ?? null,
    }),
    derived({
      key: 'publishedCapacity',
      label: '本次公布的托位数',
      description: '该名单公布的托位数或床位数；未公布时为空。',
      type: 'integer',
      json: (r) => r.details?.capacity ?? null,
    }),
    ...provenanceColumns<EventRecord>(),
    urlColumn('机构页面的地址。', (r) => institutionPath(r.institutionId)),
  ],
};

function countsText(counts: Readonly<Record<string, number>>, label: (key: string) => string): string {
  return Object.keys(counts)
    .sort(cmp)
    .map((k) => `${label(k)} ${counts[k]}`)
    .join(ENTRY_SEP);
}

function sortedCounts(counts: Readonly<Record<string, number>>): { [k: string]: number } {
  const out: { [k: string]: number } = {};
  for (const k of Object.keys(counts).sort(cmp)) out[k] = counts[k] ?? 0;
  return out;
}

const sources: Dataset<SourceInfo> = {
  id: 'sources',
  title: '来源',
  description:
    '收录的每一份公开发布（名单、处罚公示、检查结果、名单变动公告）及其处理结果统计，按发布日期从新到旧。',
  records: (data) => [...data.sources].sort((a, b) => cmp(b.published, a.published) || cmp(a.id, b.id)),
  columns: [
    derived({
      key: 'id',
      label: '来源编号',
      description: '本站来源编号，来源页面地址由它构成。',
      type: 'code',
      json: (r) => r.id,
    }),
    derived({
      key: 'kind',
      label: '来源类型',
      description: '机构名单、行政处罚、监督检查或名单变动。',
      type: 'enum',
      values: KIND_LABEL,
      json: (r) => r.kind,
    }),
    sectorColumn(),
    derived({
      key: 'list',
      label: '名单',
      description: '机构名单和名单变动所属的名单。',
      type: 'enum',
      values: Object.fromEntries(LISTS.map((l) => [l, l])),
      json: (r) => r.list,
    }),
    derived({
      key: 'action',
      label: '变动',
      description: '名单变动公告的变动类型（列入、移出、注销、撤销）。',
      type: 'text',
      json: (r) => r.action,
    }),
    derived({
      key: 'batch',
      label: '批次',
      description: '名单批次（第一批为 1）。',
      type: 'integer',
      json: (r) => r.batch,
    }),
    derived({
      key: 'publisher',
      label: '发布机关',
      description: '发布该公告的机关。',
      type: 'text',
      json: (r) => r.publisher,
    }),
    derived({
      key: 'title',
      label: '公告标题',
      description: '公告（通知）的标题。',
      type: 'text',
      json: (r) => r.title,
    }),
    derived({
      key: 'documentNumber',
      label: '公告文号',
      description: '公告（通知）的文号。',
      type: 'code',
      json: (r) => r.documentNumber,
    }),
    derived({
      key: 'published',
      label: '发布日期',
      description: '公告的发布日期。',
      type: 'date',
      json: (r) => r.published,
    }),
    derived({
      key: 'originalUrl',
      label: '原文地址',
      description: '公告原文的网址。',
      type: 'text',
      json: (r) => r.url,
    }),
    derived({
      key: 'retrieved',
      label: '获取日期',
      description: '本站获取该公告的日期。',
      type: 'date',
      json: (r) => r.retrieved,
    }),
    ...regionColumns<SourceInfo>(),
    derived({
      key: 'crs',
      label: '坐标系',
      description: '来源发布坐标所用的坐标系。',
      type: 'enum',
      values: CRS_LABELS,
      json: (r) => r.crs,
    }),
    derived({
      key: 'files',
      label: '文件',
      description: '公告的附件文件名。',
      type: 'list',
      json: (r) => r.files,
    }),
    derived({
      key: 'rows',
      label: '数据行数',
      description: '来源文件中的数据行数。',
      type: 'integer',
      json: (r) => r.counts.rows,
    }),
    derived({
      key: 'publishedRows',
      label: '发布行数',
      description: '成为一条新记录的行数。',
      type: 'integer',
      json: (r) => r.counts.published,
    }),
    derived({
      key: 'mergedRows',
      label: '合并行数',
      description: '并入已有记录的行数（同一机构、同一决定书文号或完全重复的行）。',
      type: 'integer',
      json: (r) => r.counts.merged,
    }),
    derived({
      key: 'hiddenRows',
      label: '不公示行数',
      description: '因已过公示期、仅警告或已撤销而不公示的处罚行数。',
      type: 'integer',
      json: (r) => r.counts.hidden,
    }),
    derived({
      key: 'rejectedRows',
      label: '退回行数',
      description: '因错误未收录的行数（原因见校验报告）。',
      type: 'integer',
      json: (r) => r.counts.rejected,
    }),
    derived({
      key: 'hiddenByReason',
      label: '不公示原因',
      description: '不公示的行数按原因统计。JSON 中为 {原因代码: 行数}。',
      type: 'object',
      json: (r) => sortedCounts(r.hiddenByReason),
      csv: (r) => countsText(r.hiddenByReason, hiddenReasonLabel),
    }),
    derived({
      key: 'problemsByCode',
      label: '问题统计',
      description: '校验发现的问题按代码统计（不含行内容）。JSON 中为 {问题代码: 个数}。',
      type: 'object',
      json: (r) => sortedCounts(r.problemsByCode),
      csv: (r) => countsText(r.problemsByCode, String),
    }),
    urlColumn('来源页面的地址。', (r) => sourcePath(r.id)),
  ],
};

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
  /** Site path of the CSV, without the base: regions/420112/penalties.csv. */
  csvPath: string;
  /** Prefixed to the title: 武汉市东西湖区. */
  name: string;
}

interface Renderable {
  info: DatasetInfo;
  render: (data: SiteData, ctx: ExportContext, scope?: DownloadScope) => RenderedDownload;
}

function renderable<T>(d: Dataset<T>): Renderable {
  return {
    info: { id: d.id, title: d.title, description: d.description, columns: d.columns.map(columnInfo) },
    render: (data, ctx, scope) => renderDataset(d, data, ctx, scope),
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

const contexts = new WeakMap<SiteData, Map<string, ExportContext>>();

/** Lookups every column may need, built once per data object and options. */
export function exportContext(data: SiteData, options: ExportOptions): ExportContext {
  const siteRoot = options.siteRoot.endsWith('/') ? options.siteRoot : `${options.siteRoot}/`;
  const key = `${siteRoot}\n${options.licence}`;
  let byKey = contexts.get(data);
  if (!byKey) {
    byKey = new Map();
    contexts.set(data, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;
  const ctx: ExportContext = {
    ...options,
    siteRoot,
    asOf: data.asOf,
    regions: new Map(data.regions.map((r) => [r.code, r])),
    institutions: new Map(data.institutions.map((i) => [i.id, i])),
  };
  byKey.set(key, ctx);
  return ctx;
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
    csv: `${ctx.siteRoot}${scope ? scope.csvPath : `downloads/${d.id}.csv`}`,
    dictionary: `${ctx.siteRoot}downloads/dictionary/#${d.id}`,
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

/** Both files of one download, rendered in one pass over the records. */
export function renderDownload(data: SiteData, id: DatasetId, options: ExportOptions): RenderedDownload {
  const d = DATASETS.find((x) => x.info.id === id);
  if (!d) throw new Error(`unknown download ${id}`);
  return d.render(data, exportContext(data, options));
}

/** The institutions or penalties of one region: the same columns, read against the whole register. */
export function renderRegionDownload(
  data: SiteData,
  id: 'institutions' | 'penalties',
  options: ExportOptions,
  region: { code: string; name: string; institutions: readonly Institution[]; penalties: readonly Penalty[] },
): RenderedDownload {
  const d = DATASETS.find((x) => x.info.id === id);
  if (!d) throw new Error(`unknown download ${id}`);
  // The context (lookups over the whole register) is shared by every region; only the records are the region's.
  const ctx = exportContext(data, options);
  const subset: SiteData =
    id === 'institutions'
      ? { ...data, institutions: [...region.institutions] }
      : { ...data, penalties: [...region.penalties] };
  return d.render(subset, ctx, { csvPath: `regions/${region.code}/${id}.csv`, name: region.name });
}

/**
 * Shares one rendering between the two endpoints of a download and the /downloads/ page (sizes and row counts).
 * Each file's text is kept only until its endpoint takes it, so a build of 100,000 records does not hold every
 * download in memory to the end.
 */
export class DownloadCache {
  readonly #stats = new Map<DatasetId, DownloadStats>();
  readonly #pending = new Map<DatasetId, { csv?: string; json?: string }>();

  readonly #data: SiteData;
  readonly #options: ExportOptions;

  constructor(data: SiteData, options: ExportOptions) {
    this.#data = data;
    this.#options = options;
  }

  #render(id: DatasetId): { csv?: string; json?: string } {
    const r = renderDownload(this.#data, id, this.#options);
    this.#stats.set(id, { rows: r.rows, csvBytes: r.csvBytes, jsonBytes: r.jsonBytes });
    const files = { csv: r.csv, json: r.json };
    this.#pending.set(id, files);
    return files;
  }

  stats(id: DatasetId): DownloadStats {
    const hit = this.#stats.get(id);
    if (hit) return hit;
    this.#render(id);
    return this.#stats.get(id) as DownloadStats;
  }

  /** The file's text, released once taken; asked for again (a dev server), it is rendered again and not kept. */
  take(id: DatasetId, format: 'csv' | 'json'): string {
    let files = this.#pending.get(id);
    if (!files) {
      if (this.#stats.has(id)) return renderDownload(this.#data, id, this.#options)[format];
      files = this.#render(id);
    }
    const text = files[format] ?? renderDownload(this.#data, id, this.#options)[format];
    delete files[format];
    if (files.csv === undefined && files.json === undefined) this.#pending.delete(id);
    return text;
  }
}
