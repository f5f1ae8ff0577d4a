/**
 * Imported tables in a browser (issue 18): a header cell WordPress left empty (a table's corner, an
 * unnamed column) is a plain cell, not an empty header nor a made-up name, and axe finds nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postHtmlToMarkdown } from '../../src/import-export/html.js';
import { postPath } from '../../src/posts/post.js';
import { describeViolations, launchBrowser, runAxe, type TestBrowser } from '../support/browser.js';
import { buildBlog, buildPost } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('an imported table with empty header cells, in a browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let path: string;
  before(async () => {
    server = await startTestServer('sqlite');
    browser = await launchBrowser();
    const blog = await buildBlog(server.db, { slug: 'tabeller' });
    const body = postHtmlToMarkdown(
      // The theme unit test's salary table (last header empty) and a timetable with an empty corner.
      '<table><tr><th>Employee</th><th>Salary</th><th></th></tr><tr><td>Jane</td><td>$1</td><td>Because</td></tr></table>' +
        '<table><tr><th></th><th>Mon</th><th>Tue</th></tr><tr><td>9:00</td><td>Swim</td><td>Run</td></tr></table>',
    );
    const post = await buildPost(server.db, { blogId: blog.id, title: 'Tabeller', slug: 'tabeller', body });
    path = postPath(blog.slug, post.slug);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the empty header cells as plain empty cells, with no dash, and axe finds nothing', async () => {
    const page = await browser.newPage();
    try {
      assert.equal((await page.goto(`${server.url}${path}`))?.status(), 200);
      const headers = await page.$$eval('article table thead tr', (rows) =>
        rows.map((row) => Array.from(row.children).map((cell) => `${cell.tagName.toLowerCase()}:${cell.textContent ?? ''}`)),
      );
      assert.deepEqual(headers, [
        ['th:Employee', 'th:Salary', 'td:'],
        ['td:', 'th:Mon', 'th:Tue'],
      ]);
      const violations = await runAxe(page);
      assert.deepEqual(violations, [], describeViolations(violations));
    } finally {
      await page.close();
    }
  });
});
