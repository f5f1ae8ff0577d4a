/** Writing XML for the feeds, the sitemap and the WordPress export: every text and attribute value passes through here. */

// XML 1.0 allows tab, newline and carriage return but no other C0 control, no lone surrogate and
// not U+FFFE/U+FFFF; one such character pasted into a post would make the whole feed unreadable.
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or attribute value, escaped; characters XML cannot carry are dropped. */
export function escapeXml(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/**
 * Text as a CDATA section, for markup that WordPress reads as HTML; a "]]>" inside is split across two
 * sections, and characters XML cannot carry are dropped.
 */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(NOT_XML_CHAR, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `<name attr="…">text</name>`, or a self-closing element without text; undefined attributes are left out. */
export function element(name: string, attributes: Record<string, string | undefined>, text?: string): string {
  const attrs = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  return text === undefined ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
