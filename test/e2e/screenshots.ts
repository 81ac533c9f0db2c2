/**
 * Screenshots of the main page types at phone and desktop widths, for a person to look at:
 *   node test/e2e/screenshots.ts [outDir]   (default .cache/screenshots)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SiteData } from '../../src/lib/domain/schemas.ts';
import { launch } from './helpers/browser.ts';
import { buildSite, ROOT } from './helpers/build.ts';
import { serve } from './helpers/serve.ts';

const out = resolve(ROOT, process.argv[2] ?? '.cache/screenshots');
mkdirSync(out, { recursive: true });
const site = buildSite();
const data = JSON.parse(readFileSync(site.dataFile, 'utf8')) as SiteData;
const withPenalties = [...data.institutions].sort((a, b) => b.penaltyIds.length - a.penaltyIds.length)[0];
const county = data.regions.find((r) => r.level === 'county');
const city = data.regions.find((r) => r.level === 'city');
const pages: [string, string][] = [
  ['home', ''],
  ['institution', `institutions/${withPenalties?.id}/`],
  ['region-city', `regions/${city?.code}/`],
  ['region-county', `regions/${county?.code}/`],
  ['penalties', 'penalties/'],
  ['statistics', 'statistics/'],
  ['region-statistics', `regions/${county?.code}/statistics/`],
  ['sources', 'sources/'],
  ['about', 'about/'],
];
const server = await serve(site.dist, site.base);
const browser = await launch();
try {
  for (const width of [390, 1280]) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const [name, path] of pages) {
      await page.goto(server.url + path);
      await page.screenshot({ path: join(out, `${name}-${width}.png`), fullPage: true });
      if (width < 600) {
        // Full phone pages shrink to illegibility when viewed whole; keep the first screens at full size too.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, n = 1; y < Math.min(height, 2400); y += 1200, n++) {
          const clip = { x: 0, y, width, height: Math.min(1200, height - y) };
          await page.screenshot({ path: join(out, `${name}-${width}-part${n}.png`), fullPage: true, clip });
        }
      }
    }
    await page.close();
  }
  // How an institution page prints.
  const print = await browser.newPage({ viewport: { width: 800, height: 1100 } });
  await print.emulateMedia({ media: 'print' });
  await print.goto(`${server.url}institutions/${withPenalties?.id}/`);
  await print.screenshot({ path: join(out, 'institution-print.png'), fullPage: true });
  await print.close();
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots in ${out}`);
