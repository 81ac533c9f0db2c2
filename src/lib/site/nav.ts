import { paths } from './urls.ts';

/** The header navigation, in order. `section` is the first path segment a page must have to mark the item current. */
export const NAV = [
  { label: '首页', path: paths.home, section: '' },
  { label: '机构', path: paths.institutions, section: 'institutions' },
  { label: '地区', path: paths.regions, section: 'regions' },
  { label: '行政处罚', path: paths.penalties, section: 'penalties' },
  { label: '统计', path: paths.statistics, section: 'statistics' },
  { label: '来源', path: paths.sources, section: 'sources' },
  { label: '下载', path: paths.downloads, section: 'downloads' },
  { label: '搜索', path: paths.search, section: 'search' },
  { label: '地图', path: paths.map, section: 'map' },
  { label: '关于', path: paths.about, section: 'about' },
] as const;
