/** The penalties download: one row per decision in its publicity window, newest first. */
import { comparePenaltiesNewest } from '../../domain/rules/order.ts';
import type { Penalty } from '../../domain/schemas.ts';
import { paths } from '../urls.ts';
import {
  type Dataset,
  derived,
  ENTRY_SEP,
  fieldColumn,
  fromField,
  institutionLinkColumns,
  provenanceColumns,
  provenanceText,
  regionColumns,
  sectorColumn,
  urlColumn,
  withCarried,
} from './columns.ts';

export const penalties: Dataset<Penalty> = {
  id: 'penalties',
  title: '行政处罚',
  description:
    '截至数据日期仍在公示期内的行政处罚，按处罚决定日期从新到旧。已过公示期、仅警告和已撤销的处罚不在其中。',
  records: (data) => [...data.penalties].sort(comparePenaltiesNewest),
  columns: withCarried('penalties', [
    derived({
      key: 'id',
      label: '处罚编号',
      description: '本站处罚编号。',
      type: 'code',
      json: (r) => r.id,
    }),
    fieldColumn('documentNumber'),
    ...institutionLinkColumns<Penalty>(),
    fromField('name', {
      key: 'subjectName',
      label: '行政相对人名称',
      type: 'text',
      json: (r) => r.subjectName,
      note: '行政相对人为自然人时只保留姓氏（如“张某”）。',
    }),
    // Published as written (its spellings vary), so text, not the dictionary's closed vocabulary.
    fromField('subjectCategory', { key: 'subjectCategory', type: 'text', json: (r) => r.subjectCategory }),
    derived({
      key: 'naturalPerson',
      label: '是否自然人',
      description: '是：行政相对人为自然人，姓名已遮蔽，证件号码不发布。',
      type: 'boolean',
      json: (r) => r.naturalPerson,
    }),
    fieldColumn('uscc'),
    ...regionColumns<Penalty>(),
    sectorColumn(),
    fieldColumn('violationType'),
    fieldColumn('facts'),
    fieldColumn('basis'),
    fieldColumn('categories'),
    fieldColumn('content'),
    fromField('fineYuan', {
      key: 'fineYuan',
      type: 'integer',
      json: (r) => r.fineYuan,
      note: '下载文件中统一为元（整数）；无罚款为 0。',
    }),
    derived({
      key: 'fineText',
      label: '罚款金额原文',
      description: '来源中罚款金额的原文（如“5万”“伍仟元”“0.3”），单位以来源表头为准。',
      type: 'text',
      json: (r) => r.fineText,
    }),
    fromField('confiscatedYuan', {
      key: 'confiscatedYuan',
      type: 'integer',
      json: (r) => r.confiscatedYuan,
      note: '下载文件中统一为元（整数）；无没收为 0。',
    }),
    derived({
      key: 'confiscatedText',
      label: '没收金额原文',
      description: '来源中没收违法所得、非法财物金额的原文。',
      type: 'text',
      json: (r) => r.confiscatedText,
    }),
    fieldColumn('decided'),
    fieldColumn('publicUntil'),
    derived({
      key: 'publicUntilDerived',
      label: '公示截止期为推算',
      description: '是：来源未公布公示截止期，按公示期限规则推算（见“关于”页）。',
      type: 'boolean',
      json: (r) => r.publicUntilDerived,
    }),
    fieldColumn('authority'),
    fieldColumn('remarks'),
    derived({
      key: 'correction',
      label: '更正',
      description:
        '同一决定书文号后来重新公布且罚款、没收金额、处罚类别或公示截止期不同时，以后公布的为准，此处写明改了什么（“更正：…”）；无更正为空。',
      type: 'text',
      json: (r) => r.correction ?? null,
    }),
    ...provenanceColumns<Penalty>(),
    derived({
      key: 'alsoIn',
      label: '其他来源',
      description:
        '同一决定书文号也由这些来源发布（只计一次）：来源编号/文件名:行号。JSON 中为 {source, file, row} 对象数组。',
      type: 'object',
      json: (r) => r.alsoIn.map((p) => ({ source: p.source, file: p.file, row: p.row })),
      csv: (r) => r.alsoIn.map(provenanceText).join(ENTRY_SEP),
    }),
    urlColumn('被处罚机构的页面地址；行政相对人未对应到机构时为空。', (r) =>
      r.institutionId === null ? null : paths.institution(r.institutionId),
    ),
  ]),
};
