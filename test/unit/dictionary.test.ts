import { describe, expect, it } from 'vitest';
import { FIELDS } from '../../src/lib/domain/fields.ts';
import { dictionaryDocument, dictionaryFields, downloadDictionary } from '../../src/lib/site/dictionary.ts';

describe('data dictionary', () => {
  const fields = dictionaryFields();

  it('lists every field of the field dictionary, public or not, in its order', () => {
    expect(fields.map((f) => f.key)).toEqual(FIELDS.map((f) => f.key));
    for (const f of FIELDS) {
      const d = fields.find((x) => x.key === f.key);
      expect(d).toMatchObject({ label: f.label, description: f.description, public: f.public });
    }
  });

  it('has every public field with its label and description', () => {
    const pub = FIELDS.filter((f) => f.public);
    expect(pub.length).toBeGreaterThan(0);
    for (const f of pub) {
      expect(fields.find((x) => x.key === f.key)?.label).toBe(f.label);
    }
  });

  it('carries no private field in any download', () => {
    const privateKeys = new Set<string>(FIELDS.filter((f) => !f.public).map((f) => f.key));
    for (const d of downloadDictionary()) {
      for (const c of d.columns) {
        if (c.field) expect(privateKeys.has(c.field)).toBe(false);
      }
    }
    for (const f of fields.filter((x) => !x.public)) expect(f.downloads).toEqual([]);
  });

  it('takes the CSV header of a field column from the dictionary (label or a published alias)', () => {
    for (const d of downloadDictionary()) {
      for (const c of d.columns) {
        if (!c.field) continue;
        const f = FIELDS.find((x) => x.key === c.field);
        expect([f?.label, ...(f?.aliases ?? [])]).toContain(c.label);
        expect(c.description.startsWith(f?.description ?? '?')).toBe(true);
      }
    }
  });

  it('describes every download column, derived ones included', () => {
    for (const d of downloadDictionary()) {
      expect(d.columns.length).toBeGreaterThan(5);
      for (const c of d.columns) {
        expect(c.label).not.toBe('');
        expect(c.description.length).toBeGreaterThan(3);
      }
      expect(d.columns.map((c) => c.key)).toContain('id');
    }
  });

  it('maps the main institution columns to fields', () => {
    const inst = downloadDictionary().find((d) => d.id === 'institutions');
    const byKey = new Map(inst?.columns.map((c) => [c.key, c]));
    expect(byKey.get('uscc')?.field).toBe('uscc');
    expect(byKey.get('name')?.field).toBe('name');
    expect(byKey.get('status')).toMatchObject({ field: null, label: '状态' });
    expect(byKey.get('status')?.values).toMatchObject({ blacklisted: '黑名单', sanctioned: '处罚公示中' });
    expect(byKey.get('sector')?.values).toEqual({ childcare: '托育', postpartum: '母婴护理' });
  });

  it('shows which downloads carry a field', () => {
    const uscc = fields.find((f) => f.key === 'uscc');
    expect(uscc?.downloads.map((d) => d.dataset)).toEqual([
      'institutions',
      'penalties',
      'inspections',
      'list-history',
    ]);
  });

  it('serialises to a document with every download', () => {
    const doc = dictionaryDocument('2026-11-24');
    expect(doc.downloads.map((d) => d.dataset)).toEqual([
      'institutions',
      'penalties',
      'inspections',
      'list-history',
      'sources',
    ]);
    expect(doc.fields).toHaveLength(FIELDS.length);
  });
});
