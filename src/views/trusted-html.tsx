/** The one door for raw HTML into a view: only SafeHtml, which our renderers produce, gets through. */
import type { SafeHtml } from '../shared/safe-html.js';

export function TrustedHtml({
  html,
  as: Tag = 'div',
  class: className,
  lang,
  labelledBy,
}: {
  html: SafeHtml;
  as?: 'div' | 'section' | 'span' | 'p' | 'article' | 'ol';
  class?: string;
  lang?: string;
  /** aria-labelledby: the id of the element inside that names this one. */
  labelledBy?: string;
}) {
  return <Tag class={className} lang={lang} aria-labelledby={labelledBy} dangerouslySetInnerHTML={{ __html: html }} />;
}
