/** Highlighted text for search results: every character escaped first, then matched words wrapped in <mark>. */
import { escapeHtml } from '../shared/escape-html.js';
import { trustHtml, type SafeHtml } from '../shared/safe-html.js';
import { tokenize, type Token } from './text-analysis.js';

/** The query term a word of the text matches, or undefined. */
export type TermOf = (word: string) => string | undefined;

/** Text before the first match that a snippet keeps for context. */
const LEAD_IN = 40;
/** More matches than this in one text add nothing to the choice of passage. */
const MAX_MATCHES = 500;
/**
 * How much of a text a snippet looks through for its passage. Every word looked at is matched
 * against the query, and a search shows up to a hundred hits, so a long post's whole text (a
 * report of 20,000 words took 10 ms a hit) would let anyone who searches for one of its words hold
 * the server for a tenth of a second. A match further in is still found by the search; its snippet
 * shows the start of the text.
 */
export const SNIPPET_SCAN_CHARS = 6000;
/** Room past the scan for a prepared text's own pieces (an address it hides) to be whole where it is cut. */
const PREPARE_SLACK = 512;
/** As much of a text as a snippet can use: a longer one may be given cut here, with the same result. */
export const SNIPPET_TEXT_CHARS = SNIPPET_SCAN_CHARS + PREPARE_SLACK;

/** The start of `text` a snippet looks at, cut after the last whole word that fits; `cut` when more follows. */
function scanned(text: string, prepare: (text: string) => string): { text: string; cut: boolean } {
  if (text.length <= SNIPPET_SCAN_CHARS) return { text: prepare(text), cut: false };
  // Prepared before the cut, with room: an e-mail address across the cut is hidden whole, never shown in part.
  const prepared = prepare(text.slice(0, SNIPPET_TEXT_CHARS));
  let end = SNIPPET_SCAN_CHARS;
  while (end > 0 && !/\s/.test(prepared[end]!)) end--;
  return { text: prepared.slice(0, end > 0 ? end : SNIPPET_SCAN_CHARS), cut: true };
}

function markUp(text: string, from: number, to: number, tokens: readonly Token[], termOf: TermOf): string {
  let html = '';
  let at = from;
  for (const token of tokens) {
    if (token.start < from || token.end > to || termOf(token.text) === undefined) continue;
    html += `${escapeHtml(text.slice(at, token.start))}<mark>${escapeHtml(token.text)}</mark>`;
    at = token.end;
  }
  return html + escapeHtml(text.slice(at, to));
}

/** All of `text`, escaped, with the words that match a term in <mark>. */
export function highlight(text: string, termOf: TermOf): SafeHtml {
  return trustHtml(markUp(text, 0, text.length, tokenize(text), termOf));
}

interface Passage {
  text: string;
  /** More of the text follows what was looked at. */
  cut: boolean;
  tokens: Token[];
  start: number;
  end: number;
  /** Different terms matched, then matches in all. */
  score: [number, number];
}

const better = (a: readonly [number, number], b: readonly [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);

function bestPassage(text: string, cut: boolean, termOf: TermOf, length: number): Passage {
  const tokens = tokenize(text);
  const matched: (Token & { term: string })[] = [];
  for (const token of tokens) {
    const term = termOf(token.text);
    if (term !== undefined && matched.push({ ...token, term }) === MAX_MATCHES) break;
  }
  // The first token for which `test` holds, `test` being false and then true along the text.
  const firstWhere = (test: (t: Token) => boolean) => {
    let low = 0;
    let high = tokens.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (test(tokens[middle]!)) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  // Ends after the last whole word that fits; a single word longer than the passage is cut.
  const endBefore = (start: number, limit: number) => {
    const end = tokens[firstWhere((t) => t.end > limit) - 1]?.end ?? 0;
    return end > start ? end : Math.min(text.length, limit);
  };
  if (text.length <= length) {
    const score: [number, number] = [new Set(matched.map((t) => t.term)).size, matched.length];
    return { text, cut, tokens, start: 0, end: text.length, score };
  }
  let best: Passage = { text, cut, tokens, start: 0, end: endBefore(0, length), score: [0, 0] };
  // A passage starts before each match in turn and takes the matches up to its end. Starts and
  // ends only move forward, so the matches inside are a window sliding along them, counted as it goes.
  const inside = new Map<string, number>();
  let next = 0;
  for (let i = 0; i < matched.length; i++) {
    const first = matched[i]!;
    const start = tokens[firstWhere((t) => t.start >= first.start - LEAD_IN)]!.start;
    const end = Math.max(first.end, endBefore(start, start + length));
    for (; next < matched.length && matched[next]!.end <= end; next++)
      inside.set(matched[next]!.term, (inside.get(matched[next]!.term) ?? 0) + 1);
    const score: [number, number] = [inside.size, next - i];
    if (better(score, best.score)) best = { text, cut, tokens, start, end, score };
    const left = inside.get(first.term)! - 1;
    if (left === 0) inside.delete(first.term);
    else inside.set(first.term, left);
  }
  return best;
}

/**
 * The passage of about `length` characters with the most different terms matched (then the most
 * matches), from the first of `texts` with the most different terms; escaped and highlighted,
 * with "…" where it was cut. Each text is looked at up to SNIPPET_SCAN_CHARS, after `prepare`.
 */
export function snippet(
  texts: readonly string[],
  termOf: TermOf,
  { length = 220, prepare = (text: string) => text }: { length?: number; prepare?: (text: string) => string } = {},
): SafeHtml {
  let best: Passage | undefined;
  for (const whole of texts) {
    if (!whole) continue;
    const { text, cut } = scanned(whole, prepare);
    const passage = bestPassage(text, cut, termOf, length);
    if (!best || passage.score[0] > best.score[0]) best = passage;
  }
  if (!best) return trustHtml('');
  const { text, cut, tokens, start, end } = best;
  return trustHtml(`${start > 0 ? '…' : ''}${markUp(text, start, end, tokens, termOf)}${end < text.length || cut ? '…' : ''}`);
}
