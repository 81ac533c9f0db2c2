/**
 * Turns one data row into a typed record of its source's kind, or into problems. Pure: the row, its columns and
 * the manifest in; a record and findings out. Nothing is escaped here (that is the renderer's job); private
 * columns are read only to be dropped.
 */

import {
  type AmountMeasure,
  amountColumns,
  type CarriedText,
  carriedFields,
  FIELD_BY_KEY,
  type FieldKey,
} from '../domain/fields.ts';
import type { ProblemCode } from '../domain/rules/problems.ts';
import { isWithinRegion } from '../domain/rules/regions.ts';
import type { ListAction } from '../domain/rules/vocabularies.ts';
import type { ListName, Manifest, Provenance, SourceKind, Stage } from '../domain/schemas.ts';
import { withoutBlanks } from '../domain/whitespace.ts';
import { checkUscc } from './check-uscc.ts';
import { toWgs84 } from './convert-coordinates.ts';
import type { Column, FileProblem } from './map-headers.ts';
import { cleanText, halfWidth, matchKey } from './normalise-text.ts';
import { isSuspectAmount, parseAmount, withHeaderUnit } from './parse-amount.ts';
import { isAfter, parseDate } from './parse-date.ts';
import {
  categoryKind,
  findNamesAfterCues,
  isNaturalPersonParty,
  isPersonOperator,
  looksLikePersonName,
  maskPersonName,
  NameMasker,
  protectText,
  redactPii,
  stripPersonMarker,
} from './protect-privacy.ts';
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

/** A row's carried text fields (fields.ts, `carriedIn`) sit beside the fields with rules of their own. */
export interface InstitutionRow extends CarriedText<'institutions'> {
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
  capacity: number | null;
  serviceTypes: string[];
  operator: string | null;
  filed: string | null;
  /** 列入 for an entry on the list; 注销/撤销 when the row records a removal. */
  action: Extract<ListAction, '列入' | '注销' | '撤销'>;
  actionDate: string | null;
  reason: string | null;
  coords: { lat: number; lon: number } | null;
}

export interface PenaltyRow extends CarriedText<'penalties'> {
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
  categories: string[];
  content: string | null;
  fineYuan: number;
  fineText: string | null;
  confiscatedYuan: number;
  confiscatedText: string | null;
  decided: string;
  publicUntil: string | null;
  withdrawn: boolean;
}

export interface InspectionRow extends CarriedText<'inspections'> {
  kind: 'inspections';
  prov: Provenance;
  subjectName: string;
  nameKey: string;
  uscc: string | null;
  region: string;
  date: string;
  result: '合格' | '不合格' | '责令整改';
  resultText: string;
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
  /** Set when the row is valid but not published: an institution or list entry that names a natural person. */
  hidden?: 'natural-person';
  /**
   * Names of natural persons the row holds (the party, a person 举办方, names after a cue word), as published: the
   * pipeline masks them in every other row's free text too. Never published themselves.
   */
  persons: string[];
}

/** Words a 举办方 or party column holds instead of a name: no one's name, never to be masked across the data. */
const NOT_A_NAME = new Set([
  '个人',
  '自然人',
  '公民',
  '个体',
  '个体户',
  '本人',
  '私人',
  '匿名',
  '未知',
  '不详',
  '其他',
  '无',
]);

/** The values of one row by field, with the header each came from. */
class RowReader {
  readonly problems: FileProblem[] = [];
  private readonly byField = new Map<string, Column[]>();
  private readonly row: RawRow;
  readonly persons = new Set<string>();
  private masker: NameMasker | null = null;
  private scanned = false;

  constructor(row: RawRow, columns: Column[]) {
    this.row = row;
    for (const c of columns) {
      if (!c.field) continue;
      const list = this.byField.get(c.field.key) ?? [];
      list.push(c);
      this.byField.set(c.field.key, list);
    }
  }

  /** A natural person's name this row holds: masked in its free text and, by the pipeline, everywhere else. */
  addPerson(name: string) {
    const base = stripPersonMarker(name).base;
    if ([...base].length < 2 || NOT_A_NAME.has(base) || base.includes('某')) return;
    if (this.persons.has(name)) return;
    this.persons.add(name);
    this.masker = null;
  }

  /** The names of the persons this row names: its own, and those a cue word introduces in any of its free text. */
  private names(): NameMasker {
    if (!this.scanned) {
      this.scanned = true;
      for (const [key, cols] of this.byField) {
        if (!FIELD_BY_KEY.get(key as FieldKey)?.freeText) continue;
        for (const c of cols) {
          const v = cleanText(this.row.cells[c.index] ?? null);
          if (v) for (const n of findNamesAfterCues(v)) this.addPerson(n);
        }
      }
    }
    this.masker ??= new NameMasker(this.persons);
    return this.masker;
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

  /**
   * The value as it may be published. Free text (the field dictionary says which) has names of persons masked and
   * ID and mobile numbers redacted; a name has the numbers redacted.
   */
  text(key: FieldKey): string | null {
    const v = this.plain(key);
    if (v === null) return null;
    const f = FIELD_BY_KEY.get(key);
    if (f?.freeText) return this.protect(key, protectText(v, this.names()));
    if (f?.type === 'name') return this.protect(key, redactPii(v));
    return v;
  }

  /** The value as published, for decisions only (a category, a status): never handed on as it is. */
  plain(key: FieldKey): string | null {
    return cleanText(this.raw(key).value);
  }

  private protect(key: FieldKey, r: { text: string; found: Array<'id-number' | 'mobile'> }): string {
    if (r.found.length > 0) {
      const what = [...new Set(r.found)].map((f) => (f === 'mobile' ? '手机号码' : '身份证号码')).join('、');
      this.add(key, this.column(key), 'pii-redacted', 'warning', `发现${what}，已隐去后发布`);
    }
    return r.text;
  }

  add(
    key: FieldKey | null,
    column: string | null,
    code: ProblemCode,
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

  uscc(): string | null {
    const { value, column } = this.raw('uscc');
    const r = checkUscc(value);
    if (r.problem) this.add('uscc', column, r.problem.code, r.problem.severity, r.problem.message);
    if (r.normalised)
      this.add('uscc', column, r.normalised.code, r.normalised.severity, r.normalised.message);
    return r.problem?.severity === 'error' ? null : r.value;
  }

  /**
   * An amount in yuan from the first filled column of its measure, read in the unit the dictionary gives that column
   * (a unit written in the cell wins). A column in 元 beside one in 万元 is the same amount published twice.
   */
  amount(measures: AmountMeasure, what: string): { yuan: number; text: string | null } {
    for (const { key, unit } of amountColumns(measures)) {
      const src = this.raw(key);
      if (isBlankCell(src.value)) continue;
      const r = parseAmount(src.value, unit);
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
      return { yuan: r.yuan, text: r.text === null ? null : withHeaderUnit(r.text, unit) };
    }
    return { yuan: 0, text: null };
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
    return fromCode && fromCode !== manifest.region && isWithinRegion(fromCode, manifest.region)
      ? fromCode
      : r.code;
  }
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
  const persons = [...r.persons];
  if (record && !r.failed && (record.kind === 'institutions' || record.kind === 'list-actions')) {
    const name = record.name;
    // A list entry that names a natural person gets no institution page, map point or search record: the row is
    // hidden, its name kept out of the finding too.
    if (looksLikePersonName(r.plain('name') ?? name)) {
      r.add(
        'name',
        r.column('name'),
        'natural-person-hidden',
        'warning',
        '名称是自然人姓名，为保护个人信息，该行不予公开（姓名不在此处显示）',
      );
      return { record: null, problems: r.problems, hidden: 'natural-person', persons: [...persons, name] };
    }
  }
  return { record: r.failed ? null : record, problems: r.problems, persons };
}

function integer(r: RowReader, key: FieldKey): number | null {
  const { value, column } = r.raw(key);
  if (isBlankCell(value)) return null;
  const s = withoutBlanks(halfWidth(String(value))).replace(/[,，]/g, '');
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
    address: withStreet(r.text('street'), r.text('address')),
    list: ctx.table?.list ?? ctx.manifest.list ?? null,
    stage: ctx.table?.stage ?? ctx.manifest.stage ?? 'final',
    capacity: integer(r, 'capacity'),
    serviceTypes: splitList(r.text('serviceTypes')),
    operator: operator(r),
    filed,
    action,
    actionDate: action === '列入' ? null : actionDate,
    reason: r.text('statusReason'),
    coords: c.coords,
    // Last, after every name the row makes a person's is known (operator), so each is masked in the text.
    ...carriedText(r, 'institutions'),
  };
}

/** The fields a row of this kind carries as published text, each read through the privacy checks of `text`. */
function carriedText<K extends SourceKind>(r: RowReader, kind: K): CarriedText<K> {
  return Object.fromEntries(carriedFields(kind).map((key) => [key, r.text(key)])) as CarriedText<K>;
}

/** 举办方 as published, or 个人举办 when it is a person (whose name is then masked wherever it recurs). */
function operator(r: RowReader): string | null {
  const v = r.plain('operator');
  if (v === null) return null;
  if (!isPersonOperator(v)) return r.text('operator');
  r.addPerson(v);
  return '个人举办';
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
  const category = r.plain('subjectCategory');
  const naturalPerson = isNaturalPersonParty(r.plain('name'), category);
  const partyName = r.plain('name');
  if (naturalPerson && partyName) r.addPerson(partyName);
  const subjectName = published ? (naturalPerson ? maskPersonName(published) : published) : '';
  // Every spelling of a person category is one; a 个体工商户 that is a person keeps its category.
  const subjectCategory =
    naturalPerson && categoryKind(category) !== 'business' ? '自然人' : r.text('subjectCategory');
  // A natural person's code column may hold an ID number; it is checked and then never carried on.
  const uscc = r.uscc();
  const fine = r.amount('fine', '罚款金额');
  let confiscated = r.amount('confiscated', '没收金额');
  const content = r.text('content');
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
    subjectCategory,
    naturalPerson,
    uscc: naturalPerson ? null : uscc,
    region,
    categories,
    content,
    fineYuan: fine.yuan,
    fineText: fine.text,
    confiscatedYuan: confiscated.yuan,
    confiscatedText: confiscated.text,
    decided,
    publicUntil,
    withdrawn: state === 'withdrawn',
    ...carriedText(r, 'penalties'),
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
  // A person inspected is shown masked and never matched to an institution by name.
  const person = looksLikePersonName(r.plain('name') ?? '');
  if (person) r.addPerson(r.plain('name') ?? '');
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
    subjectName: person ? maskPersonName(name) : name,
    nameKey: person ? '' : matchKey(name),
    uscc: person ? null : uscc,
    region,
    date,
    result: result.result,
    resultText,
    ...carriedText(r, 'inspections'),
  };
}

function listAction(r: RowReader, ctx: RowContext, prov: Provenance): ListActionRow | null {
  const name = r.required('name', '机构名称');
  const uscc = r.uscc();
  const listedOn = r.date('listedOn', ctx.asOf, { notAfterAsOf: true });
  let removedOn = r.date('removedOn', ctx.asOf, { notAfterAsOf: true });
  if (listedOn && removedOn && removedOn < listedOn) {
    // A removal cannot precede the entry it ends. Read as written, the entry would come last and the institution
    // would stand on the black list although the row says it was taken off: the removal counts from the entry date.
    r.add(
      'removedOn',
      r.column('removedOn'),
      'removed-before-listed',
      'warning',
      `移出日期 ${removedOn} 早于列入日期 ${listedOn}，按同日先列入、后移出处理（不在黑名单上）；请核对日期`,
    );
    removedOn = listedOn;
  }
  const region = r.region(ctx.manifest, uscc);
  const events: ListActionRow['events'] = [];
  const manifestAction = ctx.manifest.action === '移出' ? '移出' : '列入';
  if (listedOn || !removedOn) {
    events.push({ action: manifestAction, date: listedOn, reason: r.text('listedReason') });
  }
  if (removedOn) events.push({ action: '移出', date: removedOn, reason: r.text('removedReason') });
  if (!name) return null;
  return { kind: 'list-actions', prov, name, nameKey: matchKey(name), uscc, region, events };
}
