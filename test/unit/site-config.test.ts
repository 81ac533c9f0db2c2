/** site.config.mjs as an agency edits it: a wrong value stops with a message naming the key; the as-of policy. */
import { describe, expect, it } from 'vitest';
import raw from '../../site.config.mjs';
import { configuredAsOf, parseSiteConfig } from '../../src/lib/site/config.ts';

describe('site config', () => {
  it.each([
    [{ asOf: 'yesterday' }, 'asOf'],
    [{ asOf: '2024/05/10' }, 'asOf'],
    [{ contact: { email: null, url: null } }, 'contact'],
    [{ licence: { name: '' } }, 'licence.name'],
    [{ url: 'ftp://x' }, 'url'],
  ])('%o → names %s', (change, key) => {
    expect(() => parseSiteConfig({ ...raw, ...change })).toThrow(`site.config.mjs › ${key}`);
  });

  it('as-of: today unless a date is fixed', () => {
    expect(configuredAsOf(parseSiteConfig({ ...raw, asOf: 'today' }))).toBeUndefined();
    expect(configuredAsOf(parseSiteConfig({ ...raw, asOf: undefined }))).toBeUndefined();
    expect(configuredAsOf(parseSiteConfig({ ...raw, asOf: '2025-01-31' }))).toBe('2025-01-31');
  });
});
