/**
 * npm run validate — reads DATA_DIR (default data) as of AS_OF (default today), prints a report in Chinese,
 * writes reports/validation.json and the merged data the site reads (.cache/data.json).
 * Exit 0: nothing rejected; 1: some rows rejected; 2: a source cannot be read at all.
 * Sources that changed are read on worker threads where there are three cores or more (VALIDATE_JOBS overrides;
 * ingest-threads-fs.ts).
 * `--for-build` (npm run data) always exits 0 unless the pipeline itself fails: the rest of the data still builds.
 */

import { resolveAsOf } from '../src/lib/ingest/as-of.ts';
import { hiddenLabel } from '../src/lib/ingest/decide-visibility.ts';
import { ingestOnThreads } from '../src/lib/ingest/ingest-threads-fs.ts';
import { fileSourceCache, loadSources, writeOutputs } from '../src/lib/ingest/pipeline-fs.ts';
import { runPipeline } from '../src/lib/ingest/run-pipeline.ts';
import { configuredAsOf } from '../src/lib/site/config.ts';

const args = new Set(process.argv.slice(2));
const forBuild = args.has('--for-build');
const quiet = args.has('--quiet');
const dataDir = process.env.DATA_DIR || 'data';
const asOf = resolveAsOf(process.env.AS_OF || configuredAsOf());

const cacheDir = process.env.CACHE_DIR || '.cache';
const started = performance.now();
// --no-cache reads every source again (benchmarks); by default unchanged sources come from the cache.
const cache = args.has('--no-cache') ? undefined : fileSourceCache(cacheDir);
const loaded = loadSources(dataDir);
// Sources not in the cache are read on worker threads (VALIDATE_JOBS); the merge that follows is the same either way.
const result = await runPipeline(loaded, asOf, await ingestOnThreads(loaded, asOf, cache));
writeOutputs(result, { cacheDir, reportsDir: process.env.REPORTS_DIR || 'reports' });
const seconds = (performance.now() - started) / 1000;

const { report } = result;
const t = report.totals;
const lines: string[] = [];
lines.push(`数据截止日 ${asOf} · 数据目录 ${dataDir}`);
lines.push(
  `共 ${t.rows} 行：发布 ${t.published}，合并 ${t.merged}，隐藏 ${t.hidden}，拒收 ${t.rejected}；警告 ${t.warnings} 条`,
);
lines.push(
  `合并后机构 ${result.data.institutions.length} 家，公示中的行政处罚 ${result.data.penalties.length} 件，检查结果 ${result.data.inspections.length} 条`,
);
if (!quiet) {
  const problemsBySource = Map.groupBy(report.problems, (p) => p.source);
  const hiddenBySource = Map.groupBy(report.hidden, (h) => h.source);
  for (const s of report.sources) {
    lines.push('');
    lines.push(
      `【${s.id}】${s.rows} 行：发布 ${s.published}，合并 ${s.merged}，隐藏 ${s.hidden}，拒收 ${s.rejected}`,
    );
    for (const p of problemsBySource.get(s.id) ?? []) {
      const where = `${p.file ?? ''}${p.row !== null ? `:${p.row}` : ''}`;
      const level = p.severity === 'error' ? '错误' : '警告';
      lines.push(
        `  ${level} ${p.source} · ${where}${p.column ? ` · ${p.column}` : ''} — ${p.message} [${p.code}]`,
      );
    }
    for (const h of hiddenBySource.get(s.id) ?? []) {
      lines.push(`  隐藏 ${h.source} · ${h.file}:${h.row} — ${hiddenLabel(h)} [${h.reason}]`);
    }
  }
}
lines.push('');
lines.push(
  `${cache ? `缓存：${cache.hits} 个来源未变、${cache.misses} 个重新读取；` : ''}用时 ${seconds.toFixed(2)} 秒（${Math.round(t.rows / Math.max(seconds, 1e-6)).toLocaleString('en-US')} 行/秒）；报告已写入 ${process.env.REPORTS_DIR || 'reports'}/validation.json`,
);
console.log(lines.join('\n'));
process.exitCode = forBuild ? 0 : result.exitCode;
