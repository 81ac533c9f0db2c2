/**
 * The readers use Node's global `Buffer` (byte search, little-endian reads, GB18030 through iconv-lite). In the
 * browser it comes from the `buffer` package, the same API; imported first by the page's validator module.
 */
import { Buffer } from 'buffer';

const scope = globalThis as { Buffer?: unknown };
scope.Buffer ??= Buffer;
