/**
 * Small maps on institution and region pages. The figure is hidden in the HTML; this script shows it and loads
 * Leaflet and the region's points only when the figure scrolls into view, so pages that are read and left cost
 * one small script.
 */
for (const figure of document.querySelectorAll<HTMLElement>('[data-module="small-map"]')) {
  figure.hidden = false;
  const load = () => {
    import('./map/small-map-view.ts')
      .then((m) => m.showSmallMap(figure))
      .catch((e: unknown) => {
        figure.dataset.state = 'error';
        console.error(e);
      });
  };
  if (!('IntersectionObserver' in window)) {
    load();
    continue;
  }
  const seen = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        load();
      }
    },
    { rootMargin: '200px' },
  );
  seen.observe(figure);
}
