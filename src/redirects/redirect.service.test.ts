import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isWordPressIdAddress, redirectKey } from './redirect.service.js';

describe('redirect keys', () => {
  it('drop the query and trailing slash', () => {
    assert.equal(redirectKey('/blog/post/?utm=x'), '/blog/post');
    assert.equal(redirectKey('/'), '/');
  });

  it('keep WordPress’s /?p=ID and /?page_id=ID', () => {
    assert.equal(redirectKey('/?p=123'), '/?p=123');
    assert.equal(redirectKey('/?utm_source=x&p=123'), '/?p=123');
    assert.equal(redirectKey('/index.php?page_id=4'), '/?page_id=4');
    assert.equal(redirectKey('/?page=2'), '/');
    assert.equal(isWordPressIdAddress('/?p=5'), true);
    assert.equal(isWordPressIdAddress('/?page=5'), false);
    assert.equal(redirectKey('/?attachment_id=981'), '/?attachment_id=981');
    assert.equal(isWordPressIdAddress('/?attachment_id=981'), true);
  });

  it('take linear time on a long hostile path', () => {
    const started = performance.now();
    redirectKey(`/${'%e8'.repeat(20_000)}${'/'.repeat(20_000)}x?${'p=1&'.repeat(5_000)}`);
    assert.ok(performance.now() - started < 200);
  });

  it('spell percent-escapes one way, raw or encoded, upper or lower case', () => {
    const key = redirectKey('/2012/12/%E8%B0%83%E8%AF%95nginx.html');
    assert.equal(redirectKey('/2012/12/%e8%b0%83%e8%af%95nginx.html'), key);
    assert.equal(redirectKey('/2012/12/调试nginx.html'), key);
  });
});
