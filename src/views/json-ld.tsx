/**
 * The second door for raw text into a view, beside trusted-html.tsx: structured data must sit in a
 * <script> element as JSON, and a script's content is never entity-decoded, so preact's escaping
 * ("&quot;") would break the JSON. Only an object goes in; it is serialised here, and every "<" is
 * written as \u003c, so neither "</script>" nor "<!--" can end or alter the element.
 */
import type { JsonLdObject } from '../seo/sharing.js';

export const jsonLdText = (data: JsonLdObject) => JSON.stringify(data).replace(/</g, '\\u003c');

/** One property as jsonLdText writes it inside its object (a kept page puts a changed count in its place). */
export const jsonLdProperty = (name: string, value: string | number) =>
  `${JSON.stringify(name)}:${JSON.stringify(value)}`.replace(/</g, '\\u003c');

export function JsonLd({ data }: { data: JsonLdObject }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}
