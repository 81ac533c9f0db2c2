/**
 * The whole sample as data, without touching the disk: sources with their manifests and files, and what a correct
 * pipeline must report about them. Same options → same plan.
 */
import { SourceIds } from './agencies.ts';
import { dayFromIso, isoFromDay } from './dates.ts';
import { injectDefects } from './inject-defects.ts';
import { makeInspectionSources } from './make-inspections.ts';
import { makeInstitutions, type Registry } from './make-institutions.ts';
import { makeListActionSources } from './make-list-actions.ts';
import { makeListSources } from './make-list-sources.ts';
import { makePenaltySources } from './make-penalties.ts';
import { createRng } from './random.ts';
import { pickCounties } from './regions.ts';
import { type ExpectRows, type ExpectSummary, summarize } from './summarize.ts';
import type { SourceSpec } from './types.ts';

export interface SampleOptions {
  institutions: number;
  penalties: number;
  seed: string | number;
  /** YYYY-MM-DD: every date is generated relative to it. */
  asOf: string;
  /**
   * No injected defects or quirks (no markup in names, no formula cells, no rows to reject): a demo register that
   * looks like the real thing. The defects belong in test fixtures.
   */
  clean?: boolean;
}

export interface SamplePlan {
  sources: SourceSpec[];
  summary: ExpectSummary;
  rows: ExpectRows;
  /** Per XLSX file (by source id and file name): document time and author, derived from the seed. */
  xlsxMeta: Map<string, { created: Date; author: string }>;
}

const AUTHORS = ['Administrator', 'Administrator', 'admin', 'user', 'dell', 'lenovo', 'PC', 'wjw', 'scjgj'];

export function planSample(options: SampleOptions): SamplePlan {
  if (!Number.isInteger(options.institutions) || options.institutions < 1) {
    throw new Error('机构数（--institutions）应为正整数');
  }
  if (!Number.isInteger(options.penalties) || options.penalties < 0) {
    throw new Error('处罚数（--penalties）应为非负整数');
  }
  const asOf = dayFromIso(options.asOf);
  const rng = createRng(`care-register-sample/${String(options.seed)}`);
  const registry: Registry = { codes: new Set(), names: new Set(), ids: new Set() };
  const counties = pickCounties(options.institutions);
  const institutions = makeInstitutions(rng.fork('institutions'), options.institutions, counties, registry);
  const ids = new SourceIds();
  const lists = makeListSources(rng.fork('lists'), asOf, institutions, ids);
  const penalties = makePenaltySources(
    rng.fork('penalties'),
    asOf,
    options.penalties,
    institutions,
    counties,
    registry,
    ids,
  );
  const inspections = makeInspectionSources(rng.fork('inspections'), asOf, institutions, ids);
  const actions = makeListActionSources(rng.fork('list-actions'), asOf, institutions, ids);
  const sources = [...lists, ...penalties.sources, ...inspections, ...actions];
  const injected = options.clean ? { mobiles: [] } : injectDefects(rng.fork('defects'), sources, asOf);

  const metaRng = rng.fork('xlsx-meta');
  const xlsxMeta = new Map<string, { created: Date; author: string }>();
  for (const source of sources) {
    const published = dayFromIso(source.manifest.published);
    for (const file of source.files) {
      if (file.format !== 'xlsx') continue;
      const day = published - metaRng.int(0, 3);
      const seconds = metaRng.int(8 * 3600, 18 * 3600);
      xlsxMeta.set(`${source.id}/${file.name}`, {
        created: new Date(day * 86_400_000 + seconds * 1000),
        author: metaRng.pick(AUTHORS),
      });
    }
  }
  const { summary, rows } = summarize(sources, {
    seed: options.seed,
    asOf: isoFromDay(asOf),
    institutions: options.institutions,
    penalties: options.penalties,
    forbiddenStrings: [...penalties.personNames, ...penalties.personIds, ...injected.mobiles],
  });
  return { sources, summary, rows, xlsxMeta };
}
