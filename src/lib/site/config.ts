/**
 * The agency's settings from site.config.mjs, checked once. A wrong value stops the build with a message that names
 * the setting, so the person editing the file knows what to fix.
 */
import { z } from 'zod';
import raw from '../../../site.config.mjs';
import { CRS } from '../domain/rules/vocabularies.ts';

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), '只接受 http(s) 地址');

const complaintContact = z
  .object({
    name: z.string().min(1),
    phone: z
      .string()
      .regex(/^[0-9-]{3,20}$/, '电话只写数字和连字符')
      .nullable()
      .optional(),
    url: httpUrl.nullable().optional(),
    note: z.string().nullable().optional(),
  })
  .strict();

export const SiteConfigSchema = z.object({
  name: z.string().min(1),
  tagline: z.string().default(''),
  publisher: z.string().min(1),
  regionScope: z.string().min(1),
  contact: z
    .object({
      email: z.string().email().nullable().default(null),
      url: httpUrl.nullable().default(null),
    })
    .refine((c) => c.email !== null || c.url !== null, '至少填写 email 或 url 之一，供读者报告错误'),
  licence: z.object({
    name: z.string().min(1),
    url: httpUrl.nullable().default(null),
    note: z.string().default(''),
  }),
  url: httpUrl,
  basePath: z.string().startsWith('/').default('/'),
  pageSize: z
    .object({
      institutions: z.number().int().min(10).max(1000).default(200),
      penalties: z.number().int().min(10).max(1000).default(100),
    })
    .default({ institutions: 200, penalties: 100 }),
  /**
   * The date statuses and publicity windows are decided for when AS_OF is not set: 'today' (in China) for a site
   * rebuilt daily, or a fixed YYYY-MM-DD to keep publishing one state.
   */
  asOf: z
    .union([
      z.literal('today'),
      z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "应为 'today' 或 YYYY-MM-DD 格式的日期"),
    ])
    .default('today'),
  population: z.record(z.string().regex(/^\d{6}$/), z.number().int().positive()).default({}),
  /** Births by region and year, for institutions per 1,000 births (statistics.ts); shown only where given. */
  births: z
    .record(
      z.string().regex(/^\d{6}$/, '键应为六位行政区划代码'),
      z.record(
        z.string().regex(/^\d{4}$/, '键应为四位年份'),
        z.number().int().positive('出生人数应为正整数'),
      ),
    )
    .default({}),
  complaints: z
    .record(
      z.string().regex(/^\d{6}$/, '键应为六位行政区划代码'),
      z
        .object({
          childcare: z.array(complaintContact).optional(),
          postpartum: z.array(complaintContact).optional(),
        })
        .strict(),
    )
    .default({}),
  tiles: z
    .object({
      url: httpUrl,
      subdomains: z.array(z.string()).default([]),
      maxZoom: z.number().int().min(1).max(22).default(18),
      attribution: z.string().min(1),
      /** Coordinate system of the tiles: 'gcj02' for Chinese providers such as Amap; markers are shifted to match. */
      crs: z.enum(CRS).default('wgs84'),
    })
    .nullable()
    .default(null),
});
export type SiteConfig = z.infer<typeof SiteConfigSchema>;

export function parseSiteConfig(value: unknown): SiteConfig {
  const r = SiteConfigSchema.safeParse(value);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  site.config.mjs › ${i.path.join('.') || '(根)'}：${i.message}`);
  throw new Error(`site.config.mjs 有误：\n${lines.join('\n')}`);
}

export const siteConfig: SiteConfig = parseSiteConfig(raw);

/** The as-of date the configuration fixes, or undefined for today: AS_OF, when set, wins. */
export function configuredAsOf(config: SiteConfig = siteConfig): string | undefined {
  return config.asOf === 'today' ? undefined : config.asOf;
}
