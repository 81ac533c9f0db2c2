/**
 * Labels for places where a field appears under one of its published names (a penalty's subject is the 名称 field,
 * but agencies call it 行政相对人名称). Checked against the field dictionary so a renamed alias fails the build.
 */
import { type FieldKey, field } from '../domain/fields.ts';

export function aliasLabel(key: FieldKey, alias: string): string {
  const f = field(key);
  if (f.label !== alias && !f.aliases.includes(alias))
    throw new Error(`${alias} is not a label of field ${key}`);
  return alias;
}

/**
 * A region's name relative to an enclosing region: 湖北省武汉市东西湖区 within 湖北省 → 武汉市东西湖区; the enclosing
 * region itself → its short name; outside it → its full name. With no enclosing region (site-wide lists, where a
 * table column is narrow) → its short name.
 */
export function relativeRegionName(
  region: { name: string; fullName: string },
  withinFullName: string | null,
): string {
  if (!withinFullName) return region.name;
  if (region.fullName === withinFullName) return region.name;
  if (region.fullName.startsWith(withinFullName)) return region.fullName.slice(withinFullName.length);
  return region.fullName;
}
