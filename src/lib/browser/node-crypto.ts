/**
 * `node:crypto` for the browser build of the pipeline (mapped in astro.config.mjs for the client bundle only): the
 * one call the pipeline makes, `createHash('sha256').update(…).digest('hex')`, on strings and bytes.
 */
import { sha256Hex } from './sha256.ts';

class Sha256 {
  private chunks: Uint8Array[] = [];
  update(data: string | Uint8Array): this {
    this.chunks.push(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return this;
  }
  digest(encoding: 'hex'): string {
    if (encoding !== 'hex') throw new Error(`digest(${encoding}) is not available in the browser`);
    return sha256Hex(this.chunks);
  }
}

export function createHash(algorithm: string): Sha256 {
  if (algorithm !== 'sha256') throw new Error(`hash ${algorithm} is not available in the browser`);
  return new Sha256();
}
