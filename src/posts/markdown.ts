/** Post bodies: Markdown without raw HTML, e-mail addresses obfuscated, images only from our own host. */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { encodeEmail, hideEmails, readableEmail } from '../shared/email-obfuscation.js';
import { escapeHtml } from '../shared/escape-html.js';
import type { Translator } from '../i18n/i18n.js';
import { trustHtml, type SafeHtml } from '../shared/safe-html.js';
import { uploadIdOfSrc, type BodyImage } from '../uploads/upload.service.js';

export interface MarkdownOptions {
  /** The word between the parts of a readable address: "snabel-a" or "at". */
  atWord: string;
  /** The words before a host that name a remote image without alt text: "billede fra" (the default) or "image from". */
  imageFrom?: string;
  /** Our uploads the body names, by upload id (uploadIdsIn), so their <img> carries its size and copies. */
  images?: Readonly<Record<string, BodyImage>>;
}

/** The post page's column is at most about 46rem wide: no need to fetch the 2000-pixel original for it. */
export const POST_COLUMN_SIZES = '(min-width: 50rem) 46rem, calc(100vw - 2rem)';

/** The words Markdown output takes from the site's language; every page, feed and preview uses these. */
export function markdownWordsOf(i18n: Pick<Translator, 't'>): MarkdownOptions {
  return { atWord: i18n.t('email.at'), imageFrom: i18n.t('markdown.imageFrom') };
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: true });

function emailSpan(address: string, atWord: string, label?: string): string {
  const readable = readableEmail(address, atWord);
  const shown = label && !label.includes('@') ? label : readable;
  return `<span class="email" data-e="${escapeHtml(encodeEmail(address))}"${shown !== readable ? ` data-label="${escapeHtml(shown)}"` : ''}>${escapeHtml(shown === readable ? readable : `${shown} (${readable})`)}</span>`;
}

// "https://ida@example.dk/" hands a harvester an address; a web link never needs the user part.
function withoutUserInfo(url: string): string {
  if (!/^https?:\/\/[^/?#]*@/i.test(url)) return url;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * Decodes each run of %XX escapes that is valid UTF-8 and keeps any other run as written:
 * decodeURIComponent throws on `%E0%A4`, and one such address must not fail a whole page.
 */
export function decodePercentRuns(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

function isLocalUrl(src: string): boolean {
  return src.startsWith('/') && !src.startsWith('//');
}

// The post title is the page's h1, so the text's outline starts at h2 and never skips a level
// (screen reader users move by heading level). Levels keep their nesting: each heading goes one
// below the nearest earlier heading of a higher source level. Done when rendering, so posts written
// or imported before keep their Markdown as typed.
md.core.ruler.push('outline_headings', (state) => {
  const open: { source: number; shown: number }[] = [];
  const shownOf = new Map<Token, number>();
  for (const token of state.tokens) {
    if (token.type !== 'heading_open') continue;
    const source = Number(token.tag.slice(1));
    while (open.length > 0 && open[open.length - 1]!.source >= source) open.pop();
    const shown = Math.min(6, (open[open.length - 1]?.shown ?? 1) + 1);
    open.push({ source, shown });
    shownOf.set(token, shown);
  }
  let current = 2;
  for (const token of state.tokens) {
    if (token.type === 'heading_open') {
      current = shownOf.get(token)!;
      token.tag = `h${current}`;
    }
    if (token.type === 'heading_close') token.tag = `h${current}`;
  }
});

md.core.ruler.push('protect_emails', (state) => {
  const atWord = (state.env as MarkdownOptions).atWord;
  for (const block of state.tokens) {
    if (block.type === 'code_block' || block.type === 'fence') block.content = hideEmails(block.content, atWord);
    if (block.type !== 'inline' || !block.children) continue;
    const out: Token[] = [];
    const children = block.children;
    for (let i = 0; i < children.length; i++) {
      const token = children[i]!;
      const href = token.type === 'link_open' ? (token.attrGet('href') ?? '') : '';
      if (href.toLowerCase().startsWith('mailto:')) {
        // Replace the whole link (open, its text, close) by one obfuscated span.
        let label = '';
        let j = i + 1;
        for (; j < children.length && children[j]!.type !== 'link_close'; j++) label += children[j]!.content;
        const address = decodePercentRuns(href.slice('mailto:'.length).split('?')[0] ?? '');
        const html = new state.Token('html_inline', '', 0);
        html.content = emailSpan(address, atWord, label.trim());
        out.push(html);
        i = j;
        continue;
      }
      if (token.type === 'text' || token.type === 'code_inline') token.content = hideEmails(token.content, atWord);
      // An image's alt text lives in its own children, and links and images may carry a title.
      for (const child of token.type === 'image' ? (token.children ?? []) : []) child.content = hideEmails(child.content, atWord);
      const title = token.attrGet('title');
      if (title) token.attrSet('title', hideEmails(title, atWord));
      const target = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
      if (target) token.attrSet(target, withoutUserInfo(token.attrGet(target) ?? ''));
      out.push(token);
    }
    block.children = out;
  }
});

function insideLink(tokens: Token[], idx: number): boolean {
  let depth = 0;
  for (let i = 0; i < idx; i++) {
    if (tokens[i]!.type === 'link_open') depth++;
    else if (tokens[i]!.type === 'link_close') depth--;
  }
  return depth > 0;
}

// A wide code block scrolls sideways; tabindex lets a keyboard reach it to scroll.
for (const rule of ['fence', 'code_block'] as const) {
  const render = md.renderer.rules[rule]!;
  md.renderer.rules[rule] = (tokens, idx, options, env, self) =>
    render(tokens, idx, options, env, self).replace(/^<pre\b/, '<pre tabindex="0"');
}

// A wide table scrolls sideways in a box of its own (the page never does), which a keyboard can reach.
md.renderer.rules.table_open = (tokens, idx, options, _env, self) =>
  `<div class="table-scroll" tabindex="0">${self.renderToken(tokens, idx, options)}`;
md.renderer.rules.table_close = (tokens, idx, options, _env, self) => `${self.renderToken(tokens, idx, options)}</div>`;

// A header cell with nothing in it (a table's empty corner, a column an imported table left
// unnamed) becomes a plain cell: an empty <th> names nothing for a screen reader (axe's
// empty-table-header), and a placeholder name would be read out as if it were one.
const isEmptyCell = (token: Token | undefined) => token?.type === 'inline' && token.content.trim() === '';
md.renderer.rules.th_open = (tokens, idx, options, _env, self) => {
  if (isEmptyCell(tokens[idx + 1])) tokens[idx]!.tag = 'td';
  return self.renderToken(tokens, idx, options);
};
md.renderer.rules.th_close = (tokens, idx, options, _env, self) => {
  if (isEmptyCell(tokens[idx - 1])) tokens[idx]!.tag = 'td';
  return self.renderToken(tokens, idx, options);
};

function hostOf(src: string): string | undefined {
  try {
    // "//cdn.example/a.png" is remote too: it has a host but no scheme of its own.
    return new URL(src.startsWith('//') ? `https:${src}` : src).host || undefined;
  } catch {
    return undefined;
  }
}

// A link needs a name: alt text of only spaces would leave it empty for a screen reader.
function remoteImageLabel(alt: string, src: string, imageFrom: string): string {
  const host = hostOf(src);
  return alt.trim() || (host ? `${imageFrom} ${host}` : src.trim());
}

const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  // Readers' browsers make no request to another host, so a remote image becomes a link, or only
  // its text inside a link already (WordPress links its images), since a link may not hold a link.
  if (!isLocalUrl(src)) {
    const { imageFrom = 'billede fra' } = env as MarkdownOptions;
    const label = remoteImageLabel(self.renderInlineAsText(token.children ?? [], options, env), src, imageFrom);
    if (insideLink(tokens, idx)) return escapeHtml(label);
    // An image with neither alt text nor an address would be an empty link to nowhere.
    if (!label) return '';
    return `<a href="${escapeHtml(src)}" rel="nofollow noopener">${escapeHtml(label)}</a>`;
  }
  const known = (env as MarkdownOptions).images?.[uploadIdOfSrc(src) ?? ''];
  if (!known) {
    token.attrSet('loading', 'lazy');
    return defaultImage(tokens, idx, options, env, self);
  }
  // The size lets the browser keep the image's place before it arrives (no layout shift); the copies
  // are the featured image's: WebP where the browser takes it, and no wider than the column needs.
  token.attrSet('srcset', known.srcset);
  token.attrSet('sizes', POST_COLUMN_SIZES);
  token.attrSet('width', String(known.width));
  token.attrSet('height', String(known.height));
  token.attrSet('loading', 'lazy');
  token.attrSet('decoding', 'async');
  const img = defaultImage(tokens, idx, options, env, self);
  // A browser takes the first source whose type it knows: the smallest files first.
  const sources = [
    ['image/avif', known.avifSrcset],
    ['image/webp', known.webpSrcset],
  ]
    .filter(([, srcset]) => srcset)
    .map(([type, srcset]) => `<source type="${type}" srcset="${escapeHtml(srcset!)}" sizes="${POST_COLUMN_SIZES}">`)
    .join('');
  return `<picture>${sources}${img}</picture>`;
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const href = token.attrGet('href') ?? '';
  if (/^https?:\/\//i.test(href)) token.attrSet('rel', 'noopener');
  return self.renderToken(tokens, idx, options);
};

/**
 * Rendered documents, by their source and options: rendering is the largest cost of a feed or a
 * post page made from scratch, and the same bodies are rendered again after every change that drops
 * those pages. The key is the whole input, so an edited body can never meet an old rendering.
 */
const rendered = new Map<string, string>();
const RENDERED_MAX_ENTRIES = 2000;
const RENDERED_MAX_CHARS = 16 * 1024 * 1024;
// Larger documents are rendered each time rather than crowd out the rest.
const RENDERED_MAX_SOURCE = 256 * 1024;
let renderedChars = 0;

export function renderMarkdown(source: string, options: MarkdownOptions): SafeHtml {
  if (source.length > RENDERED_MAX_SOURCE) return trustHtml(md.render(source, { ...options }));
  const key = `${options.atWord}\n${options.imageFrom ?? ''}\n${JSON.stringify(options.images ?? {})}\n${source}`;
  let html = rendered.get(key);
  if (html !== undefined) {
    // Most recently used last: the oldest go first.
    rendered.delete(key);
    rendered.set(key, html);
    return trustHtml(html);
  }
  html = md.render(source, { ...options });
  rendered.set(key, html);
  renderedChars += key.length + html.length;
  for (const [oldKey, oldHtml] of rendered) {
    if (rendered.size <= RENDERED_MAX_ENTRIES && renderedChars <= RENDERED_MAX_CHARS) break;
    rendered.delete(oldKey);
    renderedChars -= oldKey.length + oldHtml.length;
  }
  return trustHtml(html);
}

/** Plain text of a Markdown document, for descriptions and feeds' summaries. */
export function markdownToText(source: string): string {
  const tokens = md.parse(source, { atWord: 'at' });
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === 'inline')
      parts.push(
        (token.children ?? [])
          .filter((c) => c.type === 'text' || c.type === 'code_inline')
          .map((c) => c.content)
          .join(''),
      );
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
