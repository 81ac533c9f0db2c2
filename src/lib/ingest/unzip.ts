/**
 * Reads the entries of a zip archive (an .xlsx file) with Node's zlib. XLSX readers in JavaScript spend most of
 * their time in generic XML and zip layers; this reads only the central directory and inflates only the entries
 * asked for. ZIP64 and encrypted archives are not supported: they do not occur in published spreadsheets, and the
 * caller falls back to exceljs on any error.
 *
 * Every entry of one archive draws on one {@link InflateBudget}: the limit holds for the whole file, whatever its
 * directory claims, because the bytes are counted as they come out of the inflater.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { inflatedTooLarge, MAX_INFLATED_BYTES } from './limits.ts';

export class ZipError extends Error {}

/** The inflated bytes one archive may still produce, shared by all of its entries. */
export class InflateBudget {
  remaining: number;
  constructor(limit = MAX_INFLATED_BYTES) {
    this.remaining = limit;
  }
  spend(bytes: number) {
    if (bytes > this.remaining) throw inflatedTooLarge();
    this.remaining -= bytes;
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** Every record of the central directory, in order, duplicates included (a reader that keys by name skips them). */
export function zipEntries(buf: Uint8Array): ZipEntry[] {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the end.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('不是 zip 文件（找不到目录结尾）');
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new ZipError('zip 目录损坏');
    const method = b.readUInt16LE(p + 10);
    const compressedSize = b.readUInt32LE(p + 20);
    const size = b.readUInt32LE(p + 24);
    const nameLen = b.readUInt16LE(p + 28);
    const extraLen = b.readUInt16LE(p + 30);
    const commentLen = b.readUInt16LE(p + 32);
    const localHeaderOffset = b.readUInt32LE(p + 42);
    const name = b.toString('utf8', p + 46, p + 46 + nameLen);
    // A directory that owns up to its size is refused before anything is inflated.
    declared += size;
    if (declared > MAX_INFLATED_BYTES) throw inflatedTooLarge();
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function listZip(buf: Uint8Array): Map<string, ZipEntry> {
  return new Map(zipEntries(buf).map((e) => [e.name, e]));
}

/** The stored (possibly deflated) bytes of an entry. */
function entryData(b: Buffer, e: ZipEntry): Buffer {
  const h = e.localHeaderOffset;
  if (h + 30 > b.length || b.readUInt32LE(h) !== 0x04034b50) throw new ZipError(`zip 条目 ${e.name} 损坏`);
  const start = h + 30 + b.readUInt16LE(h + 26) + b.readUInt16LE(h + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ZipError(`zip 条目 ${e.name} 被截断`);
  if (e.method !== 0 && e.method !== 8)
    throw new ZipError(`zip 条目 ${e.name} 使用了不支持的压缩方式 ${e.method}`);
  return b.subarray(start, end);
}

/**
 * One entry, inflated. Without a budget the entry alone may use the whole limit; readers pass one budget for all
 * the entries of a file.
 */
export function readZipEntry(buf: Uint8Array, e: ZipEntry, budget = new InflateBudget()): Buffer {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const data = entryData(b, e);
  if (e.method === 0) {
    budget.spend(data.length);
    return Buffer.from(data);
  }
  // Sizes in the directory may lie: the inflater itself stops at what the budget has left.
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget.remaining) });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw inflatedTooLarge();
    throw err;
  }
  budget.spend(out.length);
  return out;
}

/**
 * Inflates every entry of the archive and throws when they add up to more than the limit, keeping none of the
 * bytes: the check before a reader (exceljs) that inflates everything at once without a limit of its own. Memory
 * stays at one chunk. Entries that are damaged are skipped: the reader reports those.
 */
export async function checkInflatedSize(buf: Uint8Array, limit = MAX_INFLATED_BYTES): Promise<void> {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let total = 0;
  for (const e of zipEntries(buf)) {
    let data: Buffer;
    try {
      data = entryData(b, e);
    } catch {
      continue;
    }
    if (e.method === 0) {
      total += data.length;
      if (total > limit) throw inflatedTooLarge();
      continue;
    }
    total = await countInflated(data, total, limit);
  }
}

function countInflated(data: Buffer, start: number, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = start;
    const inflater = createInflateRaw();
    inflater.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflater.destroy();
        reject(inflatedTooLarge());
      }
    });
    inflater.on('end', () => resolve(total));
    // A damaged stream is the reader's to report; what it produced still counts.
    inflater.on('error', () => resolve(total));
    inflater.end(data);
  });
}
