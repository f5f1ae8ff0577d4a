/** Post bodies: Markdown without raw HTML, e-mail addresses obfuscated, images only from our own host. */
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { encodeEmail, hideEmails, readableEmail } from '../shared/email-obfuscation.js';
import { trustHtml, type SafeHtml } from '../shared/safe-html.js';

export interface MarkdownOptions {
  /** The word between the parts of a readable address: "snabel-a" or "at". */
  atWord: string;
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
const escape = md.utils.escapeHtml;

function emailSpan(address: string, atWord: string, label?: string): string {
  const readable = readableEmail(address, atWord);
  const shown = label && !label.includes('@') ? label : readable;
  return `<span class="email" data-e="${escape(encodeEmail(address))}"${shown !== readable ? ` data-label="${escape(shown)}"` : ''}>${escape(shown === readable ? readable : `${shown} (${readable})`)}</span>`;
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
    try { return decodeURIComponent(run); } catch { return run; }
  });
}

function isLocalUrl(src: string): boolean {
  return src.startsWith('/') && !src.startsWith('//');
}

// The post title is the page's h1. A body that uses "#" headings too is shifted down one
// level as a whole, so its outline stays intact; bodies written with "##" are left alone.
md.core.ruler.push('demote_headings', (state) => {
  if (!state.tokens.some((token) => token.type === 'heading_open' && token.tag === 'h1')) return;
  for (const token of state.tokens) {
    if ((token.type === 'heading_open' || token.type === 'heading_close') && /^h[1-5]$/.test(token.tag)) {
      token.tag = `h${Number(token.tag.slice(1)) + 1}`;
    }
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
      const href = token.type === 'link_open' ? token.attrGet('href') ?? '' : '';
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
      for (const child of token.type === 'image' ? token.children ?? [] : []) child.content = hideEmails(child.content, atWord);
      const title = token.attrGet('title');
      if (title) token.attrSet('title', hideEmails(title, atWord));
      const target = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : undefined;
      if (target) token.attrSet(target, withoutUserInfo(token.attrGet(target) ?? ''));
      out.push(token);
    }
    block.children = out;
  }
});

const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const src = token.attrGet('src') ?? '';
  // Readers' browsers make no request to another host, so a remote image becomes a link.
  if (!isLocalUrl(src)) {
    const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
    return `<a href="${escape(src)}" rel="nofollow noopener">${escape(alt)}</a>`;
  }
  token.attrSet('loading', 'lazy');
  return defaultImage(tokens, idx, options, env, self);
};

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  const href = token.attrGet('href') ?? '';
  if (/^https?:\/\//i.test(href)) token.attrSet('rel', 'noopener');
  return self.renderToken(tokens, idx, options);
};

export function renderMarkdown(source: string, options: MarkdownOptions): SafeHtml {
  return trustHtml(md.render(source, { ...options }));
}

/** Plain text of a Markdown document, for descriptions and feeds' summaries. */
export function markdownToText(source: string): string {
  const tokens = md.parse(source, { atWord: 'at' });
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === 'inline') parts.push((token.children ?? []).filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content).join(''));
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
