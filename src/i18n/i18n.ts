import { da, en, type MessageKey, type Messages } from './messages.js';

export type Language = 'da' | 'en';
export const LANGUAGES: readonly Language[] = ['da', 'en'];
export const isLanguage = (value: unknown): value is Language => value === 'da' || value === 'en';

const CATALOGUES: Record<Language, Messages> = { da, en };
const LOCALES: Record<Language, string> = { da: 'da-DK', en: 'en-GB' };

export interface Translator {
  readonly lang: Language;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** "1 kommentar" / "5 kommentarer": picks the key ending in .one or .many. */
  count(keyBase: string, count: number): string;
  date(date: Date): string;
  dateTime(date: Date): string;
  month(year: number, month: number): string;
}

// Building the Intl formatters costs more than rendering a small page: one translator per language and zone.
const translators = new Map<string, Translator>();

export function translator(lang: Language, timeZone: string): Translator {
  const key = `${lang} ${timeZone}`;
  let kept = translators.get(key);
  if (!kept) translators.set(key, (kept = makeTranslator(lang, timeZone)));
  return kept;
}

function makeTranslator(lang: Language, timeZone: string): Translator {
  const messages = CATALOGUES[lang];
  // Each format is built when first used: building one takes milliseconds (the first loads ICU's
  // data for the locale), and a start's first page needs one of the three at most.
  const format = (options: Intl.DateTimeFormatOptions) => {
    let made: Intl.DateTimeFormat | undefined;
    return (date: Date) => (made ??= new Intl.DateTimeFormat(LOCALES[lang], options)).format(date);
  };
  const date = format({ dateStyle: 'long', timeZone });
  const dateTime = format({ dateStyle: 'long', timeStyle: 'short', timeZone });
  const month = format({ month: 'long', year: 'numeric', timeZone: 'UTC' });
  const t = (key: MessageKey, params?: Record<string, string | number>) => {
    const text = messages[key];
    return params ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`)) : text;
  };
  return {
    lang,
    t,
    count: (keyBase, count) => t(`${keyBase}.${count === 1 ? 'one' : 'many'}` as MessageKey, { count }),
    date,
    dateTime,
    month: (year, monthNo) => month(new Date(Date.UTC(year, monthNo - 1, 15))),
  };
}
