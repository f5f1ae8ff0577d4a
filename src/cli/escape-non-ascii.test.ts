/** scripts/escape-non-ascii.mjs: the build's last step, which must leave every program doing what it did. */
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { describe, it } from 'node:test';
import { escapeNonAscii } from '../../scripts/escape-non-ascii.mjs';

/** What a CommonJS body puts in module.exports, as JSON. */
const exportsOf = (code: string) => {
  const module = { exports: {} };
  new Function('module', code)(module);
  return JSON.stringify(module.exports);
};

describe('escapeNonAscii', () => {
  const cases: [string, string][] = [
    ['a character class', 'module.exports = ["æble", "pære", "x"].map((w) => /[æøå]/.test(w));'],
    [
      'a regular expression with the u flag and a pair',
      'module.exports = [/😀+$/u.test("a😀😀"), /^[😀]$/u.test("😀"), /^.$/.test("😀")];',
    ],
    ['an escaped character in a regular expression and a string', 'module.exports = [/\\é/.test("é"), "\\ø"];'],
    ['a named group', 'module.exports = /(?<ñ>a)\\k<ñ>/.exec("aa").groups;'],
    ['a name', 'const ɵx = 1; const 𝑥 = 2; module.exports = { ɵx, 𝑥 };'],
    ['an untagged template and a comment', '// høj\nconst n = 1; module.exports = /* “” */ `ø${n}ü`;'],
  ];
  for (const [what, code] of cases) {
    it(`escapes ${what} to the same effect`, () => {
      const escaped = escapeNonAscii(code);
      assert.ok(isAscii(Buffer.from(escaped)), escaped);
      assert.equal(exportsOf(escaped), exportsOf(code));
    });
  }

  it('keeps the lines where they were', () => {
    const code = '// “a”\nconst a = /å/;\n/* ø\n */ module.exports = a.test("å");\n';
    assert.equal(escapeNonAscii(code).split('\n').length, code.split('\n').length);
  });

  it('refuses a tagged template, whose raw text would change', () => {
    assert.throws(() => escapeNonAscii('module.exports = String.raw`ø`;'), /cannot be escaped/);
  });

  it('refuses a non-ASCII space between tokens', () => {
    assert.throws(() => escapeNonAscii('const a = 1;\u00a0module.exports = a;'), /between tokens/);
  });
});
