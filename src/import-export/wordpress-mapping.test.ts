import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WxrItem, WxrSite } from './formats/wxr.js';
import { bylineOf, languageOf, oldPathOf, otherPermalinks, parseWpDate, slugFromPostName, threadOrder } from './wordpress-mapping.js';

describe('importer rules', () => {
  it("lists a post's other WordPress permalinks by its local date, and none for a name that is a path", () => {
    assert.deepEqual(otherPermalinks({ postDate: '2011-11-27 19:26:15', postName: 'a-post', postType: 'post' }), [
      '/a-post',
      '/2011/11/27/a-post',
      '/2011/11/a-post',
    ]);
    assert.deepEqual(otherPermalinks({ postDate: '2011-11-27 19:26:15', postName: 'about', postType: 'page' }), ['/about']);
    assert.deepEqual(otherPermalinks({ postDate: '0000-00-00 00:00:00', postName: 'x', postType: 'post' }), ['/x']);
    assert.deepEqual(otherPermalinks({ postDate: '2011-11-27 19:26:15', postName: '', postType: 'post' }), []);
    assert.deepEqual(otherPermalinks({ postDate: '2011-11-27 19:26:15', postName: '../x', postType: 'post' }), []);
  });

  it("reads a byline's own title, organisation and note for the post's author, and ignores a postmeta it did not write", () => {
    const withMeta = (value: string) => ({ meta: [{ key: '_ytring_bylines', value }] }) as unknown as WxrItem;
    const written = JSON.stringify([
      { login: 'anden', jobTitle: 'Kasserer', organisation: '', note: '' },
      { login: 'gitte', jobTitle: ' Formand ', organisation: 'Lokalforeningen', note: '' },
    ]);
    assert.deepEqual(bylineOf(withMeta(written), 'gitte'), { jobTitle: 'Formand', organisation: 'Lokalforeningen' });
    assert.deepEqual(bylineOf(withMeta(written), 'ukendt'), {});
    assert.deepEqual(bylineOf(withMeta('{not json'), 'gitte'), {});
    assert.deepEqual(bylineOf(withMeta('{"login":"gitte","jobTitle":"x"}'), 'gitte'), {});
    assert.deepEqual(bylineOf(withMeta(JSON.stringify([{ login: 'gitte', jobTitle: 7 }])), 'gitte'), {});
  });

  it("takes a post's language from Polylang's term or WPML's postmeta, else the export's", () => {
    const site = { language: 'fr-FR' } as WxrSite;
    const item = (terms: WxrItem['terms'], meta: WxrItem['meta'] = []) => ({ terms, meta }) as WxrItem;
    assert.equal(languageOf(item([]), site), 'fr-FR');
    assert.equal(languageOf(item([{ domain: 'language', nicename: 'en', name: 'English' }]), site), 'en');
    assert.equal(
      languageOf(item([{ domain: 'category', nicename: 'de', name: 'de' }], [{ key: '_wpml_language', value: 'de_DE' }]), site),
      'de-DE',
    );
    assert.equal(languageOf(item([], [{ key: 'language', value: 'not a tag' }]), site), 'fr-FR');
    assert.equal(languageOf(item([]), { language: '' } as WxrSite), null);
  });

  it('reads WordPress dates as UTC and refuses the zero date', () => {
    assert.equal(parseWpDate('2012-02-15 01:00:00')?.toISOString(), '2012-02-15T01:00:00.000Z');
    assert.equal(parseWpDate('0000-00-00 00:00:00'), undefined);
    assert.equal(parseWpDate(''), undefined);
  });

  it('decodes percent-encoded post names before making a slug', () => {
    assert.equal(slugFromPostName('%e8%b0%83%e8%af%95nginx'), 'nginx');
    assert.equal(slugFromPostName('conf%c3%a9rence-%c3%a0-prague'), 'conference-a-prague');
    assert.equal(slugFromPostName('100%-sure'), '100-sure');
  });

  it('takes the path (and a ?p= query) of an old address', () => {
    assert.equal(oldPathOf('http://everet.org/2012/12/%e8%b0%83%e8%af%95nginx.html'), '/2012/12/%e8%b0%83%e8%af%95nginx.html');
    assert.equal(oldPathOf('https://x.org/?p=12'), '/?p=12');
    assert.equal(oldPathOf('not a url'), undefined);
  });

  it('orders replies after their parents even when the export lists them first', () => {
    const { ordered, orphans } = threadOrder([
      { id: '3', parent: '2', date: '2015-01-03' },
      { id: '1', parent: '0', date: '2015-01-01' },
      { id: '2', parent: '1', date: '2015-01-02' },
      { id: '4', parent: '0', date: '2015-01-01 12' },
    ]);
    assert.deepEqual(
      ordered.map((c) => c.id),
      ['1', '2', '3', '4'],
    );
    assert.equal(orphans, 0);
  });

  it('makes a reply to a missing comment, or a cycle, top-level and counts it', () => {
    const { ordered, orphans } = threadOrder([
      { id: '5', parent: '99', date: '2015-01-01' },
      { id: '6', parent: '7', date: '2015-01-02' },
      { id: '7', parent: '6', date: '2015-01-03' },
    ]);
    assert.deepEqual(ordered.map((c) => c.id).sort(), ['5', '6', '7']);
    assert.equal(orphans, 2);
  });
});
