import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { savedEditOf, savedEditQuery } from './saved-edit.js';

describe("a saved edit's notice in the address it redirects to", () => {
  it('comes back as it went: shown, or held with its reasons', () => {
    const shown = new URLSearchParams(savedEditQuery('tok.en', true, []));
    assert.equal(shown.get('token'), 'tok.en');
    assert.deepEqual(savedEditOf(shown.get('saved') ?? undefined, shown.get('held') ?? undefined), { notice: 'manage.saved', heldFor: [] });
    const reasons = [{ kind: 'links', max: 2 }, { kind: 'first-time' }] as const;
    const held = new URLSearchParams(savedEditQuery('tok.en', false, [...reasons]));
    assert.deepEqual(savedEditOf(held.get('saved') ?? undefined, held.get('held') ?? undefined), {
      notice: 'manage.savedHeld',
      heldFor: reasons,
    });
  });

  it('reads nothing but its own words, each once', () => {
    assert.equal(savedEditOf(undefined, undefined), undefined);
    assert.equal(savedEditOf('<b>x</b>', 'words'), undefined);
    assert.deepEqual(savedEditOf('held', 'words <script> words links-1234 links-0 review'), {
      notice: 'manage.savedHeld',
      heldFor: [{ kind: 'words' }, { kind: 'links', max: 0 }, { kind: 'review' }],
    });
  });
});
