/** BCP 47 language tags as WordPress exports write them ("fr-FR", "zh_CN", "en") → the form `lang` attributes take. */

// Anchored, no nested quantifiers: linear on any input.
const TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8}){0,4}$/i;

/** "fr_fr" → "fr-FR", "zh-hans-cn" → "zh-Hans-CN"; undefined when `text` is no language tag. */
export function normaliseLanguageTag(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > 35 || !TAG.test(trimmed)) return undefined;
  const [language, ...rest] = trimmed.split(/[-_]/) as [string, ...string[]];
  return [
    language.toLowerCase(),
    ...rest.map((part) => {
      if (/^[a-z]{2}$/i.test(part) || /^\d{3}$/.test(part)) return part.toUpperCase();
      if (/^[a-z]{4}$/i.test(part)) return part[0]!.toUpperCase() + part.slice(1).toLowerCase();
      return part.toLowerCase();
    }),
  ].join('-');
}

/** The language without region or script: "zh-CN" → "zh". */
export const primaryLanguage = (tag: string): string => tag.split('-')[0]!.toLowerCase();
