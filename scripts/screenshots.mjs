#!/usr/bin/env node
/**
 * `npm run screenshots`: starts the demo site on a throw-away SQLite database, and photographs its
 * front page and a post at desktop (1280 px) and phone (390 × 844) width in light mode, with
 * Debian's Chromium, into docs/screenshots/*.png for the README. Run it again whenever the look changes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'docs', 'screenshots');
const dir = mkdtempSync(join(tmpdir(), 'ytring-screenshots-'));

const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'src/main.ts', 'start', '--port', '0', '--host', '127.0.0.1', '--database-url', `sqlite:${join(dir, 'site.db')}`],
  { cwd: root, env: { ...process.env, LOG_LEVEL: 'info', UPLOADS_DIR: join(dir, 'uploads') }, stdio: ['ignore', 'pipe', 'pipe'] },
);
let output = '';
const url = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`the demo site did not start within 90 s:\n${output}`)), 90_000);
  const read = (chunk) => {
    output += chunk.toString();
    const match = /"listening":"(http:\/\/[^"]+)"/.exec(output);
    if (match) {
      clearTimeout(timer);
      resolve(match[1]);
    }
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  child.on('exit', (code) => reject(new Error(`the demo site stopped (${code}):\n${output}`)));
});

const profile = mkdtempSync(join(tmpdir(), 'ytring-screenshots-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${url}/`);
  const postPath = await page.locator('main .summary__title a').first().getAttribute('href');
  const shots = [
    ['front-desktop', '/', { width: 1280, height: 900 }],
    ['post-desktop', postPath, { width: 1280, height: 900 }],
    ['front-phone', '/', { width: 390, height: 844 }],
    ['post-phone', postPath, { width: 390, height: 844 }],
  ];
  for (const [name, path, viewport] of shots) {
    await page.setViewportSize(viewport);
    await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png  ${path}`);
  }
} finally {
  await context.close();
  child.kill('SIGTERM');
  rmSync(profile, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}
