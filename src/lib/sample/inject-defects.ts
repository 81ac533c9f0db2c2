/**
 * Realistic defects at a low, seeded rate: each kind of the data contract's problem codes at least once when there is
 * a row it fits, otherwise about 0.5–1 % of institution and penalty rows in all. A row carries one defect or quirk at
 * most, and hidden penalties carry none, so that the expected counts are exact.
 */
import type { FieldKey } from '../domain/fields.ts';
import { ymdFromDay } from './dates.ts';
import { isValidUscc, toFullWidth, withBadChar, withDroppedChar, withWrongCheck } from './make-codes.ts';
import { hasTraditionalForm, toTraditional, withInnerSpaces } from './names.ts';
import type { Rng } from './random.ts';
import { CITIES, type County } from './regions.ts';
import type { DefectCode, FileSpec, QuirkCode, Row, SourceSpec, Value } from './types.ts';

interface Slot {
  source: SourceSpec;
  file: FileSpec;
  row: Row;
  /** The row shows a valid code in a 统一社会信用代码 column (as generated, before any defect). */
  coded: boolean;
}

const COUNTIES: ReadonlyMap<string, County> = new Map(
  CITIES.flatMap((c) => c.counties.map((k) => [k.code, k])),
);

/** Share of candidate rows per kind (a minimum of one applies). */
type RowDefect = Exclude<DefectCode, 'duplicate-row'>;

const DEFECT_RATES: readonly (readonly [RowDefect, number])[] = [
  ['missing-required', 0.0008],
  ['invalid-date', 0.0008],
  ['future-date', 0.0006],
  ['bad-uscc-charset', 0.0006],
  ['bad-uscc-length', 0.0005],
  ['uscc-checksum', 0.001],
  ['unknown-region', 0.0008],
  ['pii-redacted', 0.0008],
  ['person-id-number', 0.0003],
];
const DUPLICATE_RATE = 0.001;

const QUIRK_RATES: readonly (readonly [QuirkCode, number | 'one'])[] = [
  ['script-name', 'one'],
  ['formula-address', 'one'],
  ['traditional-name', 0.001],
  ['spaced-name', 0.001],
  ['fullwidth-uscc', 0.0005],
  ['lowercase-uscc', 0.0005],
  ['code-omitted', 0.0005],
  ['fullwidth-capacity', 0.0003],
  ['date-as-text', 0.0005],
];

export const SCRIPT_PREFIX = '<script>alert(1)</script>';
export const FORMULA_ADDRESS = '=HYPERLINK("http://example.com/x","点击查看地址")';

function has(file: FileSpec, key: FieldKey): boolean {
  return file.columns.some((c) => c.key === key);
}

function text(v: Value | undefined): string {
  return typeof v === 'string' ? v : '';
}

/** Only asked of rows still free of defects and quirks, whose code is as generated. */
function hasCode(s: Slot): boolean {
  return s.coded;
}

function dateKey(s: Slot): FieldKey | null {
  const key: FieldKey = s.source.manifest.kind === 'institutions' ? 'filed' : 'decided';
  return has(s.file, key) && typeof s.row.cells[key] === 'object' && s.row.cells[key] !== null ? key : null;
}

const isInstitution = (s: Slot) => s.source.manifest.kind === 'institutions';
const isPenalty = (s: Slot) => s.source.manifest.kind === 'penalties';
const isPerson = (s: Slot) => s.row.cells.subjectCategory === '自然人';

/** Whether the row's region is its county: a county-level source, or a 区县 column. */
function countyResolvable(s: Slot): boolean {
  return s.source.manifest.region === s.row.group || has(s.file, 'county');
}

const DEFECT_FITS: Record<RowDefect, (s: Slot) => boolean> = {
  'missing-required': (s) => has(s.file, 'name') && text(s.row.cells.name) !== '',
  'invalid-date': (s) => dateKey(s) !== null,
  'future-date': (s) => dateKey(s) !== null,
  'bad-uscc-charset': hasCode,
  'bad-uscc-length': hasCode,
  'uscc-checksum': hasCode,
  'unknown-region': (s) => isInstitution(s) && has(s.file, 'county') && hasCode(s),
  'pii-redacted': (s) => has(s.file, 'remarks'),
  'person-id-number': (s) => isPenalty(s) && isPerson(s) && has(s.file, 'uscc') && has(s.file, 'idNumber'),
};

const QUIRK_FITS: Record<QuirkCode, (s: Slot) => boolean> = {
  'script-name': (s) => isInstitution(s) && has(s.file, 'name'),
  'formula-address': (s) => isInstitution(s) && has(s.file, 'address'),
  'traditional-name': (s) =>
    has(s.file, 'name') && !isPerson(s) && hasTraditionalForm(text(s.row.cells.name)),
  'spaced-name': (s) => has(s.file, 'name') && !isPerson(s),
  'fullwidth-uscc': hasCode,
  'lowercase-uscc': (s) => hasCode(s) && /[A-Z]/.test(text(s.row.cells.uscc)),
  'code-omitted': (s) => isInstitution(s) && hasCode(s) && countyResolvable(s),
  'fullwidth-capacity': (s) =>
    isInstitution(s) && has(s.file, 'capacity') && typeof s.row.cells.capacity === 'number',
  'date-as-text': (s) =>
    s.file.format === 'xlsx' &&
    (s.file.dateStyle === 'cell' || s.file.dateStyle === 'serial') &&
    dateKey(s) !== null,
};

function impossibleDate(rng: Rng, year: number): Value {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return rng.weighted<Value>([
    [{ y: year, m: 2, d: 30 }, 3],
    [{ y: year, m: 2, d: leap ? 30 : 29 }, 2],
    [{ y: year, m: 13, d: rng.int(1, 28) }, 2],
    [{ y: year, m: rng.pick([4, 6, 9, 11]), d: 31 }, 2],
  ]);
}

function mobile(rng: Rng, used: Set<string>): string {
  for (;;) {
    const m = `1${rng.pick(['3', '5', '8', '9'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
    if (!used.has(m)) {
      used.add(m);
      return m;
    }
  }
}

function applyDefect(rng: Rng, code: RowDefect, s: Slot, asOf: number, mobiles: Set<string>) {
  const { row } = s;
  const c = row.cells;
  let field: FieldKey;
  switch (code) {
    case 'missing-required':
      field = isPenalty(s) && rng.chance(0.4) && has(s.file, 'documentNumber') ? 'documentNumber' : 'name';
      c[field] = s.file.format === 'json' ? null : '';
      break;
    case 'invalid-date': {
      field = dateKey(s) as FieldKey;
      const v = c[field];
      c[field] = impossibleDate(rng, typeof v === 'object' && v !== null ? v.y : 2024);
      break;
    }
    case 'future-date':
      field = dateKey(s) as FieldKey;
      c[field] = ymdFromDay(asOf + rng.int(20, 400));
      break;
    case 'bad-uscc-charset':
      field = 'uscc';
      c.uscc = withBadChar(rng, text(c.uscc));
      break;
    case 'bad-uscc-length':
      field = 'uscc';
      c.uscc = withDroppedChar(rng, text(c.uscc));
      break;
    case 'uscc-checksum':
      field = 'uscc';
      c.uscc = withWrongCheck(rng, text(c.uscc));
      break;
    case 'unknown-region': {
      field = 'county';
      const county = COUNTIES.get(row.group ?? '');
      c.county = county ? rng.pick(county.city.zones) : '经济开发区';
      break;
    }
    case 'pii-redacted': {
      field = 'remarks';
      const label = rng.pick(['联系人手机：', '负责人电话', '投诉人联系电话：', '举报人手机号']);
      c.remarks = `${label}${mobile(rng, mobiles)}${rng.pick(['', '，已结案。', '（24小时）'])}`;
      break;
    }
    case 'person-id-number':
      field = 'uscc';
      c.uscc = c.idNumber ?? '';
      c.idNumber = '';
      break;
  }
  row.defect = code;
  row.defectField = field;
}

function applyQuirk(rng: Rng, quirk: QuirkCode, s: Slot): void {
  const c = s.row.cells;
  switch (quirk) {
    case 'script-name':
      c.name = SCRIPT_PREFIX + text(c.name);
      break;
    case 'formula-address':
      c.address = FORMULA_ADDRESS;
      break;
    case 'traditional-name':
      c.name = toTraditional(text(c.name));
      break;
    case 'spaced-name':
      c.name = withInnerSpaces(rng, text(c.name));
      break;
    case 'fullwidth-uscc':
      c.uscc = toFullWidth(text(c.uscc));
      break;
    case 'lowercase-uscc':
      c.uscc = text(c.uscc).toLowerCase();
      break;
    case 'code-omitted':
      c.uscc = rng.pick(['无', '暂无']);
      break;
    case 'fullwidth-capacity':
      c.capacity = toFullWidth(String(c.capacity));
      break;
    case 'date-as-text': {
      const key = dateKey(s) as FieldKey;
      const v = c[key];
      if (typeof v === 'object' && v !== null) c[key] = `${v.y}年${v.m}月${v.d}日`;
      break;
    }
  }
  s.row.quirk = quirk;
}

export interface Injected {
  /** Mobile numbers written into 备注: they must never be published. */
  mobiles: string[];
}

export function injectDefects(rng: Rng, sources: readonly SourceSpec[], asOf: number): Injected {
  const slots: Slot[] = [];
  for (const source of sources) {
    const kind = source.manifest.kind;
    if (kind !== 'institutions' && kind !== 'penalties') continue;
    for (const file of source.files) {
      const codeColumn = has(file, 'uscc');
      for (const row of file.rows) {
        slots.push({ source, file, row, coded: codeColumn && isValidUscc(text(row.cells.uscc)) });
      }
    }
  }
  const free = (s: Slot) => !s.row.defect && !s.row.quirk && !s.row.hidden;
  const count = (rate: number) => Math.max(1, Math.round(rate * slots.length));
  const mobiles = new Set<string>();

  for (const [quirk, rate] of QUIRK_RATES) {
    const fits = QUIRK_FITS[quirk];
    const eligible = slots.filter((s) => free(s) && fits(s));
    // The hostile inputs go into XLSX and CSV lists alike; prefer an XLSX attachment for the markup.
    const pool = quirk === 'script-name' ? eligible.filter((s) => s.file.format === 'xlsx') : [];
    const chosen = rng.sample(pool.length > 0 ? pool : eligible, rate === 'one' ? 1 : count(rate));
    for (const s of chosen) applyQuirk(rng, quirk, s);
  }
  for (const [code, rate] of DEFECT_RATES) {
    const fits = DEFECT_FITS[code];
    const chosen = rng.sample(
      slots.filter((s) => free(s) && fits(s)),
      count(rate),
    );
    for (const s of chosen) applyDefect(rng, code, s, asOf, mobiles);
  }
  // Duplicates last: the original must stay clean for the copy to be exact.
  const originals = rng.sample(slots.filter(free), count(DUPLICATE_RATE));
  const byFile = new Map<FileSpec, Set<Row>>();
  for (const s of originals) {
    const set = byFile.get(s.file) ?? new Set<Row>();
    set.add(s.row);
    byFile.set(s.file, set);
  }
  for (const [file, rows] of byFile) {
    const out: Row[] = [];
    for (const row of file.rows) {
      out.push(row);
      if (rows.has(row))
        out.push({ ...row, cells: { ...row.cells }, defect: 'duplicate-row', defectField: 'name' });
    }
    file.rows = out;
  }
  return { mobiles: [...mobiles] };
}
