import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AA, accentPalette, accentProblem, contrastRatio, normaliseHex, THEME } from './contrast.js';

describe('contrast', () => {
  it('computes the WCAG ratios known from the specification', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
    // #767676 is the lightest grey that passes AA on white (4.54), #777777 fails (4.48).
    assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
    assert.ok(contrastRatio('#777777', '#ffffff') < AA);
  });

  it('reads hex colours typed in the usual ways', () => {
    assert.equal(normaliseHex(' #0B5A7A '), '#0b5a7a');
    assert.equal(normaliseHex('0b5a7a'), '#0b5a7a');
    assert.equal(normaliseHex('#abc'), '#aabbcc');
    assert.equal(normaliseHex('red'), undefined);
    assert.equal(normaliseHex('#12345'), undefined);
  });

  it('refuses an accent white text cannot be read on, and accepts the default', () => {
    assert.equal(accentProblem('#0b5a7a'), undefined);
    assert.equal(accentProblem('#ffcc00'), 'low_contrast');
    assert.equal(accentProblem('#777777'), 'low_contrast');
    assert.equal(accentProblem('#767676'), undefined);
  });

  it('gives every accepted accent a dark-mode companion readable on the dark theme', () => {
    for (const hex of ['#0b5a7a', '#000000', '#b00020', '#1a237e', '#767676', '#2e7d32', '#4a148c']) {
      assert.equal(accentProblem(hex), undefined, hex);
      const { light, dark } = accentPalette(hex);
      assert.equal(light.accent, hex);
      assert.ok(contrastRatio(light.hover, THEME.light.accentInk) >= AA, `${hex} light hover`);
      for (const background of [THEME.dark.paper, THEME.dark.tint, THEME.dark.accentInk]) {
        assert.ok(contrastRatio(dark.accent, background) >= AA, `${hex} dark on ${background}`);
        assert.ok(contrastRatio(dark.hover, background) >= AA, `${hex} dark hover on ${background}`);
      }
    }
  });
});
