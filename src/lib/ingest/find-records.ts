/**
 * Data platforms answer with the records a level or two down (`{"responseData":{"dataList":[…]}}`,
 * `{"result":{"records":[…]}}`). This finds the array of records: at the path the manifest names
 * (`records: responseData.dataList`), else the shallowest array of objects whose keys name known fields, else the
 * largest array of objects.
 */
const MAX_DEPTH = 8;

export function valueAtPath(doc: unknown, path: string): unknown {
  let v = doc;
  for (const k of path.split('.').filter(Boolean)) {
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  }
  return v;
}

function isRecordArray(v: unknown): v is unknown[] {
  return (
    Array.isArray(v) &&
    v.length > 0 &&
    v.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x))
  );
}

/** Arrays of objects in breadth-first order (shallowest first), with their paths. */
export function recordArrays(doc: unknown): Array<{ path: string; records: unknown[] }> {
  const out: Array<{ path: string; records: unknown[] }> = [];
  let level: Array<{ path: string; value: unknown }> = [{ path: '', value: doc }];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: typeof level = [];
    for (const { path, value } of level) {
      if (isRecordArray(value)) {
        out.push({ path, records: value });
        continue;
      }
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) next.push({ path: path ? `${path}.${k}` : k, value: v });
      }
    }
    level = next;
  }
  return out;
}

/** The records to read, or null when the document holds no array of objects. */
export function findRecords(
  doc: unknown,
  opts: { path?: string; looksLikeData: (headers: string[]) => boolean },
): { path: string; records: unknown[] } | null {
  if (opts.path !== undefined) {
    const v = valueAtPath(doc, opts.path);
    return Array.isArray(v) ? { path: opts.path, records: v } : null;
  }
  if (Array.isArray(doc)) return { path: '', records: doc };
  const found = recordArrays(doc);
  const keysOf = (records: unknown[]) => [
    ...new Set(records.slice(0, 50).flatMap((r) => (r && typeof r === 'object' ? Object.keys(r) : []))),
  ];
  return (
    found.find((f) => opts.looksLikeData(keysOf(f.records))) ??
    found.reduce<(typeof found)[number] | null>(
      (best, f) => (!best || f.records.length > best.records.length ? f : best),
      null,
    )
  );
}
