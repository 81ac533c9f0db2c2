/**
 * GB/T 2260 code arithmetic, once. A six-digit 行政区划代码 is two digits of province, two of city (prefecture) and
 * two of county: a province's code ends in 0000, a city's in 00 (GB/T 2260—2007 §4; the codes the Ministry of Civil
 * Affairs publishes each year). Whether a code is in the published table is the table's business (resolve-region.ts);
 * these functions only read the digits. Free of zod and of the table, so the browser's search can use them.
 */

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'county';
}

/** The province a code lies in: 420112 → 420000. */
export function provinceCode(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** The city (prefecture) a code lies in: 420112 → 420100. */
export function cityCode(code: string): string {
  return `${code.slice(0, 4)}00`;
}

/** Whether `code` is `ancestor` or lies inside it (a county in its city or province, a city in its province). */
export function isWithinRegion(code: string, ancestor: string): boolean {
  if (code === ancestor) return true;
  switch (regionLevel(ancestor)) {
    case 'province':
      return code.slice(0, 2) === ancestor.slice(0, 2);
    case 'city':
      return code.slice(0, 4) === ancestor.slice(0, 4);
    default:
      return false;
  }
}

/** A code and the codes that enclose it, nearest first: 420112 → 420112, 420100, 420000 (no repeats). */
export function enclosingCodes(code: string): string[] {
  return [...new Set([code, cityCode(code), provinceCode(code)])];
}
