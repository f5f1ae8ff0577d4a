import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadAssets } from './assets.js';

/** What every public page makes a reader download before it can show anything. */
const STYLESHEET_BUDGET_BYTES = 30 * 1024;

describe('public assets', () => {
  const assets = loadAssets();
  const file = (name: string) => {
    const url = assets.urls[name];
    assert.ok(url, `${name} is served`);
    const asset = assets.files.get(url.slice('/static/'.length));
    assert.ok(asset, `${url} has a body`);
    return asset.body;
  };

  it(`keeps the stylesheet under ${STYLESHEET_BUDGET_BYTES / 1024} KB compressed`, () => {
    const size = gzipSync(file('style.css'), { level: 9 }).length;
    assert.ok(size < STYLESHEET_BUDGET_BYTES, `style.css is ${size} bytes compressed`);
  });

  it('keeps the script that blocks the first paint (the colour theme) tiny', () => {
    const size = file('theme.js').length;
    assert.ok(size < 1024, `theme.js is ${size} bytes`);
  });
});
