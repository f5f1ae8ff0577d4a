import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { toRobotsTxt } from './robots.js';

interface Rule {
  allow: boolean;
  path: string;
}

function rulesOf(text: string): Rule[] {
  return text.split('\n').flatMap((line) => {
    const match = /^(Allow|Disallow):\s*(\S*)$/.exec(line.trim());
    return match && match[2] ? [{ allow: match[1] === 'Allow', path: match[2] }] : [];
  });
}

/** How Python's urllib.robotparser and other simple parsers read: the first rule that matches wins. */
function firstMatchAllows(text: string, path: string): boolean {
  return rulesOf(text).find((rule) => path.startsWith(rule.path))?.allow ?? true;
}

/** RFC 9309 §2.2.2: the longest matching rule wins, and Allow wins a tie. */
function longestMatchAllows(text: string, path: string): boolean {
  let best: Rule | undefined;
  for (const rule of rulesOf(text)) {
    if (!path.startsWith(rule.path)) continue;
    if (!best || rule.path.length > best.path.length || (rule.path.length === best.path.length && rule.allow)) best = rule;
  }
  return best?.allow ?? true;
}

function hasPython(): boolean {
  try {
    execFileSync('python3', ['-c', 'import urllib.robotparser'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Asks Python's own robotparser, the first-match reader the review found allowing /admin. */
function pythonAllows(text: string, base: string, paths: readonly string[]): boolean[] {
  const script = [
    'import json, sys, urllib.robotparser',
    'data = json.load(sys.stdin)',
    'parser = urllib.robotparser.RobotFileParser()',
    'parser.parse(data["text"].splitlines())',
    'print(json.dumps([parser.can_fetch("Googlebot", data["base"] + p) for p in data["paths"]]))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify({ text, base, paths }) }).toString()) as boolean[];
}

// `/admin` itself is left crawlable: no robots.txt rule can keep it out without also keeping out
// a blog called `/administration` (the `$` anchor is an extension simple parsers take literally),
// and it shows nothing: an anonymous crawler is sent on to /admin/login, which is disallowed,
// and every admin page says noindex.
const EXPECTED: readonly [string, boolean][] = [
  ['/', true],
  ['/administration/some-post', true],
  ['/administration', true],
  ['/admin-nyt/et-indlaeg', true],
  ['/debatten/faelles-maal', true],
  ['/debatten/faelles-maal?comments-page=2', true],
  ['/sitemap.xml', true],
  ['/admin', true],
  ['/admin/', false],
  ['/admin/login', false],
  ['/admin/login?next=%2Fadmin', false],
  ['/admin/posts', false],
  ['/admin/posts/123/edit', false],
  ['/comments/manage', false],
  ['/comments/manage?token=abc', false],
  ['/comments/manage/x', false],
  ['/privacy/comments', false],
  ['/privacy/comments?token=abc', false],
  ['/privacy/comments.json?token=abc', false],
  ['/privacy/comments/x', false],
];

describe('robots.txt', () => {
  it('keeps crawlers out of the private pages and points to the sitemap', () => {
    const text = toRobotsTxt('https://ytring.example');
    assert.match(text, /^User-agent: \*$/m);
    assert.match(text, /^Sitemap: https:\/\/ytring\.example\/sitemap\.xml$/m);
  });

  for (const [name, allows] of [
    ['first match', firstMatchAllows],
    ['longest match (RFC 9309)', longestMatchAllows],
  ] as const) {
    it(`gives the intended answer for every path when read by ${name}`, () => {
      const text = toRobotsTxt('https://ytring.example');
      for (const [path, allowed] of EXPECTED) assert.equal(allows(text, path), allowed, path);
    });

    it(`keeps the base path of a site served under one when read by ${name}`, () => {
      const text = toRobotsTxt('https://example.dk/debat');
      for (const [path, allowed] of EXPECTED) assert.equal(allows(text, `/debat${path === '/' ? '' : path}`), allowed, path);
      assert.equal(allows(text, '/admin/posts'), true, 'outside the site, not ours to rule');
      assert.match(text, /^Sitemap: https:\/\/example\.dk\/debat\/sitemap\.xml$/m);
    });
  }

  it("gives the intended answer when read by Python's urllib.robotparser", { skip: !hasPython() && 'python3 is not installed' }, () => {
    const text = toRobotsTxt('https://ytring.example');
    const answers = pythonAllows(
      text,
      'https://ytring.example',
      EXPECTED.map(([path]) => path),
    );
    EXPECTED.forEach(([path, allowed], i) => assert.equal(answers[i], allowed, path));
  });
});
