/**
 * Runs the check of the /validate/ page and shows its result: counts, the problems by row, the tables with the
 * offending cells marked, one record as the site would show it, and the source.yml to download. Every text from
 * the files goes into the page as text nodes (never as HTML), so a cell holding markup shows as that markup.
 */
import './buffer-global.ts';
import type { Institution, Penalty, Problem, SiteData } from '../domain/schemas.ts';
import { hiddenLabel } from '../ingest/decide-visibility.ts';
import { findRegions } from '../ingest/find-region.ts';
import type { PipelineResult } from '../ingest/run-pipeline.ts';
import { formatDate, formatYuan } from '../site/format.ts';
import { listEntries } from '../site/institution-view.ts';
import { CAPACITY_LABEL, LIST_LABEL, SECTOR_LABEL } from '../site/labels.ts';
import { statusView } from '../site/status-view.ts';
import { checkNotice, type NoticeAnswers, type TablePreview } from './check-notice.ts';
import { columnAnswers, controlOf, tableAnswers } from './form-rows.ts';

export { addColumnRow, addTableRow, kindChanged } from './form-rows.ts';

export interface FieldError {
  /** The id of the field at fault. */
  field: string;
  message: string;
}

const $ = (id: string) => document.getElementById(id) as HTMLElement;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string | null,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** What a region name picks in GB/T 2260, in words, for the hint under the field. */
export function describeRegion(query: string): string {
  const found = findRegions(query);
  if (found.length === 1 && found[0]) return `将使用：${found[0].fullName}（${found[0].code}）`;
  if (found.length === 0) return `找不到“${query}”，请填写全称（如 湖北省武汉市东西湖区）或六位代码`;
  return `有 ${found.length} 处同名：${found.map((r) => `${r.fullName}（${r.code}）`).join('、')}；请填写全称或代码`;
}

function answersOf(form: HTMLFormElement): { answers: NoticeAnswers; asOf: string } {
  const data = new FormData(form);
  const text = (k: string) => String(data.get(k) ?? '').trim();
  return {
    answers: {
      id: text('id'),
      kind: text('kind'),
      sector: text('sector'),
      list: text('list'),
      stage: text('stage'),
      action: text('action'),
      batch: text('batch'),
      publisher: text('publisher'),
      title: text('title'),
      documentNumber: text('documentNumber'),
      published: text('published'),
      url: text('url'),
      retrieved: text('retrieved'),
      region: text('region'),
      crs: text('crs'),
      columns: columnAnswers(form),
      tables: tableAnswers(form),
    },
    asOf: text('asOf'),
  };
}

/** The manifest's keys by the form field that sets them. */
const FIELD_OF_KEY: Record<string, string> = {
  id: 'v-id',
  kind: 'v-kind',
  sector: 'v-sector',
  list: 'v-list',
  stage: 'v-stage',
  action: 'v-action',
  batch: 'v-batch',
  publisher: 'v-publisher',
  title: 'v-title',
  document_number: 'v-documentNumber',
  published: 'v-published',
  url: 'v-url',
  retrieved: 'v-retrieved',
  region: 'v-region',
  crs: 'v-crs',
  files: 'v-files',
};

let manifestText: string | null = null;

/** Checks the notice; returns what the form must correct first (empty when the check ran). */
export async function runCheck(form: HTMLFormElement, files: File[]): Promise<FieldError[]> {
  const { answers, asOf } = answersOf(form);
  const loaded = await Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  const started = performance.now();
  const check = await checkNotice(answers, loaded, asOf);
  const ms = performance.now() - started;
  form.setAttribute('data-check-ms', ms.toFixed(0));
  form.setAttribute('data-pipeline-ms', check.pipelineMs.toFixed(0));
  if (!check.result || check.manifestText === null) {
    ($('v-result') as HTMLElement).hidden = true;
    return check.manifestProblems.map((p) => ({
      field: FIELD_OF_KEY[p.column ?? ''] ?? controlOf(p.column ?? '') ?? 'v-kind',
      message: p.message,
    }));
  }
  manifestText = check.manifestText;
  showSummary(check.result, ms);
  showProblems(check.result, check.previews);
  showPreviews(check.previews, check.result.report.problems);
  showExample(check.result.data);
  $('v-manifest').textContent = check.manifestText;
  const section = $('v-result');
  section.hidden = false;
  $('v-result-h').focus();
  return [];
}

$('v-download').addEventListener('click', () => {
  if (manifestText === null) return;
  const url = URL.createObjectURL(new Blob([manifestText], { type: 'text/yaml;charset=utf-8' }));
  const a = el('a', null, { href: url, download: 'source.yml' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});

function showSummary(result: PipelineResult, ms: number) {
  const t = result.report.totals;
  const errors = result.report.problems.filter((p) => p.severity === 'error').length;
  const verdict =
    result.exitCode === 0
      ? el('p', `可以发布：${t.rows} 行全部可以采用。`, { class: 'v-verdict-ok' })
      : result.exitCode === 1
        ? el('p', `有 ${t.rejected} 行因错误无法采用，请按下面的问题清单修改后再发布。`, {
            class: 'v-verdict-bad',
          })
        : el('p', '有文件无法读取，请按下面的问题清单处理后再发布。', { class: 'v-verdict-bad' });
  const counts = el('ul', null, { class: 'v-counts', id: 'v-counts' });
  const items: Array<[string, number, string]> = [
    ['行', t.rows, 'rows'],
    ['公示', t.published, 'published'],
    ['合并', t.merged, 'merged'],
    ['不公示', t.hidden, 'hidden'],
    ['无法采用', t.rejected, 'rejected'],
    ['错误', errors, 'errors'],
    ['警告', t.warnings, 'warnings'],
  ];
  for (const [label, n, key] of items) {
    const li = el('li', null, { 'data-count': key });
    li.append(el('strong', String(n)), label);
    counts.append(li);
  }
  $('v-summary').replaceChildren(
    verdict,
    counts,
    el('p', `用时 ${(ms / 1000).toFixed(2)} 秒，全部在本机完成。`, { class: 'muted' }),
  );
}

/** The anchor of a row in the preview, when the preview shows it. */
function rowAnchor(previews: TablePreview[], file: string, row: number | null): string | null {
  const i = previews.findIndex((p) => p.file === file);
  if (i < 0 || row === null) return null;
  const p = previews[i] as TablePreview;
  return p.rows.some((r) => r.n === row) || p.headerRow === row ? `v-r${i}-${row}` : null;
}

function showProblems(result: PipelineResult, previews: TablePreview[]) {
  const { problems, hidden } = result.report;
  const box = $('v-problems');
  if (problems.length === 0 && hidden.length === 0) {
    box.replaceChildren(el('p', '没有发现问题。'));
    return;
  }
  const table = el('table', null, { id: 'v-problem-table' });
  table.append(el('caption', `问题 ${problems.length} 条，不公示的行 ${hidden.length} 行`));
  const head = el('tr');
  for (const h of ['文件', '行', '列', '级别', '问题', '代码']) head.append(el('th', h, { scope: 'col' }));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  for (const p of problems) body.append(problemRow(p, previews));
  for (const h of hidden) {
    const tr = el('tr', null, { 'data-hidden': h.reason });
    tr.append(el('td', h.file), rowCell(previews, h.file, h.row), el('td'), el('td', '不公示'));
    tr.append(el('td', hiddenLabel(h)), el('td', h.reason));
    body.append(tr);
  }
  table.append(body);
  box.replaceChildren(scrollBox(table, '问题清单'));
}

/** A wide table scrolls in its own box, which the keyboard can reach and scroll too. */
function scrollBox(table: HTMLTableElement, label: string): HTMLElement {
  const wrap = el('div', null, { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' });
  wrap.append(table);
  return wrap;
}

function rowCell(previews: TablePreview[], file: string, row: number | null): HTMLTableCellElement {
  const td = el('td', null, { class: 'num' });
  if (row === null) return td;
  const anchor = rowAnchor(previews, file, row);
  if (anchor) td.append(el('a', String(row), { href: `#${anchor}` }));
  else td.textContent = String(row);
  return td;
}

function problemRow(p: Problem, previews: TablePreview[]): HTMLTableRowElement {
  const tr = el('tr', null, {
    'data-code': p.code,
    'data-file': p.file ?? '',
    'data-row': p.row === null ? '' : String(p.row),
    'data-column': p.column ?? '',
    'data-severity': p.severity,
  });
  tr.append(el('td', p.file), rowCell(previews, p.file ?? '', p.row), el('td', p.column ?? ''));
  tr.append(el('td', p.severity === 'error' ? '错误' : '警告'), el('td', p.message, { class: 'v-message' }));
  tr.append(el('td', p.code));
  return tr;
}

function showPreviews(previews: TablePreview[], problems: Problem[]) {
  const box = $('v-previews');
  if (previews.length === 0) {
    box.replaceChildren(el('p', '没有可以预览的表格（文件无法读取，或找不到表头）。'));
    return;
  }
  box.replaceChildren(
    ...previews.map((p, i) => {
      const own = problems.filter((x) => x.file === p.file);
      const table = el('table', null, { 'data-file': p.file });
      table.append(
        el('caption', p.omitted > 0 ? `${p.file}（另有 ${p.omitted} 行没有问题，未列出）` : p.file),
      );
      const head = el('tr', null, p.headerRow === null ? {} : { id: `v-r${i}-${p.headerRow}` });
      head.append(el('th', '行', { scope: 'col' }));
      for (const h of p.header) head.append(el('th', h, { scope: 'col' }));
      const thead = el('thead');
      thead.append(head);
      table.append(thead);
      const body = el('tbody');
      for (const r of p.rows) {
        const rowProblems = own.filter((x) => x.row === r.n);
        const tr = el('tr', null, { id: `v-r${i}-${r.n}`, 'data-row': String(r.n) });
        if (rowProblems.some((x) => x.column === null)) tr.classList.add('v-flag-row');
        tr.append(el('th', String(r.n), { scope: 'row' }));
        const width = Math.max(p.header.length, r.cells.length);
        for (let c = 0; c < width; c++) {
          const td = el('td', r.cells[c] ?? '');
          const hits = rowProblems.filter((x) => x.column !== null && x.column === p.header[c]);
          if (hits.length > 0) {
            td.classList.add('v-flag');
            td.title = hits.map((x) => x.message).join('\n');
          }
          tr.append(td);
        }
        body.append(tr);
      }
      table.append(body);
      return scrollBox(table, `表格预览：${p.file}`);
    }),
  );
}

function fact(dl: HTMLDListElement, term: string, value: string | null | undefined) {
  if (value === null || value === undefined || value === '') return;
  const div = el('div');
  div.append(el('dt', term), el('dd', value));
  dl.append(div);
}

function regionName(data: SiteData, code: string): string {
  return data.regions.find((r) => r.code === code)?.fullName ?? code;
}

/** One institution (or, for a penalties notice, one decision) with the words and labels of its page on the site. */
function showExample(data: SiteData) {
  const box = $('v-example');
  const inst = data.institutions[0];
  const pen = data.penalties[0];
  if (inst) box.replaceChildren(institutionCard(data, inst));
  else if (pen) box.replaceChildren(penaltyCard(data, pen));
  else box.replaceChildren(el('p', '这份公告没有可以公示的记录。'));
}

function institutionCard(data: SiteData, inst: Institution): HTMLElement {
  const card = el('article', null, { class: 'v-card', id: 'v-example-card' });
  card.append(el('h4', inst.name));
  const s = statusView(inst);
  const box = el('div', null, { class: `status-box s-${s.slug}` });
  box.append(el('p', `${s.icon} ${s.label}`), el('p', s.explanation));
  card.append(box);
  const dl = el('dl', null, { class: 'facts' });
  fact(dl, '类型', SECTOR_LABEL[inst.sector]);
  fact(dl, '统一社会信用代码', inst.uscc);
  fact(dl, '所在地区', regionName(data, inst.region));
  fact(dl, '地址', inst.address);
  const cap = CAPACITY_LABEL[inst.sector];
  fact(dl, cap.field, inst.capacity === null ? null : `${inst.capacity} ${cap.unit}`);
  fact(dl, '举办者', inst.operator);
  fact(dl, '备案日期', inst.filed ? formatDate(inst.filed) : null);
  fact(
    dl,
    '所在名单',
    listEntries(inst)
      .map((l) => LIST_LABEL[l.list] + (l.current ? '' : '（已不在）'))
      .join('、'),
  );
  card.append(dl);
  card.append(
    el('p', `共 ${data.institutions.length} 家机构将在网站上显示；这是第一家。`, { class: 'muted' }),
  );
  return card;
}

function penaltyCard(data: SiteData, pen: Penalty): HTMLElement {
  const card = el('article', null, { class: 'v-card', id: 'v-example-card' });
  card.append(el('h4', `${pen.subjectName} · ${pen.documentNumber}`));
  const dl = el('dl', null, { class: 'facts' });
  fact(dl, '所在地区', regionName(data, pen.region));
  fact(dl, '处罚类别', pen.categories.join('、'));
  fact(dl, '罚款', pen.fineYuan > 0 ? formatYuan(pen.fineYuan) : null);
  fact(dl, '处罚决定日期', formatDate(pen.decided));
  fact(dl, '公示截止', formatDate(pen.publicUntil) + (pen.publicUntilDerived ? '（按规则推算）' : ''));
  fact(dl, '违法行为', pen.violationType);
  fact(dl, '处罚机关', pen.authority);
  card.append(dl);
  card.append(
    el('p', `共 ${data.penalties.length} 件行政处罚将在网站上显示；这是第一件。`, { class: 'muted' }),
  );
  return card;
}
