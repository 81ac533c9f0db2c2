/**
 * The Content-Security-Policy the pages carry in a <meta>. Everything comes from this site, except map tiles when an
 * agency configures a tile server (site.config.mjs › tiles).
 */

export interface CspOptions {
  /** Tile URL template such as https://{s}.tile.example.org/{z}/{x}/{y}.png, or null. */
  tileUrl?: string | null;
  subdomains?: readonly string[];
  /** Extra script-src sources for one page, e.g. "'wasm-unsafe-eval'" for the search page. */
  scriptSrc?: readonly string[];
}

/** The origins a tile URL template can reach, with {s} expanded over the subdomains. */
export function tileOrigins(url: string, subdomains: readonly string[] = []): string[] {
  const templates = url.includes('{s}') ? subdomains.map((s) => url.replaceAll('{s}', s)) : [url];
  const origins = new Set<string>();
  for (const t of templates) {
    const u = new URL(t.replace(/\{[^}]+\}/g, '0'));
    if (u.protocol === 'https:' || u.protocol === 'http:') origins.add(u.origin);
  }
  return [...origins].sort();
}

export function buildCsp(opts: CspOptions = {}): string {
  const img = ["'self'", 'data:'];
  if (opts.tileUrl) img.push(...tileOrigins(opts.tileUrl, opts.subdomains));
  const script = ["'self'", ...(opts.scriptSrc ?? [])];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self'",
    `img-src ${img.join(' ')}`,
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
