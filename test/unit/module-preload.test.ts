/** Modulepreload links for a page script's chunks (src/lib/site/module-preload.ts). */
import { describe, expect, it } from 'vitest';
import { staticImports, withModulePreloads } from '../../src/lib/site/module-preload.ts';

const files: Record<string, string> = {
  '/reg/_astro/page.a1.js':
    'import{n as e,o as t}from"./labels.b2.js";import"./side.c3.js";const x=import("./lazy.d4.js");',
  '/reg/_astro/labels.b2.js': 'import{r}from"./runtime.e5.js";var e=1;export{e as n};',
  '/reg/_astro/side.c3.js': 'import{r}from"./runtime.e5.js";',
  '/reg/_astro/runtime.e5.js': 'export const r=1;',
  '/reg/_astro/lazy.d4.js': 'export const l=1;',
};
const read = (p: string) => files[p] ?? null;

describe('staticImports', () => {
  it('finds the relative imports a bundled script starts with, not its dynamic imports', () => {
    expect(staticImports(files['/reg/_astro/page.a1.js'] as string)).toEqual([
      './labels.b2.js',
      './side.c3.js',
    ]);
    expect(staticImports('export const r=1;')).toEqual([]);
  });
});

describe('withModulePreloads', () => {
  it('lists every chunk a module script imports, through other chunks, once, before the script', () => {
    const html = '<head><script type="module" src="/reg/_astro/page.a1.js"></script></head>';
    expect(withModulePreloads(html, read)).toBe(
      '<head><link rel="modulepreload" href="/reg/_astro/labels.b2.js">' +
        '<link rel="modulepreload" href="/reg/_astro/runtime.e5.js">' +
        '<link rel="modulepreload" href="/reg/_astro/side.c3.js">' +
        '<script type="module" src="/reg/_astro/page.a1.js"></script></head>',
    );
  });

  it('adds nothing for a script without imports, one not in the build, or a chunk already listed', () => {
    const plain = '<script type="module" src="/reg/_astro/runtime.e5.js"></script>';
    expect(withModulePreloads(plain, read)).toBe(plain);
    const missing = '<script type="module" src="/reg/_astro/gone.js"></script>';
    expect(withModulePreloads(missing, read)).toBe(missing);
    const twice =
      '<script type="module" src="/reg/_astro/side.c3.js"></script><script type="module" src="/reg/_astro/labels.b2.js"></script>';
    expect(withModulePreloads(twice, read)).toBe(
      '<link rel="modulepreload" href="/reg/_astro/runtime.e5.js"><script type="module" src="/reg/_astro/side.c3.js"></script>' +
        '<script type="module" src="/reg/_astro/labels.b2.js"></script>',
    );
  });
});
