/**
 * Labels for places where a field appears under one of its published names (a penalty's subject is the 名称 field,
 * but agencies call it 行政相对人名称). Checked against the field dictionary so a renamed alias fails the build.
 */
import { type FieldKey, field } from '../domain/fields.ts';

export function aliasLabel(key: FieldKey, alias: string): string {
  const f = field(key);
  if (f.label !== alias && !f.aliases.includes(alias)) throw new Error(`${alias} is not a label of field ${key}`);
  return alias;
}

/** A region's full name relative to an enclosing region: ('湖北省武汉市东西湖区', '湖北省') → '武汉市东西湖区'. */
export function relativeRegionName(fullName: string, withinFullName: string | null): string {
  if (withinFullName && fullName.startsWith(withinFullName) && fullName !== withinFullName) {
    return fullName.slice(withinFullName.length);
  }
  return fullName;
}
