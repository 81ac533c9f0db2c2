/** The inspections download: every published inspection, linked to an institution or not. */
import { compareInspectionsNewest } from '../../domain/rules/order.ts';
import { INSPECTION_RESULTS, type Inspection } from '../../domain/schemas.ts';
import { paths } from '../urls.ts';
import {
  type Dataset,
  derived,
  fieldColumn,
  fromField,
  institutionLinkColumns,
  provenanceColumns,
  regionColumns,
  sectorColumn,
  urlColumn,
  withCarried,
} from './columns.ts';

export const inspections: Dataset<Inspection> = {
  id: 'inspections',
  title: '监督检查',
  description: '“双随机、一公开”等监督检查结果，按检查日期从新到旧。',
  records: (data) => [...data.inspections].sort(compareInspectionsNewest),
  columns: withCarried('inspections', [
    derived({
      key: 'id',
      label: '检查编号',
      description: '本站检查记录编号。',
      type: 'code',
      json: (r) => r.id,
    }),
    ...institutionLinkColumns<Inspection>(),
    fromField('name', {
      key: 'subjectName',
      label: '检查对象名称',
      type: 'text',
      json: (r) => r.subjectName,
    }),
    fieldColumn('uscc'),
    ...regionColumns<Inspection>(),
    sectorColumn(),
    fieldColumn('task'),
    fieldColumn('item'),
    fromField('inspected', { key: 'date', type: 'date', json: (r) => r.date }),
    fromField('result', {
      key: 'result',
      type: 'enum',
      values: Object.fromEntries(INSPECTION_RESULTS.map((v) => [v, v])),
      json: (r) => r.result,
    }),
    derived({
      key: 'resultText',
      label: '检查结果原文',
      description: '来源中检查结果的原文。',
      type: 'text',
      json: (r) => r.resultText,
    }),
    fieldColumn('authority', { label: '检查机关' }),
    ...provenanceColumns<Inspection>(),
    urlColumn('被检查机构的页面地址；未对应到机构时为空。', (r) =>
      r.institutionId === null ? null : paths.institution(r.institutionId),
    ),
  ]),
};
