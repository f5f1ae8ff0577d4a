/** The one door for raw HTML into a view: only SafeHtml, which our renderers produce, gets through. */
import type { SafeHtml } from '../shared/safe-html.js';

export function TrustedHtml({ html, as: Tag = 'div', class: className }: { html: SafeHtml; as?: 'div' | 'section' | 'span' | 'p'; class?: string }) {
  return <Tag class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
