/** WordPress HTML → what Ytring stores: Markdown for post bodies, plain text for comments, names and titles. */
import sanitizeHtml from 'sanitize-html';
import TurndownService from 'turndown';

const LATIN1 = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para ' +
  'middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc ' +
  'Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc ' +
  'otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const NAMED: Record<string, number> = {
  amp: 38,
  lt: 60,
  gt: 62,
  quot: 34,
  apos: 39,
  OElig: 338,
  oelig: 339,
  Scaron: 352,
  scaron: 353,
  Yuml: 376,
  fnof: 402,
  circ: 710,
  tilde: 732,
  ensp: 8194,
  emsp: 8195,
  thinsp: 8201,
  zwnj: 8204,
  zwj: 8205,
  lrm: 8206,
  rlm: 8207,
  ndash: 8211,
  mdash: 8212,
  lsquo: 8216,
  rsquo: 8217,
  sbquo: 8218,
  ldquo: 8220,
  rdquo: 8221,
  bdquo: 8222,
  dagger: 8224,
  Dagger: 8225,
  bull: 8226,
  hellip: 8230,
  permil: 8240,
  prime: 8242,
  Prime: 8243,
  lsaquo: 8249,
  rsaquo: 8250,
  oline: 8254,
  frasl: 8260,
  euro: 8364,
  trade: 8482,
  larr: 8592,
  uarr: 8593,
  rarr: 8594,
  darr: 8595,
  harr: 8596,
  minus: 8722,
  infin: 8734,
  ne: 8800,
  le: 8804,
  ge: 8805,
  hearts: 9829,
  spades: 9824,
  clubs: 9827,
  diams: 9830,
  loz: 9674,
  alpha: 945,
  beta: 946,
  pi: 960,
  Omega: 937,
  mu: 956,
};
LATIN1.forEach((name, i) => {
  NAMED[name] = 160 + i;
});

const fromCode = (code: number, raw: string) =>
  code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : raw;

/** Decodes HTML character references once: `&#8217;` → ’, `&laquo;` → «; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (raw, ref: string) => {
    if (ref[0] === '#') return fromCode(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10), raw);
    const code = NAMED[ref];
    return code === undefined ? raw : String.fromCodePoint(code);
  });
}

const BLOCK =
  'address|article|aside|audio|blockquote|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|video';

// C0 controls but tab, newline and carriage return (the callers turn \r into \n), DEL and C1: no
// text means them, HTML forbids most of them, and some terminals and feeds choke on them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
export const dropControlCharacters = (text: string): string => text.replace(CONTROL, '');
const BLOCK_TAG = new RegExp(`<\\/?(?:${BLOCK})\\b[^>]*>`, 'gi');

function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t\u00a0]+$/g, '')
        .replace(/^[ \t]+/, '')
        .replace(/ {2,}/g, ' '),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Tags without attributes that only mark up text: a text holding no others, and no character
// reference, is turned into text by deleting them, as the parser would; anything else takes the parser.
const BARE_INLINE_TAG = /<\/?(?:a|abbr|b|big|cite|code|del|em|i|ins|kbd|mark|q|s|small|span|strike|strong|sub|sup|u)>/gi;

/** HTML (or text with stray tags and entities) → plain text, tags dropped, entities decoded once. */
function textOf(html: string): string {
  // Most imported comments and names are plain text or near it, and a large import reads
  // hundreds of thousands: the full parser costs more than the rest of storing one.
  if (!html.includes('&')) {
    const bare = html.includes('<') ? html.replace(BARE_INLINE_TAG, '') : html;
    if (!bare.includes('<')) return dropControlCharacters(bare);
  }
  const escaped = sanitizeHtml(dropControlCharacters(html), {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['script', 'style', 'iframe', 'object'],
  });
  // sanitize-html decoded the input's references and escaped &, < and > again: undo that once.
  return decodeEntities(escaped);
}

/** `text` shortened to `max` characters, ending in an ellipsis when cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A name or title: one line of plain text. */
export function plainLine(html: string): string {
  return textOf(html).replace(/\s+/g, ' ').trim();
}

/**
 * A comment's HTML → the plain text Ytring's comment renderer expects: paragraphs and line
 * breaks kept (WordPress shows blank lines as paragraphs too), a link's address kept beside its
 * text, every tag and comment dropped.
 */
export function commentHtmlToText(html: string): string {
  const prepared = dropControlCharacters(html.replace(/\r\n?/g, '\n'))
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<a\b[^>]*?\bhref\s*=\s*(["'])(https?:\/\/[^"']+)\1[^>]*>([\s\S]*?)<\/a\s*>/gi, (_all, _q, href: string, inner: string) => {
      const label = plainLine(inner);
      const url = decodeEntities(href);
      // WordPress shortens long addresses it links ("https://example.org/a-long-pa…").
      const bare = (s: string) => s.replace(/^https?:\/\//, '').replace(/(?:\u2026|\.\.\.)$/, '');
      return !label || bare(url).startsWith(bare(label)) ? ` ${url} ` : `${inner} (${url})`;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(BLOCK_TAG, '\n\n');
  return tidyText(textOf(prepared));
}

// wpautop in small: WordPress stores bodies with blank lines for paragraphs and adds <p> when it
// shows them. Block tags get blank lines around them, then every chunk that is not a block
// becomes a paragraph whose single newlines are line breaks. <pre> is left untouched.
export function autoParagraphs(html: string): string {
  const pres: string[] = [];
  const protectedHtml = html.replace(/<pre\b[\s\S]*?<\/pre\s*>/gi, (pre) => `\n\n\ue000${pres.push(pre) - 1}\ue000\n\n`);
  const spaced = protectedHtml
    .replace(new RegExp(`(<(?:${BLOCK})\\b[^>]*>)`, 'gi'), '\n\n$1')
    .replace(new RegExp(`(<\\/(?:${BLOCK})\\s*>)`, 'gi'), '$1\n\n');
  const chunks = spaced
    .split(/\n\s*\n/)
    .map((c) => c.trim())
    .filter(Boolean);
  const startsBlock = new RegExp(`^<\\/?(?:${BLOCK})\\b`, 'i');
  return chunks
    .map((chunk) => {
      if (/^\ue000\d+\ue000$/.test(chunk)) return pres[Number(chunk.slice(1, -1))]!;
      if (startsBlock.test(chunk)) return chunk;
      return `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`;
    })
    .join('\n\n');
}

const absolute = (url: string, base: string | undefined) => {
  if (!base || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#')) return url;
  try {
    return new URL(url, base).toString();
  } catch {
    return url;
  }
};

function sanitizeBody(html: string, baseUrl: string | undefined): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'p',
      'br',
      'hr',
      'a',
      'img',
      'ul',
      'ol',
      'li',
      'blockquote',
      'pre',
      'code',
      'em',
      'strong',
      'b',
      'i',
      'u',
      'del',
      's',
      'strike',
      'ins',
      'sup',
      'sub',
      'cite',
      'q',
      'abbr',
      'kbd',
      'samp',
      'var',
      'mark',
      'small',
      'big',
      'figure',
      'figcaption',
      'dl',
      'dt',
      'dd',
      'table',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'th',
      'td',
      'caption',
      'div',
      'span',
      'address',
    ],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    // Only code and style sheets are dropped with their text: the words inside any other element the
    // list leaves out (details, summary, form fields, noscript, a video's fallback) stay, as text.
    nonTextTags: ['script', 'style'],
    transformTags: {
      summary: 'p',
      textarea: 'p',
      option: 'p',
      // A video or sound with an address keeps it as a link; one without keeps its fallback text.
      video: (_tagName, attribs) => ({ tagName: 'p', attribs: {}, ...(attribs.src ? { text: absolute(attribs.src, baseUrl) } : {}) }),
      audio: (_tagName, attribs) => ({ tagName: 'p', attribs: {}, ...(attribs.src ? { text: absolute(attribs.src, baseUrl) } : {}) }),
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, ...(attribs.href ? { href: absolute(attribs.href, baseUrl) } : {}) } }),
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, ...(attribs.src ? { src: absolute(attribs.src, baseUrl) } : {}) } }),
      // An embedded video or map keeps its address as a link rather than vanishing.
      iframe: (_tagName, attribs) => ({ tagName: 'p', attribs: {}, text: attribs.src ? absolute(attribs.src, baseUrl) : '' }),
      embed: (_tagName, attribs) => ({ tagName: 'p', attribs: {}, text: attribs.src ? absolute(attribs.src, baseUrl) : '' }),
    },
  });
}

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '_', hr: '---' });
turndown.remove(['script', 'style']);
// A <pre> without <code> inside (WordPress's usual kind) is code all the same.
turndown.addRule('bareCodeBlock', {
  filter: (node) => node.nodeName === 'PRE' && node.firstChild?.nodeName !== 'CODE',
  replacement: (_content, node) => {
    const text = (node.textContent ?? '').replace(/\n+$/, '');
    const fence = text.includes('```') ? '~~~' : '```';
    return `\n\n${fence}\n${text}\n${fence}\n\n`;
  },
});
// A quote block's source (Gutenberg's <cite> after the quote) reads as one: "— Name".
turndown.addRule('quoteSource', {
  filter: (node) =>
    node.nodeName === 'CITE' &&
    (node.parentNode?.nodeName === 'BLOCKQUOTE' ||
      (node.parentNode?.nodeName === 'P' &&
        node.parentNode.parentNode?.nodeName === 'BLOCKQUOTE' &&
        node.parentNode.textContent?.trim() === node.textContent?.trim())),
  replacement: (content) => `— ${content.trim()}`,
});
// A link with no text and no image in it (WordPress leaves them where an image was taken out) is
// an empty tab stop without a name for a screen reader: it goes, as it showed nothing.
turndown.addRule('emptyLink', {
  filter: (node) => node.nodeName === 'A' && !(node.textContent ?? '').trim() && !(node as HTMLElement).querySelector('img'),
  replacement: () => '',
});
// Tables become Markdown (GFM) tables, which the renderer shows as tables. GFM makes the first row
// the header, so the header is the first row with anything in it (a spacer row of empty cells above
// it is dropped: it showed nothing), and every row has as many cells as the widest. A header cell
// left empty stays empty: the renderer (posts/markdown.ts) makes it a plain cell rather than an
// empty header, and a made-up name ("—" once) would be read out as if it named the column.
const tableOf = (node: Node): HTMLElement | undefined => {
  for (let at = node.parentNode; at; at = at.parentNode) if (at.nodeName === 'TABLE') return at as HTMLElement;
  return undefined;
};
const hasContent = (element: HTMLElement) => Boolean(element.textContent?.trim() || element.querySelector('img'));
const spanOf = (cell: Element) => Math.min(Math.max(Number(cell.getAttribute('colspan')) || 1, 1), 50);
const widthOf = (row: Element) => Array.from(row.children).reduce((sum, cell) => sum + spanOf(cell), 0);
// Each cell and row asks about its table: worked out once per table, so a long table costs no more than its size.
const shapes = new WeakMap<HTMLElement, { header: HTMLElement | undefined; width: number }>();
function shapeOf(table: HTMLElement): { header: HTMLElement | undefined; width: number } {
  let shape = shapes.get(table);
  if (!shape) {
    const rows = Array.from(table.querySelectorAll('tr')).filter((row) => tableOf(row) === table && hasContent(row));
    shape = { header: rows[0], width: Math.max(0, ...rows.map(widthOf)) };
    shapes.set(table, shape);
  }
  return shape;
}
const isHeaderRow = (row: HTMLElement) => {
  const table = tableOf(row);
  return table ? shapeOf(table).header === row : true;
};
turndown.addRule('tableCell', {
  filter: ['th', 'td'],
  replacement: (content, node) => {
    const cell = node as HTMLElement;
    const text = content.replace(/\n+/g, ' ').replace(/\|/g, '\\|').trim();
    // A cell spanning columns keeps the columns after it, empty (GFM has no spans).
    return ` ${text} |${'  |'.repeat(spanOf(cell) - 1)}`;
  },
});
turndown.addRule('tableRow', {
  filter: 'tr',
  replacement: (content, node) => {
    const row = node as HTMLElement;
    if (!hasContent(row)) return '';
    const table = tableOf(row);
    const width = table ? shapeOf(table).width : widthOf(row);
    const header = isHeaderRow(row);
    const cells = `|${content}${'  |'.repeat(Math.max(0, width - widthOf(row)))}\n`;
    return header ? `${cells}|${' --- |'.repeat(width)}\n` : cells;
  },
});
turndown.addRule('table', {
  filter: ['table'],
  replacement: (content) => `\n\n${content.replace(/\n\n+/g, '\n')}\n\n`,
});
turndown.addRule('tableSection', { filter: ['thead', 'tbody', 'tfoot'], replacement: (content) => content });

export interface BodyOptions {
  /** The old site's address, to make relative links and image sources absolute. */
  baseUrl?: string;
}

/**
 * A post body from WordPress → Markdown: block-editor comments, `<!--more-->` and
 * `<!--nextpage-->` dropped, paragraphs made explicit, scripts, iframes and event handlers
 * stripped (an iframe's address is kept as a link), then turndown. Shortcodes stay as text.
 */
export function postHtmlToMarkdown(html: string, options: BodyOptions = {}): string {
  const withoutComments = dropControlCharacters(html.replace(/\r\n?/g, '\n')).replace(/<!--[\s\S]*?(?:-->|$)/g, '\n');
  const clean = sanitizeBody(autoParagraphs(withoutComments), options.baseUrl);
  return turndown
    .turndown(clean)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
