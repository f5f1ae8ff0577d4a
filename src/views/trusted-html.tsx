/** The one door for raw HTML into a view: only SafeHtml, which our renderers produce, gets through. */
import type { SafeHtml } from '../shared/safe-html.js';

export function TrustedHtml({
  html,
  as: Tag = 'div',
  class: className,
  lang,
}: {
  html: SafeHtml;
  as?: 'div' | 'section' | 'span' | 'p';
  class?: string;
  lang?: string;
}) {
  return <Tag class={className} lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
