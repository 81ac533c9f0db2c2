/**
 * The repeatable parts of the /validate/ form: header mappings (`columns`: a header the dictionary does not know →
 * the label of a field of the notice's kind) and the data tables of a page or document (`tables`). Rows are built
 * here, in the checker's chunk, because the field dictionary they offer comes with the pipeline: the page's first
 * load carries no copy of it. Each row's controls are numbered in order (`v-columns-2-label`), the way a finding
 * names them (`columns.2.label`).
 */
import { FIELDS } from '../domain/fields.ts';
import { LISTS, type SourceKind } from '../domain/schemas.ts';
import type { ColumnAnswer, TableAnswer } from '../ingest/scaffold-source.ts';
import { LIST_LABEL } from '../site/labels.ts';

type Group = 'columns' | 'tables';

const ITEM: Record<Group, string> = { columns: '项', tables: '个表格' };

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const option = (value: string, text: string) => el('option', { value }, text);

/** The labels a header of this kind of notice can be mapped to, as the dictionary spells them. */
function fillLabels(select: HTMLSelectElement, kind: string) {
  const chosen = select.value;
  const fields = FIELDS.filter((f) => (f.kinds as readonly string[]).includes(kind as SourceKind));
  select.replaceChildren(option('', '请选择字段'), ...fields.map((f) => option(f.label, f.label)));
  select.value = fields.some((f) => f.label === chosen) ? chosen : '';
}

function control(row: HTMLElement, part: string, label: string, input: HTMLElement): HTMLElement {
  const wrap = el('span', { class: 'v-row-part', 'data-part': part });
  wrap.append(el('label', {}, label), input);
  row.append(wrap);
  return input;
}

function list(form: HTMLFormElement, group: Group): HTMLOListElement {
  return form.querySelector(`#v-${group}`) as HTMLOListElement;
}

/** Ids, labels' `for` and the remove buttons' names follow the rows' order. */
function renumber(form: HTMLFormElement, group: Group) {
  list(form, group)
    .querySelectorAll<HTMLLIElement>(':scope > li')
    .forEach((li, i) => {
      for (const part of li.querySelectorAll<HTMLElement>('.v-row-part')) {
        const id = `v-${group}-${i}-${part.dataset.part}`;
        part.querySelector('label')?.setAttribute('for', id);
        part.querySelector('input, select')?.setAttribute('id', id);
      }
      li.querySelector('button')?.setAttribute('aria-label', `删除第 ${i + 1} ${ITEM[group]}`);
    });
}

function removable(form: HTMLFormElement, group: Group, li: HTMLLIElement) {
  const remove = el('button', { type: 'button', class: 'v-row-remove' }, '删除');
  remove.addEventListener('click', () => {
    const next = (li.nextElementSibling ?? li.previousElementSibling) as HTMLElement | null;
    li.remove();
    renumber(form, group);
    (next?.querySelector<HTMLElement>('input, select') ?? document.getElementById(`v-${group}-add`))?.focus();
  });
  li.append(remove);
}

export function addColumnRow(form: HTMLFormElement, value: Partial<ColumnAnswer> = {}): HTMLLIElement {
  const kind = (form.elements.namedItem('kind') as HTMLSelectElement).value;
  const li = el('li', { 'data-row': 'columns' });
  const header = control(li, 'header', '文件中的表头', el('input', { type: 'text', name: 'column-header' }));
  (header as HTMLInputElement).value = value.header ?? '';
  const label = control(
    li,
    'label',
    '对应的字段',
    el('select', { name: 'column-label' }),
  ) as HTMLSelectElement;
  fillLabels(label, kind);
  label.value = value.label ?? '';
  removable(form, 'columns', li);
  list(form, 'columns').append(li);
  renumber(form, 'columns');
  return li;
}

export function addTableRow(form: HTMLFormElement, value: TableAnswer = {}): HTMLLIElement {
  const li = el('li', { 'data-row': 'tables' });
  const match = control(li, 'match', '表格前的文字', el('input', { type: 'text', name: 'table-match' }));
  (match as HTMLInputElement).value = value.match ?? '';
  const position = el('input', {
    type: 'number',
    name: 'table-table',
    min: '1',
    step: '1',
    inputmode: 'numeric',
  });
  position.value = value.table === undefined ? '' : String(value.table);
  control(li, 'table', '或：第几个数据表格', position);
  const listSelect = el('select', { name: 'table-list' });
  listSelect.append(option('', '同公告'), ...LISTS.map((l) => option(l, LIST_LABEL[l])));
  listSelect.value = value.list ?? '';
  control(li, 'list', '名单', listSelect);
  const stage = el('select', { name: 'table-stage' });
  stage.append(option('', '同公告'), option('final', '正式名单'), option('proposed', '拟认定名单'));
  stage.value = value.stage ?? '';
  control(li, 'stage', '阶段', stage);
  removable(form, 'tables', li);
  list(form, 'tables').append(li);
  renumber(form, 'tables');
  return li;
}

/** A kind changed: each mapping offers that kind's fields, and loses a label the kind does not have. */
export function kindChanged(form: HTMLFormElement) {
  const kind = (form.elements.namedItem('kind') as HTMLSelectElement).value;
  for (const s of form.querySelectorAll<HTMLSelectElement>('select[name="column-label"]'))
    fillLabels(s, kind);
}

const valueIn = (li: Element, name: string) =>
  ((li.querySelector(`[name="${name}"]`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '').trim();

export function columnAnswers(form: HTMLFormElement): ColumnAnswer[] {
  return Array.from(list(form, 'columns').children, (li) => ({
    header: valueIn(li, 'column-header'),
    label: valueIn(li, 'column-label'),
  }));
}

export function tableAnswers(form: HTMLFormElement): TableAnswer[] {
  return Array.from(list(form, 'tables').children, (li) => ({
    match: valueIn(li, 'table-match'),
    table: valueIn(li, 'table-table'),
    list: valueIn(li, 'table-list'),
    stage: valueIn(li, 'table-stage'),
  }));
}

/**
 * The control a finding of the manifest is about: `columns.2.label` → the third mapping's field; `tables.0` (an
 * entry as a whole) → its first control; `columns` or `tables` → the group's first control or its add button.
 */
export function controlOf(column: string): string | null {
  const m = /^(columns|tables)(?:\.(\d+)(?:\.(\w+))?)?$/.exec(column);
  if (!m) return null;
  const [, group, index = '0', part = group === 'columns' ? 'header' : 'match'] = m;
  const id = `v-${group}-${index}-${part}`;
  return document.getElementById(id) ? id : `v-${group}-add`;
}
