/**
 * The deploy guide as documentation that is tested: every content type the build writes into _headers is in the
 * table a server operator reads, and the CI workflow builds with the project's own scripts and publishes dist/.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTENT_TYPES, contentType } from '../../src/lib/site/static-headers.ts';

const guide = readFileSync('docs/deploy.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

it('names every content type the build sends', () => {
  for (const t of [...Object.values(CONTENT_TYPES), contentType('feeds/a.xml')]) expect(guide).toContain(t);
});

it('the GitHub Actions workflow installs, builds with npm scripts that exist and publishes dist/', () => {
  const wf = parse(readFileSync('docs/deploy/github-pages.yml', 'utf8')) as {
    on: { push: { branches: string[] } };
    jobs: { build: { steps: { run?: string; uses?: string; with?: { path?: string } }[] }; deploy: unknown };
  };
  expect(wf.on.push.branches).toContain('main');
  const runs = wf.jobs.build.steps.flatMap((s) => (s.run ? [s.run] : []));
  expect(runs[0]).toBe('npm ci');
  for (const r of runs.slice(1)) expect(pkg.scripts[r.replace(/^npm run /, '')], r).toBeDefined();
  expect(runs).toContain('npm run build');
  const upload = wf.jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'));
  expect(upload?.with?.path).toBe('dist');
  expect(wf.jobs.deploy).toBeDefined();
});
