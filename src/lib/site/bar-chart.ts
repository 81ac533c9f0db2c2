/**
 * The geometry of a horizontal bar chart drawn as static SVG on the server (components/BarChart.astro): one row per
 * label, one bar per series in a row, every bar's number written beside it, so the chart reads without colour,
 * without JavaScript and without the table (which is always printed next to it). Bar lengths are proportional to
 * the values, from a zero baseline. Pure.
 */

export interface BarRow {
  label: string;
  /** One value per series. */
  values: readonly number[];
  /** The number as written beside each bar (formatted, with its unit where the chart needs one). */
  texts: readonly string[];
  /** A row drawn in the second style with a bold label, e.g. the region a comparison is about. */
  marked?: boolean;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Style index: the series, or 1 for a marked row of a one-series chart. */
  style: number;
  value: number;
  text: string;
  textX: number;
  textY: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  labelWidth: number;
  rows: { label: string; labelY: number; marked: boolean; bars: Bar[] }[];
  legend: { x: number; y: number; style: number; name: string; textX: number }[];
}

export const CHART_WIDTH = 340;
export const FONT_SIZE = 14;
const BAR_HEIGHT = 18;
const BAR_GAP = 3;
const ROW_GAP = 10;
const LEGEND_HEIGHT = 24;
const SWATCH = 12;

/** Approximate width of text: CJK and full-width characters one em, others about six tenths of one. */
export function textWidth(text: string, fontSize = FONT_SIZE): number {
  let em = 0;
  for (const ch of text) em += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return em * fontSize;
}

/**
 * Lays out `rows`; `series` names the bars of a row (a legend is drawn when there are several, or when a row is
 * marked, with `markedName` for it).
 */
export function layoutBarChart(
  rows: readonly BarRow[],
  series: readonly string[],
  markedName?: string,
): ChartLayout {
  const n = Math.max(1, series.length);
  const legendNames: { style: number; name: string }[] =
    series.length > 1
      ? series.map((name, style) => ({ style, name }))
      : markedName && rows.some((r) => r.marked)
        ? [
            { style: 0, name: series[0] ?? '' },
            { style: 1, name: markedName },
          ]
        : [];
  const legend: ChartLayout['legend'] = [];
  let lx = 0;
  for (const { style, name } of legendNames) {
    legend.push({ x: lx, y: (LEGEND_HEIGHT - SWATCH) / 2, style, name, textX: lx + SWATCH + 4 });
    lx += SWATCH + 4 + textWidth(name) + 14;
  }
  const top = legend.length > 0 ? LEGEND_HEIGHT + 4 : 0;
  const labelWidth = Math.min(
    Math.ceil(Math.max(0, ...rows.map((r) => textWidth(r.label) + (r.marked ? 2 : 0)))) + 8,
    Math.floor(CHART_WIDTH * 0.45),
  );
  const valueWidth = Math.ceil(Math.max(0, ...rows.flatMap((r) => r.texts.map((t) => textWidth(t))))) + 6;
  const barSpace = Math.max(40, CHART_WIDTH - labelWidth - valueWidth);
  const max = Math.max(0, ...rows.flatMap((r) => r.values));
  const rowHeight = n * BAR_HEIGHT + (n - 1) * BAR_GAP;
  const laid = rows.map((row, i) => {
    const y0 = top + i * (rowHeight + ROW_GAP);
    const bars = row.values.map((value, s): Bar => {
      const width = max > 0 ? Math.round((value / max) * barSpace * 100) / 100 : 0;
      const y = y0 + s * (BAR_HEIGHT + BAR_GAP);
      return {
        x: labelWidth,
        y,
        width,
        height: BAR_HEIGHT,
        style: n > 1 ? s : row.marked ? 1 : 0,
        value,
        text: row.texts[s] ?? String(value),
        textX: labelWidth + width + 4,
        textY: y + BAR_HEIGHT / 2,
      };
    });
    return { label: row.label, labelY: y0 + rowHeight / 2, marked: row.marked === true, bars };
  });
  const height = top + rows.length * (rowHeight + ROW_GAP) - (rows.length > 0 ? ROW_GAP : 0);
  return { width: CHART_WIDTH, height: Math.max(height, top + BAR_HEIGHT), labelWidth, rows: laid, legend };
}
