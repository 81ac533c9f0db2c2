/**
 * Penalty decisions and the sources that publish them: 双公示 XLSX exports by city agencies (万元, 公示截止期,
 * 行政相对人类别 with some 自然人), simple CSV tables by county bureaus (元, no 公示截止期) and JSON exports of
 * county data (万元 numbers, "2023-05-10 00:00:00" dates, null codes).
 */
import type { FieldKey } from '../domain/fields.ts';
import type { HiddenReason, Sector } from '../domain/schemas.ts';
import {
  cityHealthCommission,
  healthBureau,
  marketBureau,
  noticeUrl,
  retrievedDay,
  type SourceIds,
} from './agencies.ts';
import { addMonths, addYears, isoFromDay, ymdFromDay } from './dates.ts';
import { fileSpec, type Look, pickCsvLook, pickXlsxLook, splitFiles } from './file-looks.ts';
import { wanCell } from './format-amount.ts';
import { DUAL_JSON_CODES, pickHeader, type TableStyle } from './headers.ts';
import { makeResidentId, makeUscc } from './make-codes.ts';
import { type Institution, makeInstitution, type Registry } from './make-institutions.ts';
import { makePersonName } from './names.ts';
import type { Rng } from './random.ts';
import { type City, type County, countyPrefix } from './regions.ts';
import type { Column, DateStyle, FileSpec, Row, SourceSpec } from './types.ts';
import { makeViolation, type Violation } from './violations.ts';

type Format = 'xlsx' | 'csv' | 'json';
type Status = 'visible' | HiddenReason;

type Subject =
  | { kind: 'institution'; inst: Institution; listed: boolean }
  | { kind: 'person'; name: string; id: string; county: County };

interface Penalty {
  subject: Subject;
  /** The row carries no code: linked by name + region. */
  byName: boolean;
  sector: Sector;
  county: County;
  format: Format;
  status: Status;
  violation: Violation;
  decided: number;
  publicUntil: number;
  authority: string;
  docNo: string;
}

/** Decisions in files without 公示截止期 are either this recent (visible under any rule) … */
const RECENT_DAYS = 84;
/** … or older than three years by this margin (expired under any rule). */
const OLD_MARGIN_DAYS = 30;
/** Penalty sources are exported at most this many days before the as-of date; decisions are older. */
const EXPORT_LAG = 12;

function publicUntilOf(decided: number, months: number, minusOne: boolean): number {
  return addMonths(decided, months) - (minusOne ? 1 : 0);
}

/**
 * A decision day consistent with the wanted status: visible decisions stay public at least three days past the
 * as-of date, expired ones ended at least three days before it; without 公示截止期 the decision is recent or old.
 */
function decisionDay(
  rng: Rng,
  asOf: number,
  status: Status,
  format: Format,
  months: number,
  minusOne: boolean,
): number {
  const latest = asOf - EXPORT_LAG;
  if (format === 'csv') {
    return status === 'expired'
      ? rng.int(asOf - 5 * 365, addYears(asOf, -3) - OLD_MARGIN_DAYS)
      : rng.int(asOf - RECENT_DAYS, latest);
  }
  if (status === 'expired') {
    let day = rng.int(asOf - 5 * 365, addMonths(asOf - 3, -months) - 1);
    while (publicUntilOf(day, months, minusOne) > asOf - 3) day--;
    return day;
  }
  let lo = addMonths(asOf + 4, -months);
  while (publicUntilOf(lo, months, minusOne) < asOf + 3) lo++;
  return rng.int(Math.max(lo, asOf - 3 * 365), latest);
}

function authorityOf(format: Format, sector: Sector, county: County): string {
  if (format === 'xlsx')
    return sector === 'childcare' ? cityHealthCommission(county.city) : marketBureau(county.city);
  return sector === 'childcare' ? healthBureau(county) : marketBureau(county);
}

function docPrefix(format: Format, sector: Sector, county: County): string {
  const abbr = county.city.abbr;
  if (format === 'xlsx') return sector === 'childcare' ? `${abbr}卫健罚` : `${abbr}市监罚`;
  const place = `${abbr}${county.short.slice(0, 2)}`;
  return sector === 'childcare' ? `${place}卫罚` : `${place}市监罚`;
}

function pickSubject(
  rng: Rng,
  index: number,
  total: number,
  withCode: readonly Institution[],
  all: readonly Institution[],
  counties: readonly County[],
  registry: Registry,
): { subject: Subject; byName: boolean } {
  const forcePerson = total >= 10 && index < 2;
  const r = rng.next();
  if (forcePerson || r < 0.02) {
    const county = rng.pick(counties);
    return {
      subject: {
        kind: 'person',
        name: makePersonName(rng),
        id: makeResidentId(rng, county.code, registry.ids),
        county,
      },
      byName: false,
    };
  }
  if (r < 0.15 || all.length === 0) {
    const county = rng.pick(counties);
    const sector: Sector = rng.chance(0.75) ? 'childcare' : 'postpartum';
    const inst = makeInstitution(rng, -1 - index, sector, county, registry);
    return { subject: { kind: 'institution', inst, listed: false }, byName: inst.uscc === null };
  }
  if (r < 0.23 || withCode.length === 0) {
    return { subject: { kind: 'institution', inst: rng.pick(all), listed: true }, byName: true };
  }
  return { subject: { kind: 'institution', inst: rng.pick(withCode), listed: true }, byName: false };
}

/**
 * Which format a county bureau publishes in (simple CSV table or JSON export), fixed per county and sector so that
 * each bureau has one source.
 */
function countyFormat(rng: Rng, formats: Map<string, Format>, county: County, sector: Sector): Format {
  const key = `${county.code}|${sector}`;
  let format = formats.get(key);
  if (!format) {
    format = rng.chance(0.5) ? 'csv' : 'json';
    formats.set(key, format);
  }
  return format;
}

/**
 * 自然人 appear only in 双公示 exports (the only tables with 行政相对人类别); rows without a code come from county
 * bureaus (their region is the county, so name + region links them); withdrawals need a 当前状态 column.
 */
function pickFormat(rng: Rng, subject: Subject, byName: boolean, status: Status, local: Format): Format {
  if (subject.kind === 'person') return 'xlsx';
  if (byName) return local;
  if (status === 'withdrawn' && local === 'csv') return 'xlsx';
  return rng.chance(0.5) ? 'xlsx' : local;
}

function makePenalties(
  rng: Rng,
  asOf: number,
  count: number,
  institutions: readonly Institution[],
  counties: readonly County[],
  registry: Registry,
): Penalty[] {
  const withCode = institutions.filter((i) => i.uscc !== null);
  const formats = new Map<string, Format>();
  const out: Penalty[] = [];
  for (let i = 0; i < count; i++) {
    const { subject, byName } = pickSubject(rng, i, count, withCode, institutions, counties, registry);
    const county = subject.kind === 'person' ? subject.county : subject.inst.county;
    const sector: Sector =
      subject.kind === 'person' ? (rng.chance(0.6) ? 'postpartum' : 'childcare') : subject.inst.sector;
    const local = countyFormat(rng, formats, county, sector);
    let status = rng.weighted<Status>([
      ['visible', 84],
      ['expired', 10],
      ['warning-only', 3],
      ['withdrawn', 3],
    ]);
    // A CSV table has no 当前状态 column: a bureau publishing only CSV cannot show a withdrawal.
    if (status === 'withdrawn' && byName && local === 'csv') status = 'visible';
    const format = pickFormat(rng, subject, byName, status, local);
    const kind =
      status === 'warning-only' ? 'warning-only' : subject.kind === 'person' ? 'person' : 'ordinary';
    const violation =
      subject.kind === 'person'
        ? makeViolation(rng, sector, kind, subject.name, countyPrefix(county))
        : makeViolation(rng, sector, kind);
    const minusOne = rng.chance(0.5);
    const decided = decisionDay(rng, asOf, status, format, violation.windowMonths, minusOne);
    out.push({
      subject,
      byName,
      sector,
      county,
      format,
      status,
      violation,
      decided,
      publicUntil: publicUntilOf(decided, violation.windowMonths, minusOne),
      authority: authorityOf(format, sector, county),
      docNo: '',
    });
  }
  assignDocumentNumbers(rng, out);
  return out;
}

/** Numbers per authority and year, increasing with the decision date, unique across the sample. */
function assignDocumentNumbers(rng: Rng, penalties: Penalty[]): void {
  const byAuthority = new Map<string, Penalty[]>();
  for (const p of penalties) {
    const list = byAuthority.get(p.authority);
    if (list) list.push(p);
    else byAuthority.set(p.authority, [p]);
  }
  const used = new Set<string>();
  for (const list of byAuthority.values()) {
    list.sort((a, b) => a.decided - b.decided);
    const next = new Map<number, number>();
    for (const p of list) {
      const y = ymdFromDay(p.decided).y;
      const n = (next.get(y) ?? rng.int(0, 4)) + rng.int(1, 3);
      next.set(y, n);
      p.docNo = `${docPrefix(p.format, p.sector, p.county)}〔${y}〕${n}号`;
      if (used.has(p.docNo)) throw new Error(`duplicate document number ${p.docNo}`);
      used.add(p.docNo);
    }
  }
}

const BENIGN_REMARKS = ['已履行', '罚款已缴纳', '当事人已整改到位', '已结案'];

function subjectName(p: Penalty): string {
  return p.subject.kind === 'person' ? p.subject.name : p.subject.inst.name;
}

function subjectCode(p: Penalty): string | null {
  return p.subject.kind === 'person' || p.byName ? null : p.subject.inst.uscc;
}

interface SourceGroup {
  format: Format;
  sector: Sector;
  county: County;
  city: City;
  penalties: Penalty[];
}

function groupKey(p: Penalty): string {
  return p.format === 'xlsx'
    ? `xlsx|${p.county.city.code}|${p.sector}`
    : `${p.format}|${p.county.code}|${p.sector}`;
}

function columns(rng: Rng, keys: readonly FieldKey[], sector: Sector, style: TableStyle): Column[] {
  return keys.map((key) => ({ key, header: pickHeader(rng, key, sector, style) }));
}

interface Built {
  files: FileSpec[];
  title: string;
  /** JSON keys that are export codes, mapped to the labels they mean. */
  columns?: Record<string, string> | undefined;
}

function dualSource(rng: Rng, g: SourceGroup, codes: Map<string, string>): Built {
  const keys: FieldKey[] = ['name', 'subjectCategory', 'uscc', 'legalRepresentative', 'idType', 'idNumber'];
  keys.push(
    'documentNumber',
    'violationType',
    'facts',
    'basis',
    'categories',
    'content',
    'fine',
    'confiscated',
  );
  if (rng.chance(0.7)) keys.push('licence');
  keys.push('decided');
  if (rng.chance(0.7)) keys.push('validUntil');
  keys.push('publicUntil', 'authority', 'authorityUscc');
  if (rng.chance(0.7)) keys.push('dataSource', 'dataSourceUscc');
  keys.push('remarks', 'penaltyState');
  const inForce = rng.pick(['正常', '有效']);
  const rows: Row[] = g.penalties.map((p) => {
    const authorityCode = codeOf(rng, codes, p.authority, g.city.code);
    const person = p.subject.kind === 'person' ? p.subject : null;
    return {
      cells: {
        name: subjectName(p),
        subjectCategory: person
          ? '自然人'
          : p.subject.kind === 'institution'
            ? p.subject.inst.category
            : null,
        uscc: subjectCode(p) ?? '',
        legalRepresentative: p.subject.kind === 'institution' ? p.subject.inst.representative : null,
        idType: person ? '身份证' : null,
        idNumber: person ? person.id : null,
        documentNumber: p.docNo,
        violationType: p.violation.type,
        facts: p.violation.facts(p.decided),
        basis: p.violation.basis,
        categories: p.violation.categories,
        content: p.violation.content,
        fine: wanCell(rng, p.violation.fineYuan),
        confiscated: p.violation.confiscatedYuan
          ? p.violation.confiscatedYuan / 10_000
          : rng.pick([null, '0', 0]),
        licence: null,
        decided: ymdFromDay(p.decided),
        validUntil: ymdFromDay(p.publicUntil),
        publicUntil: ymdFromDay(p.publicUntil),
        authority: p.authority,
        authorityUscc: authorityCode,
        dataSource: p.authority,
        dataSourceUscc: authorityCode,
        remarks: rng.chance(0.1) ? rng.pick(BENIGN_REMARKS) : null,
        penaltyState: p.status === 'withdrawn' ? rng.pick(['撤销', '已撤销']) : inForce,
      },
      ...(p.status !== 'visible' ? { hidden: p.status } : {}),
      ref: p.docNo,
    };
  });
  const look: Look = pickXlsxLook(rng);
  const cols = columns(rng, keys, g.sector, 'dual');
  const title = rng.chance(0.3) ? `${g.penalties[0]?.authority ?? ''}行政处罚信息公示表` : undefined;
  const extra = {
    sheetName: rng.pick(['行政处罚', 'Sheet1', '行政处罚信息']),
    ...(title ? { title, padTitle: true } : {}),
  };
  const baseName = rng.pick(['行政处罚信息', '行政处罚决定信息', '双公示行政处罚数据']);
  return {
    files: splitFiles(rows, baseName, (name, part) => fileSpec(name, look, cols, part, extra), 'xlsx'),
    title: `${g.penalties[0]?.authority ?? ''}行政处罚信息公示${g.sector === 'postpartum' ? '（母婴护理行业）' : '（托育机构）'}`,
  };
}

function simpleSource(rng: Rng, g: SourceGroup): Built {
  const keys: FieldKey[] = [
    'seq',
    'name',
    'uscc',
    'documentNumber',
    'violationType',
    'categories',
    'content',
    'fineYuan',
  ];
  keys.push('decided', 'authority');
  if (rng.chance(0.3)) keys.push('remarks');
  const noCode = rng.pick(['', '', '无', '/']);
  const rows: Row[] = g.penalties.map((p) => {
    const content = rng.chance(0.1)
      ? `${p.violation.content}。\n责令当事人于15日内改正，\n逾期不改正的依法处理。`
      : p.violation.content;
    return {
      cells: {
        name: subjectName(p),
        uscc: subjectCode(p) ?? noCode,
        documentNumber: p.docNo,
        violationType: p.violation.facts(p.decided),
        categories: p.violation.categories,
        content,
        fineYuan: p.violation.fineYuan ? String(p.violation.fineYuan) : rng.pick(['', '0']),
        decided: ymdFromDay(p.decided),
        authority: p.authority,
        remarks: rng.chance(0.1) ? rng.pick(BENIGN_REMARKS) : null,
      },
      ...(p.status !== 'visible' ? { hidden: p.status } : {}),
      ref: p.docNo,
    };
  });
  const look = pickCsvLook(rng);
  const cols = columns(rng, keys, g.sector, 'simple');
  const baseName = rng.pick(['行政处罚案件信息', '行政处罚结果公开', '行政处罚信息']);
  return {
    files: splitFiles(rows, baseName, (name, part) => fileSpec(name, look, cols, part), 'csv'),
    title: `${g.penalties[0]?.authority ?? ''}行政处罚案件信息公开`,
  };
}

function jsonSource(rng: Rng, g: SourceGroup): Built {
  const keys: FieldKey[] = [
    'name',
    'uscc',
    'documentNumber',
    'violationType',
    'facts',
    'basis',
    'categories',
    'content',
  ];
  keys.push('fine', 'decided', 'publicUntil', 'authority', 'penaltyState');
  if (rng.chance(0.5)) keys.push('remarks');
  const coded = rng.chance(0.4);
  const cols: Column[] = keys.map((key) => ({
    key,
    header: coded ? (DUAL_JSON_CODES[key] ?? key) : pickHeader(rng, key, g.sector, 'dual'),
  }));
  const inForce = rng.pick(['正常', '有效']);
  const rows: Row[] = g.penalties.map((p) => ({
    cells: {
      name: subjectName(p),
      uscc: subjectCode(p),
      documentNumber: p.docNo,
      violationType: p.violation.type,
      facts: p.violation.facts(p.decided),
      basis: p.violation.basis,
      categories: p.violation.categories,
      content: p.violation.content,
      fine: p.violation.fineYuan ? p.violation.fineYuan / 10_000 : null,
      decided: ymdFromDay(p.decided),
      publicUntil: ymdFromDay(p.publicUntil),
      authority: p.authority,
      penaltyState: p.status === 'withdrawn' ? rng.pick(['撤销', '已撤销']) : inForce,
      remarks: null,
    },
    ...(p.status !== 'visible' ? { hidden: p.status } : {}),
    ref: p.docNo,
  }));
  const dateStyle: DateStyle = rng.chance(0.7) ? 'json' : 'epoch';
  const look: Look = { format: 'json', encoding: 'utf8', eol: '\n', dateStyle };
  const extra = { jsonIndent: rng.pick([0, 1, 2]) };
  const columnsMap = coded
    ? Object.fromEntries(cols.map((c) => [c.header, pickHeader(rng, c.key, g.sector, 'dual')]))
    : undefined;
  return {
    files: splitFiles(
      rows,
      rng.pick(['xzcf', 'data', 'export']),
      (name, part) => fileSpec(name, look, cols, part, extra),
      'json',
    ),
    title: `${g.penalties[0]?.authority ?? ''}行政处罚信息（数据开放接口导出）`,
    columns: columnsMap,
  };
}

/** The 统一社会信用代码 of an agency (机关, 11…), one per agency. */
function codeOf(rng: Rng, codes: Map<string, string>, agency: string, region: string): string {
  let code = codes.get(agency);
  if (!code) {
    code = makeUscc(rng, '11', region, new Set(codes.values()));
    codes.set(agency, code);
  }
  return code;
}

export interface PenaltySources {
  sources: SourceSpec[];
  /** Names and ID numbers of natural persons: they must never be published. */
  personNames: string[];
  personIds: string[];
}

export function makePenaltySources(
  rng: Rng,
  asOf: number,
  count: number,
  institutions: readonly Institution[],
  counties: readonly County[],
  registry: Registry,
  ids: SourceIds,
): PenaltySources {
  const penalties = makePenalties(rng, asOf, count, institutions, counties, registry);
  const groups = new Map<string, SourceGroup>();
  for (const p of penalties) {
    const key = groupKey(p);
    const g = groups.get(key) ?? {
      format: p.format,
      sector: p.sector,
      county: p.county,
      city: p.county.city,
      penalties: [],
    };
    g.penalties.push(p);
    groups.set(key, g);
  }
  const agencyCodes = new Map<string, string>();
  const sources: SourceSpec[] = [];
  for (const g of groups.values()) {
    g.penalties.sort((a, b) => a.decided - b.decided || (a.docNo < b.docNo ? -1 : a.docNo > b.docNo ? 1 : 0));
    const built =
      g.format === 'xlsx'
        ? dualSource(rng, g, agencyCodes)
        : g.format === 'csv'
          ? simpleSource(rng, g)
          : jsonSource(rng, g);
    const published = asOf - rng.int(1, EXPORT_LAG);
    const region = g.format === 'xlsx' ? g.city.code : g.county.code;
    const agency = g.sector === 'childcare' ? 'wjw' : 'scjg';
    const slug = g.format === 'xlsx' ? 'sgs' : g.format;
    const url =
      g.format === 'json'
        ? `https://data.${g.city.domain}/api/dataset/${region}_${agency}_xzcf?format=json`
        : noticeUrl(
            rng,
            `${agency === 'wjw' ? 'wjw' : 'scjg'}.${g.city.domain}`,
            `xxgk/xzcf/${region}`,
            published,
          );
    sources.push({
      id: ids.take(`${region}-${agency}-xzcf-${slug}`),
      manifest: {
        kind: 'penalties',
        sector: g.sector,
        publisher: g.penalties[0]?.authority ?? '',
        title: built.title,
        published: isoFromDay(published),
        url,
        retrieved: retrievedDay(rng, published, asOf),
        region,
        files: built.files.map((f) => f.name),
        ...(built.columns ? { columns: built.columns } : {}),
      },
      files: built.files,
    });
  }
  const persons = penalties.flatMap((p) => (p.subject.kind === 'person' ? [p.subject] : []));
  return { sources, personNames: persons.map((p) => p.name), personIds: persons.map((p) => p.id) };
}
