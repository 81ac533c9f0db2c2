/**
 * Zod schemas for the source manifest and for every record the pipeline publishes. TypeScript types are inferred
 * from them; nothing here is written twice.
 */
import { z } from 'zod';
import { type CarriedKey, carriedFields } from './fields.ts';
import { PROBLEM_CODES } from './rules/problems.ts';
import type { SourceKind } from './rules/vocabularies.ts';

import {
  CRS,
  EVENT_ACTIONS,
  HIDDEN_REASONS,
  INSPECTION_RESULTS,
  LIST_ACTIONS,
  LISTS,
  SECTORS,
  SOURCE_KINDS,
  STATUSES,
} from './rules/vocabularies.ts';

export type {
  HiddenReason,
  ListName,
  RowHiddenReason,
  Sector,
  SourceKind,
  Status,
} from './rules/vocabularies.ts';
export { HIDDEN_REASONS, INSPECTION_RESULTS, LISTS, SECTORS, SOURCE_KINDS, STATUSES };

type CarriedShape<K extends SourceKind> = { [P in CarriedKey<K>]: z.ZodDefault<z.ZodNullable<z.ZodString>> };

/** The record fields of kind K that the field dictionary says are carried as published text (fields.ts). */
function carriedShape<K extends SourceKind>(kind: K): CarriedShape<K> {
  return Object.fromEntries(
    carriedFields(kind).map((k) => [k, z.string().nullable().default(null)]),
  ) as CarriedShape<K>;
}

/** A list published for comment (拟认定) before the final one, or the final list. */
export const LIST_STAGES = ['proposed', 'final'] as const;
export type ListStage = (typeof LIST_STAGES)[number];
/** The manifest's word for the same thing. */
export const STAGES = LIST_STAGES;
export type Stage = ListStage;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');
const regionCode = z.string().regex(/^\d{6}$/, '应为六位行政区划代码');

/** YAML turns an unquoted 2022-08-16 into a Date; accept both and keep the calendar date. */
const manifestDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  isoDate,
);

export const ManifestSchema = z
  .object({
    kind: z.enum(SOURCE_KINDS),
    sector: z.enum(SECTORS),
    list: z.enum(LISTS).optional(),
    action: z.enum(LIST_ACTIONS).optional(),
    batch: z.number().int().positive().optional(),
    publisher: z.string().min(1),
    title: z.string().min(1),
    document_number: z.string().min(1).optional(),
    published: manifestDate,
    url: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//i.test(u), '只接受 http(s) 地址')
      .optional(),
    retrieved: manifestDate.optional(),
    region: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), regionCode),
    crs: z.enum(CRS).default('wgs84'),
    files: z.array(z.string().min(1)).min(1),
    columns: z.record(z.string(), z.string()).optional(),
    /** A proposed list (拟确认 / 拟认定 / 拟备案, under public comment) is not a final designation. */
    stage: z.enum(STAGES).default('final'),
    /**
     * Per data table of a page or document: its own list and stage, the table found by the text just before it
     * (`match: 附件1`) or by its position among the data tables (`table: 2`).
     */
    tables: z
      .array(
        z
          .object({
            match: z.string().min(1).optional(),
            table: z.number().int().positive().optional(),
            list: z.enum(LISTS).optional(),
            stage: z.enum(STAGES).optional(),
          })
          .strict()
          .refine(
            (t) => t.match !== undefined || t.table !== undefined,
            '每项须写 match（表格前的文字）或 table（第几个数据表格）',
          ),
      )
      .optional(),
    /** The list is a numbered list in the notice's body text (`1.某某托育中心(某镇)`), not a table. */
    numbered_list: z.boolean().optional(),
    /** Where a data platform's JSON answer keeps its records, as a dotted path (`responseData.dataList`). */
    records: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.kind === 'institutions' && !m.list) {
      ctx.addIssue({
        code: 'custom',
        path: ['list'],
        message: '机构名单必须写明 list（备案、登记、普惠、示范、白名单）',
      });
    }
    if (m.kind === 'list-actions' && !m.list) {
      ctx.addIssue({ code: 'custom', path: ['list'], message: '名单变动必须写明 list（如 黑名单）' });
    }
  });
export type Manifest = z.infer<typeof ManifestSchema>;

export const SEVERITIES = ['error', 'warning'] as const;

export const ProblemSchema = z.object({
  source: z.string(),
  file: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  code: z.enum(PROBLEM_CODES),
  severity: z.enum(SEVERITIES),
  message: z.string(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const OUTCOMES = ['published', 'merged', 'hidden', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const counts = {
  rows: z.number().int(),
  published: z.number().int(),
  merged: z.number().int(),
  hidden: z.number().int(),
  rejected: z.number().int(),
};

export const ValidationReportSchema = z.object({
  asOf: isoDate,
  totals: z.object({ ...counts, warnings: z.number().int() }),
  sources: z.array(z.object({ id: z.string(), kind: z.enum(SOURCE_KINDS), ...counts })),
  problems: z.array(ProblemSchema),
  hidden: z.array(
    z.object({
      source: z.string(),
      file: z.string(),
      row: z.number().int(),
      reason: z.string(),
      /** For reason `expired`: the last day of the publicity window… */
      until: isoDate.optional(),
      /** …and whether it was derived by the rules (no 公示截止期 published) rather than published. */
      derived: z.boolean().optional(),
    }),
  ),
});
export type ValidationReport = z.infer<typeof ValidationReportSchema>;

/** Where a fact came from: a source and the row as a spreadsheet shows it. */
export const ProvenanceSchema = z.object({ source: z.string(), file: z.string(), row: z.number().int() });
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const CoordinatesSchema = z.object({
  lat: z.number(),
  lon: z.number(),
  /** The coordinate system the source published in (converted to WGS-84 here). */
  crs: z.enum(CRS),
  /** true when placed at a region centroid rather than published coordinates. */
  approximate: z.boolean(),
});

export const ListEventSchema = z.object({
  id: z.string(),
  institutionId: z.string(),
  list: z.enum(LISTS),
  /** 列入 (entry on a list, including each batch), 移出, 注销, 撤销; 拟列入 for an entry on a proposed list. */
  action: z.enum(EVENT_ACTIONS),
  date: isoDate.nullable(),
  /** Manifest `published` of the source, which orders events when `date` is missing or equal. */
  published: isoDate,
  batch: z.number().int().nullable(),
  reason: z.string().nullable(),
  /** `proposed` when the notice was a list published for comment (拟认定); the final list follows. */
  stage: z.enum(LIST_STAGES).default('final'),
  provenance: ProvenanceSchema,
  /**
   * For a row of an institutions list: the name, address and places as that notice published them, so that the
   * change log can say what changed between notices. null for list actions (黑名单).
   */
  details: z
    .object({ name: z.string(), address: z.string().nullable(), capacity: z.number().int().nullable() })
    .nullable()
    .default(null),
});
export type ListEvent = z.infer<typeof ListEventSchema>;

export const PenaltySchema = z.object({
  id: z.string(),
  documentNumber: z.string(),
  institutionId: z.string().nullable(),
  /** As published, or masked (张某) for a natural person. */
  subjectName: z.string(),
  subjectCategory: z.string().nullable(),
  naturalPerson: z.boolean(),
  uscc: z.string().nullable(),
  region: regionCode,
  sector: z.enum(SECTORS),
  ...carriedShape('penalties'),
  categories: z.array(z.string()),
  content: z.string().nullable(),
  fineYuan: z.number().int(),
  fineText: z.string().nullable(),
  confiscatedYuan: z.number().int(),
  confiscatedText: z.string().nullable(),
  decided: isoDate,
  publicUntil: isoDate,
  /** true when 公示截止期 was not published and the window was derived by the rules on the about page. */
  publicUntilDerived: z.boolean(),
  provenance: ProvenanceSchema,
  /** Other sources that published the same decision. */
  alsoIn: z.array(ProvenanceSchema),
  /** When a later notice of the same 文号 changed the fine, category or 公示截止期: "更正：…", saying what changed. */
  correction: z.string().nullable().optional(),
});
export type Penalty = z.infer<typeof PenaltySchema>;

export const InspectionSchema = z.object({
  id: z.string(),
  institutionId: z.string().nullable(),
  subjectName: z.string(),
  uscc: z.string().nullable(),
  region: regionCode,
  sector: z.enum(SECTORS),
  ...carriedShape('inspections'),
  date: isoDate,
  result: z.enum(INSPECTION_RESULTS),
  resultText: z.string(),
  provenance: ProvenanceSchema,
});
export type Inspection = z.infer<typeof InspectionSchema>;

export const InstitutionSchema = z.object({
  id: z.string(),
  uscc: z.string().nullable(),
  /** Display name: from the most recent institutions-source row. */
  name: z.string(),
  /** Simplified, space-free form used for matching and search. */
  nameKey: z.string(),
  /** Every other form the name was published in. */
  otherNames: z.array(z.string()),
  sector: z.enum(SECTORS),
  region: regionCode,
  address: z.string().nullable(),
  capacity: z.number().int().nullable(),
  serviceTypes: z.array(z.string()),
  operator: z.string().nullable(),
  /** 机构性质, 收费标准, 备注 …: the most recent list row's text (ID and mobile numbers redacted). */
  ...carriedShape('institutions'),
  filed: isoDate.nullable(),
  coordinates: CoordinatesSchema.nullable(),
  /** Lists the institution is on as of the as-of date. */
  lists: z.array(z.enum(LISTS)),
  /** Lists it is proposed for (a notice under public comment) and not yet confirmed by a final notice. */
  proposed: z
    .array(z.object({ list: z.enum(LISTS), published: isoDate, provenance: ProvenanceSchema }))
    .default([]),
  /**
   * Other institutions this one may be: set on an entry made for a black-list record without a code whose name fits
   * several institutions in its area (none of them is black-listed for it). Their ids.
   */
  sameNameAs: z.array(z.string()).default([]),
  status: z.enum(STATUSES),
  /** The date the status applies from, where known. */
  statusSince: isoDate.nullable(),
  activePenalties: z.number().int(),
  latestPenalty: isoDate.nullable(),
  penaltyIds: z.array(z.string()),
  /**
   * The latest visible decision that stops or restricts the service (责令停止托育服务, 吊销许可证件 …), if any: the
   * first thing a family must see. Defaults to none for data written before the field existed.
   */
  stopOrder: z
    .object({ order: z.string(), decided: isoDate, penaltyId: z.string(), documentNumber: z.string() })
    .nullable()
    .default(null),
  inspectionIds: z.array(z.string()),
  events: z.array(ListEventSchema),
  /** Every row this institution was built from. */
  provenance: z.array(ProvenanceSchema),
});
export type Institution = z.infer<typeof InstitutionSchema>;

export const SourceInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(SOURCE_KINDS),
  sector: z.enum(SECTORS),
  list: z.enum(LISTS).nullable(),
  action: z.string().nullable(),
  batch: z.number().int().nullable(),
  publisher: z.string(),
  title: z.string(),
  documentNumber: z.string().nullable(),
  published: isoDate,
  url: z.string().nullable(),
  retrieved: isoDate.nullable(),
  region: regionCode,
  crs: z.enum(CRS),
  files: z.array(z.string()),
  counts: z.object(counts),
  /** Hidden rows by reason (expired, warning-only, withdrawn). */
  hiddenByReason: z.record(z.string(), z.number().int()),
  /** Problems by code and severity, e.g. {"invalid-date": 1}. No row content: no personal data. */
  problemsByCode: z.record(z.string(), z.number().int()),
});
export type SourceInfo = z.infer<typeof SourceInfoSchema>;

export const RegionSchema = z.object({
  code: regionCode,
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parent: regionCode.nullable(),
  /** Full name from the province down, e.g. 湖北省武汉市东西湖区. */
  fullName: z.string(),
});
export type Region = z.infer<typeof RegionSchema>;

/** What the site reads: written once per build to `.cache/data.json`. */
export const SiteDataSchema = z.object({
  asOf: isoDate,
  institutions: z.array(InstitutionSchema),
  penalties: z.array(PenaltySchema),
  inspections: z.array(InspectionSchema),
  sources: z.array(SourceInfoSchema),
  regions: z.array(RegionSchema),
});
export type SiteData = z.infer<typeof SiteDataSchema>;
