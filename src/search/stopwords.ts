/**
 * Snowball's stop word lists (BSD licence), the same ones the server database's danish and english
 * text search configurations use. A query drops them, unless it has nothing else; the index keeps them.
 */
import type { SearchLanguage } from './text-analysis.js';

const DANISH = `og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde
ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog
noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor
mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan`;

const ENGLISH = `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
herself it its itself they them their theirs themselves what which who whom this that these those am is are was were
be been being have has had having do does did doing a an the and but if or because as until while of at by for with
about against between into through during before after above below to from up down in out on off over under again
further then once here there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now`;

export const STOPWORDS: Record<SearchLanguage, ReadonlySet<string>> = {
  da: new Set(DANISH.split(/\s+/)),
  en: new Set(ENGLISH.split(/\s+/)),
  simple: new Set(),
};
