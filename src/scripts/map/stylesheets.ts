/**
 * Leaflet's stylesheet and the map styles, linked when a map is about to be shown. Imported as modules, they would
 * be linked from every institution and region page, map or not; as URLs they are still built from node_modules and
 * served from this site.
 */
import leafletCss from 'leaflet/dist/leaflet.css?url';
import mapCss from '../../components/map/map.css?url';

function stylesheet(href: string): Promise<void> {
  const existing = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].find(
    (l) => l.getAttribute('href') === href,
  );
  if (existing) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.onload = () => resolve();
    link.onerror = () => reject(new Error(`${href} did not load`));
    document.head.append(link);
  });
}

export function mapStylesheets(): Promise<void> {
  return Promise.all([stylesheet(leafletCss), stylesheet(mapCss)]).then(() => undefined);
}
