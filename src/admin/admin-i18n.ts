/**
 * Admin text lives beside each admin section, Danish first with English complete (the type
 * checks it), so sections can grow without one shared file.
 */
import type { Language } from '../i18n/i18n.js';

export type SectionMessages<M extends Record<string, string>> = { da: M; en: { [K in keyof M]: string } };

export type SectionText<M extends Record<string, string>> = (key: keyof M, params?: Record<string, string | number>) => string;

export function sectionText<M extends Record<string, string>>(messages: SectionMessages<M>, lang: Language): SectionText<M> {
  const catalogue = messages[lang] as Record<keyof M, string>;
  return (key, params) => {
    const text = catalogue[key];
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
  };
}
