/**
 * The Node modules the /validate/ page replaces in its bundle (src/lib/browser/) must answer as Node does: the
 * same digests (institution ids depend on them) and the same inflated bytes, with the same refusal past the limit;
 * what the page reads ahead for PDF must be files pdfjs-dist has.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { deflateRawSync, inflateRawSync as nodeInflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHash as browserHash } from '../../src/lib/browser/node-crypto.ts';
import { createInflateRaw, inflateRawSync } from '../../src/lib/browser/node-zlib.ts';
import { CHINESE_CMAPS, LATIN_FONTS } from '../../src/lib/browser/pdf-assets.ts';

describe('node:crypto shim', () => {
  it('gives the sha256 of node:crypto for strings and bytes, across block boundaries', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const s = '托'.repeat(n % 7) + 'x'.repeat(n);
      expect(browserHash('sha256').update(s).digest('hex')).toBe(
        createHash('sha256').update(s).digest('hex'),
      );
    }
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }), (chunks) => {
        const a = browserHash('sha256');
        const b = createHash('sha256');
        for (const c of chunks) {
          a.update(c);
          b.update(c);
        }
        expect(a.digest('hex')).toBe(b.digest('hex'));
      }),
    );
  });
});

describe('the PDF reader read ahead on the page', () => {
  const root = new URL('.', import.meta.resolve('pdfjs-dist/package.json'));

  it('is every horizontal CMap of simplified Chinese that pdfjs-dist ships, and the fonts named exist', () => {
    const gb = readdirSync(new URL('cmaps/', root))
      .filter((f) => /^(?:Uni)?GB.*-H\.bcmap$|^Adobe-GB1-UCS2\.bcmap$/.test(f))
      .map((f) => f.replace(/\.bcmap$/, ''))
      .sort();
    expect([...CHINESE_CMAPS].sort()).toEqual(gb);
    for (const f of LATIN_FONTS) expect(existsSync(new URL(`standard_fonts/${f}`, root)), f).toBe(true);
  });
});

describe('node:zlib shim', () => {
  // Rows of varied digits, so that the deflated stream spans several of the shim's input slices.
  let seed = 1;
  const digits = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return String(seed);
  };
  const text = Buffer.from(Array.from({ length: 20000 }, () => `机构名称${digits()},${digits()}\n`).join(''));
  const deflated = deflateRawSync(text);

  it('inflates as Node does and returns a Buffer', () => {
    const out = inflateRawSync(deflated, { maxOutputLength: 10 * text.length });
    expect(Buffer.compare(Buffer.from(out), nodeInflateRawSync(deflated))).toBe(0);
    expect(out.toString('utf8').startsWith('机构名称')).toBe(true);
  });

  it('stops at maxOutputLength with the code Node uses', () => {
    expect(() => inflateRawSync(deflated, { maxOutputLength: 1000 })).toThrow(
      expect.objectContaining({ code: 'ERR_BUFFER_TOO_LARGE' }),
    );
  });

  it('fails on damaged data', () => {
    expect(() => inflateRawSync(deflated.subarray(0, deflated.length >> 1))).toThrow();
  });

  it('streams data, then end; a listener can stop it', async () => {
    const total = await new Promise<number>((resolve, reject) => {
      let n = 0;
      const s = createInflateRaw();
      s.on('data', (c) => {
        n += (c as Uint8Array).length;
      });
      s.on('end', () => resolve(n));
      s.on('error', reject);
      s.end(deflated);
    });
    expect(total).toBe(text.length);
    expect(deflated.length).toBeGreaterThan(64 * 1024);
    const stopped = await new Promise<number>((resolve) => {
      let n = 0;
      const s = createInflateRaw();
      s.on('data', (c) => {
        n += (c as Uint8Array).length;
        s.destroy();
        setTimeout(() => resolve(n), 10);
      });
      s.end(deflated);
    });
    expect(stopped).toBeLessThan(text.length);
  });
});
