/** How long a post takes to read: words at an unhurried 200 a minute, at least one minute. Pure. */
const WORDS_PER_MINUTE = 200;

/** Words in Markdown, leaving out link addresses, image addresses and markup. */
export function countWords(markdown: string): number {
  const text = markdown
    .replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, ']')
    .replace(/<[^>\n]{0,500}>/g, ' ')
    .replace(/[#>*_`~|[\]-]+/g, ' ');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export function readingMinutes(...texts: string[]): number {
  return Math.max(1, Math.round(texts.reduce((sum, t) => sum + countWords(t), 0) / WORDS_PER_MINUTE));
}
