import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wxrDocument, wxrItem } from '../../../test/support/wxr.js';
import { createWxrParser, readWxr, WxrParseError, type WxrRecord } from './wxr.js';

function parse(xml: string, chunkSize = 7): WxrRecord[] {
  const records: WxrRecord[] = [];
  const parser = createWxrParser((r) => records.push(r));
  // Small chunks: records and CDATA sections split across writes must come out whole.
  for (let i = 0; i < xml.length; i += chunkSize) parser.write(xml.slice(i, i + chunkSize));
  parser.close();
  return records;
}

const items = (records: WxrRecord[]) => records.flatMap((r) => (r.kind === 'item' ? [r.item] : []));

function parseError(xml: string): WxrParseError {
  try {
    parse(xml, 64);
  } catch (error) {
    assert.ok(error instanceof WxrParseError, `expected a WxrParseError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the parser to fail');
}

describe('WXR parser', () => {
  it('reads the site, authors and an item with its comments', () => {
    const records = parse(wxrDocument('', wxrItem({ id: 7, comments: [{ id: 1 }, { id: 2, parent: 1 }] })));
    assert.deepEqual(
      records.map((r) => r.kind),
      ['site', 'author', 'item'],
    );
    const site = records[0]!.kind === 'site' ? records[0]!.site : undefined;
    assert.equal(site?.baseBlogUrl, 'https://old.example.org');
    assert.equal(site?.wxrVersion, '1.2');
    const [item] = items(records);
    assert.equal(item?.postId, '7');
    assert.equal(item?.postType, 'post');
    assert.deepEqual(
      item?.comments.map((c) => [c.id, c.parent]),
      [
        ['1', '0'],
        ['2', '1'],
      ],
    );
    assert.deepEqual(item?.terms, [{ domain: 'category', nicename: 'nyheder', name: 'Nyheder' }]);
  });

  for (const ns of ['http://wordpress.org/export/1.2/', 'https://wordpress.org/export/1.2/', 'http://wordpress.org/export/1.1/']) {
    it(`accepts the namespace spelling ${ns}`, () => {
      const [item] = items(parse(wxrDocument('', wxrItem({ id: 3, status: 'draft' }), { wpNamespace: ns })));
      assert.equal(item?.postId, '3');
      assert.equal(item?.status, 'draft');
    });
  }

  it('keeps CDATA content as written, including markup and a split "]]>"', () => {
    const content = '<p>Hej & <b>farvel</b></p>]]]]><![CDATA[>';
    const [item] = items(parse(wxrDocument('', wxrItem({ id: 1, content }))));
    assert.equal(item?.content, '<p>Hej & <b>farvel</b></p>]]>');
  });

  it('turns CRLF line endings into LF, also inside CDATA', () => {
    const [item] = items(parse(wxrDocument('', wxrItem({ id: 1, content: 'a\nb\n\nc' }), { newline: '\r\n' })));
    assert.equal(item?.content, 'a\nb\n\nc');
  });

  it('decodes XML entities but leaves HTML entity text inside CDATA for the importer', () => {
    const [item] = items(
      parse(wxrDocument('', wxrItem({ id: 1, title: 'Fish &amp; chips &#8217;n&#x2019; &lt;b&gt;', content: 'l&#8217;ami' }))),
    );
    assert.equal(item?.title, 'Fish & chips ’n’ <b>');
    assert.equal(item?.content, 'l&#8217;ami');
  });

  it('keeps non-ASCII text split across chunk boundaries', async () => {
    const xml = wxrDocument('', wxrItem({ id: 1, title: '调试Nginx – Blåbær', content: '这个网站是在哪个服务器上跑的' }));
    const bytes = Buffer.from(xml, 'utf8');
    const decoder = new TextDecoder();
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 5) yield decoder.decode(bytes.subarray(i, i + 5), { stream: true });
    }
    const records: WxrRecord[] = [];
    for await (const record of readWxr(chunks())) records.push(record);
    assert.equal(items(records)[0]?.title, '调试Nginx – Blåbær');
    assert.equal(items(records)[0]?.content, '这个网站是在哪个服务器上跑的');
  });

  it('reads channel categories, tags and terms', () => {
    const terms =
      '<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[%e7%bd%91]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[网络]]></wp:cat_name></wp:category>\n' +
      '<wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug><![CDATA[sql]]></wp:tag_slug><wp:tag_name><![CDATA[SQL]]></wp:tag_name></wp:tag>\n' +
      '<wp:term><wp:term_id>6</wp:term_id><wp:term_taxonomy><![CDATA[nav_menu]]></wp:term_taxonomy><wp:term_slug><![CDATA[menu]]></wp:term_slug><wp:term_parent><![CDATA[]]></wp:term_parent><wp:term_name><![CDATA[Menu]]></wp:term_name></wp:term>\n';
    const found = parse(wxrDocument(terms, '')).flatMap((r) => (r.kind === 'term' ? [[r.term.taxonomy, r.term.slug, r.term.name]] : []));
    assert.deepEqual(found, [
      ['category', '%e7%bd%91', '网络'],
      ['post_tag', 'sql', 'SQL'],
      ['nav_menu', 'menu', 'Menu'],
    ]);
  });

  it('reports the line of a tag that does not match', () => {
    const xml = wxrDocument('', wxrItem({ id: 1 }) + '<item>\n<title>Broken</titel>\n</item>\n');
    const error = parseError(xml);
    const expected = xml.split('\n').findIndex((line) => line.includes('</titel>')) + 1;
    assert.equal(error.line, expected);
    assert.match(error.reason, /close tag/);
  });

  it('reports a truncated file at its end', () => {
    const xml = wxrDocument('', wxrItem({ id: 1 }) + wxrItem({ id: 2 }));
    const cut = xml.slice(0, xml.indexOf('<wp:post_id>2'));
    const error = parseError(cut);
    assert.ok(error.line >= cut.split('\n').length - 1, `line ${error.line}`);
  });

  it('refuses an RSS feed that is not a WordPress export', () => {
    const error = parseError(
      '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed</title>\n<item><title>A</title><link>https://x.org/a</link></item></channel></rss>',
    );
    assert.match(error.reason, /not a WordPress export/);
    assert.equal(error.line, 3);
  });

  it('refuses a document that is not RSS', () => {
    assert.match(parseError('<?xml version="1.0"?>\n<html><body/></html>').reason, /not a WordPress export/);
  });

  it('refuses an undeclared HTML entity outside CDATA, with its line', () => {
    const xml = wxrDocument('', wxrItem({ id: 1, title: 'Caf&eacute;' }));
    assert.equal(parseError(xml).line, xml.split('\n').findIndex((line) => line.includes('Caf&eacute;')) + 1);
  });
});
