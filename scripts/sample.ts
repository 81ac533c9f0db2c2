/**
 * npm run sample -- --institutions N --penalties M --seed S --out DIR [--as-of YYYY-MM-DD] [--clean] [--force]
 *   [--formats]
 *
 * Generates published sources in the layout of data/sources, deterministic for the same arguments. --clean leaves
 * out the injected defects and hostile cells (the bundled demo register is made that way). With --formats, the first
 * institutions list is also re-published as a notice page (UTF-8 and GB18030), .xls, .docx, a text PDF, nested
 * platform JSON and a scanned PDF (src/lib/sample/write-formats-fs.ts).
 */
import { parseArgs } from 'node:util';
import { resolveAsOf } from '../src/lib/ingest/as-of.ts';
import { planSample } from '../src/lib/sample/plan-sample.ts';
import { writeFormatCopies } from '../src/lib/sample/write-formats-fs.ts';
import { writeSample } from '../src/lib/sample/write-sample-fs.ts';

function count(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${flag} 应为整数，而不是“${value}”`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      institutions: { type: 'string' },
      penalties: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
      clean: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      formats: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const institutions = count(values.institutions, 1000, '--institutions');
  const penalties = count(values.penalties, institutions, '--penalties');
  const out = values.out ?? process.env.DATA_DIR;
  if (!out) throw new Error('请用 --out 指定输出目录（或设置环境变量 DATA_DIR）');
  const seedText = values.seed ?? '1';
  const seed = /^\d{1,15}$/.test(seedText) ? Number(seedText) : seedText;
  const asOf = resolveAsOf(values['as-of'] ?? process.env.AS_OF);
  const started = performance.now();
  const plan = planSample({ institutions, penalties, seed, asOf, clean: values.clean });
  await writeSample(plan, out, { force: values.force });
  const copies = values.formats ? await writeFormatCopies(out) : [];
  if (copies.length > 0) console.log(`另以其他格式重新发布：${copies.join('、')}`);
  const s = plan.summary;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const flagged = Object.values(s.defects).reduce((n, v) => n + v, 0);
  const hidden = Object.values(s.hidden).reduce((n, v) => n + v, 0);
  console.log(
    `已生成样例数据（种子 ${s.seed}，基准日 ${s.asOf}）：机构 ${s.institutions} 家、处罚 ${s.penalties} 条，` +
      `${s.sources} 个来源、${s.files} 个文件、${s.rows} 行数据；注入问题 ${flagged} 行（应拒收 ${s.rejected} 行），` +
      `应隐藏处罚 ${hidden} 条；用时 ${seconds} 秒，输出至 ${out}`,
  );
}

main().catch((e: unknown) => {
  console.error(`样例数据生成失败：${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
