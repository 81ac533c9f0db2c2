/** The institutions download: one row per merged institution, with its status, lists and penalties in publicity. */
import { type Institution, LISTS } from '../../domain/schemas.ts';
import { isUnlisted, statusView, stopOrderText, unlistedLabel } from '../status-view.ts';
import { paths } from '../urls.ts';
import {
  CRS_LABELS,
  cmp,
  type Dataset,
  derived,
  ENTRY_SEP,
  fieldColumn,
  fromField,
  LIST_SEP,
  provenanceText,
  regionColumns,
  STATUS_LABELS,
  sectorColumn,
  urlColumn,
  withCarried,
} from './columns.ts';

export const institutions: Dataset<Institution> = {
  id: 'institutions',
  title: '机构',
  description: '合并后的托育机构和母婴护理机构，每个机构一行，含状态、所在名单和公示中的处罚数。',
  records: (data) => [...data.institutions].sort((a, b) => cmp(a.region, b.region) || cmp(a.id, b.id)),
  columns: withCarried('institutions', [
    derived({
      key: 'id',
      label: '机构编号',
      description: '本站机构编号，稳定不变，机构页面地址由它构成。',
      type: 'code',
      json: (r) => r.id,
    }),
    fieldColumn('uscc'),
    fromField('name', {
      key: 'name',
      type: 'text',
      json: (r) => r.name,
      note: '有多种写法时取发布日期最近的名单中的写法。',
    }),
    derived({
      key: 'otherNames',
      label: '其他名称写法',
      description: '各来源中出现过的其他名称写法。',
      type: 'list',
      json: (r) => r.otherNames,
    }),
    sectorColumn(),
    derived({
      key: 'status',
      label: '状态',
      description:
        '截至数据日期的状态：黑名单（列入且未移出）> 处罚公示中（至少一项处罚在公示期内）> 已注销（最近的名单变动为注销或撤销）> 在册。',
      type: 'enum',
      values: STATUS_LABELS,
      json: (r) => r.status,
      // A spreadsheet reader sees what the page leads with: an order to stop, or no registration at all.
      csv: (r) => `${statusView(r).label}${isUnlisted(r) ? `（${unlistedLabel(r)}）` : ''}`,
    }),
    derived({
      key: 'stopOrder',
      label: '责令停止或限制服务',
      description:
        '公示中的行政处罚里最近一项责令停止服务、停产停业、停止执业、暂扣或吊销许可证照、取缔、关闭或限制经营的决定：处罚内容原文、决定书文号和决定日期。CSV 中“状态”一列此时写作“责令停止服务”。',
      type: 'object',
      json: (r) =>
        r.stopOrder
          ? {
              order: r.stopOrder.order,
              documentNumber: r.stopOrder.documentNumber,
              decided: r.stopOrder.decided,
              penaltyId: r.stopOrder.penaltyId,
            }
          : null,
      csv: (r) => (r.stopOrder ? stopOrderText(r.stopOrder) : null),
    }),
    derived({
      key: 'onList',
      label: '在已公布名单中',
      description:
        '否：机构不在主管部门公布的任何备案、登记、普惠、示范或白名单中（未备案／未在名单），本站仅因行政处罚信息收录。',
      type: 'boolean',
      json: (r) => !isUnlisted(r),
    }),
    derived({
      key: 'statusSince',
      label: '状态起始日期',
      description: '当前状态开始适用的日期（已知时）。',
      type: 'date',
      json: (r) => r.statusSince,
    }),
    ...regionColumns<Institution>(),
    fieldColumn('address'),
    fromField('capacity', { key: 'capacity', type: 'integer', json: (r) => r.capacity }),
    fieldColumn('serviceTypes'),
    fieldColumn('operator'),
    fieldColumn('fees'),
    fieldColumn('filed'),
    fieldColumn('remarks'),
    fromField('longitude', { key: 'longitude', type: 'number', json: (r) => r.coordinates?.lon ?? null }),
    fromField('latitude', { key: 'latitude', type: 'number', json: (r) => r.coordinates?.lat ?? null }),
    derived({
      key: 'coordinatesCrs',
      label: '坐标原始坐标系',
      description: '来源发布坐标所用的坐标系；GCJ-02 坐标已转换为 WGS-84。',
      type: 'enum',
      values: CRS_LABELS,
      json: (r) => r.coordinates?.crs ?? null,
    }),
    derived({
      key: 'coordinatesApproximate',
      label: '坐标为近似位置',
      description: '是：坐标取自行政区中心而非来源发布的坐标。',
      type: 'boolean',
      json: (r) => (r.coordinates ? r.coordinates.approximate : null),
    }),
    derived({
      key: 'lists',
      label: '所在名单',
      description: '截至数据日期机构所在的名单（备案、登记、普惠、示范、白名单、黑名单）。',
      type: 'list',
      values: Object.fromEntries(LISTS.map((l) => [l, l])),
      json: (r) => r.lists,
    }),
    derived({
      key: 'activePenalties',
      label: '公示中处罚数',
      description: '截至数据日期仍在公示期内的行政处罚数。',
      type: 'integer',
      json: (r) => r.activePenalties,
    }),
    derived({
      key: 'latestPenalty',
      label: '最近处罚日期',
      description: '公示中处罚的最近处罚决定日期。',
      type: 'date',
      json: (r) => r.latestPenalty,
    }),
    derived({
      key: 'penaltyIds',
      label: '处罚编号',
      description: '公示中的处罚（见“行政处罚”下载的处罚编号）。',
      type: 'list',
      json: (r) => r.penaltyIds,
    }),
    derived({
      key: 'inspectionIds',
      label: '检查编号',
      description: '监督检查记录（见“监督检查”下载的检查编号）。',
      type: 'list',
      json: (r) => r.inspectionIds,
    }),
    derived({
      key: 'sources',
      label: '来源编号',
      description: '机构信息所依据的全部来源。',
      type: 'list',
      json: (r) => [...new Set(r.provenance.map((p) => p.source))].sort(cmp),
      csv: (r) =>
        r.provenance.length === 0
          ? `无名单来源：${unlistedLabel(r)}，仅见于行政处罚（见“处罚编号”）`
          : [...new Set(r.provenance.map((p) => p.source))].sort(cmp).join(LIST_SEP),
    }),
    derived({
      key: 'provenance',
      label: '来源行',
      description: '机构信息所依据的每一行：来源编号/文件名:行号。JSON 中为 {source, file, row} 对象数组。',
      type: 'object',
      json: (r) => r.provenance.map((p) => ({ source: p.source, file: p.file, row: p.row })),
      csv: (r) => r.provenance.map(provenanceText).join(ENTRY_SEP),
    }),
    urlColumn('机构页面的地址。', (r) => paths.institution(r.id)),
  ]),
};
