/**
 * How text becomes index terms and a query becomes the terms to match: the same code for both
 * databases, so both find the same posts.
 */
import { stemmer as danishStemmer } from '@orama/stemmers/danish';
import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { STOPWORDS } from './stopwords.js';

/** Danish and English are stemmed; 'simple' (any other language) only folds, like a full-text engine's "simple" configuration. */
export type SearchLanguage = 'da' | 'en' | 'simple';
export const SEARCH_LANGUAGES: readonly SearchLanguage[] = ['da', 'en', 'simple'];
export const isSearchLanguage = (value: unknown): value is SearchLanguage => value === 'da' || value === 'en' || value === 'simple';

/** The analyser for a post's language tag ("fr-FR", "en-US"); a post without one is analysed as the site's language. */
export function searchLanguageFor(tag: string | null | undefined, siteLanguage: string): SearchLanguage {
  const primary = (tag || siteLanguage).split('-')[0]!.toLowerCase();
  return primary === 'da' || primary === 'en' ? primary : 'simple';
}

const STEMMERS: Record<SearchLanguage, (word: string) => string> = { da: danishStemmer, en: englishStemmer, simple: (word) => word };

export const MAX_QUERY_LENGTH = 200;
/** Longer runs of letters are ids, hashes or noise, and are neither indexed nor searched. */
const MAX_WORD_LENGTH = 60;
const MAX_QUERY_WORDS = 12;
/** A shorter prefix would match half the index. */
const MIN_PREFIX_LENGTH = 2;
/**
 * Snowball leaves at least three letters of a Danish word. A stem shorter than the typed beginning
 * is looked for down to three letters shorter: further would match unrelated short words.
 */
const MIN_STEM_LENGTH = 3;
const MAX_SUFFIX_LENGTH = 3;

// Chinese and Japanese write no spaces between words: each such character is a word of its own,
// so a search for two characters finds them in a sentence. Both alternatives are linear.
const WORD = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{M}\p{N}])+/gu;

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** The words of `text` and where they are. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }));
}

/** Folds spellings together: æ/ä → ae, ø/ö → oe, å → aa, ß → ss, lower case, no accents ("Café" → "cafe"). */
export function fold(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/[æä]/g, 'ae')
    .replace(/[øö]/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/** A Danish word typed without æ, ø and å, as it is usually spelled: "loesning" → "løsning". */
export function unfold(word: string): string {
  return word.replace(/ae/g, 'æ').replace(/oe/g, 'ø').replace(/aa/g, 'å');
}

/** A word as the index stores it: stemmed in its language, then folded. */
export function indexTerm(word: string, language: SearchLanguage): string {
  return fold(STEMMERS[language](word.normalize('NFC').toLowerCase()));
}

/**
 * The first letter of a word's index term when the word starts with a letter of a to z, had without
 * stemming: Snowball's Danish and English stemmers change only the end of a word (from its second
 * letter at most, as "dying" → "die"), and an accent or ring on it folds to that letter too ("å" →
 * "aa"). Empty for any other start, whose folding may depend on what follows it ("ǽ" stays "æ").
 */
function termInitial(word: string): string {
  const code = word.charCodeAt(0) | 0x20;
  return code >= 0x61 && code <= 0x7a ? String.fromCharCode(code) : '';
}

/**
 * Which of `terms` a word of a text in `language` is, if any; each different word is stemmed at most
 * once, and only when its first letter is the first letter of a term. Highlighting a search hit
 * otherwise stemmed every different word of its text, a microsecond and a half each.
 */
export function termMatcher(
  terms: ReadonlySet<string>,
  language: SearchLanguage,
  stem: (word: string) => string = (word) => indexTerm(word, language),
): (word: string) => string | undefined {
  const initials = new Set([...terms].map((term) => term.charAt(0)));
  const seen = new Map<string, string | undefined>();
  return (word) => {
    let term = seen.get(word);
    if (term === undefined && !seen.has(word)) {
      const initial = termInitial(word);
      const indexed = initial === '' || initials.has(initial) ? stem(word) : undefined;
      term = indexed !== undefined && terms.has(indexed) ? indexed : undefined;
      seen.set(word, term);
    }
    return term;
  };
}

/** The index terms of `text`, in order, without the language's stop words (as the server database's text search configurations do). */
export function indexTerms(text: string, language: SearchLanguage): string[] {
  const stop = STOPWORDS[language];
  const terms: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    if (word.length > MAX_WORD_LENGTH || stop.has(word.normalize('NFC').toLowerCase())) continue;
    const term = indexTerm(word, language);
    if (term) terms.push(term);
  }
  return terms;
}

/** One word of a query: a post matches it with any of `terms`, or a term starting with any of `prefixes`. */
export interface QueryGroup {
  terms: string[];
  prefixes: string[];
}

export interface ParsedQuery {
  /** Every group must match. Empty when the query has no word to search for. */
  groups: QueryGroup[];
  /** The terms a result's words are highlighted for. */
  highlight: ReadonlySet<string>;
}

/**
 * Turns what a person typed into word groups. Only letters and digits survive, so the query syntax
 * of either database means nothing here. Each word matches as stemmed in every language and in
 * both spellings of æ, ø and å. Stop words of any language are dropped, unless nothing else is left.
 * With `prefixLast` (suggestions as one types) the last word also matches as the start of a word.
 */
export function parseQuery(input: string, options: { prefixLast?: boolean } = {}): ParsedQuery {
  const text = input.slice(0, MAX_QUERY_LENGTH);
  const all = [...text.matchAll(WORD)].map(([w]) => w.normalize('NFC').toLowerCase()).filter((w) => w.length <= MAX_WORD_LENGTH);
  const partial = options.prefixLast && /[\p{L}\p{M}\p{N}]$/u.test(text) ? all[all.length - 1] : undefined;
  let words = [...new Set(all)].filter((w) => w !== partial);
  const content = words.filter((w) => !SEARCH_LANGUAGES.some((language) => STOPWORDS[language].has(w)));
  if (content.length > 0 || partial) words = content;
  words = words.slice(0, partial ? MAX_QUERY_WORDS - 1 : MAX_QUERY_WORDS);
  if (partial) words.push(partial);

  const groups: QueryGroup[] = [];
  const highlight = new Set<string>();
  for (const word of words) {
    const terms = new Set<string>();
    for (const variant of new Set([word, fold(word), unfold(word)])) {
      for (const language of SEARCH_LANGUAGES) {
        const term = indexTerm(variant, language);
        if (term) terms.add(term);
      }
    }
    if (word === partial) {
      const prefixes = [...new Set([...terms, fold(word)])].filter((p) => p.length >= MIN_PREFIX_LENGTH);
      // A finished word's stem can be shorter than what is typed so far ("ledel…" → "ledelse" → "led"):
      // the typed word's own beginnings match as whole terms.
      const folded = fold(word);
      const stems: string[] = [];
      for (let length = Math.max(MIN_STEM_LENGTH, folded.length - MAX_SUFFIX_LENGTH); length < folded.length; length++)
        stems.push(folded.slice(0, length));
      if (prefixes.length > 0) groups.push({ terms: stems, prefixes });
      continue;
    }
    if (terms.size === 0) continue;
    groups.push({ terms: [...terms], prefixes: [] });
    for (const term of terms) highlight.add(term);
  }
  return { groups, highlight };
}
