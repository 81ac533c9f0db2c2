/** The list-history download: every list event the public can see, newest first. */
import { EVENT_ACTIONS } from '../../domain/rules/vocabularies.ts';
import type { EventRecord } from '../list-events.ts';
import { paths } from '../urls.ts';
import {
  batchColumn,
  type Dataset,
  derived,
  fromField,
  institutionLinkColumns,
  listColumn,
  provenanceColumns,
  regionColumns,
  sectorColumn,
  urlColumn,
} from './columns.ts';

export const listHistory: Dataset<EventRecord> = {
  id: 'list-history',
  title: '名单变动',
  description: '机构列入、移出名单和注销、撤销备案的记录（含黑名单），按日期从新到旧。',
  records: (_data, ctx) => ctx.events,
  columns: [
    derived({
      key: 'id',
      label: '变动编号',
      description: '本站名单变动记录编号。',
      type: 'code',
      json: (r) => r.id,
    }),
    ...institutionLinkColumns<EventRecord>(),
    fromField('name', {
      key: 'institutionName',
      type: 'text',
      json: (r) => r.institutionName,
      note: '此处为机构当前的显示名称。',
    }),
    fromField('uscc', { key: 'uscc', type: 'code', json: (r) => r.uscc }),
    ...regionColumns<EventRecord>(),
    sectorColumn(),
    listColumn('备案、登记、普惠、示范、白名单或黑名单。'),
    derived({
      key: 'action',
      label: '变动',
      description: '列入（含各批次名单）、拟列入（征求意见的拟认定名单）、移出（黑名单）、注销或撤销。',
      type: 'enum',
      values: Object.fromEntries(EVENT_ACTIONS.map((a) => [a, a])),
      json: (r) => r.action,
    }),
    derived({
      key: 'date',
      label: '变动日期',
      description: '来源写明的日期（备案日期、注销日期、列入或移出日期）；未写明时为空，以来源发布日期为准。',
      type: 'date',
      json: (r) => r.date,
    }),
    derived({
      key: 'published',
      label: '来源发布日期',
      description: '发布该名单或公告的日期。',
      type: 'date',
      json: (r) => r.published,
    }),
    batchColumn(),
    derived({
      key: 'reason',
      label: '原因',
      description: '列入、移出、注销或撤销的原因，按发布原文。',
      type: 'text',
      json: (r) => r.reason,
    }),
    derived({
      key: 'stage',
      label: '阶段',
      description: '拟认定（公示征求意见的名单）或正式名单。',
      type: 'enum',
      values: { proposed: '拟认定', final: '正式' },
      json: (r) => r.stage,
    }),
    derived({
      key: 'publishedName',
      label: '本次公布的名称',
      description:
        '该名单公布的机构名称（按原文）；与上一次公布不同时，机构的变更记录中记为名称变更。黑名单变动为空。',
      type: 'text',
      json: (r) => r.details?.name ?? null,
    }),
    derived({
      key: 'publishedAddress',
      label: '本次公布的地址',
      description: '该名单公布的地址；未公布时为空。',
      type: 'text',
      json: (r) => r.details?.address ?? null,
    }),
    derived({
      key: 'publishedCapacity',
      label: '本次公布的托位数',
      description: '该名单公布的托位数或床位数；未公布时为空。',
      type: 'integer',
      json: (r) => r.details?.capacity ?? null,
    }),
    ...provenanceColumns<EventRecord>(),
    urlColumn('机构页面的地址。', (r) => paths.institution(r.institutionId)),
  ],
};
