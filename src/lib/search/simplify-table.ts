/**
 * The browser's Traditional → Simplified step: a character table the build writes into the search manifest. It
 * holds OpenCC's conversions whose Simplified character occurs in the index and whose Traditional one does not —
 * the only ones that can change what a query finds — so it is a few kilobytes instead of OpenCC's 100. Pure.
 */

/** Restricts [Traditional, Simplified] pairs to those that matter for an index of `characters`; "TSTS…". */
export function restrictTable(
  pairs: readonly (readonly [string, string])[],
  characters: ReadonlySet<string>,
): string {
  let out = '';
  for (const [t, s] of pairs) if (characters.has(s) && !characters.has(t)) out += t + s;
  return out;
}

/** A converter from a table of alternating Traditional and Simplified characters. */
export function tableSimplifier(table: string): (s: string) => string {
  const chars = [...table];
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i] as string, chars[i + 1] as string);
  return (s) => {
    let out = '';
    for (const c of s) out += map.get(c) ?? c;
    return out;
  };
}
