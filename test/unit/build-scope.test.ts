/**
 * Shard plans: every province in exactly one shard, packed largest first into the lightest shard, the same plan for
 * the same data; shard scopes that split the institutions and regions without overlap. And the CI matrix that runs
 * them: as many matrix jobs as shards, each uploading the directory the merge job reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SiteDataSchema } from '../../src/lib/domain/schemas.ts';
import { planShards, provinceOf, provinceWeights, shardScope } from '../../src/lib/site/build-scope.ts';
import { buildSiteIndex } from '../../src/lib/site/site-index.ts';

const site = buildSiteIndex(
  SiteDataSchema.parse(
    JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/site-data.json'), 'utf8')),
  ),
);
const size = { institutions: 200, penalties: 100 };

describe('planShards', () => {
  it('puts every province in exactly one shard, the site-wide pages in shard 1', () => {
    for (const n of [1, 2, 3, 4, 7]) {
      const plan = planShards(site, n, size);
      expect(plan.shards.map((s) => s.shard)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
      expect(plan.shards.map((s) => s.siteWide)).toEqual(plan.shards.map((s) => s.shard === 1));
      expect(plan.shards.flatMap((s) => s.provinces).sort()).toEqual(
        site.provinces.map((p) => p.region.code).sort(),
      );
    }
  });

  it('packs largest first into the lightest shard, and plans the same way every time', () => {
    const weights = [...provinceWeights(site, size)].sort((x, y) => y[1] - x[1]);
    expect(new Set(weights.map(([, w]) => w)).size).toBe(weights.length);
    // Shards 2..N start empty, lighter than shard 1 with the site-wide pages: the heaviest province goes to shard 2,
    // the next to shard 3, and so on.
    const plan = planShards(site, weights.length + 1, size);
    expect(plan.shards.map((s) => s.provinces)).toEqual([[], ...weights.map(([code]) => [code])]);
    expect(plan.shards.slice(1).map((s) => s.weight)).toEqual(weights.map(([, w]) => w));
    expect(planShards(site, weights.length + 1, size)).toEqual(plan);
    // With two shards, the second takes provinces while it is the lighter one.
    const two = planShards(site, 2, size);
    expect(two.shards[1]?.provinces).toContain(weights[0]?.[0]);
  });

  it('refuses a shard count that is not a positive integer', () => {
    expect(() => planShards(site, 0, size)).toThrow('分片数应为正整数');
    expect(() => planShards(site, 1.5, size)).toThrow('分片数应为正整数');
  });
});

describe('shardScope', () => {
  it('splits institutions and regions between the shards without overlap, by province', () => {
    const plan = planShards(site, 3, size);
    const scopes = [1, 2, 3].map((k) => shardScope(site, plan, k));
    const ids = scopes.flatMap((s) => s.institutions ?? []);
    expect(ids.sort()).toEqual(site.institutions.map((i) => i.id).sort());
    const codes = scopes.flatMap((s) => s.regions ?? []);
    expect(codes.sort()).toEqual([...site.regions.keys()].sort());
    for (const [k, s] of scopes.entries()) {
      const provinces = new Set(plan.shards[k]?.provinces);
      for (const code of s.regions ?? []) {
        const node = site.regions.get(code);
        expect(node && provinces.has(provinceOf(node)), code).toBe(true);
      }
      expect(s.shard).toBe(`${k + 1}/3`);
      expect(s.siteWide).toBe(k === 0);
    }
    expect(() => shardScope(site, plan, 4)).toThrow('分片 4 不在 1..3 之间');
  });
});

describe('the sharded GitHub Actions workflow', () => {
  interface Step {
    run?: string;
    uses?: string;
    with?: Record<string, string | number | boolean>;
  }
  const wf = parse(readFileSync('docs/deploy/github-pages-shards.yml', 'utf8')) as {
    env: { SHARDS: number };
    jobs: Record<string, { needs?: string; steps: Step[]; strategy?: { matrix: { shard: number[] } } }>;
  };

  /** A GitHub Actions expression as the workflow writes it. */
  const expr = (e: string) => `\${{ ${e} }}`;
  const kOfN = `${expr('matrix.shard')}-of-${expr('env.SHARDS')}`;

  it('has one matrix job per shard, each uploading the K-of-N directory the merge job downloads into .shards/', () => {
    const shard = wf.jobs.shard;
    expect(shard?.strategy?.matrix.shard).toEqual(Array.from({ length: wf.env.SHARDS }, (_, i) => i + 1));
    const runs = shard?.steps.flatMap((s) => (s.run ? [s.run] : [])) ?? [];
    expect(runs).toContain(
      `npm run build -- --shard ${expr('matrix.shard')}/${expr('env.SHARDS')} --no-validate`,
    );
    const upload = shard?.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.name).toBe(kOfN);
    expect(upload?.with?.path).toBe(`.shards/${kOfN}`);
    const merge = wf.jobs.merge;
    expect(merge?.needs).toBe('shard');
    const download = merge?.steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(download?.with?.path).toBe('.shards');
    expect(merge?.steps.map((s) => s.run)).toContain('npm run build -- --merge');
    const pages = merge?.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'));
    expect(pages?.with?.path).toBe('dist');
  });
});
