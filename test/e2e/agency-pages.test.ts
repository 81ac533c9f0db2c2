/**
 * The pages for agencies and the change log in a browser: axe (WCAG 2.1 A/AA) at desktop and phone widths, no
 * console error (the CSP reports there), and no request to another host.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch } from './helpers/browser.ts';
import { type BuiltSite, buildSite } from './helpers/build.ts';
import { type Served, serve } from './helpers/serve.ts';

let site: BuiltSite;
let server: Served;
let browser: Browser;

beforeAll(async () => {
  site = buildSite();
  server = await serve(site.dist, site.base);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PAGES = ['guide/', 'downloads/templates/', 'updates/', 'institutions/91420112ma2lu9cg5h/'];

it.each(PAGES)(
  '%s: no axe violation at 1280 and 390 px, no console error, nothing from another host',
  async (path) => {
    const found: string[] = [];
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.route(
        (url) => url.origin !== server.origin,
        (route) => {
          found.push(`third-party request: ${route.request().url()}`);
          return route.abort();
        },
      );
      page.on('console', (m) => {
        if (m.type() === 'error') found.push(`console: ${m.text()}`);
      });
      try {
        const res = await page.goto(server.url + path);
        expect(res?.status()).toBe(200);
        const result = await new AxeBuilder({ page: page as Page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .analyze();
        for (const v of result.violations)
          found.push(
            `@${width}: ${v.id} — ${v.help} — ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
          );
      } finally {
        await context.close();
      }
    }
    // Map tiles are the only outside requests the site makes, and these pages have no map.
    expect(found).toEqual([]);
  },
  180_000,
);
