/**
 * Reads the entries of a zip archive (an .xlsx file) with Node's zlib. XLSX readers in JavaScript spend most of
 * their time in generic XML and zip layers; this reads only the central directory and inflates only the entries
 * asked for. ZIP64 and encrypted archives are not supported: they do not occur in published spreadsheets, and the
 * caller falls back to exceljs on any error.
 */
import { inflateRawSync } from 'node:zlib';
import { UnreadableFileError } from './read-json.ts';

export class ZipError extends Error {}

/**
 * How much a workbook may hold once inflated. XML compresses about tenfold, and the largest published lists are
 * a few megabytes; deflate reaches 1000:1 on repeated bytes, so without a limit a small file (a zip bomb) could
 * inflate to gigabytes and bring the build down. A 400 MB sheet took 1.3 GB of memory to read.
 */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

function tooLarge(): UnreadableFileError {
  return new UnreadableFileError(
    'file-too-large',
    `XLSX 解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB（可能是压缩炸弹或异常庞大的工作表），未读取`,
  );
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export function listZip(buf: Uint8Array): Map<string, ZipEntry> {
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
  const entries = new Map<string, ZipEntry>();
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
    declared += size;
    if (declared > MAX_UNZIPPED_BYTES) throw tooLarge();
    entries.set(name, { name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function readZipEntry(buf: Uint8Array, e: ZipEntry): Buffer {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const h = e.localHeaderOffset;
  if (h + 30 > b.length || b.readUInt32LE(h) !== 0x04034b50) throw new ZipError(`zip 条目 ${e.name} 损坏`);
  const start = h + 30 + b.readUInt16LE(h + 26) + b.readUInt16LE(h + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ZipError(`zip 条目 ${e.name} 被截断`);
  const data = b.subarray(start, end);
  if (e.method === 0) return Buffer.from(data);
  if (e.method === 8) {
    // Sizes in the directory may lie: the inflater itself stops at the limit.
    try {
      return inflateRawSync(data, { maxOutputLength: MAX_UNZIPPED_BYTES });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw err;
    }
  }
  throw new ZipError(`zip 条目 ${e.name} 使用了不支持的压缩方式 ${e.method}`);
}
