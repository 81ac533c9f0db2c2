/** The header navigation, in order. `section` is the first path segment a page must have to mark the item current. */
export const NAV = [
  { label: '首页', path: '/', section: '' },
  { label: '机构', path: '/institutions/', section: 'institutions' },
  { label: '地区', path: '/regions/', section: 'regions' },
  { label: '行政处罚', path: '/penalties/', section: 'penalties' },
  { label: '统计', path: '/statistics/', section: 'statistics' },
  { label: '来源', path: '/sources/', section: 'sources' },
  { label: '下载', path: '/downloads/', section: 'downloads' },
  { label: '搜索', path: '/search/', section: 'search' },
  { label: '地图', path: '/map/', section: 'map' },
  { label: '关于', path: '/about/', section: 'about' },
] as const;
