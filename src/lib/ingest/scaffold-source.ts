/**
 * The source.yml of a new source, from a notice's details as someone types them (a form, prompts or flags): the
 * region may be a name, the files are listed as given, and the result is checked by the same manifest check the
 * pipeline runs, so a scaffolded source never fails on its own manifest. Pure: answers in, text and findings out.
 */
import { stringify } from 'yaml';
import type { Problem } from '../domain/schemas.ts';
import { checkManifest } from './check-manifest.ts';
import { findRegions } from './find-region.ts';

export interface SourceAnswers {
  id: string;
  kind: string;
  sector: string;
  list?: string;
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
}

/** Folder names under data/sources: lower-case letters, digits and single hyphens. */
export const SOURCE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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

export function scaffoldManifest(a: SourceAnswers): Scaffold {
  const problems: Problem[] = [];
  if (!SOURCE_ID.test(a.id))
    problems.push(
      problem(a.id, 'id', `来源编号“${a.id}”只能用小写字母、数字和连字符（如 wh-dongxihu-tuoyu-2024-b3）`),
    );
  const region = regionCode(a.id, a.region);
  if ('problem' in region) problems.push(region.problem);
  const batch = present(a.batch) ? Number(a.batch) : undefined;
  // Keys in the order of the data contract (data/README.md), so that every source.yml reads alike.
  const doc: Record<string, unknown> = {
    kind: a.kind,
    sector: a.sector,
    ...(present(a.list) ? { list: a.list } : {}),
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
  };
  // Dates and the region stay strings: unquoted, YAML would read 2024-05-10 as a date and 420112 as a number.
  const text = stringify(doc, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  // A region already reported above is not reported again as a malformed code.
  const checked = checkManifest(a.id, text).problems;
  problems.push(...('problem' in region ? checked.filter((p) => p.column !== 'region') : checked));
  return { text: problems.length === 0 ? text : null, problems };
}
