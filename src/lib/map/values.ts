/**
 * The status and sector lists in schema order, for code that runs in the browser: taken from the zod-free
 * vocabularies, so that no map script carries the schema library.
 */
import { SECTORS, type Sector, STATUSES, type Status } from '../domain/rules/vocabularies.ts';

export const MAP_STATUSES: readonly Status[] = STATUSES;

export const MAP_SECTORS: readonly Sector[] = SECTORS;
