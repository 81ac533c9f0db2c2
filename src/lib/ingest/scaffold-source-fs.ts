/** Writes a scaffolded source to disk: the folder, the notice's files copied byte for byte, and its source.yml. */
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Problem } from '../domain/schemas.ts';
import type { Scaffold, SourceAnswers } from './scaffold-source.ts';

export type WriteResult = { ok: true; dir: string } | { ok: false; problems: Problem[] };

export function writeSource(
  dataDir: string,
  answers: SourceAnswers,
  scaffold: (a: SourceAnswers) => Scaffold,
): WriteResult {
  const fail = (column: string, message: string): WriteResult => ({
    ok: false,
    problems: [
      {
        source: answers.id,
        file: null,
        row: null,
        column,
        field: column,
        code: 'bad-manifest',
        severity: 'error',
        message,
      },
    ],
  });
  for (const f of answers.files) {
    if (!existsSync(f) || !statSync(f).isFile()) return fail('files', `找不到文件 ${f}`);
  }
  const names = answers.files.map((f) => basename(f));
  if (new Set(names).size !== names.length) return fail('files', '有同名的文件，请先改名');
  const { text, problems } = scaffold({ ...answers, files: names });
  if (text === null) return { ok: false, problems };
  const dir = join(dataDir, 'sources', answers.id);
  // An existing source is never overwritten: its files are the record of what was published.
  if (existsSync(dir)) return fail('id', `来源 ${answers.id} 已存在（${dir}），请换一个来源编号`);
  mkdirSync(dir, { recursive: true });
  answers.files.forEach((f, i) => {
    copyFileSync(f, join(dir, names[i] ?? basename(f)));
  });
  writeFileSync(join(dir, 'source.yml'), text);
  return { ok: true, dir };
}
