/**
 * The site model is built once and every output reads its views: each view is computed once and then shared, and
 * what it holds agrees with the pure function that computes it from the published data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type SiteData, SiteDataSchema } from '../../src/lib/domain/schemas.ts';
import { changeLog } from '../../src/lib/site/change-log.ts';
import { listEvents } from '../../src/lib/site/list-events.ts';
import { SiteModel } from '../../src/lib/site/model.ts';
import { penaltyFacets } from '../../src/lib/site/penalty-facets.ts';
import { regionStatistics } from '../../src/lib/site/statistics.ts';

const fixture = (): SiteData =>
  SiteDataSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/site-data.json'), 'utf8')),
  );

const options = { siteRoot: 'https://example.org/reg/', licence: 'CC BY 4.0' };

describe('SiteModel', () => {
  const data = fixture();
  const model = new SiteModel(data);

  it('computes each view once and shares it', () => {
    expect(model.events).toBe(model.events);
    expect(model.changeLog).toBe(model.changeLog);
    expect(model.feedGroups).toBe(model.feedGroups);
    expect(model.statistics).toBe(model.statistics);
    expect(model.mapLayout).toBe(model.mapLayout);
    expect(model.mapPage).toBe(model.mapPage);
    expect(model.downloads(options)).toBe(model.downloads(options));
    expect(model.downloads(options)).not.toBe(
      model.downloads({ ...options, siteRoot: 'https://other.example/' }),
    );
    const node = model.index.provinces[0];
    if (!node) throw new Error('the fixture has a province');
    expect(model.regionStatistics(node)).toBe(model.regionStatistics(node));
    expect(model.facets(node.penalties)).toBe(model.facets(node.penalties));
  });

  it('holds what the pure functions compute from the published data', () => {
    expect(model.events).toEqual(listEvents(data));
    expect(model.changeLog).toEqual(changeLog(data));
    expect(model.facets(model.index.penalties)).toBe(model.index.penaltyFacets);
    for (const node of model.index.regions.values()) {
      expect(model.facets(node.penalties)).toEqual(penaltyFacets(node.penalties));
      expect(model.regionStatistics(node)).toEqual(regionStatistics(node));
      expect(model.totalFines(node.penalties)).toBe(node.penalties.reduce((n, p) => n + p.fineYuan, 0));
    }
    for (const inst of model.index.institutions)
      expect(model.changesOf(inst.id)).toEqual(changeLog(data).byInstitution.get(inst.id) ?? []);
  });

  it('keeps the latest list changes newest first, each with its institution', () => {
    const dates = model.latestChanges.map((c) => c.event.date ?? c.event.published);
    expect(dates.length).toBeGreaterThan(0);
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const c of model.latestChanges) expect(c.institution.id).toBe(c.event.institutionId);
    expect(model.latestChanges.map((c) => c.event)).toEqual(
      model.events.slice(0, model.latestChanges.length),
    );
  });

  it('the feeds and downloads read the same events', () => {
    expect(model.feedGroups.allEvents).toBe(model.events);
    expect(model.feedGroups.allPenalties).toBe(model.index.penalties);
    const history = JSON.parse(model.downloads(options).take('list-history', 'json')) as { count: number };
    expect(history.count).toBe(model.events.length);
  });
});
