import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSlug, slugify, uniqueSlug } from './slug.js';

describe('slugify', () => {
  it('transliterates Danish letters', () => {
    assert.equal(slugify('Hvordan laver man det gode partnerskab?'), 'hvordan-laver-man-det-gode-partnerskab');
    assert.equal(slugify('Ære, søer og Åens bølger'), 'aere-soeer-og-aaens-boelger');
  });

  it('strips other accents and punctuation', () => {
    assert.equal(slugify('Café — “Über” naïve!'), 'cafe-uber-naive');
  });

  it('returns empty text for input without letters or digits', () => {
    assert.equal(slugify('?!…'), '');
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('ord '.repeat(50), 20);
    assert.ok(slug.length <= 20);
    assert.ok(!slug.endsWith('-'));
    assert.ok(isSlug(slug));
  });
});

describe('uniqueSlug', () => {
  it('appends the first free number', async () => {
    const taken = new Set(['a', 'a-2']);
    assert.equal(await uniqueSlug('a', async (s) => taken.has(s)), 'a-3');
  });
});
