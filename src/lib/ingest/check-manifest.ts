/**
 * Reads a source.yml and turns every way it can be wrong into a `bad-manifest` problem in Chinese that names the
 * field, the value found and what is allowed: the people who fix a manifest are not the people who read zod's or
 * the YAML parser's English.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { type Manifest, ManifestSchema, type Problem } from '../domain/schemas.ts';
import { parseDate } from './parse-date.ts';
import { regionInfo } from './resolve-region.ts';

export const MANIFEST = 'source.yml';

/** A source id as the data contract allows it: lower-case letters and digits in words joined by single hyphens. */
export const SOURCE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const FIELD_NAMES = Object.keys(ManifestSchema.shape);

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: 'true 或 false',
  array: '列表（如 [附件1.xlsx, 附件2.xlsx]）',
  object: '“名称: 值”的映射',
  record: '“名称: 值”的映射',
};

const YAML_HINTS: Record<string, string> = {
  MISSING_CHAR: '引号或括号没有闭合',
  DUPLICATE_KEY: '同一字段写了两次',
  BAD_INDENT: '缩进有误',
  TAB_AS_INDENT: '缩进里有制表符（只能用空格）',
  MULTILINE_IMPLICIT_KEY: '字段名跨行',
  BLOCK_AS_IMPLICIT_KEY: '字段名写法有误',
  UNEXPECTED_TOKEN: '出现了不该有的符号',
  BAD_SCALAR_START: '值的开头有不允许的符号（可加引号）',
};

function shown(v: unknown): string {
  if (typeof v === 'string') return `“${v}”`;
  if (v instanceof Date) return `“${Number.isNaN(v.getTime()) ? v : v.toISOString().slice(0, 10)}”`;
  return `“${JSON.stringify(v) ?? String(v)}”`;
}

function valueAt(doc: unknown, path: PropertyKey[]): unknown {
  let v = doc;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

function issueMessage(i: z.core.$ZodIssue, doc: unknown): string {
  const path = i.path.join('.');
  const value = valueAt(doc, i.path);
  const field = `字段 ${path}`;
  switch (i.code) {
    case 'invalid_type':
      if (path === '') return `source.yml 应为“字段: 值”的映射，实际是${shown(doc)}`;
      return value === undefined
        ? `缺少必填字段 ${path}`
        : `${field} 的值${shown(value)}类型不对，应为${TYPE_NAMES[i.expected] ?? i.expected}`;
    case 'invalid_value':
      return `${field} 的值${shown(value)}无效，应为 ${i.values.map((v) => String(v)).join('、')} 之一`;
    case 'unrecognized_keys':
      return `未知字段 ${i.keys.join('、')}（可用的字段：${FIELD_NAMES.join('、')}）`;
    case 'too_small':
      if (i.origin === 'array') return `${field} 至少要列出 ${i.minimum} 项`;
      if (i.origin === 'string') return `${field} 不能为空`;
      return `${field} 的值${shown(value)}应${i.inclusive ? '不小于' : '大于'} ${i.minimum}`;
    case 'too_big':
      return `${field} 的值${shown(value)}应${i.inclusive ? '不大于' : '小于'} ${i.maximum}`;
    case 'invalid_format':
      if (i.format === 'url')
        return `${field} 的值${shown(value)}不是有效的网址（应以 http:// 或 https:// 开头）`;
      return `${field} 的值${shown(value)}格式不对${hasHan(i.message) ? `：${i.message}` : ''}`;
    default:
      return hasHan(i.message)
        ? `${field} 的值${shown(value)}无效：${i.message}`
        : `${field} 的值${shown(value)}无效`;
  }
}

/** A calendar date that does not exist (2024-13-01) passes the format check; catch it here. */
function impossibleDates(doc: unknown): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  for (const key of ['published', 'retrieved']) {
    const v = valueAt(doc, [key]);
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) continue;
    const r = parseDate(v);
    if (!r.ok) out.push({ path: key, message: `字段 ${key} 的日期“${v}”不存在` });
  }
  return out;
}

export function checkManifest(
  id: string,
  text: string | null,
): { manifest: Manifest | null; problems: Problem[] } {
  const problem = (message: string, column: string | null = null, row: number | null = null): Problem => ({
    source: id,
    file: MANIFEST,
    row,
    column,
    field: column,
    code: 'bad-manifest',
    severity: 'error',
    message,
  });
  // The id names the folder, the URLs of the source's pages and its cache file: only what is safe in all three.
  if (!SOURCE_ID.test(id)) {
    return {
      manifest: null,
      problems: [
        problem(
          `来源目录名“${id}”不合规定：只能由小写字母、数字和连字符组成（如 wh-dongxihu-tuoyu-2024），该来源未读取；请改名`,
        ),
      ],
    };
  }
  if (text === null) return { manifest: null, problems: [problem('缺少 source.yml（来源说明）')] };
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const at = e.linePos?.[0];
      const where = at ? `第 ${at.line} 行第 ${at.col} 列` : '';
      const hint = YAML_HINTS[e.code] ?? '语法有误';
      return {
        manifest: null,
        problems: [problem(`source.yml ${where}不是有效的 YAML：${hint}`, null, at?.line ?? null)],
      };
    }
    return { manifest: null, problems: [problem('source.yml 不是有效的 YAML')] };
  }
  if (doc === null || doc === undefined) return { manifest: null, problems: [problem('source.yml 是空的')] };

  const problems: Problem[] = [];
  const seen = new Set<string>();
  const r = ManifestSchema.safeParse(doc);
  const found = r.success
    ? []
    : r.error.issues.map((i) => ({
        path: i.code === 'unrecognized_keys' ? i.keys.join('、') : i.path.join('.'),
        message: issueMessage(i, doc),
      }));
  for (const { path, message } of [...found, ...impossibleDates(doc)]) {
    // One finding per field: a malformed url fails both the URL and the http(s) check.
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push(problem(message, path || null));
  }
  if (r.success && !regionInfo(r.data.region)) {
    problems.push(
      problem(
        `字段 region 的值“${r.data.region}”不是现行 GB/T 2260 行政区划代码（可能已撤销或写错），请填发布机关所在地区的六位代码`,
        'region',
      ),
    );
  }
  if (!r.success || problems.length > 0) return { manifest: null, problems };
  // The canonical form of the link: quotes, angle brackets, spaces, bidi overrides and other invisible characters
  // come out percent-encoded, so the page shows and follows exactly the address it names.
  const manifest = r.data.url ? { ...r.data, url: new URL(r.data.url).href } : r.data;
  return { manifest, problems };
}
