/**
 * The command people install and run is the one built file (dist/ytring.cjs, made by
 * scripts/build.mjs), not the TypeScript every other test loads through tsx. Bundling can break
 * what tsx never shows: a package that reads files beside its own code, a native addon, a path
 * worked out from the module's own address. So this builds it afresh and uses it as an operator
 * would: an administrator from the terminal, a WordPress import, the demo site, a login.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { spawnYtring, type YtringProcess } from '../../test/support/cli.js';
import { wxrDocument, wxrItem } from '../../test/support/wxr.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'byg-og-bundt-og-start-42';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  return typeof address === 'object' && address ? address.port : 0;
}

describe('the built ytring command', () => {
  let dir: string;
  let env: Record<string, string>;
  let base: string;
  let server: YtringProcess | undefined;

  const run = async (args: string[], input?: string) => {
    const ytring = spawnYtring(args, env, { built: true });
    ytring.child.stdin!.end(input ?? '');
    const code = await ytring.exited;
    return { code, output: ytring.output() };
  };

  before(async () => {
    await promisify(execFile)(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    dir = await mkdtemp(join(tmpdir(), 'ytring-built-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = { DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', BASE_URL: base, LOG_LEVEL: 'info' };
  });
  after(async () => {
    await server?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints its help', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0, help.output);
    assert.match(help.output, /start/);
  });

  it('serves the demo site with its drawn images, styles and feed (sharp inside the build)', async () => {
    server = spawnYtring(['start'], env, { built: true });
    server.child.stdin!.end();
    await server.waitFor(/Ytring is running/, 120_000);

    const front = await fetch(`${base}/`);
    assert.equal(front.status, 200);
    const html = await front.text();
    const post = /href="(\/[a-z0-9-]+\/[a-z0-9-]+)"/.exec(html)?.[1];
    assert.ok(post, 'the front page links a post');
    const style = /href="(\/static\/style\.[0-9a-f]+\.css)"/.exec(html)?.[1];
    assert.ok(style, 'the front page links its stylesheet');
    assert.equal((await fetch(`${base}${style}`)).headers.get('content-type')?.startsWith('text/css'), true);

    const postHtml = await (await fetch(`${base}${post}`)).text();
    const image = /(\/uploads\/[^"\s]+\.(?:jpg|webp))/.exec(postHtml)?.[1];
    assert.ok(image, 'a demo post shows its drawn image');
    assert.equal((await fetch(`${base}${image}`)).status, 200);

    const feed = await fetch(`${base}/feed.atom`);
    assert.equal(feed.status, 200);
    assert.match(await feed.text(), /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  });

  it('adds an administrator from the terminal who can log in (argon2 inside the build)', async () => {
    const added = await run(['user', 'add', '--role', 'admin', '--email', 'drift@example.org', '--name', 'Drift Dorte'], `${PASSWORD}\n`);
    assert.equal(added.code, 0, added.output);
    const login = await fetch(`${base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'drift@example.org', password: PASSWORD }),
    });
    assert.equal(login.status, 303);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const status = await fetch(`${base}/admin/status`, { headers: { cookie } });
    assert.equal(status.status, 200);
    // The version is read from package.json beside the build: the path must still be right in one file.
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.ok((await status.text()).includes(version), `the status page names version ${version}`);
  });

  it('imports a WordPress export into the running site (XML, HTML and Markdown parsers inside the build)', async () => {
    const file = join(dir, 'export.xml');
    const content =
      '<h2>Fra det gamle site</h2><p>Et afsnit med <strong>fed</strong> tekst og <a href="https://example.org/">et link</a>.</p>';
    await writeFile(file, wxrDocument('', wxrItem({ id: 41, title: 'Flyttet med hjem', name: 'flyttet-med-hjem', content })));
    const imported = await run(['import', 'wxr', file]);
    assert.equal(imported.code, 0, imported.output);
    assert.match(imported.output, /posts\s+1\b/);
    const found = await (await fetch(`${base}/search?q=gamle`)).text();
    assert.match(found, /Flyttet med hjem/);
  });

  it('stops cleanly on SIGTERM', async () => {
    server!.child.kill('SIGTERM');
    assert.equal(await server!.exited, 0);
    server = undefined;
  });
});
