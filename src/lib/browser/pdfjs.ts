/**
 * pdfjs for the /validate/ page's bundle, in place of `pdfjs-dist/legacy/build/pdf.mjs`. The library (about
 * 0.5 MB) and its worker's code (1.3 MB) are pdfjs-dist's own minified files; the worker's code runs on the page
 * as it does in Node (the pipeline runs there too). Its CMaps and fonts are the site's copies, read through
 * memory: the form calls `preparePdfjs` when the page is idle, so that a PDF can be checked offline once the page
 * has loaded; a PDF checked before that loads them itself.
 */
import { PDFJS_LIBRARY, PDFJS_WORKER, prefetchedAssets } from './pdf-assets.ts';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type LoadingTask = ReturnType<Pdfjs['getDocument']>;

let library: Promise<Pdfjs> | null = null;
/** CMaps and fonts fetched ahead, by URL. */
const fetched = new Map<string, Promise<Uint8Array>>();

function load(): Promise<Pdfjs> {
  // The worker's module sets globalThis.pdfjsWorker, which the library then uses instead of starting a worker.
  library ??= import(/* @vite-ignore */ PDFJS_WORKER).then(
    () => import(/* @vite-ignore */ PDFJS_LIBRARY) as Promise<Pdfjs>,
  );
  return library;
}

function bytesAt(url: string): Promise<Uint8Array> {
  let bytes = fetched.get(url);
  if (!bytes) {
    bytes = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`${r.status} ${url}`);
      return new Uint8Array(await r.arrayBuffer());
    });
    // A failed fetch is tried again next time, not remembered.
    bytes.catch(() => fetched.delete(url));
    fetched.set(url, bytes);
  }
  return bytes;
}

/** Loads pdfjs and fetches what a Chinese notice's PDF needs (pdf-assets.ts), without opening any PDF. */
export async function preparePdfjs(): Promise<void> {
  await Promise.all([load(), ...prefetchedAssets().map(bytesAt)]);
}

/** pdfjs's way of reading its CMaps and fonts (a `BinaryDataFactory`), through the fetched copies. */
class SiteBinaryData {
  private readonly base: Record<string, string | null>;
  constructor(urls: { cMapUrl?: string | null; standardFontDataUrl?: string | null }) {
    this.base = { cMapUrl: urls.cMapUrl ?? null, standardFontDataUrl: urls.standardFontDataUrl ?? null };
  }
  fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const base = this.base[kind];
    if (!base) return Promise.reject(new Error(`pdfjs asked for ${kind}, which the page does not serve`));
    return bytesAt(`${base}${filename}`);
  }
}

/** pdfjs's getDocument once the library is in: the loading task's `promise` and `destroy`, what read-pdf.ts uses. */
export function getDocument(
  params: Parameters<Pdfjs['getDocument']>[0],
): Pick<LoadingTask, 'promise' | 'destroy'> {
  const task = load().then((pdfjs) =>
    pdfjs.getDocument({
      ...(params as object),
      BinaryDataFactory: SiteBinaryData,
      // Text is all the reader takes: no worker for drawing pages.
      disableWorkerRendering: true,
    } as typeof params),
  );
  return {
    promise: task.then((t) => t.promise),
    destroy: async () => (await task).destroy(),
  };
}
