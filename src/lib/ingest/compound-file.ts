/**
 * The streams of an OLE2 compound file, the container of .doc, .wps, .xls and .et files ([MS-CFB]). Every sector
 * chain and the directory tree are checked as they are followed, so a damaged file is refused at once: SheetJS's
 * reader spins for a minute and gigabytes on a directory whose tree points back into itself. Pure: bytes in,
 * streams out.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;
const HEADER_DIFAT = 109;

/** A file that is not a well-formed compound file; `message` says what is wrong (in Chinese, for the report). */
export class CompoundFileError extends Error {}

export interface CompoundStream {
  name: string;
  /** The stream's bytes, read when asked (a workbook's stream can be megabytes). */
  read: () => Uint8Array;
}

export function isCompoundFile(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The streams directly inside the root storage (WordDocument, 1Table, Data, Workbook …), by name. */
export function compoundFileStreams(bytes: Uint8Array): Map<string, CompoundStream> {
  if (!isCompoundFile(bytes) || bytes.length < 512) throw new CompoundFileError('文件头不是复合文件');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const shift = u16(30);
  if (shift !== 9 && shift !== 12) throw new CompoundFileError('扇区大小不符');
  const size = 1 << shift;
  const sectors = Math.ceil((bytes.length - size) / size);
  const sector = (i: number) => {
    if (i >= sectors) throw new CompoundFileError('扇区超出文件范围');
    return (i + 1) * size;
  };

  // The allocation table's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatCount = u32(44);
  if (fatCount > sectors) throw new CompoundFileError('分配表长度不符');
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT && fatSectors.length < fatCount; i++) fatSectors.push(u32(76 + 4 * i));
  for (let d = u32(68), hops = 0; fatSectors.length < fatCount; hops++) {
    if (d === END_OF_CHAIN || hops > sectors) throw new CompoundFileError('分配表链不完整');
    const at = sector(d);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i++) fatSectors.push(u32(at + 4 * i));
    d = u32(at + size - 4);
  }
  const fat = new Uint32Array(fatCount * (size / 4));
  fatSectors.forEach((s, k) => {
    const at = sector(s);
    for (let i = 0; i < size / 4; i++) fat[k * (size / 4) + i] = u32(at + 4 * i);
  });

  /** The sectors of a chain, each once: a chain that loops or leaves the table is a damaged file. */
  const chain = (start: number, table: Uint32Array): number[] => {
    const out: number[] = [];
    for (let s = start; s !== END_OF_CHAIN; s = table[s] as number) {
      if (s >= table.length || out.length >= table.length) throw new CompoundFileError('扇区链断裂或成环');
      out.push(s);
    }
    return out;
  };
  const readChain = (start: number, length: number): Uint8Array => {
    const sectorsOf = chain(start, fat);
    if (length > sectorsOf.length * size) throw new CompoundFileError('数据流短于其声明的长度');
    const out = new Uint8Array(length);
    let o = 0;
    for (const s of sectorsOf) {
      if (o >= length) break;
      const at = sector(s);
      const part = bytes.subarray(at, Math.min(at + size, bytes.length, at + length - o));
      out.set(part, o);
      o += part.length;
    }
    if (o < length) throw new CompoundFileError('数据流短于其声明的长度');
    return out;
  };

  const dirSectors = chain(u32(48), fat);
  const dir = readChain(u32(48), dirSectors.length * size);
  const dv = new DataView(dir.buffer);
  const count = dir.length / 128;
  const entry = (i: number) => {
    const at = i * 128;
    const nameLength = Math.min(dv.getUint16(at + 64, true), 64);
    return {
      name: new TextDecoder('utf-16le').decode(dir.subarray(at, at + Math.max(nameLength - 2, 0))),
      type: dir[at + 66] as number,
      links: [dv.getUint32(at + 68, true), dv.getUint32(at + 72, true), dv.getUint32(at + 76, true)],
      start: dv.getUint32(at + 116, true),
      size: dv.getUint32(at + 120, true),
    };
  };
  const root = entry(0);
  if (root.type !== 5) throw new CompoundFileError('缺少根目录');

  // The root's children: its child's siblings (left, right) and their siblings, each reached once.
  const seen = new Set<number>();
  const children: number[] = [];
  const stack = [root.links[2] as number];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (i === NO_STREAM) continue;
    if (i >= count || seen.has(i)) throw new CompoundFileError('目录树成环或越界');
    seen.add(i);
    children.push(i);
    const e = entry(i);
    stack.push(e.links[0] as number, e.links[1] as number);
  }

  const cutoff = u32(56);
  let mini: { stream: Uint8Array; fat: Uint32Array } | undefined;
  const miniData = () => {
    if (!mini) {
      const table = readChain(u32(60), u32(64) * size);
      const fatView = new DataView(table.buffer);
      mini = {
        stream: readChain(root.start, root.size),
        fat: Uint32Array.from({ length: table.length / 4 }, (_, i) => fatView.getUint32(4 * i, true)),
      };
    }
    return mini;
  };
  const streams = new Map<string, CompoundStream>();
  for (const i of children) {
    const e = entry(i);
    if (e.type !== 2) continue;
    const read =
      e.size >= cutoff
        ? () => readChain(e.start, e.size)
        : () => {
            const m = miniData();
            const out = new Uint8Array(e.size);
            let o = 0;
            for (const s of chain(e.start, m.fat)) {
              if (o >= e.size) break;
              const part = m.stream.subarray(s * 64, Math.min(s * 64 + 64, s * 64 + e.size - o));
              out.set(part, o);
              o += part.length;
            }
            if (o < e.size) throw new CompoundFileError('数据流短于其声明的长度');
            return out;
          };
    streams.set(e.name, { name: e.name, read });
  }
  return streams;
}

/** Which program wrote an OLE2 compound file, by its streams: Word's `WordDocument`, Excel's `Workbook`/`Book`. */
export function compoundFileKind(bytes: Uint8Array): 'doc' | 'xls' | null {
  let names: Set<string>;
  try {
    names = new Set(compoundFileStreams(bytes).keys());
  } catch {
    return null;
  }
  if (names.has('WordDocument')) return 'doc';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  return null;
}
