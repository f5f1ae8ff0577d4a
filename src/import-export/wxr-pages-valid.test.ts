import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { postPath } from '../posts/post.js';
import { startTestServer, type TestServer } from '../../test/support/server.js';
import { fixturesDir } from '../../test/support/wxr.js';
import { importWxrFile } from './importer.js';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const VNU_JAR = path.join(repoRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const DIR = fixturesDir();
const FIXTURES = {
  'themeunittestdata.wordpress.xml': 'theme-unit',
  '64-block-test-data.xml': 'block-test',
  'bitcoin-france.fr-FR.wordpress.xml': 'bitcoin',
  'everet.zh-CN.wordpress.xml': 'everet',
};

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** The headings inside the post's text, in order, as levels. */
function bodyHeadings(html: string): number[] {
  const body = /<div class="post__body"[^>]*>([\s\S]*?)<\/div>\s*(?:<aside|<section|<p class="tags"|<\/article>)/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
}

// The pages' markup does not depend on the database, so SQLite alone is enough here.
describe(
  'imported WordPress posts make valid pages (Nu Html Checker)',
  { skip: DIR ? false : 'fixtures not found at ../shared/fixtures/wxr' },
  () => {
    let server: TestServer;
    let dir: string;
    const pages = new Map<string, string>();
    before(async () => {
      server = await startTestServer('sqlite');
      dir = mkdtempSync(path.join(tmpdir(), 'ytring-wxr-vnu-'));
      for (const [file, blog] of Object.entries(FIXTURES)) {
        await importWxrFile(server.db, path.join(DIR!, file), { secret: server.app.secret, blogSlug: blog });
      }
      const posts = await server.db
        .selectFrom('posts')
        .innerJoin('blogs', 'blogs.id', 'posts.blog_id')
        .select(['posts.slug', 'blogs.slug as blog'])
        .where('posts.status', '=', 'published')
        .execute();
      for (const post of posts) {
        const url = postPath(post.blog, post.slug);
        const response = await server.get(url);
        assert.equal(response.status, 200, url);
        pages.set(url, await response.text());
      }
    });
    after(async () => {
      await server?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('finds no error on any imported post page', (t) => {
      if (spawnSync('java', ['-version']).status !== 0) {
        if (process.env.CI) assert.fail('java is not installed; CI needs it for the Nu Html Checker');
        t.skip('SKIPPED: java is not installed, so the Nu Html Checker (vnu.jar) cannot run');
        return;
      }
      assert.ok(pages.size > 300, `${pages.size} pages`);
      const files: string[] = [];
      const urlOf = new Map<string, string>();
      let n = 0;
      for (const [url, html] of pages) {
        const file = path.join(dir, `${n++}.html`);
        writeFileSync(file, html);
        files.push(file);
        urlOf.set(path.basename(file), url);
      }
      const result = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      assert.ok(result.stdout, `vnu printed nothing: ${result.stderr}`);
      const messages = (JSON.parse(result.stdout) as { messages: VnuMessage[] }).messages;
      const errors = messages
        .filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal')
        .map((m) => `${urlOf.get(path.basename(m.url ?? '')) ?? m.url}:${m.lastLine ?? '?'} ${m.message} [${m.extract ?? ''}]`);
      assert.deepEqual(errors, []);
    });

    it('starts every post text at h2 and never skips a heading level', () => {
      const wrong: string[] = [];
      for (const [url, html] of pages) {
        const levels = bodyHeadings(html);
        let previous = 2;
        for (const [i, level] of levels.entries()) {
          if ((i === 0 && level !== 2) || level < 2 || level > previous + 1) {
            wrong.push(`${url}: ${levels.join(' ')}`);
            break;
          }
          previous = level;
        }
      }
      assert.deepEqual(wrong, []);
    });

    it('has no link inside a link and every wide code block reachable by keyboard', () => {
      for (const [url, html] of pages) {
        assert.doesNotMatch(html, /<a\b[^>]*>(?:(?!<\/a>)[\s\S])*<a\b/, url);
        assert.doesNotMatch(html, /<pre(?![^>]*tabindex="0")[^>]*>/, url);
      }
    });
  },
);
