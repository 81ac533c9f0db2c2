/**
 * The data dictionary: every field the register knows (from the field dictionary) and, for every download, how
 * each CSV header maps to its JSON key. The /downloads/dictionary/ page and dictionary.json are rendered from this.
 */
import { FIELDS, type FieldDef, type FieldKey } from '../domain/fields.ts';
import {
  type ColumnInfo,
  type ColumnType,
  type DatasetId,
  type DatasetInfo,
  DOWNLOADS,
} from './downloads/render.ts';
import { KIND_LABEL } from './labels.ts';

export interface DictionaryField {
  key: FieldKey;
  label: string;
  aliases: readonly string[];
  description: string;
  type: FieldDef['type'];
  public: boolean;
  filterable: boolean;
  /** Kinds of source that carry it, in Chinese. */
  kinds: readonly string[];
  /** Downloads (and their CSV headers) that carry the field. Empty for a field kept out of the downloads. */
  downloads: readonly { dataset: DatasetId; title: string; header: string; key: string }[];
}

export const FIELD_TYPE_LABEL: Readonly<Record<FieldDef['type'] | ColumnType, string>> = {
  text: '文本',
  name: '名称',
  code: '代码',
  date: '日期（YYYY-MM-DD）',
  amount: '金额',
  integer: '整数',
  number: '数值',
  list: '多值（CSV 中以“、”分隔，JSON 中为数组）',
  enum: '枚举',
  boolean: '是／否（JSON 中为 true/false）',
  object: '结构（JSON 中为对象或对象数组）',
};

export function dictionaryFields(): DictionaryField[] {
  return FIELDS.map((f: FieldDef) => ({
    key: f.key as FieldKey,
    label: f.label,
    aliases: f.aliases,
    description: f.description,
    type: f.type,
    public: f.public,
    filterable: f.filterable ?? false,
    kinds: f.kinds.map((k) => KIND_LABEL[k]),
    downloads: DOWNLOADS.flatMap((d) =>
      d.columns
        .filter((c) => c.field === f.key)
        .map((c) => ({ dataset: d.id, title: d.title, header: c.label, key: c.key })),
    ),
  }));
}

export function downloadDictionary(): readonly DatasetInfo[] {
  return DOWNLOADS;
}

/** How a column's values are written: the enum values with their CSV labels, where they differ from the codes. */
export function valueMapping(c: ColumnInfo): { code: string; label: string }[] {
  return Object.entries(c.values ?? {}).map(([code, label]) => ({ code, label }));
}

/** The whole dictionary as one JSON-ready object, for /downloads/dictionary.json. */
export function dictionaryDocument(asOf: string) {
  return {
    asOf,
    fields: dictionaryFields().map((f) => ({
      key: f.key,
      label: f.label,
      aliases: f.aliases,
      description: f.description,
      type: f.type,
      public: f.public,
      filterable: f.filterable,
      downloads: f.downloads.map((d) => ({ dataset: d.dataset, header: d.header, key: d.key })),
    })),
    downloads: DOWNLOADS.map((d) => ({
      dataset: d.id,
      title: d.title,
      description: d.description,
      csv: `downloads/${d.id}.csv`,
      json: `downloads/${d.id}.json`,
      columns: d.columns.map((c) => ({
        header: c.label,
        key: c.key,
        type: c.type,
        field: c.field,
        description: c.description,
        ...(c.values ? { values: c.values } : {}),
      })),
    })),
  };
}
