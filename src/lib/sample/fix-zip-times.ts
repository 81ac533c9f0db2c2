/**
 * ZIP archives (XLSX files) carry a modification time per entry, which the writer takes from the clock. Setting every
 * entry to one fixed time makes the same sample byte-identical on every run. Only header fields change: the CRCs
 * cover the data, not the headers.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function dosTime(date: Date): { time: number; day: number } {
  const time =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/** Sets the time of every entry of the archive in `zip` (in place) to `date`, read as a wall-clock time. */
export function fixZipTimes(zip: Buffer, date: Date): Buffer {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive: no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const { time, day } = dosTime(date);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(p) !== CENTRAL) throw new Error('broken zip central directory');
    zip.writeUInt16LE(time, p + 12);
    zip.writeUInt16LE(day, p + 14);
    const local = zip.readUInt32LE(p + 42);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error('broken zip local header');
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(day, local + 12);
    p += 46 + zip.readUInt16LE(p + 28) + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return zip;
}
