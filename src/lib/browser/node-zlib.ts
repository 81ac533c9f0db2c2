/**
 * `node:zlib` for the browser build of the pipeline (mapped in astro.config.mjs for the client bundle only): raw
 * inflate for zip entries (unzip.ts), on fflate. Like Node's, the inflater stops at `maxOutputLength` as the bytes
 * come out, so a zip bomb is refused before it fills the tab's memory.
 */
import { Buffer } from 'buffer';
import { Inflate } from 'fflate';

class TooLarge extends Error {
  code = 'ERR_BUFFER_TOO_LARGE';
}

export function inflateRawSync(data: Uint8Array, options: { maxOutputLength?: number } = {}): Buffer {
  const limit = options.maxOutputLength ?? Number.POSITIVE_INFINITY;
  const chunks: Uint8Array[] = [];
  let total = 0;
  inflateInSlices(data, (chunk) => {
    total += chunk.length;
    if (total > limit) throw new TooLarge('Cannot create a Buffer larger than maxOutputLength');
    chunks.push(chunk);
  });
  return Buffer.concat(chunks, total);
}

/**
 * fflate inflates all it is given in one go: fed 16 KB at a time (at most ~17 MB out at the deflate ratio's limit),
 * a listener that has seen enough stops it before the rest of a bomb is inflated.
 */
function inflateInSlices(data: Uint8Array, onChunk: (chunk: Uint8Array) => void, stopped = () => false) {
  const inflater = new Inflate(onChunk);
  const step = 16 * 1024;
  if (data.length === 0) inflater.push(data, true);
  for (let at = 0; at < data.length && !stopped(); at += step) {
    inflater.push(data.subarray(at, at + step), at + step >= data.length);
  }
}

type Listener = (arg?: unknown) => void;

/** The streaming inflater, as far as unzip.ts uses it: `data`, `end` and `error` events, `end(data)`, `destroy()`. */
class InflateRawStream {
  private listeners = new Map<string, Listener[]>();
  private destroyed = false;
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  private emit(event: string, arg?: unknown) {
    for (const l of this.listeners.get(event) ?? []) l(arg);
  }
  destroy() {
    this.destroyed = true;
  }
  end(data: Uint8Array) {
    // Node emits asynchronously; so does this, after the caller has attached its listeners.
    queueMicrotask(() => {
      try {
        inflateInSlices(
          data,
          (chunk) => {
            if (!this.destroyed) this.emit('data', Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
          },
          () => this.destroyed,
        );
      } catch (err) {
        if (!this.destroyed) this.emit('error', err);
        return;
      }
      if (!this.destroyed) this.emit('end');
    });
  }
}

export function createInflateRaw(): InflateRawStream {
  return new InflateRawStream();
}
