/**
 * Helpers for the feed and sitemap tests, with no tests of their own (the .test.ts name keeps them
 * out of the build). The checks are other people's: xmllint with RFC 4287's RELAX NG grammar and
 * its Appendix B Schematron rules, and rss-parser, a widely used feed reader.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import Parser from 'rss-parser';
import type { Feed } from './feed.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ATOM_SCHEMA = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'schemas', 'atom.rng');

/** Matches what a harvester takes for an e-mail address. */
export const HARVESTABLE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}/;

/**
 * RFC 4287 Appendix B's Schematron rules, word for word; the RELAX NG grammar leaves them out.
 * libxml2 wants each pattern named.
 */
const ATOM_RULES = `<?xml version="1.0" encoding="utf-8"?>
<schema xmlns="http://purl.oclc.org/dsdl/schematron">
  <ns prefix="atom" uri="http://www.w3.org/2005/Atom"/>
  <pattern name="feed-author">
    <rule context="atom:feed">
      <assert test="atom:author or not(atom:entry[not(atom:author)])">An atom:feed must have an atom:author unless all of its atom:entry children have an atom:author.</assert>
    </rule>
  </pattern>
  <pattern name="entry-link-or-content">
    <rule context="atom:entry">
      <assert test="atom:link[@rel='alternate'] or atom:link[not(@rel)] or atom:content">An atom:entry must have at least one atom:link element with a rel attribute of 'alternate' or an atom:content.</assert>
    </rule>
  </pattern>
  <pattern name="entry-author">
    <rule context="atom:entry">
      <assert test="atom:author or ../atom:author or atom:source/atom:author">An atom:entry must have an atom:author if its feed does not.</assert>
    </rule>
  </pattern>
</schema>
`;

let rulesFile: string | undefined;
function atomRulesFile(): string {
  if (!rulesFile) {
    rulesFile = path.join(mkdtempSync(path.join(tmpdir(), 'ytring-atom-rules-')), 'atom-rules.sch');
    writeFileSync(rulesFile, ATOM_RULES);
  }
  return rulesFile;
}

const hasXmllint = () => spawnSync('xmllint', ['--version']).status === 0;

/**
 * True when xmllint and the Atom schema are here. Otherwise the test is skipped with the reason,
 * or fails under CI, where a quiet skip would hide a missing tool.
 */
export function xmlToolsReady(t: TestContext, options: { schema?: boolean } = {}): boolean {
  const missing = !hasXmllint()
    ? 'xmllint is not installed (apt-get install -y libxml2-utils)'
    : options.schema && !existsSync(ATOM_SCHEMA)
      ? `the RFC 4287 RELAX NG schema is missing at ${ATOM_SCHEMA}`
      : undefined;
  if (!missing) return true;
  if (process.env.CI) assert.fail(`${missing}; CI needs it`);
  t.skip(`SKIPPED: ${missing}`);
  return false;
}

export interface XmllintResult {
  ok: boolean;
  output: string;
}

function xmllint(args: string[], xml: string): XmllintResult {
  const result = spawnSync('xmllint', ['--noout', ...args, '-'], { input: xml, encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stderr}`.trim() };
}

export const checkWellFormed = (xml: string) => xmllint([], xml);
export const checkAtomGrammar = (xml: string) => xmllint(['--relaxng', ATOM_SCHEMA], xml);
export const checkAtomRules = (xml: string) => xmllint(['--schematron', atomRulesFile()], xml);

/** Asserts `xml` is a valid Atom feed: RFC 4287's grammar and its Schematron rules. */
export function assertValidAtom(xml: string, label = 'feed'): void {
  const grammar = checkAtomGrammar(xml);
  assert.ok(grammar.ok, `${label} breaks the RFC 4287 RELAX NG grammar:\n${grammar.output}`);
  const rules = checkAtomRules(xml);
  assert.ok(rules.ok, `${label} breaks an RFC 4287 Schematron rule:\n${rules.output}`);
}

export interface ReadItem extends Parser.Item {
  id?: string;
  /** RSS: the page where the item is debated. */
  comments?: string;
  /** Atom: every <author>, as xml2js reads them. */
  atomAuthors?: { name?: string[]; uri?: string[] }[];
  /** RSS: every <dc:creator>. */
  creators?: string[];
  rssCategories?: (string | { _: string; $: { domain?: string } })[];
}

/** rss-parser, told to keep every author and creator rather than the first. */
export async function readFeed(xml: string): Promise<Parser.Output<ReadItem>> {
  const parser = new Parser<Record<string, unknown>, ReadItem>({
    customFields: {
      item: [
        ['author', 'atomAuthors', { keepArray: true }],
        ['dc:creator', 'creators', { keepArray: true }],
        ['category', 'rssCategories', { keepArray: true }],
      ],
    },
  });
  return parser.parseString(xml);
}

/** A feed with the awkward cases: co-authors, markup and quotes in text, a character XML cannot carry. */
export function sampleFeed(overrides: Partial<Feed> = {}): Feed {
  const base = 'https://ytring.example';
  return {
    id: `${base}/feed.atom`,
    title: 'Debat & "dialog" <blog>',
    description: 'Om forvaltning',
    language: 'da',
    homeUrl: `${base}/`,
    feedUrls: { atom: `${base}/feed.atom`, rss: `${base}/feed.rss`, json: `${base}/feed.json` },
    updated: new Date('2026-03-02T10:00:00.250Z'),
    publisher: { name: 'Ytring', url: `${base}/` },
    items: [
      {
        id: 'urn:uuid:01900000-0000-7000-8000-000000000002',
        url: `${base}/debat/nyt`,
        title: 'Nyt <indlæg> & \u0001svar',
        summary: 'Kort indledning',
        contentHtml: '<p>Tekst med <a href="https://ytring.example/x">link</a> og ]]&gt; og ]]> slut.</p>',
        published: new Date('2026-03-02T09:00:00Z'),
        updated: new Date('2026-03-02T10:00:00.250Z'),
        authors: [
          { name: 'Ida Holm', url: `${base}/authors/ida-holm` },
          { name: 'Bo Lund', url: `${base}/authors/bo-lund` },
        ],
        categories: [{ term: 'velfaerd', label: 'Velfærd', scheme: `${base}/tags/` }],
        commentsUrl: `${base}/debat/nyt#comments`,
      },
      {
        id: 'urn:uuid:01900000-0000-7000-8000-000000000001',
        url: `${base}/debat/gammelt`,
        title: 'Gammelt indlæg',
        contentHtml: '<p>Ældre</p>',
        published: new Date('2026-03-01T08:00:00Z'),
        updated: new Date('2026-03-01T08:00:00Z'),
        authors: [{ name: 'Ida Holm', url: `${base}/authors/ida-holm` }],
        categories: [],
      },
    ],
    ...overrides,
  };
}
