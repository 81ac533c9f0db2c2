/**
 * The source.yml of a new source, from a notice's details as someone types them (a form, prompts or flags): the
 * region may be a name, the files are listed as given, and the result is checked by the same manifest check the
 * pipeline runs, so a scaffolded source never fails on its own manifest. Pure: answers in, text and findings out.
 */

import { stringify } from 'yaml';
import { fieldForHeader, headerKey } from '../domain/fields.ts';
import type { Problem } from '../domain/schemas.ts';
import { checkManifest, SOURCE_ID } from './check-manifest.ts';
import { findRegions } from './find-region.ts';

/** A header the field dictionary does not know, and the label of the field it means. */
export interface ColumnAnswer {
  header: string;
  label: string;
}

/** One data table of a page or document: found by the text before it or its position, with its own list and stage. */
export interface TableAnswer {
  match?: string;
  table?: string | number;
  list?: string;
  stage?: string;
}

export interface SourceAnswers {
  id: string;
  kind: string;
  sector: string;
  list?: string;
  stage?: string;
  action?: string;
  batch?: string | number;
  publisher: string;
  title: string;
  documentNumber?: string;
  published: string;
  url?: string;
  retrieved?: string;
  /** A GB/T 2260 code or a name (东西湖区, 武汉市东西湖区). */
  region: string;
  crs?: string;
  files: string[];
  columns?: ColumnAnswer[];
  tables?: TableAnswer[];
}

/** Folder names under data/sources: lower-case letters, digits and single hyphens. */
export { SOURCE_ID };

export interface Scaffold {
  /** The source.yml text, or null when the answers cannot make a valid one. */
  text: string | null;
  problems: Problem[];
}

const present = (v: string | number | undefined): v is string | number =>
  v !== undefined && String(v).trim() !== '';

function problem(id: string, column: string, message: string): Problem {
  return {
    source: id,
    file: 'source.yml',
    row: null,
    column,
    field: column,
    code: 'bad-manifest',
    severity: 'error',
    message,
  };
}

/** The region's code, or a finding that says why the name does not pick one. */
export function regionCode(id: string, region: string): { code: string } | { problem: Problem } {
  const found = findRegions(region);
  if (found.length === 1 && found[0]) return { code: found[0].code };
  if (found.length === 0)
    return {
      problem: problem(
        id,
        'region',
        `找不到地区“${region}”（可填六位行政区划代码或地区全称，如 湖北省武汉市东西湖区）`,
      ),
    };
  const names = found.map((r) => `${r.fullName}（${r.code}）`).join('、');
  return {
    problem: problem(id, 'region', `地区“${region}”有 ${found.length} 处同名：${names}，请填写全称或代码`),
  };
}

/**
 * The `columns` mapping, and what is wrong with its pairs (a finding names the pair: `columns.2.label`). A pair
 * left empty on both sides is no pair.
 */
function columnsOf(a: SourceAnswers, problems: Problem[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const seen = new Map<string, number>();
  (a.columns ?? []).forEach((c, i) => {
    const header = c.header.trim();
    const label = c.label.trim();
    const n = i + 1;
    if (header === '' && label === '') return;
    if (header === '') {
      problems.push(problem(a.id, `columns.${i}.header`, `第 ${n} 个表头对应：请填写文件中的原表头`));
      return;
    }
    if (label === '') {
      problems.push(problem(a.id, `columns.${i}.label`, `第 ${n} 个表头对应：请选择“${header}”对应的字段`));
      return;
    }
    const f = fieldForHeader(label);
    if (!f || f.label !== label || !(f.kinds as readonly string[]).includes(a.kind)) {
      problems.push(
        problem(a.id, `columns.${i}.label`, `第 ${n} 个表头对应：“${label}”不是这类公告可用的字段名称`),
      );
      return;
    }
    const key = headerKey(header);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(
        problem(a.id, `columns.${i}.header`, `第 ${n} 个表头对应：表头“${header}”与第 ${earlier} 个重复`),
      );
      return;
    }
    seen.set(key, n);
    out[header] = label;
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The `tables` entries; an entry left empty is none, one with only a list or stage says which table it lacks. */
function tablesOf(a: SourceAnswers, problems: Problem[]): Array<Record<string, unknown>> | undefined {
  const out: Array<Record<string, unknown>> = [];
  (a.tables ?? []).forEach((t, i) => {
    const table = present(t.table) ? Number(t.table) : undefined;
    const entry = {
      ...(present(t.match) ? { match: String(t.match).trim() } : {}),
      ...(table !== undefined ? { table: Number.isFinite(table) ? table : t.table } : {}),
      ...(present(t.list) ? { list: t.list } : {}),
      ...(present(t.stage) ? { stage: t.stage } : {}),
    };
    if (Object.keys(entry).length === 0) return;
    if (entry.match === undefined && entry.table === undefined) {
      problems.push(
        problem(
          a.id,
          `tables.${i}.match`,
          `第 ${i + 1} 个表格：请填写表格前的文字（如 附件1）或第几个数据表格`,
        ),
      );
      return;
    }
    out.push(entry);
  });
  return out.length > 0 ? out : undefined;
}

export function scaffoldManifest(a: SourceAnswers): Scaffold {
  const problems: Problem[] = [];
  if (!SOURCE_ID.test(a.id))
    problems.push(
      problem(a.id, 'id', `来源编号“${a.id}”只能用小写字母、数字和连字符（如 wh-dongxihu-tuoyu-2024-b3）`),
    );
  const region = regionCode(a.id, a.region);
  if ('problem' in region) problems.push(region.problem);
  const batch = present(a.batch) ? Number(a.batch) : undefined;
  const columns = columnsOf(a, problems);
  const tables = tablesOf(a, problems);
  // Keys in the order of the data contract (data/README.md), so that every source.yml reads alike.
  const doc: Record<string, unknown> = {
    kind: a.kind,
    sector: a.sector,
    ...(present(a.list) ? { list: a.list } : {}),
    ...(present(a.stage) ? { stage: a.stage } : {}),
    ...(batch !== undefined ? { batch: Number.isFinite(batch) ? batch : a.batch } : {}),
    ...(present(a.action) ? { action: a.action } : {}),
    publisher: a.publisher,
    title: a.title,
    ...(present(a.documentNumber) ? { document_number: a.documentNumber } : {}),
    published: a.published,
    ...(present(a.url) ? { url: a.url } : {}),
    ...(present(a.retrieved) ? { retrieved: a.retrieved } : {}),
    region: 'code' in region ? region.code : a.region,
    ...(present(a.crs) ? { crs: a.crs } : {}),
    files: a.files,
    ...(columns ? { columns } : {}),
    ...(tables ? { tables } : {}),
  };
  // Dates and the region stay strings: unquoted, YAML would read 2024-05-10 as a date and 420112 as a number.
  const text = stringify(doc, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  // A region already reported above is not reported again as a malformed code.
  const checked = checkManifest(a.id, text).problems;
  problems.push(...('problem' in region ? checked.filter((p) => p.column !== 'region') : checked));
  return { text: problems.length === 0 ? text : null, problems };
}
