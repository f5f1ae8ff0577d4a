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
  tokens: Token[];
  start: number;
  end: number;
  /** Different terms matched, then matches in all. */
  score: [number, number];
}

function bestPassage(text: string, termOf: TermOf, length: number): Passage {
  const tokens = tokenize(text);
  const matched = tokens
    .flatMap((t) => {
      const term = termOf(t.text);
      return term === undefined ? [] : [{ ...t, term }];
    })
    .slice(0, MAX_MATCHES);
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
  const whole = text.length <= length;
  let best: Passage = { text, tokens, start: 0, end: whole ? text.length : endBefore(0, length), score: [0, 0] };
  for (let i = 0; i < matched.length; i++) {
    const first = matched[i]!;
    const start = whole ? 0 : tokens[firstWhere((t) => t.start >= first.start - LEAD_IN)]!.start;
    const end = whole ? text.length : Math.max(first.end, endBefore(start, start + length));
    const inside = matched.slice(i).filter((t) => t.end <= end);
    const score: [number, number] = [new Set(inside.map((t) => t.term)).size, inside.length];
    if (score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1])) best = { text, tokens, start, end, score };
    if (whole) break;
  }
  return best;
}

/**
 * The passage of about `length` characters with the most different terms matched (then the most
 * matches), from the first of `texts` with the most different terms; escaped and highlighted,
 * with "…" where it was cut.
 */
export function snippet(texts: readonly string[], termOf: TermOf, length = 220): SafeHtml {
  let best: Passage | undefined;
  for (const text of texts) {
    if (!text) continue;
    const passage = bestPassage(text, termOf, length);
    if (!best || passage.score[0] > best.score[0]) best = passage;
  }
  if (!best) return trustHtml('');
  const { text, tokens, start, end } = best;
  return trustHtml(`${start > 0 ? '…' : ''}${markUp(text, start, end, tokens, termOf)}${end < text.length ? '…' : ''}`);
}
