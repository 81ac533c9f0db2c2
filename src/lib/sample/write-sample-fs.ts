/**
 * Writes a planned sample to disk in the layout of data/sources: DIR/sources/<id>/source.yml and the files, then
 * DIR/expect-summary.json and DIR/expect-rows.json.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import { layoutFile } from './layout.ts';
import type { SamplePlan } from './plan-sample.ts';
import type { Manifest } from './types.ts';
import { csvText, encodeText } from './write-csv.ts';
import { jsonText } from './write-json.ts';
import { xlsxBuffer } from './write-xlsx.ts';

/** source.yml in the field order of the data contract. */
export function manifestYaml(m: Manifest): string {
  const ordered: Record<string, unknown> = {};
  const keys: (keyof Manifest)[] = [
    'kind',
    'sector',
    'list',
    'action',
    'batch',
    'publisher',
    'title',
    'document_number',
    'published',
    'url',
    'retrieved',
    'region',
    'crs',
    'files',
    'columns',
  ];
  for (const key of keys) if (m[key] !== undefined) ordered[key] = m[key];
  return YAML.stringify(ordered, { lineWidth: 0 });
}

async function isNonEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

export async function writeSample(
  plan: SamplePlan,
  outDir: string,
  options: { force: boolean },
): Promise<void> {
  if (await isNonEmpty(outDir)) {
    if (!options.force) {
      throw new Error(`输出目录 ${outDir} 不是空的。加 --force 会先清空其中的 sources/ 再写入。`);
    }
    await rm(join(outDir, 'sources'), { recursive: true, force: true });
  }
  for (const source of plan.sources) {
    const dir = join(outDir, 'sources', source.id);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'source.yml'), manifestYaml(source.manifest));
    for (const file of source.files) {
      let data: Buffer | string;
      if (file.format === 'json') {
        data = jsonText(file);
      } else if (file.format === 'csv') {
        data = encodeText(csvText(layoutFile(file), file.eol), file.encoding);
      } else {
        const meta = plan.xlsxMeta.get(`${source.id}/${file.name}`);
        if (!meta) throw new Error(`no document properties for ${source.id}/${file.name}`);
        data = await xlsxBuffer(file, layoutFile(file), meta);
      }
      await writeFile(join(dir, file.name), data);
    }
  }
  await writeFile(join(outDir, 'expect-summary.json'), `${JSON.stringify(plan.summary, null, 2)}\n`);
  await writeFile(join(outDir, 'expect-rows.json'), `${JSON.stringify(plan.rows, null, 1)}\n`);
}
