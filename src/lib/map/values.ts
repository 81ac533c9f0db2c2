/**
 * The status and sector lists in schema order, for code that runs in the browser. schemas.ts builds its zod schemas
 * when imported, which would put zod into every map script; labels.ts holds the same keys without it. A unit test
 * (map-values.test.ts) checks that these equal STATUSES and SECTORS.
 */
import type { Sector, Status } from '../domain/schemas.ts';
import { SECTOR_LABEL, STATUSES_ORDER } from '../site/labels.ts';

export const MAP_STATUSES: readonly Status[] = (Object.keys(STATUSES_ORDER) as Status[]).sort(
  (a, b) => STATUSES_ORDER[a] - STATUSES_ORDER[b],
);

export const MAP_SECTORS: readonly Sector[] = Object.keys(SECTOR_LABEL) as Sector[];
