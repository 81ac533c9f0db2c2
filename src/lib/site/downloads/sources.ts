/** The sources download: every notice the register read, with what became of its rows. */
import { compareSourcesNewest } from '../../domain/rules/order.ts';
import type { SourceInfo } from '../../domain/schemas.ts';
import { hiddenReasonLabel, KIND_LABEL } from '../labels.ts';
import { paths } from '../urls.ts';
import {
  batchColumn,
  CRS_LABELS,
  cmp,
  type Dataset,
  derived,
  ENTRY_SEP,
  listColumn,
  regionColumns,
  sectorColumn,
  urlColumn,
} from './columns.ts';

function countsText(counts: Readonly<Record<string, number>>, label: (key: string) => string): string {
  return Object.keys(counts)
    .sort(cmp)
    .map((k) => `${label(k)} ${counts[k]}`)
    .join(ENTRY_SEP);
}

function sortedCounts(counts: Readonly<Record<string, number>>): { [k: string]: number } {
  const out: { [k: string]: number } = {};
  for (const k of Object.keys(counts).sort(cmp)) out[k] = counts[k] ?? 0;
  return out;
}

export const sources: Dataset<SourceInfo> = {
  id: 'sources',
  title: '来源',
  description:
    '收录的每一份公开发布（名单、处罚公示、检查结果、名单变动公告）及其处理结果统计，按发布日期从新到旧。',
  records: (data) => [...data.sources].sort(compareSourcesNewest),
  columns: [
    derived({
      key: 'id',
      label: '来源编号',
      description: '本站来源编号，来源页面地址由它构成。',
      type: 'code',
      json: (r) => r.id,
    }),
    derived({
      key: 'kind',
      label: '来源类型',
      description: '机构名单、行政处罚、监督检查或名单变动。',
      type: 'enum',
      values: KIND_LABEL,
      json: (r) => r.kind,
    }),
    sectorColumn(),
    listColumn('机构名单和名单变动所属的名单。'),
    derived({
      key: 'action',
      label: '变动',
      description: '名单变动公告的变动类型（列入、移出、注销、撤销）。',
      type: 'text',
      json: (r) => r.action,
    }),
    batchColumn(),
    derived({
      key: 'publisher',
      label: '发布机关',
      description: '发布该公告的机关。',
      type: 'text',
      json: (r) => r.publisher,
    }),
    derived({
      key: 'title',
      label: '公告标题',
      description: '公告（通知）的标题。',
      type: 'text',
      json: (r) => r.title,
    }),
    derived({
      key: 'documentNumber',
      label: '公告文号',
      description: '公告（通知）的文号。',
      type: 'code',
      json: (r) => r.documentNumber,
    }),
    derived({
      key: 'published',
      label: '发布日期',
      description: '公告的发布日期。',
      type: 'date',
      json: (r) => r.published,
    }),
    derived({
      key: 'originalUrl',
      label: '原文地址',
      description: '公告原文的网址。',
      type: 'text',
      json: (r) => r.url,
    }),
    derived({
      key: 'retrieved',
      label: '获取日期',
      description: '本站获取该公告的日期。',
      type: 'date',
      json: (r) => r.retrieved,
    }),
    ...regionColumns<SourceInfo>(),
    derived({
      key: 'crs',
      label: '坐标系',
      description: '来源发布坐标所用的坐标系。',
      type: 'enum',
      values: CRS_LABELS,
      json: (r) => r.crs,
    }),
    derived({
      key: 'files',
      label: '文件',
      description: '公告的附件文件名。',
      type: 'list',
      json: (r) => r.files,
    }),
    derived({
      key: 'rows',
      label: '数据行数',
      description: '来源文件中的数据行数。',
      type: 'integer',
      json: (r) => r.counts.rows,
    }),
    derived({
      key: 'publishedRows',
      label: '发布行数',
      description: '成为一条新记录的行数。',
      type: 'integer',
      json: (r) => r.counts.published,
    }),
    derived({
      key: 'mergedRows',
      label: '合并行数',
      description: '并入已有记录的行数（同一机构、同一决定书文号或完全重复的行）。',
      type: 'integer',
      json: (r) => r.counts.merged,
    }),
    derived({
      key: 'hiddenRows',
      label: '不公示行数',
      description: '因已过公示期、仅警告或已撤销而不公示的处罚行数。',
      type: 'integer',
      json: (r) => r.counts.hidden,
    }),
    derived({
      key: 'rejectedRows',
      label: '退回行数',
      description: '因错误未收录的行数（原因见校验报告）。',
      type: 'integer',
      json: (r) => r.counts.rejected,
    }),
    derived({
      key: 'hiddenByReason',
      label: '不公示原因',
      description: '不公示的行数按原因统计。JSON 中为 {原因代码: 行数}。',
      type: 'object',
      json: (r) => sortedCounts(r.hiddenByReason),
      csv: (r) => countsText(r.hiddenByReason, hiddenReasonLabel),
    }),
    derived({
      key: 'problemsByCode',
      label: '问题统计',
      description: '校验发现的问题按代码统计（不含行内容）。JSON 中为 {问题代码: 个数}。',
      type: 'object',
      json: (r) => sortedCounts(r.problemsByCode),
      csv: (r) => countsText(r.problemsByCode, String),
    }),
    urlColumn('来源页面的地址。', (r) => paths.source(r.id)),
  ],
};
