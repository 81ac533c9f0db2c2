/**
 * Where to complain about an institution (投诉举报): the regulator of its kind of institution in its area — 卫生健康
 * for 托育, 市场监管 for 母婴护理 / 月子 centres — from the table an agency sets in site.config.mjs (`complaints`,
 * by region code, the innermost region with an entry for the sector wins), with the national hotlines as the
 * default. Pure.
 */
import type { Sector } from '../domain/schemas.ts';

export interface ComplaintContact {
  /** Who: 武汉市东西湖区卫生健康局. */
  name: string;
  /** A number to call: 12345, 027-83891234. */
  phone?: string | null | undefined;
  /** An online form or the agency's page (http/https). */
  url?: string | null | undefined;
  /** When to use it, in a few words. */
  note?: string | null | undefined;
}

export type ComplaintTable = Readonly<Record<string, Partial<Record<Sector, readonly ComplaintContact[]>>>>;

/** National numbers, valid everywhere: what the page shows when the agency has set nothing for the area. */
export const NATIONAL_COMPLAINTS: Readonly<Record<Sector, readonly ComplaintContact[]>> = {
  childcare: [
    {
      name: '机构所在地县（区）卫生健康部门',
      note: '托育机构的备案和监督管理部门，可通过当地政府网站查询联系方式',
    },
    { name: '12345 政务服务便民热线', phone: '12345', note: '全国各地均可拨打，由热线转交主管部门' },
  ],
  postpartum: [
    {
      name: '市场监督管理部门（12315）',
      phone: '12315',
      url: 'https://www.12315.cn/',
      note: '母婴护理（月子）机构的经营、收费、消费纠纷',
    },
    { name: '12345 政务服务便民热线', phone: '12345', note: '全国各地均可拨打，由热线转交主管部门' },
  ],
};

/**
 * The contacts for an institution of `sector` in the region chain `regions` (province first, the institution's own
 * region last): the innermost region's entry for the sector, else the national defaults.
 */
export function complaintContacts(
  regions: readonly string[],
  sector: Sector,
  table: ComplaintTable,
): { contacts: readonly ComplaintContact[]; region: string | null } {
  for (let i = regions.length - 1; i >= 0; i--) {
    const code = regions[i] as string;
    const entry = table[code]?.[sector];
    if (entry && entry.length > 0) return { contacts: entry, region: code };
  }
  return { contacts: NATIONAL_COMPLAINTS[sector], region: null };
}
