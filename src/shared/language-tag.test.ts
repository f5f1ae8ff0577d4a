import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normaliseLanguageTag, primaryLanguage } from './language-tag.js';

describe('normaliseLanguageTag', () => {
  it('writes tags as lang attributes take them', () => {
    assert.equal(normaliseLanguageTag('fr-FR'), 'fr-FR');
    assert.equal(normaliseLanguageTag(' zh_cn '), 'zh-CN');
    assert.equal(normaliseLanguageTag('EN'), 'en');
    assert.equal(normaliseLanguageTag('zh-hans-cn'), 'zh-Hans-CN');
    assert.equal(primaryLanguage('zh-CN'), 'zh');
  });

  it('refuses what is no tag', () => {
    for (const bad of ['', 'français', 'fr FR', '"><script>', 'x', `en${'-abc'.repeat(20)}`])
      assert.equal(normaliseLanguageTag(bad), undefined, bad);
  });
});
