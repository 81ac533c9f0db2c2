/**
 * npm run new-source — scaffolds DATA_DIR/sources/<id>/ for one notice: copies its files there unchanged and writes
 * a source.yml checked by the same manifest check as `npm run validate`.
 *
 * Every detail can be given as a flag; those missing are asked for when the terminal is interactive:
 *   npm run new-source -- --id wh-dongxihu-tuoyu-2024-b3 --kind institutions --sector childcare --list 备案 \
 *     --batch 3 --publisher 武汉市东西湖区卫生健康局 --title "关于公布第三批托育机构备案名单的通知" \
 *     --published 2024-05-10 --region 东西湖区 --url https://… --file ~/下载/附件1.xlsx
 * Exit 0: written; 1: the details do not make a valid source (nothing is written).
 */
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { type SourceAnswers, scaffoldManifest } from '../src/lib/ingest/scaffold-source.ts';
import { writeSource } from '../src/lib/ingest/scaffold-source-fs.ts';

const { values } = parseArgs({
  options: {
    id: { type: 'string' },
    kind: { type: 'string' },
    sector: { type: 'string' },
    list: { type: 'string' },
    stage: { type: 'string' },
    action: { type: 'string' },
    batch: { type: 'string' },
    publisher: { type: 'string' },
    title: { type: 'string' },
    'document-number': { type: 'string' },
    published: { type: 'string' },
    url: { type: 'string' },
    retrieved: { type: 'string' },
    region: { type: 'string' },
    crs: { type: 'string' },
    file: { type: 'string', multiple: true },
  },
});

type Key = Exclude<keyof SourceAnswers, 'files' | 'columns' | 'tables'>;
/** What is asked, in order: the key, the question, whether it may be left empty. */
const QUESTIONS: [Key, string, boolean][] = [
  [
    'kind',
    '类别（institutions 机构名单 / penalties 行政处罚 / inspections 检查结果 / list-actions 黑名单）',
    false,
  ],
  ['sector', '领域（childcare 托育 / postpartum 母婴护理）', false],
  ['list', '名单（备案 / 登记 / 普惠 / 示范 / 白名单 / 黑名单；行政处罚和检查结果留空）', true],
  ['stage', '阶段（proposed 拟认定名单公示 / final 正式名单；留空为正式）', true],
  ['batch', '批次（第几批，数字；没有留空）', true],
  ['action', '变动（注销、撤销更新名单或黑名单 列入/移出；没有留空）', true],
  ['publisher', '发布机关', false],
  ['title', '公告标题', false],
  ['documentNumber', '文号（没有留空）', true],
  ['published', '发布日期（YYYY-MM-DD）', false],
  ['url', '公告网址（没有留空）', true],
  ['region', '发布机关所在地区（名称或六位代码，如 东西湖区）', false],
  ['id', '来源编号（小写字母、数字和连字符，如 wh-dongxihu-tuoyu-2024-b3）', false],
];

const answers: Partial<Record<Key, string>> = {
  kind: values.kind,
  sector: values.sector,
  list: values.list,
  stage: values.stage,
  action: values.action,
  batch: values.batch,
  publisher: values.publisher,
  title: values.title,
  documentNumber: values['document-number'],
  published: values.published,
  url: values.url,
  retrieved: values.retrieved ?? new Date().toISOString().slice(0, 10),
  region: values.region,
  crs: values.crs,
  id: values.id,
};
let files = values.file ?? [];

const interactive = stdin.isTTY && stdout.isTTY;
const askedFlags = Object.keys(values).length > 0;
if (interactive) {
  const rl = createInterface({ input: stdin, output: stdout });
  for (const [key, question, optional] of QUESTIONS) {
    // With flags given, only what is missing and required is asked.
    if (answers[key] !== undefined || (askedFlags && optional)) continue;
    answers[key] = (await rl.question(`${question}：`)).trim();
  }
  while (files.length === 0) {
    const line = (await rl.question('公告的文件（路径，多个用空格分隔）：')).trim();
    files = line.split(/\s+/).filter(Boolean);
  }
  rl.close();
}

const missing = QUESTIONS.filter(([k, , optional]) => !optional && !answers[k]).map(([k]) => k);
if (missing.length > 0 || files.length === 0) {
  const flags = [
    ...missing.map((k) => (k === 'documentNumber' ? 'document-number' : k)),
    ...(files.length ? [] : ['file']),
  ];
  console.error(`缺少：${flags.map((f) => `--${f}`).join(' ')}`);
  process.exit(1);
}

const dataDir = process.env.DATA_DIR || 'data';
const result = writeSource(dataDir, { ...(answers as Record<Key, string>), files }, scaffoldManifest);
if (!result.ok) {
  for (const p of result.problems) console.error(`错误 ${p.column ? `${p.column} — ` : ''}${p.message}`);
  process.exit(1);
}
console.log(
  `已创建 ${result.dir}：source.yml 和 ${files.length} 个文件（原样复制）。下一步：npm run validate`,
);
