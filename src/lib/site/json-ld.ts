/** schema.org JSON-LD for institution pages, serialised so that no value can end the <script> element. */
import type { Institution, Region } from '../domain/schemas.ts';

const UNSAFE: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON.stringify, then escape < > & U+2028 U+2029 as \uXXXX. The result is still the same JSON value, but contains
 * no `</script>` or `<!--` an HTML parser could act on, so it is safe as the text of a script data block.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE[c] ?? c);
}

export function institutionJsonLd(
  inst: Institution,
  regions: readonly Region[],
  url: string,
): Record<string, unknown> {
  const region = regions.at(-1);
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': inst.sector === 'childcare' ? 'ChildCare' : 'LocalBusiness',
    '@id': url,
    url,
    name: inst.name,
  };
  if (inst.otherNames.length > 0) ld.alternateName = inst.otherNames;
  if (inst.uscc) {
    ld.identifier = { '@type': 'PropertyValue', propertyID: '统一社会信用代码', value: inst.uscc };
    ld.taxID = inst.uscc;
  } else {
    ld.identifier = { '@type': 'PropertyValue', propertyID: 'register-id', value: inst.id };
  }
  const address: Record<string, unknown> = { '@type': 'PostalAddress', addressCountry: 'CN' };
  const province = regions.find((r) => r.level === 'province');
  if (province) address.addressRegion = province.name;
  if (region) address.addressLocality = region.fullName;
  if (inst.address) address.streetAddress = inst.address;
  ld.address = address;
  if (inst.coordinates && !inst.coordinates.approximate) {
    ld.geo = { '@type': 'GeoCoordinates', latitude: inst.coordinates.lat, longitude: inst.coordinates.lon };
  }
  return ld;
}
