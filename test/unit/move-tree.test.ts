/** moveInto (src/lib/site/move-tree-fs.ts): how shards and incremental builds join one tree into another. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesUnder } from '../../src/integrations/static-headers.ts';
import { moveInto } from '../../src/lib/site/move-tree-fs.ts';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function tree(dir: string, files: Record<string, string>): void {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
}

describe('moveInto', () => {
  it('moves a folder the target lacks whole, enters one both have, and reports the files both have', () => {
    root = mkdtempSync(join(tmpdir(), 'move-tree-'));
    const from = join(root, 'from');
    const to = join(root, 'to');
    tree(from, {
      'institutions/a/index.html': 'a',
      'institutions/a/2/index.html': 'a2',
      'penalties/index.html': 'p',
      '_astro/x.js': 'same',
    });
    tree(to, { 'institutions/b/index.html': 'b', '_astro/x.js': 'same' });
    const folder = statSync(join(from, 'institutions/a')).ino;
    const both: string[] = [];
    moveInto(from, to, (f) => both.push(f));
    expect(filesUnder(to).sort()).toEqual([
      '_astro/x.js',
      'institutions/a/2/index.html',
      'institutions/a/index.html',
      'institutions/b/index.html',
      'penalties/index.html',
    ]);
    // One rename: the folder itself moved, not a copy of its files.
    expect(statSync(join(to, 'institutions/a')).ino).toBe(folder);
    expect(readFileSync(join(to, 'institutions/a/2/index.html'), 'utf8')).toBe('a2');
    expect(both).toEqual(['_astro/x.js']);
    // What both had stays behind, for the caller to check or remove.
    expect(filesUnder(from)).toEqual(['_astro/x.js']);
  });

  it('lets the caller refuse a file both trees have', () => {
    root = mkdtempSync(join(tmpdir(), 'move-tree-'));
    tree(join(root, 'from'), { 'a/index.html': 'new' });
    tree(join(root, 'to'), { 'a/index.html': 'old' });
    expect(() =>
      moveInto(join(root, 'from'), join(root, 'to'), (f) => {
        throw new Error(`twice: ${f}`);
      }),
    ).toThrow('twice: a/index.html');
    expect(readFileSync(join(root, 'to/a/index.html'), 'utf8')).toBe('old');
  });
});
