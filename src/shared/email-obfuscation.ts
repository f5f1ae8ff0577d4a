/**
 * E-mail addresses never reach public HTML in harvestable form. The page carries the address
 * reversed and base64-encoded in a data attribute, plus a readable form for people without
 * JavaScript ("ida (snabel-a) example.dk"); public/ytring.js turns it back into a mailto: link.
 * Addresses a person types into other text are found here, once for the whole code base, and
 * shown in the readable form.
 */
export function encodeEmail(address: string): string {
  return Buffer.from([...address].reverse().join(''), 'utf8').toString('base64');
}

export function decodeEmail(encoded: string): string {
  return [...Buffer.from(encoded, 'base64').toString('utf8')].reverse().join('');
}

export function readableEmail(address: string, atWord: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  return `${address.slice(0, at)} (${atWord}) ${address.slice(at + 1)}`;
}

/** One address found in a text: `text.slice(start, end)` is `address`, and `text[at]` its "@". */
export interface EmailMatch {
  start: number;
  at: number;
  end: number;
  address: string;
}

// Character kinds for the scanner. ASCII is looked up in a table; other letters, digits and
// combining marks (blåbær.dk, ünïcode) count as letters, so harvesters that read Unicode find
// nothing either.
const LETTER = 1;
const DIGIT = 2;
const LOCAL_PUNCT = 4;
const DOMAIN_PUNCT = 8;
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z]/.test(ch)) ASCII[c] = LETTER;
  else if (/[0-9]/.test(ch)) ASCII[c] = DIGIT;
  // RFC 5322's atext and the dot, without "/": "medium.com/@ida.holm" is a web address.
  if ("!#$%&'*+=?^_`{|}~.-".includes(ch)) ASCII[c]! |= LOCAL_PUNCT;
  if ('.-_'.includes(ch)) ASCII[c]! |= DOMAIN_PUNCT;
}
const UNICODE_WORD = /[\p{L}\p{N}\p{M}]/u;
const UNICODE_LETTER = /[\p{L}\p{M}]/u;

function kindAt(text: string, i: number): number {
  if (i < 0 || i >= text.length) return 0;
  const c = text.charCodeAt(i);
  if (c < 128) return ASCII[c]!;
  // Lone surrogate halves never match, so astral characters end a run, which only makes it shorter.
  const ch = text[i]!;
  return UNICODE_LETTER.test(ch) ? LETTER : UNICODE_WORD.test(ch) ? DIGIT : 0;
}
const isLocal = (kind: number) => (kind & (LETTER | DIGIT | LOCAL_PUNCT)) !== 0;
const isDomain = (kind: number) => (kind & (LETTER | DIGIT | DOMAIN_PUNCT)) !== 0;
const isWord = (kind: number) => (kind & (LETTER | DIGIT)) !== 0;

/**
 * Calls `found` for every e-mail address in `text`, in order: some local part, "@", then a domain
 * with a dot followed by two letters somewhere after its first character (a top-level domain),
 * which is the shape every harvester looks for.
 *
 * Linear by construction, unlike a regular expression with a repeated local part before "@":
 * V8 backtracks such a pattern from every start position, so a long run of letters with no "@"
 * cost time quadratic in its length. Here the scan starts only at an "@", walks left over local
 * characters and right over domain characters, and neither set contains "@", so each walk stops
 * at the neighbouring "@" at the latest: every character is read at most three times whatever
 * the input, and nothing is allocated unless an address is found.
 */
function scan(text: string, found: (start: number, at: number, end: number) => void): void {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && isLocal(kindAt(text, start - 1))) start--;
    if (start === at) continue;

    let end = at + 1;
    let topLevel = false;
    while (end < text.length && isDomain(kindAt(text, end))) {
      if (!topLevel && text.charCodeAt(end) === DOT && end > at + 1 && kindAt(text, end + 1) === LETTER && kindAt(text, end + 2) === LETTER)
        topLevel = true;
      end++;
    }
    if (!topLevel) continue;
    // "Skriv til 'ida@x.dk'." The quotes and the full stop are the sentence's, not the address's.
    while (!isWord(kindAt(text, end - 1))) end--;
    let first = start;
    while (first < at && !isWord(kindAt(text, first))) first++;
    found(first < at ? first : start, at, end);
  }
}
const DOT = 46;

/** Every e-mail address in `text` (see `scan` for what counts as one). */
export function findEmails(text: string): EmailMatch[] {
  const matches: EmailMatch[] = [];
  scan(text, (start, at, end) => matches.push({ start, at, end, address: text.slice(start, end) }));
  return matches;
}

/**
 * `text` with the "@" of every address `findEmails` would find replaced by " (atWord) ", the
 * readable form a harvester cannot use. For plain text bound for public pages, feeds, metadata.
 */
export function hideEmails(text: string, atWord: string): string {
  if (!text.includes('@')) return text;
  const readableAt = ` (${atWord}) `;
  let out = '';
  let from = 0;
  scan(text, (_start, at) => {
    out += text.slice(from, at) + readableAt;
    from = at + 1;
  });
  return from === 0 ? text : out + text.slice(from);
}

// Whitespace and the characters that end an address in a header or HTML.
const NOT_IN_ADDRESS = /[\s<>"]/;

/**
 * The check for an address a person types into a form: one "@" with something before it, and a
 * dot with something on both sides after it; no whitespace, "<", ">" or '"'. Deliberately lenient:
 * the mail server, not this, is the judge of deliverability. Linear: indexOf scans and a single
 * character class, no repetition to backtrack.
 */
export function isEmailAddress(value: string): boolean {
  const at = value.indexOf('@');
  if (at < 1 || value.indexOf('@', at + 1) >= 0 || NOT_IN_ADDRESS.test(value)) return false;
  const dot = value.indexOf('.', at + 2);
  return dot >= 0 && dot < value.length - 1;
}
