/**
 * A tiny static server for a built site: serves `root` under `base` on a free port, with dist/404.html for misses,
 * like a plain static host would.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
};

export interface Served {
  /** Origin plus base path, ending in '/', e.g. http://127.0.0.1:40123/register/. */
  url: string;
  origin: string;
  /** Paths requested that were not found (for asserting no broken requests). */
  misses: string[];
  close(): Promise<void>;
}

/** Resolve a request path to a file under root, or null. */
export function resolveFile(root: string, base: string, urlPath: string): string | null {
  let p: string;
  try {
    p = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  const b = base.endsWith('/') ? base : `${base}/`;
  if (p === b.slice(0, -1)) p = b;
  if (!p.startsWith(b)) return null;
  const rel = p.slice(b.length);
  const file = normalize(join(root, rel));
  if (file !== normalize(root) && !file.startsWith(normalize(root) + sep)) return null;
  if (existsSync(file) && statSync(file).isFile()) return file;
  const index = join(file, 'index.html');
  if (existsSync(index)) return index;
  return null;
}

export async function serve(root: string, base = '/'): Promise<Served> {
  const misses: string[] = [];
  const server: Server = createServer((req, res) => {
    const file = resolveFile(root, base, req.url ?? '/');
    if (!file) {
      misses.push(req.url ?? '');
      const notFound = join(root, '404.html');
      res.writeHead(404, { 'content-type': TYPES['.html'] as string });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const b = base.endsWith('/') ? base : `${base}/`;
  return {
    url: `${origin}${b}`,
    origin,
    misses,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
