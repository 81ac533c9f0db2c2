/**
 * A CBOR decoder for tests (RFC 8949, definite lengths): maps become arrays of [key, value] pairs so that their order
 * shows, byte strings become hex. Enough to read Pagefind's indexes.
 */
export type Cbor = number | string | boolean | null | Cbor[] | { bytes: string } | { map: [Cbor, Cbor][] };

export function decodeCbor(bytes: Uint8Array): Cbor {
  let pos = 0;
  const text = new TextDecoder('utf-8', { fatal: true });
  const length = (info: number): number => {
    if (info < 24) return info;
    const size = { 24: 1, 25: 2, 26: 4, 27: 8 }[info];
    if (!size) throw new Error(`CBOR: unsupported length ${info} at ${pos}`);
    let n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + (bytes[pos++] as number);
    return n;
  };
  const item = (): Cbor => {
    if (pos >= bytes.length) throw new Error('CBOR: unexpected end');
    const head = bytes[pos++] as number;
    const major = head >> 5;
    const info = head & 31;
    if (major === 7) {
      if (info === 20 || info === 21) return info === 21;
      if (info === 22) return null;
      throw new Error(`CBOR: unsupported simple value ${info}`);
    }
    const n = length(info);
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
        pos += n;
        return { bytes: Buffer.from(bytes.subarray(pos - n, pos)).toString('hex') };
      case 3:
        pos += n;
        return text.decode(bytes.subarray(pos - n, pos));
      case 4:
        return Array.from({ length: n }, item);
      case 5:
        return { map: Array.from({ length: n }, (): [Cbor, Cbor] => [item(), item()]) };
      default:
        throw new Error(`CBOR: unsupported major type ${major}`);
    }
  };
  const value = item();
  if (pos !== bytes.length) throw new Error(`CBOR: ${bytes.length - pos} bytes after the item`);
  return value;
}
