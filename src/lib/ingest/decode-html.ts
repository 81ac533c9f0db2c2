/**
 * Decodes a saved web page to text. Notice pages come in UTF-8 and in the GB family (gb2312, gbk, gb18030), declared
 * in a meta tag, in the XML prolog or not at all; a page that declares gb2312 often holds characters outside it
 * (GBK and GB18030 extensions in names), so every GB label is decoded as GB18030, which contains the others.
 */
import iconv from 'iconv-lite';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const GB_LABELS = new Set([
  'gb2312',
  'gbk',
  'gb18030',
  'x-gbk',
  'cp936',
  'ms936',
  'windows-936',
  'euc-cn',
  'csgb2312',
]);

/** The charset a page declares in its first bytes (meta charset, http-equiv content, or XML prolog). */
export function declaredCharset(bytes: Uint8Array): string | null {
  // Declarations sit in the head; ASCII-only matching works on the raw bytes whatever the encoding.
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m =
    /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head) ??
    /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)/i.exec(head);
  return m?.[1]?.toLowerCase() ?? null;
}

export function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const declared = declaredCharset(bytes);
  const gb = () => ({ text: iconv.decode(Buffer.from(bytes), 'gb18030'), encoding: 'gb18030' });
  if (declared && GB_LABELS.has(declared)) return gb();
  if (declared && declared !== 'utf-8' && declared !== 'utf8' && iconv.encodingExists(declared)) {
    return { text: iconv.decode(Buffer.from(bytes), declared), encoding: declared };
  }
  // Declared UTF-8 or nothing: UTF-8 when the bytes are valid UTF-8 (a page saved again after editing often keeps
  // a stale declaration), GB18030 otherwise, the encoding of nearly every Chinese page that is not UTF-8.
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return gb();
  }
}
