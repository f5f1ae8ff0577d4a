import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleTags, blogPostingJsonLd, sharingTags, summarise } from './sharing.js';

describe('sharing metadata', () => {
  it('shortens a long lead at a word, with an ellipsis', () => {
    assert.equal(summarise('Kort tekst.'), 'Kort tekst.');
    const long = 'ord '.repeat(100);
    const short = summarise(long, 50);
    assert.ok(short.length <= 50);
    assert.match(short, /^ord( ord)*…$/);
  });

  it('gives OpenGraph and Twitter card tags without a harvestable address', () => {
    const tags = sharingTags({
      type: 'article',
      url: 'https://ytring.example/a/b',
      title: 'Titel',
      description: 'Skriv til ida@forbund.example',
      siteName: 'Ytring',
      language: 'da',
      atWord: 'snabel-a',
    });
    const value = (key: string) => tags.find((t) => t.property === key || t.name === key)?.content;
    assert.equal(value('og:type'), 'article');
    assert.equal(value('og:url'), 'https://ytring.example/a/b');
    assert.equal(value('og:title'), 'Titel');
    assert.equal(value('og:description'), 'Skriv til ida (snabel-a) forbund.example');
    assert.equal(value('og:locale'), 'da_DK');
    assert.equal(value('twitter:card'), 'summary');
  });

  it('gives article tags for times, section, authors and tags', () => {
    const tags = articleTags({
      publishedAt: new Date('2026-03-01T00:00:00Z'),
      modifiedAt: new Date('2026-03-02T00:00:00Z'),
      section: 'Debatten',
      authorUrls: ['https://ytring.example/authors/a', 'https://ytring.example/authors/b'],
      tags: ['Velfærd'],
      atWord: 'snabel-a',
    });
    assert.deepEqual(
      tags.filter((t) => t.property === 'article:author').map((t) => t.content),
      ['https://ytring.example/authors/a', 'https://ytring.example/authors/b'],
    );
    assert.equal(tags.find((t) => t.property === 'article:published_time')?.content, '2026-03-01T00:00:00.000Z');
  });

  it('describes a post as a BlogPosting with every author as a Person, with job and employer where known', () => {
    const data = blogPostingJsonLd({
      url: 'https://ytring.example/a/b',
      title: 'Titel',
      description: 'Indledning',
      language: 'da',
      atWord: 'snabel-a',
      publishedAt: new Date('2026-03-01T00:00:00Z'),
      modifiedAt: new Date('2026-03-02T00:00:00Z'),
      authors: [
        { name: 'Ida Holm', url: 'https://ytring.example/authors/ida-holm', jobTitle: 'Chef', organisation: 'Forbundet' },
        { name: 'Bo Lund', url: 'https://ytring.example/authors/bo-lund', jobTitle: '', organisation: '' },
      ],
      publisher: { name: 'Ytring', url: 'https://ytring.example/' },
      blog: { name: 'Debatten', url: 'https://ytring.example/a' },
      tags: ['Velfærd', 'Ledelse'],
      commentCount: 3,
    });
    assert.equal(data['@type'], 'BlogPosting');
    assert.equal(data.datePublished, '2026-03-01T00:00:00.000Z');
    assert.equal(data.dateModified, '2026-03-02T00:00:00.000Z');
    assert.deepEqual(data.author, [
      {
        '@type': 'Person',
        name: 'Ida Holm',
        url: 'https://ytring.example/authors/ida-holm',
        jobTitle: 'Chef',
        worksFor: { '@type': 'Organization', name: 'Forbundet' },
      },
      { '@type': 'Person', name: 'Bo Lund', url: 'https://ytring.example/authors/bo-lund' },
    ]);
    assert.deepEqual(data.publisher, { '@type': 'Organization', name: 'Ytring', url: 'https://ytring.example/' });
    assert.equal(data.keywords, 'Velfærd, Ledelse');
  });
});
