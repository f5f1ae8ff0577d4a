import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  fold,
  indexTerm,
  indexTerms,
  parseQuery,
  SEARCH_LANGUAGES,
  searchLanguageFor,
  termMatcher,
  tokenize,
  unfold,
  type SearchLanguage,
} from './text-analysis.js';

describe('the analyser for a language', () => {
  it('stems Danish and English, and only folds every other language', () => {
    assert.equal(searchLanguageFor('en-US', 'da'), 'en');
    assert.equal(searchLanguageFor(null, 'da'), 'da');
    assert.equal(searchLanguageFor('fr-FR', 'da'), 'simple');
    assert.deepEqual(indexTerms('Les conférences', 'simple'), ['les', 'conferences']);
  });

  it('makes each Chinese character a word, so a sentence is searchable', () => {
    assert.deepEqual(
      tokenize('调试Nginx的配置').map((t) => t.text),
      ['调', '试', 'Nginx', '的', '配', '置'],
    );
    assert.deepEqual(
      parseQuery('调试').groups.map((g) => g.terms),
      [['调'], ['试']],
    );
  });
});

const termsOf = (q: string) => parseQuery(q).groups.map((g) => g.terms);

describe('fold and unfold', () => {
  it('spells æ, ø and å (and ä, ö) as ae, oe and aa, and drops accents', () => {
    assert.equal(fold('Ærø Åbenrå'), 'aeroe aabenraa');
    assert.equal(fold('Göteborg Zürich café'), 'goeteborg zurich cafe');
    assert.equal(fold('lo\u0308sning'), 'loesning');
  });

  it('turns the transliterations back into Danish letters', () => {
    assert.equal(unfold('loesninger'), 'løsninger');
    assert.equal(unfold('aarhus'), 'århus');
  });
});

describe('index terms', () => {
  it('stems Danish inflections to one term', () => {
    const terms = ['partnerskab', 'partnerskaber', 'partnerskabet', 'partnerskaberne'].map((w) => indexTerm(w, 'da'));
    assert.deepEqual(new Set(terms), new Set(['partnerskab']));
  });

  it('stems English as English', () => {
    assert.deepEqual(
      ['running', 'runs', 'run'].map((w) => indexTerm(w, 'en')),
      ['run', 'run', 'run'],
    );
  });

  it('folds after stemming, so both spellings of a word index alike', () => {
    assert.equal(indexTerm('løsningerne', 'da'), 'loesning');
    assert.equal(indexTerm('loesningen', 'da'), 'loesning');
  });

  it("leaves out the language's stop words", () => {
    assert.deepEqual(indexTerms('Det er et partnerskab og ikke et netværk', 'da'), ['partnerskab', 'netvaerk']);
  });
});

describe('parseQuery', () => {
  it('matches a word as stemmed and in both spellings of æ, ø and å', () => {
    assert.ok(termsOf('loesninger')[0]!.includes('loesning'));
    assert.ok(termsOf('løsning')[0]!.includes('loesning'));
    assert.ok(termsOf('partnerskaber')[0]!.includes('partnerskab'));
    assert.ok(termsOf('running')[0]!.includes('run'));
  });

  it('needs every word, and highlights all their terms', () => {
    const query = parseQuery('stress arbejdsmiljø');
    assert.equal(query.groups.length, 2);
    assert.ok(query.highlight.has('stress') && query.highlight.has('arbejdsmiljoe'));
  });

  it('drops stop words unless nothing else is left', () => {
    assert.equal(parseQuery('partnerskab og samarbejde').groups.length, 2);
    assert.equal(parseQuery('to be or not').groups.length, 4);
  });

  it('keeps only letters and digits of query syntax', () => {
    assert.deepEqual(
      termsOf('"partnerskab* NEAR(a b) -stress title:x \' OR 1=1 --'),
      termsOf('partnerskab NEAR a b stress title x OR 1 1'),
    );
    assert.deepEqual(parseQuery('"*():-^').groups, []);
  });

  it('reads at most 200 characters', () => {
    const query = parseQuery(`${'x'.repeat(195)} abcdefghij`);
    assert.deepEqual(
      query.groups.flatMap((g) => g.terms).filter((t) => t.startsWith('abcd')),
      ['abcd'],
    );
  });

  it('matches the last word as a prefix for suggestions', () => {
    const query = parseQuery('digital partnersk', { prefixLast: true });
    assert.ok(query.groups[1]!.prefixes.includes('partnersk'));
    assert.ok(parseQuery('ledel', { prefixLast: true }).groups[0]!.terms.includes(indexTerm('ledelse', 'da')));
    assert.deepEqual(parseQuery('partnersk ', { prefixLast: true }).groups[0]!.prefixes, []);
  });
});

describe('matching the words of a text against the searched terms', () => {
  const plain = (terms: ReadonlySet<string>, language: SearchLanguage) => (word: string) => {
    const term = indexTerm(word, language);
    return terms.has(term) ? term : undefined;
  };
  const letters = [...'abcdefghijklmnopqrstuvwxyzæøåäöüéßABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅÄÖÉİΣσ', '\u0301', 'ǅ', '调', '𝐀'];
  const word = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 14 }).map((parts) => parts.join(''));
  const suffix = fc.constantFrom('', 'erne', 'ende', 'ing', 'ies', 'ying', 'ly', 'hed', 'ernes', 'ed', 's');

  it('finds the same terms as stemming every word, in every language', () => {
    for (const language of SEARCH_LANGUAGES) {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(word, suffix), { minLength: 1, maxLength: 6 }),
          word,
          fc.nat(),
          suffix,
          (searched, other, pick, s) => {
            const terms = new Set(searched.map(([a, b]) => indexTerm(a + b, language)));
            // Half the time a searched word with another ending, which often stems to the same term.
            const text = (pick % 2 === 0 ? searched[(pick >> 1) % searched.length]![0] : other) + s;
            assert.equal(termMatcher(terms, language)(text), plain(terms, language)(text), `${language}: ${text}`);
          },
        ),
        { numRuns: 2000 },
      );
    }
  });

  it('knows the words whose stem changes near the start', () => {
    for (const text of ['dying', 'Lying', 'tying', 'skies', 'Ægteskab', 'Øresund', 'Åbningen', 'İstanbul', 'Élan', 'yelling', 'ßtrasse']) {
      for (const language of SEARCH_LANGUAGES) {
        const terms = new Set([indexTerm(text, language)]);
        assert.equal(termMatcher(terms, language)(text), indexTerm(text, language), `${language}: ${text}`);
      }
    }
  });

  it('stems only the words that could match', () => {
    const stemmed: string[] = [];
    const matcher = termMatcher(new Set([indexTerm('partnerskab', 'da')]), 'da', (word) => (stemmed.push(word), indexTerm(word, 'da')));
    const words = tokenize('Kommunen og foreningerne indgik et partnerskab om partnerskaberne i kommunen').map((t) => t.text);
    assert.deepEqual(
      words.map(matcher).filter((t) => t !== undefined),
      ['partnerskab', 'partnerskab'],
    );
    assert.deepEqual(stemmed, ['partnerskab', 'partnerskaberne']);
  });
});
