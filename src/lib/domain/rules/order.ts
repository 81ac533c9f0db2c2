/**
 * "Newest first", once: every list of penalties — pages, downloads, feeds, an institution's penalty ids — is in this
 * order, so that a reader comparing two of them sees the same sequence.
 */
import type { Penalty } from '../schemas.ts';

/** Chinese names and 文号 in the order a reader expects: by pinyin, numbers by value (〔2026〕9号 before 〔2026〕10号). */
export const nameCollator = new Intl.Collator('zh-CN', { numeric: true });

/** Newest decision first; on one day by 文号, then by id so that the order never depends on the input's. */
export function comparePenaltiesNewest(
  a: Pick<Penalty, 'decided' | 'documentNumber' | 'id'>,
  b: Pick<Penalty, 'decided' | 'documentNumber' | 'id'>,
): number {
  if (a.decided !== b.decided) return a.decided < b.decided ? 1 : -1;
  const d = nameCollator.compare(a.documentNumber, b.documentNumber);
  if (d !== 0) return d;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
