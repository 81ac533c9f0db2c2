import { describe, expect, it } from 'vitest';
import type { Institution, Region } from '../../src/lib/domain/schemas.ts';
import { institutionJsonLd, serializeJsonLd } from '../../src/lib/site/json-ld.ts';

describe('serializeJsonLd', () => {
  it.each([
    ['</script><script>alert(1)</script>'],
    ['<!-- x -->'],
    ['a & b'],
    ['line\u2028sep\u2029para'],
    ['"quoted" \\ backslash'],
  ])('keeps %j parseable and inert', (name) => {
    const s = serializeJsonLd({ name });
    expect(s).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(s)).toEqual({ name });
  });
});

describe('institutionJsonLd', () => {
  const regions: Region[] = [
    { code: '420000', name: '湖北省', level: 'province', parent: null, fullName: '湖北省' },
    { code: '420100', name: '武汉市', level: 'city', parent: '420000', fullName: '湖北省武汉市' },
    { code: '420112', name: '东西湖区', level: 'county', parent: '420100', fullName: '湖北省武汉市东西湖区' },
  ];
  const inst = {
    id: '91420112ma39tkfl0h',
    uscc: '91420112MA39TKFL0H',
    name: '武汉市童乐汇托育服务有限公司',
    otherNames: [],
    sector: 'childcare',
    address: '东西湖区新城八路18号',
    coordinates: { lat: 30.6, lon: 114.1, crs: 'wgs84', approximate: false },
  } as unknown as Institution;

  it('describes a childcare institution as ChildCare with its USCC', () => {
    const ld = institutionJsonLd(inst, regions, 'https://x.org/institutions/91420112ma39tkfl0h/');
    expect(ld['@type']).toBe('ChildCare');
    expect(ld.identifier).toEqual({
      '@type': 'PropertyValue',
      propertyID: '统一社会信用代码',
      value: '91420112MA39TKFL0H',
    });
    expect(ld.address).toMatchObject({ addressRegion: '湖北省', addressLocality: '湖北省武汉市东西湖区' });
    expect(ld.geo).toMatchObject({ latitude: 30.6, longitude: 114.1 });
  });

  it('describes a postpartum centre as LocalBusiness, and uses the register id without a USCC', () => {
    const ld = institutionJsonLd(
      { ...inst, sector: 'postpartum', uscc: null, id: 'k7q2m9xd' },
      regions,
      'https://x.org/',
    );
    expect(ld['@type']).toBe('LocalBusiness');
    expect(ld.identifier).toMatchObject({ value: 'k7q2m9xd' });
    expect(ld.taxID).toBeUndefined();
  });
});
