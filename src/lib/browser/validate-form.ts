/**
 * The /validate/ form: the file list, dropping files, the error summary and the region lookup. The pipeline itself
 * (show-check.ts and everything it imports) is a separate chunk, so that no other page carries it, fetched after
 * the page's first paint (when the browser is idle, or as soon as files are chosen) so that the check itself
 * needs no network. The PDF reader's pdfjs (about 2.3 MB with its worker's code and the Chinese CMaps) comes after
 * it, when the page is idle again, for the same reason: a host's caching headers cannot be relied on to serve a
 * mere prefetch offline.
 */
import type { FieldError } from './show-check.ts';

type Checker = typeof import('./show-check.ts');

const form = document.getElementById('v-form') as HTMLFormElement;
const input = document.getElementById('v-files') as HTMLInputElement;
const drop = document.getElementById('v-drop') as HTMLElement;
const fileList = document.getElementById('v-file-list') as HTMLUListElement;
const region = document.getElementById('v-region') as HTMLInputElement;
const regionFound = document.getElementById('v-region-found') as HTMLOutputElement;
const asOf = document.getElementById('v-asOf') as HTMLInputElement;
const status = document.getElementById('v-status') as HTMLElement;
const errors = document.getElementById('v-errors') as HTMLElement;

let checkerLoad: Promise<Checker> | null = null;
/** The pipeline, fetched when the page is idle after its first paint, or as soon as the form needs it. */
function checker(): Promise<Checker> {
  checkerLoad ??= import('./show-check.ts');
  return checkerLoad;
}

let readyLoad: Promise<void> | null = null;
/**
 * Everything a check needs, so that the page works offline once ready (`data-ready`). The XLSX reader falls back
 * to exceljs on unusual workbooks and loads it only then: loaded here too, once the checker is in.
 */
function prepare(): Promise<void> {
  if (!readyLoad) {
    readyLoad = checker()
      .then(() => import('exceljs'))
      .then(() => {
        form.setAttribute('data-ready', '');
        whenIdle(() => preparePdfReader().catch(() => undefined));
      });
    readyLoad.catch(() => {
      status.textContent = '检查程序未能加载，请刷新页面后重试。';
    });
  }
  return readyLoad;
}
whenIdle(() => prepare().catch(() => undefined));

function whenIdle(task: () => void) {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 5000 });
  else setTimeout(task, 1000);
}

let pdfReader: Promise<void> | null = null;

/** The PDF reader, ready for a check offline: `data-pdf-ready` once it is; tried again after a failure. */
function preparePdfReader(): Promise<void> {
  if (!pdfReader) {
    pdfReader = import('./pdfjs.ts')
      .then((pdf) => pdf.preparePdfjs())
      .then(() => form.setAttribute('data-pdf-ready', ''));
    pdfReader.catch(() => {
      pdfReader = null;
    });
  }
  return pdfReader;
}

const hasPdf = (files: Iterable<File>) => Array.from(files).some((f) => /\.pdf$/i.test(f.name));

/** Today in the clerk's own time zone, as YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
if (!asOf.value) asOf.value = today();

function listFiles() {
  prepare().catch(() => undefined);
  if (hasPdf(input.files ?? [])) preparePdfReader().catch(() => undefined);
  fileList.replaceChildren(
    ...Array.from(input.files ?? [], (f) => {
      const li = document.createElement('li');
      li.textContent = `${f.name}（${(f.size / 1024).toFixed(1)} KB）`;
      return li;
    }),
  );
}
input.addEventListener('change', listFiles);

drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('v-over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('v-over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('v-over');
  if (e.dataTransfer?.files.length) {
    input.files = e.dataTransfer.files;
    listFiles();
  }
});

async function showRegion() {
  const { describeRegion } = await checker();
  regionFound.textContent = region.value.trim() === '' ? '' : describeRegion(region.value);
}
// Said while typing, not on leaving the field: text appearing under it as the pointer goes down on the button
// would move the button away before the click.
let typing: ReturnType<typeof setTimeout> | undefined;
region.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(showRegion, 250);
});

for (const group of ['columns', 'tables'] as const) {
  document.getElementById(`v-${group}-add`)?.addEventListener('click', async () => {
    const rows = await checker();
    const li = group === 'columns' ? rows.addColumnRow(form) : rows.addTableRow(form);
    li.querySelector<HTMLElement>('input, select')?.focus();
  });
}
document
  .getElementById('v-kind')
  ?.addEventListener('change', async () => (await checker()).kindChanged(form));

/** Lists what to correct at the top of the form, each linked to its field, and moves focus there. */
function showErrors(list: FieldError[]) {
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  const ul = errors.querySelector('ul') as HTMLUListElement;
  ul.replaceChildren(
    ...list.map((e) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `#${e.field}`;
      a.textContent = e.message;
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        document.getElementById(e.field)?.focus();
      });
      li.append(a);
      document.getElementById(e.field)?.setAttribute('aria-invalid', 'true');
      return li;
    }),
  );
  errors.hidden = list.length === 0;
  if (list.length > 0) errors.focus();
}

/** What the browser can tell before the pipeline runs: required fields left empty. */
function missingFields(): FieldError[] {
  const out: FieldError[] = [];
  if (!input.files || input.files.length === 0) out.push({ field: 'v-files', message: '请选择公告的附件' });
  for (const el of form.querySelectorAll<HTMLInputElement>('input[required]:not([type=file])')) {
    if (el.value.trim() === '') {
      const label = form.querySelector(`label[for="${el.id}"]`)?.textContent ?? el.name;
      out.push({ field: el.id, message: `请填写${label}` });
    }
  }
  return out;
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const missing = missingFields();
  showErrors(missing);
  if (missing.length > 0) return;
  const button = document.getElementById('v-submit') as HTMLButtonElement;
  button.disabled = true;
  status.textContent = '正在检查……';
  try {
    if (hasPdf(input.files ?? [])) {
      try {
        await preparePdfReader();
      } catch {
        status.textContent = 'PDF 读取程序未能加载（可能已断网）；请联网后刷新本页再检查。';
        return;
      }
    }
    const { runCheck } = await checker();
    const problems = await runCheck(form, Array.from(input.files ?? []));
    showErrors(problems);
    status.textContent = problems.length > 0 ? '' : '检查完成。';
  } catch (err) {
    status.textContent = `检查中断：${(err as Error).message}`;
  } finally {
    button.disabled = false;
  }
});
