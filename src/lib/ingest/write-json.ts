/**
 * JSON written in pieces: the same bytes as `JSON.stringify(value)`, but large arrays and objects are serialised
 * element by element and written in chunks of about a megabyte. A register's data.json is ~190 MB at 100,000
 * institutions; building it as one string and then encoding it took twice as long as this, and held twice the memory.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

const CHUNK = 1 << 20;
/** Arrays with fewer elements than this are serialised whole (objects inside arrays always are). */
const SPLIT = 64;

/** Writes `value` as JSON to `path`, through a temporary file renamed into place. */
export function writeJsonFile(path: string, value: unknown): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    let parts: string[] = [];
    let size = 0;
    const put = (s: string) => {
      parts.push(s);
      size += s.length;
      if (size >= CHUNK) {
        writeSync(fd, parts.join(''));
        parts = [];
        size = 0;
      }
    };
    writeValue(value, put, false);
    if (parts.length) writeSync(fd, parts.join(''));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/**
 * Serialises `value` through `put` as JSON.stringify would. Objects that are members of other objects (the
 * containers: the data, its parts) are written member by member; arrays of SPLIT or more elements element by
 * element; everything else, such as each record in an array, in one JSON.stringify call.
 */
function writeValue(value: unknown, put: (s: string) => void, inArray: boolean): void {
  const plain =
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (plain && Array.isArray(value) && value.length >= SPLIT) {
    put('[');
    value.forEach((v, i) => {
      if (i) put(',');
      if (omitted(v)) put('null');
      else writeValue(v, put, true);
    });
    put(']');
  } else if (plain && !Array.isArray(value) && !inArray) {
    put('{');
    let first = true;
    for (const [k, v] of Object.entries(value)) {
      if (omitted(v)) continue;
      put(`${first ? '' : ','}${JSON.stringify(k)}:`);
      first = false;
      writeValue(v, put, false);
    }
    put('}');
  } else put(JSON.stringify(value));
}
