import { describe, expect, it } from 'vitest';
import {
  displayTransform,
  escapeHtml,
  readTiles,
  type TileSettings,
  tileAttributes,
} from '../../src/lib/map/tiles.ts';
import { parseSiteConfig, siteConfig } from '../../src/lib/site/config.ts';
import { buildCsp } from '../../src/lib/site/csp.ts';

const amap: TileSettings = {
  url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
  subdomains: ['1', '2', '3', '4'],
  maxZoom: 18,
  attribution: '© 高德地图',
  crs: 'gcj02',
};

/** data-* attributes as the browser's dataset sees them. */
function dataset(attrs: Record<string, string>): DOMStringMap {
  const out: DOMStringMap = {};
  for (const [k, v] of Object.entries(attrs)) {
    out[k.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
  }
  return out;
}

describe('tile settings', () => {
  it('reach the browser through data attributes unchanged', () => {
    expect(readTiles(dataset(tileAttributes(amap)))).toEqual(amap);
    expect(tileAttributes(null)).toEqual({});
    expect(readTiles({})).toBeNull();
    expect(readTiles({ tileUrl: 'javascript:alert(1)' })).toBeNull();
  });

  it('default to OpenStreetMap in WGS-84', () => {
    expect(siteConfig.tiles?.url).toBe('https://tile.openstreetmap.org/{z}/{x}/{y}.png');
    expect(siteConfig.tiles?.crs).toBe('wgs84');
  });

  it('accept a GCJ-02 provider and reject an unknown coordinate system', () => {
    const base = { ...siteConfig, licence: siteConfig.licence, contact: siteConfig.contact };
    expect(parseSiteConfig({ ...base, tiles: amap }).tiles?.crs).toBe('gcj02');
    expect(() => parseSiteConfig({ ...base, tiles: { ...amap, crs: 'bd09' } })).toThrow(/tiles\.crs/);
  });

  it('let the CSP reach the configured tile hosts and nothing else outside', () => {
    const csp = buildCsp({ tileUrl: amap.url, subdomains: amap.subdomains });
    const img = /img-src ([^;]+)/.exec(csp)?.[1]?.split(' ') ?? [];
    expect(img).toEqual([
      "'self'",
      'data:',
      'https://webrd01.is.autonavi.com',
      'https://webrd02.is.autonavi.com',
      'https://webrd03.is.autonavi.com',
      'https://webrd04.is.autonavi.com',
    ]);
    expect(csp.replace(/img-src [^;]+/, '')).not.toMatch(/https?:/);
    expect(buildCsp({ tileUrl: siteConfig.tiles?.url })).toContain(
      "img-src 'self' data: https://tile.openstreetmap.org;",
    );
  });

  it('escape attribution text, which Leaflet inserts as HTML', () => {
    expect(escapeHtml('© <b>"地图"</b> & 合作')).toBe('© &#60;b&#62;&#34;地图&#34;&#60;/b&#62; &#38; 合作');
  });
});

describe('displayTransform', () => {
  it('leaves WGS-84 alone', () => {
    const t = displayTransform('wgs84');
    expect(t.toDisplay(29.883482, 121.55308)).toEqual([29.883482, 121.55308]);
    expect(t.toWgs84(29.883482, 121.55308)).toEqual([29.883482, 121.55308]);
  });

  it('shifts points in China by a few hundred metres for GCJ-02 tiles, and back', () => {
    const t = displayTransform('gcj02');
    const [lat, lon] = t.toDisplay(29.883482, 121.55308);
    const metres = Math.hypot(
      (lat - 29.883482) * 111_000,
      (lon - 121.55308) * 111_000 * Math.cos((30 * Math.PI) / 180),
    );
    expect(metres).toBeGreaterThan(200);
    expect(metres).toBeLessThan(800);
    const [lat2, lon2] = t.toWgs84(lat, lon);
    expect(lat2).toBeCloseTo(29.883482, 5);
    expect(lon2).toBeCloseTo(121.55308, 5);
  });
});
