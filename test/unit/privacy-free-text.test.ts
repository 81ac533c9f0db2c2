/**
 * Walks the field dictionary: every field whose value may be published as text, of every kind of source that carries
 * it, gets a cell full of personal data — ID and mobile numbers written with separators, a person's name after a
 * cue word, the party's own name in Traditional characters — and the normalised record must hold none of it. A new
 * field is covered the day it enters the dictionary; a text field not marked free text fails here.
 */
import { describe, expect, it } from 'vitest';
import { FIELDS, type FieldDef } from '../../src/lib/domain/fields.ts';
import type { Manifest, SourceKind } from '../../src/lib/domain/schemas.ts';
import { locateTable } from '../../src/lib/ingest/map-headers.ts';
import { normaliseRow } from '../../src/lib/ingest/normalise-row.ts';
import type { Cell } from '../../src/lib/ingest/table.ts';
import { scanForm } from './privacy-forms.ts';

const ID = '330203198906115529';
const MOBILE = '13912345678';
const THIRD = '韩晓梅';
const PARTY = '贾家豪';

/** What a careless publisher types into a free-text cell. */
const SECRET_TEXT = `护理员${THIRD}（身份证 330203 19890611 5529）称其电话 139－1234－5678，賈家豪知情`;

/** A valid row of each kind, by label; the field under test is added to it. */
const BASE: Record<SourceKind, Record<string, Cell>> = {
  institutions: { 机构名称: '宁波市阳光托育中心', 统一社会信用代码: '91330203MA1FPAWD63' },
  penalties: {
    行政相对人名称: `${PARTY}（个人）`,
    行政相对人类别: '个人',
    行政处罚决定书文号: '甬市监罚〔2026〕31号',
    处罚决定日期: '2026-06-01',
  },
  inspections: { 检查对象名称: '宁波市阳光托育中心', 检查日期: '2026-06-01', 检查结果: '合格' },
  'list-actions': { 机构名称: '宁波市阳光托育中心', 列入日期: '2026-06-01' },
};

const manifest = (kind: SourceKind): Manifest => ({
  kind,
  sector: 'childcare',
  list: kind === 'list-actions' ? '黑名单' : '备案',
  stage: 'final',
  publisher: '测试发布机关',
  title: '测试名单',
  published: '2026-06-02',
  region: '330203',
  crs: 'wgs84',
  files: ['x.csv'],
});

/** Fields whose value is published as text (not a date, number, amount or code). */
const TEXTUAL = (FIELDS as readonly FieldDef[]).filter(
  (f) => f.public && (f.type === 'text' || f.type === 'enum' || f.type === 'list'),
);
/** Read to decide something (a region, a status) and never published as the text itself. */
const DECIDED_ONLY = new Set(['county', 'listStatus', 'penaltyState']);

function normalised(kind: SourceKind, label: string, value: string) {
  const cells = { ...BASE[kind], [label]: value };
  const headers = Object.keys(cells);
  const t = locateTable(
    {
      file: 'x.csv',
      rows: [
        { n: 1, cells: headers },
        { n: 2, cells: Object.values(cells) },
      ],
      notes: [],
    },
    kind,
  );
  if (!t) throw new Error(`no header for ${kind}`);
  const row = t.dataRows[0];
  if (!row) throw new Error('no data row');
  return normaliseRow(row, {
    manifest: manifest(kind),
    source: 's',
    file: 'x.csv',
    columns: t.columns,
    asOf: '2026-11-24',
  });
}

describe('every free-text field of the dictionary is protected (free-text-fields-never-scanned)', () => {
  it('marks every text field free text unless its text is never published', () => {
    const unmarked = TEXTUAL.filter((f) => !f.freeText && !DECIDED_ONLY.has(f.key)).map((f) => f.key);
    expect(unmarked).toEqual([]);
    expect(TEXTUAL.filter((f) => f.freeText).length).toBeGreaterThan(15);
  });

  const cases = TEXTUAL.flatMap((f) => f.kinds.map((kind) => [f.key, kind, f.label] as const));
  it.each(cases)('%s in %s sources', (_key, kind, label) => {
    const r = normalised(kind, label, SECRET_TEXT);
    const published = scanForm(JSON.stringify(r.record));
    // The party's own name is known in its row only to a penalty; elsewhere the pass over the whole data masks it.
    const secrets = kind === 'penalties' ? [ID, MOBILE, THIRD, PARTY] : [ID, MOBILE, THIRD];
    for (const secret of secrets) expect(published, secret).not.toContain(scanForm(secret));
  });

  it('names of persons a row holds are handed on for masking across the data, and never published', () => {
    const r = normalised('penalties', '违法事实', SECRET_TEXT);
    expect(r.persons).toEqual(expect.arrayContaining([`${PARTY}（个人）`, THIRD]));
    expect(r.record && 'subjectName' in r.record ? r.record.subjectName : '').toBe('贾某');
  });

  it('a list entry that names a natural person is hidden, with a finding that does not repeat the name', () => {
    const r = normalised('institutions', '备注', '无');
    expect(r.hidden).toBeUndefined();
    const person = normalised('list-actions', '列入事由', '无');
    expect(person.hidden).toBeUndefined();
    const cells = { ...BASE.institutions, 机构名称: '王建国' };
    const headers = Object.keys(cells);
    const t = locateTable(
      {
        file: 'x.csv',
        rows: [
          { n: 1, cells: headers },
          { n: 2, cells: Object.values(cells) },
        ],
        notes: [],
      },
      'institutions',
    );
    const row = t?.dataRows[0];
    if (!t || !row) throw new Error('no table');
    const hidden = normaliseRow(row, {
      manifest: manifest('institutions'),
      source: 's',
      file: 'x.csv',
      columns: t.columns,
      asOf: '2026-11-24',
    });
    expect(hidden.hidden).toBe('natural-person');
    expect(hidden.record).toBeNull();
    expect(hidden.problems.map((p) => p.code)).toContain('natural-person-hidden');
    for (const p of hidden.problems) expect(p.message).not.toContain('王建国');
  });

  it('a 举办方 that is a person is shown as 个人举办; a nature of operator stays', () => {
    const op = (v: string) => {
      const r = normalised('institutions', '举办方', v);
      return r.record && 'operator' in r.record ? r.record.operator : undefined;
    };
    expect(op('王建国')).toBe('个人举办');
    expect(op('个人')).toBe('个人举办');
    expect(op('欧阳建国（个人）')).toBe('个人举办');
    for (const v of ['企业', '社会组织', '事业单位', '其他', '公办', '民办', '个体工商户', '宁波市教育局'])
      expect(op(v)).toBe(v);
  });
});
