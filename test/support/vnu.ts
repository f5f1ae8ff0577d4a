/** The Nu Html Checker (node_modules/vnu-jar, run with the system's java) over a set of pages. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const VNU_JAR = path.join(repoRoot, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

export const VNU_UNAVAILABLE =
  spawnSync('java', ['-version']).status !== 0
    ? 'java is not installed, so the Nu Html Checker (vnu.jar) cannot run (apt-get install -y default-jre-headless)'
    : undefined;

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** One line per error, as "name.html:line message [extract]"; an empty list means valid. */
export function vnuErrors(pages: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ytring-vnu-'));
  try {
    const files = Object.entries(pages).map(([name, html]) => {
      const file = path.join(dir, `${name}.html`);
      writeFileSync(file, html);
      return file;
    });
    const result = spawnSync('java', ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.ok(result.stdout, `vnu printed nothing: ${result.stderr}`);
    return (JSON.parse(result.stdout) as { messages: VnuMessage[] }).messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal')
      .map((m) => `${path.basename(m.url ?? '')}:${m.lastLine ?? '?'} ${m.message} [${m.extract ?? ''}]`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the checker can run; where it cannot, the test is skipped with the reason, or fails under CI. */
export function vnuCanRun(t: { skip(message?: string): void }): boolean {
  if (!VNU_UNAVAILABLE) return true;
  if (process.env.CI) assert.fail(`${VNU_UNAVAILABLE}; CI needs it`);
  t.skip(`SKIPPED: ${VNU_UNAVAILABLE}`);
  return false;
}

/**
 * Error pages collected by name for one run of the checker. Each must answer the expected status
 * and show the error it is there for, so an empty result means "checked", not "nothing rendered".
 */
export function errorPages() {
  const pages: Record<string, string> = {};
  const expect = async (name: string, status: number, response: Promise<Response>, marker: RegExp) => {
    const r = await response;
    const html = await r.text();
    assert.equal(r.status, status, `${name}: ${html.slice(0, 300)}`);
    assert.match(html, marker, name);
    pages[name] = html;
  };
  return { pages, expect };
}
