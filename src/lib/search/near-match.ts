/**
 * Near matches for a name typed with one character wrong, left out or added (和怡 for 和颐, 婴儿照护 for 婴幼儿照护).
 * Pure.
 *
 * The query's covering bigrams are searched leaving one out at a time: one typing error spoils at most one of them
 * (the covering bigrams do not overlap), so one of these searches holds the name. They ask for words the first
 * search already loaded, so they cost no index download. What they find is then checked against the name itself —
 * within one edit of the typed text — so that a search for a common word does not flood the page.
 */

/** Names at least this long (characters) are matched with one error; shorter ones would match too much. */
export const NEAR_MIN_LENGTH = 6;

/** Term lists that each leave out one of `terms` (space-separated), for a query of at least two terms. */
export function leaveOneOut(terms: string): string[] {
  const words = terms.split(' ').filter(Boolean);
  if (words.length < 3) return [];
  return words.map((_, i) => words.filter((__, j) => j !== i).join(' '));
}

/**
 * Whether `text` holds a substring within one edit (a character replaced, left out or added) of `pattern`
 * (approximate substring matching: the first row of the edit table is free, so a match may start anywhere).
 */
export function withinOneEdit(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  if (p.length === 0) return true;
  let prev = Array.from({ length: p.length + 1 }, (_, i) => i);
  if (prev[p.length] !== undefined && (prev[p.length] as number) <= 1) return true;
  for (let j = 1; j <= t.length; j++) {
    const cur = [0];
    for (let i = 1; i <= p.length; i++) {
      const cost = p[i - 1] === t[j - 1] ? 0 : 1;
      cur[i] = Math.min((prev[i - 1] as number) + cost, (prev[i] as number) + 1, (cur[i - 1] as number) + 1);
    }
    if ((cur[p.length] as number) <= 1) return true;
    prev = cur;
  }
  return false;
}
