import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { fieldForHeader } from '../../src/lib/domain/fields.ts';
import { allHeaderSpellings, DUAL_JSON_CODES } from '../../src/lib/sample/headers.ts';
import { makeInstitutionName, nameKey, toTraditional, withInnerSpaces } from '../../src/lib/sample/names.ts';
import { createRng } from '../../src/lib/sample/random.ts';
import { CITIES } from '../../src/lib/sample/regions.ts';

describe('sample names and headers', () => {
  it('keeps names unique and converts Traditional spellings back to the listed name', () => {
    const rng = createRng('names');
    const used = new Set<string>();
    const converters = [
      OpenCC.Converter({ from: 't', to: 'cn' }),
      OpenCC.Converter({ from: 'tw', to: 'cn' }),
    ];
    let converted = 0;
    for (const city of CITIES) {
      for (const county of city.counties) {
        for (let i = 0; i < 40; i++) {
          const { name } = makeInstitutionName(rng, i % 4 === 0 ? 'postpartum' : 'childcare', county, used);
          const traditional = toTraditional(name);
          if (traditional !== name) converted += 1;
          for (const toSimplified of converters) expect(toSimplified(traditional), traditional).toBe(name);
          expect(nameKey(withInnerSpaces(rng, name))).toBe(name);
        }
      }
    }
    expect(used.size).toBe(CITIES.reduce((n, c) => n + c.counties.length, 0) * 40);
    expect(converted).toBeGreaterThan(1000);
  });

  it('writes only header spellings that map back to their field', () => {
    for (const { key, header } of allHeaderSpellings()) expect(fieldForHeader(header)?.key, header).toBe(key);
    for (const code of Object.values(DUAL_JSON_CODES)) expect(fieldForHeader(code)).toBeUndefined();
  });
});
