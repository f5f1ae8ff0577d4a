/**
 * Case- and accent-insensitive "contains" for the admin lists, answering the same on both
 * databases: the text is folded by ytring_fold (this module's foldText, or its twin in SQL made by
 * migration 000016) and compared with LIKE against the folded needle.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import { FOLD_ACCENTS, FOLD_CAPITALS, FOLD_SMALL, FOLD_SPELLINGS } from './migrations/2026_12_04_000016_fold_text.js';

const SMALL = [...FOLD_SMALL];
const SMALL_OF = new Map([...FOLD_CAPITALS].map((capital, i) => [capital, SMALL[i]!]));
const escaped = (letters: string) => [...letters].map((letter) => `\\u{${letter.codePointAt(0)!.toString(16)}}`).join('');
const CAPITAL = new RegExp(`[${escaped(FOLD_CAPITALS)}]`, 'gu');
const ACCENT = new RegExp(`[${escaped(FOLD_ACCENTS)}]`, 'gu');
const SPELLING_OF = new Map(FOLD_SPELLINGS);
// One pass does what the SQL's replace() calls do in turn: no spelling's result can begin or
// complete another one's letters, so the order cannot change the outcome.
const SPELLED = new RegExp(FOLD_SPELLINGS.map(([from]) => from).join('|'), 'g');
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Below U+0180 (and in the accents), the capitals toLowerCase changes are exactly the tables' (a
// test checks it), and toLowerCase is several times faster than a lookup per capital.
const LATIN = /^[\u0300-\u036f\0-\u017f]*$/;

/**
 * `text` as ytring_fold sees it: small letters, æ/ä → ae, ø/ö → oe, å → aa, ß → ss, accents
 * dropped ("Østerby" → "oesterby", "Jérôme" → "jerome", "Müller" → "muller"), as the site search
 * spells them.
 */
export function foldText(text: string): string {
  // Most names and many words are plain ASCII, where the tables only lower A–Z.
  if (PRINTABLE_ASCII.test(text)) return text.toLowerCase();
  const folded = LATIN.test(text)
    ? text.toLowerCase().normalize('NFD')
    : text.normalize('NFD').replace(CAPITAL, (capital) => SMALL_OF.get(capital)!);
  return folded.replace(SPELLED, (letters) => SPELLING_OF.get(letters)!).replace(ACCENT, '');
}

/**
 * True where `text` contains `needle`, ignoring case and accents (see foldText); `%` and `_` in
 * the needle are plain characters.
 */
export function foldedContains(text: Expression<string> | string, needle: string): RawBuilder<boolean> {
  const pattern = `%${foldText(needle).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`ytring_fold(${typeof text === 'string' ? sql.ref(text) : text}) like ${pattern} escape '\\'`;
}
