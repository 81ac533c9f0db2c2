// @ts-check
/**
 * The one file an agency edits to publish this register under its own name.
 * Environment variables SITE_URL and BASE_PATH override `url` and `basePath` at build time.
 * Checked by src/lib/site/config.ts when the site builds; a wrong value stops the build with a message naming it.
 */
export default {
  /** Site name, shown in the header, page titles and feeds. */
  name: '托育与母婴护理机构公示名录',
  /** Short line under the name. */
  tagline: '托育机构、母婴护理（月子）机构名单与行政处罚信息汇编',
  /** The agency or organisation that publishes this site. */
  publisher: '托育与母婴护理机构公示名录编辑组',
  /** Area the register covers, in words. */
  regionScope: '湖北省武汉市东西湖区、贵州省凯里市、浙江省宁波市（示例数据）',
  /** Where readers report an error. Email, URL or both; at least one. */
  contact: {
    email: 'corrections@example.org',
    url: null,
  },
  /** Licence of the compiled data, shown in the footer and on the downloads page. */
  licence: {
    name: 'CC BY 4.0',
    url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
    note: '名录数据整理自各级政府部门公开发布的信息，转载请注明本站及原始发布机关。',
  },
  /** Canonical origin of the deployed site (overridden by SITE_URL). */
  url: 'http://localhost:4321',
  /** Path the site is served under, e.g. '/register/' (overridden by BASE_PATH). */
  basePath: '/',
  /**
   * The date statuses and publicity windows are decided for when the AS_OF variable is not set: 'today' (the date in
   * China at build time; penalties leave the site when their publicity window ends) or a fixed 'YYYY-MM-DD'.
   */
  asOf: 'today',
  /** Rows per page in institution tables and penalty lists. */
  pageSize: { institutions: 200, penalties: 100 },
  /**
   * Residents per region (GB/T 2260 code → number), for 托位 per 1,000 residents on region pages.
   * Leave empty when no population figure has been published; the figure is then not shown.
   */
  population: {},
  /**
   * Births per region and year (GB/T 2260 code → { 'YYYY': births }), from the statistics bureau's or health
   * commission's published figure, for 机构 per 1,000 births on the statistics pages (/statistics/ and each region's):
   * institutions on a list at the end of that year (on the as-of date in the current year) per 1,000 births, and a
   * region's ratio against the other regions of its level in its province. Only the regions and years given here
   * show the figure; a year after the as-of date is not shown. The entries below are examples for the demo data:
   * replace them with the published figures of your area, or leave `births: {}`.
   */
  births: {
    420112: { 2024: 3120, 2025: 2960 },
    522601: { 2025: 4870 },
  },
  /**
   * Where to complain (投诉举报), shown on every institution page: by GB/T 2260 region code, for 托育 (`childcare`,
   * the 卫生健康 department) and 母婴护理 (`postpartum`, the 市场监管 department), each a list of
   * { name, phone, url, note }. The innermost region with an entry for the sector is used; without one, the national
   * numbers (12345, 12315) are shown. The entries below are examples for the demo data: replace them with the real
   * departments of your area.
   */
  complaints: {
    420112: {
      childcare: [
        { name: '东西湖区卫生健康局（示例）', phone: '027-00000000', note: '托育机构备案与监督管理' },
        { name: '12345 政务服务便民热线', phone: '12345' },
      ],
    },
    330200: {
      postpartum: [
        { name: '宁波市市场监督管理局（示例）', phone: '12315', url: 'https://www.12315.cn/' },
        { name: '12345 政务服务便民热线', phone: '12345' },
      ],
    },
  },
  /**
   * Map tiles for the map page and the small maps. The tile host is added to the Content-Security-Policy (img-src)
   * automatically; no other outside host is. `null` means no tiles: markers on a plain background, and the site then
   * makes no request to any other host. `attribution` is plain text, shown on every map.
   * `crs`: 'wgs84' for OpenStreetMap and most world providers; 'gcj02' for Chinese providers, e.g. Amap:
   *   { url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
   *     subdomains: ['1', '2', '3', '4'], maxZoom: 18, attribution: '© 高德地图', crs: 'gcj02' }
   * The data stays WGS-84; with 'gcj02' the browser shifts markers to match the tiles.
   * OpenStreetMap's own servers are for light use (https://operations.osmfoundation.org/policies/tiles/); a busy
   * deployment should name its own tile server here.
   */
  tiles: {
    url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    subdomains: [],
    maxZoom: 18,
    attribution: '© OpenStreetMap 贡献者',
    crs: 'wgs84',
  },
};
