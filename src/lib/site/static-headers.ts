/**
 * The response headers a static host must send for the files that are not pages: feeds, sitemaps, CSV and JSON
 * downloads, map data, templates. Without a charset, `text/csv` and `text/xml` are read as ASCII or Latin-1 by
 * feed readers and browsers, and every Chinese character is garbled.
 *
 * Rendered as a `_headers` file (Netlify, Cloudflare Pages and hosts that copy their format) from the list of files
 * actually built: a folder whose files are all of one type gets one rule (`/feeds/*`), other files a rule each, so
 * a rule never gives an HTML page the type of a data file. Pure: file paths in, text out.
 */

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // pdfjs and its worker, which the check page imports as modules: a browser refuses a module of another type, and
  // older mime.types files do not list .mjs.
  mjs: 'text/javascript; charset=utf-8',
};

const ATOM = 'application/atom+xml; charset=utf-8';

/** The type a file is served with, or null for files left to the host (pages, scripts, styles, images, search). */
export function contentType(path: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  if (!ext) return null;
  if (ext === 'xml' && /(^|\/)feeds\//.test(path)) return ATOM;
  return CONTENT_TYPES[ext] ?? null;
}

export interface HeaderRule {
  /** URL path: a file, or a folder followed by `*`. */
  pattern: string;
  contentType: string;
}

interface Folder {
  files: Map<string, string | null>;
  folders: Map<string, Folder>;
}

function folderOf(paths: readonly string[]): Folder {
  const root: Folder = { files: new Map(), folders: new Map() };
  for (const p of paths) {
    const parts = p.split('/');
    const name = parts.pop() ?? '';
    let f = root;
    for (const part of parts) {
      let next = f.folders.get(part);
      if (!next) {
        next = { files: new Map(), folders: new Map() };
        f.folders.set(part, next);
      }
      f = next;
    }
    f.files.set(name, contentType(p));
  }
  return root;
}

/** The one type of every file under a folder, or null when they differ or some file is left to the host. */
function uniformType(f: Folder): string | null {
  let type: string | null | undefined;
  for (const t of f.files.values()) {
    if (t === null || (type !== undefined && t !== type)) return null;
    type = t;
  }
  for (const sub of f.folders.values()) {
    const t = uniformType(sub);
    if (t === null || (type !== undefined && t !== type)) return null;
    type = t;
  }
  return type ?? null;
}

function sorted<T>(m: Map<string, T>): [string, T][] {
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Rules for every typed file under `paths` (relative to the output folder, `/`-separated), served under `base`. */
export function headerRules(paths: readonly string[], base = '/'): HeaderRule[] {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const rules: HeaderRule[] = [];
  const walk = (f: Folder, at: string) => {
    for (const [name, type] of sorted(f.files)) {
      if (type) rules.push({ pattern: `${at}${name}`, contentType: type });
    }
    for (const [name, sub] of sorted(f.folders)) {
      const type = uniformType(sub);
      if (type) rules.push({ pattern: `${at}${name}/*`, contentType: type });
      else walk(sub, `${at}${name}/`);
    }
  };
  walk(folderOf(paths), prefix);
  return rules;
}

/** Whether a rule applies to a URL path. */
export function ruleMatches(rule: HeaderRule, urlPath: string): boolean {
  return rule.pattern.endsWith('/*')
    ? urlPath.startsWith(rule.pattern.slice(0, -1))
    : urlPath === rule.pattern;
}

export function renderHeadersFile(rules: readonly HeaderRule[]): string {
  const lines = [
    '# Content types with their charset for the files that are not pages (feeds, downloads, map data).',
    '# Read by Netlify and Cloudflare Pages; other hosts: see docs/deploy.md.',
    '# Written by the build from the files it wrote.',
  ];
  for (const r of rules)
    lines.push(r.pattern, `  Content-Type: ${r.contentType}`, '  X-Content-Type-Options: nosniff');
  return `${lines.join('\n')}\n`;
}
