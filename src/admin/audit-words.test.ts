/** Every action code the code base writes to the audit log has words in each language (issue 13). */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MODERATION_ACTIONS } from '../comments/moderation-rules.js';
import { AUDIT_ACTIONS, AUDIT_SUBJECTS, auditSubjectWord, auditWord } from './audit-words.js';

const SRC = new URL('..', import.meta.url).pathname;

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(path)));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** The text of the files that call audit(). */
async function auditingFiles(): Promise<string[]> {
  const texts = await Promise.all((await sourceFiles(SRC)).map((file) => readFile(file, 'utf8')));
  return texts.filter((text) => /\baudit\(/.test(text));
}

/** The codes written by the files that call audit(): quoted `area.action` words of the areas that log. */
async function loggedCodes(): Promise<Set<string>> {
  const areas = new Set(AUDIT_ACTIONS.map((code) => code.split('.')[0]!));
  const codes = new Set<string>();
  for (const text of await auditingFiles()) {
    for (const m of text.matchAll(/'([a-z]+)((?:\.[a-z]+(?:-[a-z]+)*)+)'/g)) if (areas.has(m[1]!)) codes.add(`${m[1]}${m[2]}`);
    // Moderation logs `comment.${action}` for each of its actions.
    if (text.includes('`comment.${action}`')) for (const action of MODERATION_ACTIONS) codes.add(`comment.${action}`);
  }
  return codes;
}

describe('audit-log words', () => {
  it('has words for every action code the code base logs', async () => {
    const codes = await loggedCodes();
    assert.ok(codes.has('post.move') && codes.has('comment.approve') && codes.size > 30, `found only ${[...codes].join(', ')}`);
    const missing = [...codes].filter((code) => !AUDIT_ACTIONS.includes(code));
    assert.deepEqual(missing, []);
  });

  it('gives the words in Danish and English, never the code', () => {
    assert.equal(auditWord('post.move', 'da'), 'Flyttede indlæg');
    assert.equal(auditWord('post.move', 'en'), 'Moved post');
    for (const code of AUDIT_ACTIONS) {
      assert.notEqual(auditWord(code, 'da'), code);
      assert.notEqual(auditWord(code, 'en'), code);
    }
  });

  it('has words for every subject type the code base logs, in both languages', async () => {
    const types = new Set<string>();
    for (const text of await auditingFiles()) for (const m of text.matchAll(/\btype: '([a-z-]+)'/g)) types.add(m[1]!);
    assert.ok(types.has('post') && types.has('account') && types.size >= 8, `found only ${[...types].join(', ')}`);
    assert.deepEqual(
      [...types].filter((type) => !AUDIT_SUBJECTS.includes(type)),
      [],
    );
    assert.equal(auditSubjectWord('post', 'da'), 'Indlæg');
    assert.equal(auditSubjectWord('post', 'en'), 'Post');
  });
});
