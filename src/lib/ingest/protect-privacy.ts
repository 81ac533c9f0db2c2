/**
 * Privacy rules for everything published from a row (docs/rules.md "Privacy", data/README.md "Privacy"): ID and mobile numbers are
 * replaced in every free-text field (the field dictionary marks which), a natural person is shown as surname + 某,
 * and the names of persons — the party, a person 举办方, names introduced by a cue word, any person named anywhere in
 * the data — are masked in every spelling wherever free text repeats them.
 */
import { NameMasker } from './mask-names.ts';
import { type PiiKind, redactPii } from './redact-numbers.ts';

export {
  categoryKind,
  isNaturalPerson,
  isNaturalPersonParty,
  isOrganisationName,
  isPersonOperator,
  looksLikePersonName,
  stripPersonMarker,
} from './classify-party.ts';
export { findNamesAfterCues, maskPersonName, NameMasker, pinyinKeys } from './mask-names.ts';
export { ID_PLACEHOLDER, MOBILE_PLACEHOLDER, type PiiKind, redactPii } from './redact-numbers.ts';

/**
 * Replace every occurrence of a person's full name in free text by its masked form, in any spelling (spaced out,
 * Traditional, pinyin). Names shorter than two characters are left alone: replacing one character would mangle the
 * text.
 */
export function maskNameIn(text: string, fullName: string, masked: string): string {
  return new NameMasker([[fullName, masked]]).mask(text);
}

/** Free text as it may be published: names masked, then ID and mobile numbers replaced. */
export function protectText(text: string, names: NameMasker | null): { text: string; found: PiiKind[] } {
  return redactPii(names ? names.mask(text) : text);
}
