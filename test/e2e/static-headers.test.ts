/** The built `_headers` gives every feed, CSV, JSON, XML and text file of dist/ its content type with a charset. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { type HeaderRule, ruleMatches } from '../../src/lib/site/static-headers.ts';
import { builtSite, filesUnder } from './downloads-site.ts';

let dist = '';
beforeAll(() => {
  dist = builtSite();
});

function parse(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  let pattern = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!line.startsWith(' ')) pattern = line.trim();
    const m = /^\s+Content-Type:\s*(.+)$/.exec(line);
    if (m?.[1]) rules.push({ pattern, contentType: m[1] });
  }
  return rules;
}

it('every feed, CSV, JSON, XML and text file has one Content-Type rule with charset=utf-8', () => {
  const rules = parse(readFileSync(join(dist, '_headers'), 'utf8'));
  const files = filesUnder(dist).filter((f) => /\.(csv|json|xml|txt)$/i.test(f));
  expect(files.some((f) => f.startsWith('feeds/'))).toBe(true);
  for (const f of files) {
    const matching = rules.filter((r) => ruleMatches(r, `/${f.split('\\').join('/')}`));
    expect(
      matching.map((r) => r.contentType),
      f,
    ).toHaveLength(1);
    expect(matching[0]?.contentType, f).toMatch(/charset=utf-8$/);
  }
});

it('no rule applies to a page', () => {
  const rules = parse(readFileSync(join(dist, '_headers'), 'utf8'));
  for (const f of filesUnder(dist).filter((f) => f.endsWith('.html'))) {
    const url = `/${f.replace(/index\.html$/, '')}`;
    expect(
      rules.filter((r) => ruleMatches(r, url) || ruleMatches(r, `/${f}`)),
      f,
    ).toEqual([]);
  }
});
