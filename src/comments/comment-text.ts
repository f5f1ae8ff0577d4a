/** Comment bodies are plain text: paragraphs and line breaks kept, web addresses linked, everything else escaped. */
import LinkifyIt from 'linkify-it';
import { hideEmails } from '../shared/email-obfuscation.js';
import { escapeHtml } from '../shared/escape-html.js';
import { Lru } from '../shared/lru.js';
import { trustHtml, type SafeHtml } from '../shared/safe-html.js';

const linkify = new LinkifyIt(undefined, { fuzzyEmail: false, fuzzyIP: false });

// Only what a reader would call a web address: "https://…" or "www.…", not every "word.dk".
const isWebAddress = (raw: string) => /^https?:\/\//i.test(raw) || /^www\./i.test(raw);

// Commenters sometimes write addresses in the text; harvesters must not find them.
function renderLine(line: string, atWord: string): string {
  const matches = linkify.match(line) ?? [];
  let out = '';
  let last = 0;
  for (const match of matches) {
    if (!isWebAddress(match.raw)) continue;
    const url = /^https?:\/\//i.test(match.raw) ? match.url : `https://${match.raw}`;
    out += escapeHtml(hideEmails(line.slice(last, match.index), atWord));
    out += `<a href="${escapeHtml(url)}" rel="nofollow ugc noopener">${escapeHtml(match.raw)}</a>`;
    last = match.lastIndex;
  }
  return out + escapeHtml(hideEmails(line.slice(last), atWord));
}

// A long debate is read far more often than it is written: each text is rendered once while it is
// in use. Kept by the text itself, so an edited comment can never be shown as it was.
const rendered = new Lru<string, SafeHtml>(5000);

export function renderCommentText(text: string, atWord: string): SafeHtml {
  return rendered.through(`${atWord}\n${text}`, () => renderText(text, atWord));
}

function renderText(text: string, atWord: string): SafeHtml {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim());
  return trustHtml(
    paragraphs
      .map(
        (p) =>
          `<p>${p
            .trim()
            .split('\n')
            .map((line) => renderLine(line, atWord))
            .join('<br>')}</p>`,
      )
      .join(''),
  );
}

/** Web addresses in a comment, for the link-count spam rule. */
export function countLinks(text: string): number {
  return (linkify.match(text) ?? []).filter((m) => isWebAddress(m.raw)).length;
}
