/**
 * Turns one data row into a typed record of its source's kind, or into problems. Pure: the row, its columns and
 * the manifest in; a record and findings out. Nothing is escaped here (that is the renderer's job); private
 * columns are read only to be dropped.
 */
import type { FieldKey } from '../domain/fields.ts';
import type { ListName, Manifest, Provenance, Stage } from '../domain/schemas.ts';
import { checkUscc } from './check-uscc.ts';
import { toWgs84 } from './convert-coordinates.ts';
import type { Column, FileProblem } from './map-headers.ts';
import { cleanText, halfWidth, matchKey } from './normalise-text.ts';
import { isSuspectAmount, parseAmount } from './parse-amount.ts';
import { isAfter, parseDate } from './parse-date.ts';
import { isNaturalPerson, maskNameIn, maskPersonName, redactPii } from './protect-privacy.ts';
import { regionFromUscc, resolveCounty } from './resolve-region.ts';
import {
  normaliseInspectionResult,
  normaliseListStatus,
  normalisePenaltyState,
  PENALTY_CATEGORIES,
  splitList,
  unknownCategories,
} from './split-list.ts';
import type { Cell, RawRow } from './table.ts';
import { isBlankCell } from './table.ts';

export interface InstitutionRow {
  kind: 'institutions';
  prov: Provenance;
  name: string;
  nameKey: string;
  /** A second name the institution operates under (机构收托名称), when it differs from the registered one. */
  otherName: string | null;
  otherNameKey: string | null;
  uscc: string | null;
  region: string;
  address: string | null;
  /** The list this row puts the institution on: the table's own list, else the manifest's. */
  list: ListName | null;
  stage: Stage;
  nature: string | null;
  capacity: number | null;
  serviceTypes: string[];
  operator: string | null;
  fees: string | null;
  filed: string | null;
  /** 列入 for an entry on the list; 注销/撤销 when the row records a removal. */
  action: '列入' | '注销' | '撤销';
  actionDate: string | null;
  reason: string | null;
  coords: { lat: number; lon: number } | null;
  remarks: string | null;
}

export interface PenaltyRow {
  kind: 'penalties';
  prov: Provenance;
  documentNumber: string;
  docKey: string;
  subjectName: string;
  /** Matching key of the published name; null for a natural person (never matched, never an entity). */
  nameKey: string | null;
  subjectCategory: string | null;
  naturalPerson: boolean;
  uscc: string | null;
  region: string;
  violationType: string | null;
  facts: string | null;
  basis: string | null;
  categories: string[];
  content: string | null;
  fineYuan: number;
  fineText: string | null;
  confiscatedYuan: number;
  confiscatedText: string | null;
  decided: string;
  publicUntil: string | null;
  withdrawn: boolean;
  authority: string | null;
  remarks: string | null;
}

export interface InspectionRow {
  kind: 'inspections';
  prov: Provenance;
  subjectName: string;
  nameKey: string;
  uscc: string | null;
  region: string;
  task: string | null;
  item: string | null;
  date: string;
  result: '合格' | '不合格' | '责令整改';
  resultText: string;
  authority: string | null;
}

export interface ListActionRow {
  kind: 'list-actions';
  prov: Provenance;
  name: string;
  nameKey: string;
  uscc: string | null;
  region: string;
  events: Array<{ action: '列入' | '移出'; date: string | null; reason: string | null }>;
}

export type NormalisedRow = InstitutionRow | PenaltyRow | InspectionRow | ListActionRow;

export interface RowResult {
  record: NormalisedRow | null;
  problems: FileProblem[];
}

/** The values of one row by field, with the header each came from. */
class RowReader {
  readonly problems: FileProblem[] = [];
  private readonly byField = new Map<string, Column[]>();
  private readonly row: RawRow;

  constructor(row: RawRow, columns: Column[]) {
    this.row = row;
    for (const c of columns) {
      if (!c.field) continue;
      const list = this.byField.get(c.field.key) ?? [];
      list.push(c);
      this.byField.set(c.field.key, list);
    }
  }

  has(key: FieldKey): boolean {
    return this.byField.has(key);
  }

  /** The first non-blank value among the columns of this field, and that column's header. */
  raw(key: FieldKey): { value: Cell; column: string | null } {
    const cols = this.byField.get(key);
    if (!cols) return { value: null, column: null };
    for (const c of cols) {
      const v = this.row.cells[c.index] ?? null;
      if (!isBlankCell(v)) return { value: v, column: c.header };
    }
    return { value: null, column: cols[0]?.header ?? null };
  }

  column(key: FieldKey): string | null {
    return this.byField.get(key)?.[0]?.header ?? null;
  }

  text(key: FieldKey): string | null {
    return cleanText(this.raw(key).value);
  }

  add(
    key: FieldKey | null,
    column: string | null,
    code: string,
    severity: 'error' | 'warning',
    message: string,
  ) {
    this.problems.push({ row: this.row.n, column, field: key, code, severity, message });
  }

  get failed(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }

  required(key: FieldKey, what: string): string | null {
    const v = this.text(key);
    if (v === null) this.add(key, this.column(key), 'missing-required', 'error', `${what}为空（必填）`);
    return v;
  }

  date(key: FieldKey, asOf: string, opts: { notAfterAsOf?: boolean } = {}): string | null {
    const { value, column } = this.raw(key);
    const r = parseDate(value);
    if (!r.ok) {
      this.add(key, column, 'invalid-date', 'error', r.message);
      return null;
    }
    if (r.date && opts.notAfterAsOf && isAfter(r.date, asOf)) {
      this.add(key, column, 'future-date', 'error', `日期 ${r.date} 晚于数据截止日 ${asOf}，不可能发生`);
      return null;
    }
    return r.date;
  }

  /** Free text that may carry ID or mobile numbers of private persons: redacted, with a warning. */
  freeText(key: FieldKey, mask?: { full: string; masked: string }): string | null {
    let v = this.text(key);
    if (v === null) return null;
    if (mask) v = maskNameIn(v, mask.full, mask.masked);
    const r = redactPii(v);
    if (r.found.length > 0) {
      const what = [...new Set(r.found)].map((f) => (f === 'mobile' ? '手机号码' : '身份证号码')).join('、');
      this.add(key, this.column(key), 'pii-redacted', 'warning', `发现${what}，已隐去后发布`);
    }
    return r.text;
  }

  uscc(): string | null {
    const { value, column } = this.raw('uscc');
    const r = checkUscc(value);
    if (r.problem) this.add('uscc', column, r.problem.code, r.problem.severity, r.problem.message);
    if (r.normalised)
      this.add('uscc', column, r.normalised.code, r.normalised.severity, r.normalised.message);
    return r.problem?.severity === 'error' ? null : r.value;
  }

  amount(wanKey: FieldKey, yuanKey: FieldKey, what: string): { yuan: number; text: string | null } {
    const wan = this.raw(wanKey);
    const yuan = this.raw(yuanKey);
    const [src, unit] = !isBlankCell(wan.value) ? [wan, 'wan' as const] : [yuan, 'yuan' as const];
    const r = parseAmount(src.value, unit);
    const key = unit === 'wan' ? wanKey : yuanKey;
    if (!r.ok) {
      this.add(key, src.column, 'invalid-amount', 'error', `${what}：${r.message}`);
      return { yuan: 0, text: null };
    }
    if (isSuspectAmount(r.yuan)) {
      this.add(
        key,
        src.column,
        'amount-suspect',
        'warning',
        `${what}“${r.text}”折合 ${r.yuan.toLocaleString('en-US')} 元，远超法定上限，可能把“元”填进了“万元”列`,
      );
    }
    return { yuan: r.yuan, text: r.text };
  }

  region(manifest: Manifest, uscc: string | null): string {
    // A platform's 区划代码 names the county exactly; it is used when no 区县 name is published.
    const county = this.text('county') ?? this.text('countyCode');
    const r = resolveCounty(county, manifest.region);
    if (r.problem)
      this.add('county', this.column('county'), r.problem.code, r.problem.severity, r.problem.message);
    if (county && !r.problem) return r.code;
    // Without a usable 区县, the code's region digits place the institution more precisely inside the publisher's area.
    const fromCode = uscc ? regionFromUscc(uscc) : null;
    return fromCode && fromCode !== manifest.region && isInside(fromCode, manifest.region)
      ? fromCode
      : r.code;
  }
}

/** Whether a GB/T 2260 code lies inside another (a county in its city or province). */
export function isInside(code: string, ancestor: string): boolean {
  if (ancestor.endsWith('0000')) return code.slice(0, 2) === ancestor.slice(0, 2);
  if (ancestor.endsWith('00')) return code.slice(0, 4) === ancestor.slice(0, 4);
  return code === ancestor;
}

export interface RowContext {
  manifest: Manifest;
  source: string;
  file: string;
  columns: Column[];
  asOf: string;
  /** The list and stage of the table the row is in, when the manifest gives the table its own. */
  table?: { list?: ListName | undefined; stage?: Stage | undefined };
}

export function normaliseRow(row: RawRow, ctx: RowContext): RowResult {
  const r = new RowReader(row, ctx.columns);
  const prov = { source: ctx.source, file: ctx.file, row: row.n };
  let record: NormalisedRow | null = null;
  switch (ctx.manifest.kind) {
    case 'institutions':
      record = institution(r, ctx, prov);
      break;
    case 'penalties':
      record = penalty(r, ctx, prov);
      break;
    case 'inspections':
      record = inspection(r, ctx, prov);
      break;
    case 'list-actions':
      record = listAction(r, ctx, prov);
      break;
  }
  return { record: r.failed ? null : record, problems: r.problems };
}

function integer(r: RowReader, key: FieldKey): number | null {
  const { value, column } = r.raw(key);
  if (isBlankCell(value)) return null;
  const s = halfWidth(String(value)).replace(/[\s,，]/g, '');
  const m = /^(\d+)(?:\.0+)?(?:个|张|位|人)?$/.exec(s);
  if (!m) {
    r.add(key, column, 'invalid-number', 'warning', `“${String(value)}”不是整数，未发布该值`);
    return null;
  }
  return Number(m[1]);
}

function institution(r: RowReader, ctx: RowContext, prov: Provenance): InstitutionRow | null {
  const name = r.required('name', '机构名称');
  const uscc = r.uscc();
  const filed = r.date('filed', ctx.asOf, { notAfterAsOf: true });
  const status = normaliseListStatus(r.text('listStatus'));
  const actionDate = r.date('statusDate', ctx.asOf, { notAfterAsOf: true });
  const region = r.region(ctx.manifest, uscc);
  const lon = r.raw('longitude');
  const lat = r.raw('latitude');
  const c = toWgs84(lon.value, lat.value, ctx.manifest.crs);
  if (c.problem) r.add('longitude', lon.column, c.problem.code, c.problem.severity, c.problem.message);
  const manifestAction =
    ctx.manifest.action === '注销' || ctx.manifest.action === '撤销' ? ctx.manifest.action : null;
  const action = status === '注销' || status === '撤销' ? status : (manifestAction ?? '列入');
  if (!name) return null;
  const nameKey = matchKey(name);
  const otherName = r.text('otherName');
  const otherNameKey = otherName ? matchKey(otherName) : null;
  const second = otherNameKey && otherNameKey !== nameKey;
  return {
    kind: 'institutions',
    prov,
    name,
    nameKey,
    otherName: second ? otherName : null,
    otherNameKey: second ? otherNameKey : null,
    uscc,
    region,
    address: withStreet(r.text('street'), r.freeText('address')),
    list: ctx.table?.list ?? ctx.manifest.list ?? null,
    stage: ctx.table?.stage ?? ctx.manifest.stage ?? 'final',
    nature: r.text('nature'),
    capacity: integer(r, 'capacity'),
    serviceTypes: splitList(r.text('serviceTypes')),
    operator: r.text('operator'),
    fees: r.freeText('fees'),
    filed,
    action,
    actionDate: action === '列入' ? null : actionDate,
    reason: r.freeText('statusReason'),
    coords: c.coords,
    remarks: r.freeText('remarks'),
  };
}

/** 所属街道 is part of the address: put in front of it unless the address already names it. */
function withStreet(street: string | null, address: string | null): string | null {
  if (!street) return address;
  if (!address) return street;
  return address.includes(street) ? address : `${street}${address}`;
}

function penalty(r: RowReader, ctx: RowContext, prov: Provenance): PenaltyRow | null {
  const published = r.required('name', '行政相对人名称');
  const documentNumber = r.required('documentNumber', '行政处罚决定书文号');
  const decidedRaw = r.raw('decided');
  const decided = r.date('decided', ctx.asOf, { notAfterAsOf: true });
  if (decided === null && !r.failed) {
    r.add(
      'decided',
      decidedRaw.column ?? r.column('decided'),
      'missing-required',
      'error',
      '处罚决定日期为空（必填）',
    );
  }
  const publicUntil = r.date('publicUntil', ctx.asOf);
  const category = r.text('subjectCategory');
  const naturalPerson = isNaturalPerson(category);
  const subjectName = published ? (naturalPerson ? maskPersonName(published) : published) : '';
  const mask = naturalPerson && published ? { full: published, masked: subjectName } : undefined;
  // A natural person's code column may hold an ID number; it is checked and then never carried on.
  const uscc = r.uscc();
  const fine = r.amount('fine', 'fineYuan', '罚款金额');
  let confiscated = r.amount('confiscated', 'confiscatedYuan', '没收金额');
  const content = r.freeText('content', mask);
  // Simple tables state a confiscation only in 处罚结果 ("没收违法所得人民币860元"): read it from there.
  if (confiscated.text === null && content)
    confiscated =
      amountInText(content, /没收(?:违法所得|非法财物)[^，。；,;]*?([\d.,]+)\s*(万)?元/) ?? confiscated;
  const categories = splitList(r.text('categories'));
  const unknown = unknownCategories(categories);
  if (unknown.length > 0) {
    r.add(
      'categories',
      r.column('categories'),
      'unknown-category',
      'warning',
      `处罚类别“${unknown.join('、')}”不是《行政处罚法》第九条规定的处罚种类（${PENALTY_CATEGORIES.join('、')}），按原文发布`,
    );
  }
  const state = normalisePenaltyState(r.text('penaltyState'));
  const region = r.region(ctx.manifest, naturalPerson ? null : uscc);
  if (!published || !documentNumber || !decided) return null;
  return {
    kind: 'penalties',
    prov,
    documentNumber,
    docKey: documentKey(documentNumber),
    subjectName,
    nameKey: naturalPerson ? null : matchKey(published),
    subjectCategory: category,
    naturalPerson,
    uscc: naturalPerson ? null : uscc,
    region,
    violationType: r.freeText('violationType', mask),
    facts: r.freeText('facts', mask),
    basis: r.text('basis'),
    categories,
    content,
    fineYuan: fine.yuan,
    fineText: fine.text,
    confiscatedYuan: confiscated.yuan,
    confiscatedText: confiscated.text,
    decided,
    publicUntil,
    withdrawn: state === 'withdrawn',
    authority: r.text('authority'),
    remarks: r.freeText('remarks', mask),
  };
}

function amountInText(text: string, pattern: RegExp): { yuan: number; text: string | null } | null {
  const m = pattern.exec(halfWidth(text));
  if (!m?.[1]) return null;
  const r = parseAmount(`${m[1]}${m[2] ? '万' : ''}元`, 'yuan');
  return r.ok ? { yuan: r.yuan, text: m[0] } : null;
}

/** 文号 as compared across sources: half-width, no spaces, every bracket style alike. */
export function documentKey(doc: string): string {
  return matchKey(doc).replace(/[〔〕［］[\]【】()（）﹝﹞{}]/g, '');
}

function inspection(r: RowReader, ctx: RowContext, prov: Provenance): InspectionRow | null {
  const name = r.required('name', '检查对象名称');
  const uscc = r.uscc();
  const date = r.date('inspected', ctx.asOf, { notAfterAsOf: true });
  if (date === null && !r.failed)
    r.add('inspected', r.column('inspected'), 'missing-required', 'error', '检查日期为空（必填）');
  const resultText = r.required('result', '检查结果');
  const result = resultText ? normaliseInspectionResult(resultText) : null;
  if (resultText && !result) {
    r.add(
      'result',
      r.column('result'),
      'invalid-value',
      'error',
      `检查结果“${resultText}”无法识别（应为合格、不合格或责令整改）`,
    );
  }
  const region = r.region(ctx.manifest, uscc);
  if (!name || !date || !result || !resultText) return null;
  return {
    kind: 'inspections',
    prov,
    subjectName: name,
    nameKey: matchKey(name),
    uscc,
    region,
    task: r.text('task'),
    item: r.text('item'),
    date,
    result: result.result,
    resultText,
    authority: r.text('authority'),
  };
}

function listAction(r: RowReader, ctx: RowContext, prov: Provenance): ListActionRow | null {
  const name = r.required('name', '机构名称');
  const uscc = r.uscc();
  const listedOn = r.date('listedOn', ctx.asOf, { notAfterAsOf: true });
  const removedOn = r.date('removedOn', ctx.asOf, { notAfterAsOf: true });
  const region = r.region(ctx.manifest, uscc);
  const events: ListActionRow['events'] = [];
  const manifestAction = ctx.manifest.action === '移出' ? '移出' : '列入';
  if (listedOn || !removedOn) {
    events.push({ action: manifestAction, date: listedOn, reason: r.freeText('listedReason') });
  }
  if (removedOn) events.push({ action: '移出', date: removedOn, reason: r.freeText('removedReason') });
  if (!name) return null;
  return { kind: 'list-actions', prov, name, nameKey: matchKey(name), uscc, region, events };
}
