import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consentDate, csvCells, parseFollowerImport } from './follower-import.js';

describe('follower import CSV', () => {
  const now = new Date('2026-12-05T00:00:00Z');

  it('splits quoted cells, doubled quotes and semicolons', () => {
    assert.deepEqual(csvCells('a@b.dk, 2024-01-01 ,"Nyhedsbrev, ""gammelt"""'), ['a@b.dk', '2024-01-01', 'Nyhedsbrev, "gammelt"']);
    assert.deepEqual(csvCells('a@b.dk;2024-01-01;Liste'), ['a@b.dk', '2024-01-01', 'Liste']);
  });

  it('reads dates and ISO times, refusing impossible and future ones', () => {
    assert.equal(consentDate('2024-02-29', now)?.toISOString(), '2024-02-29T00:00:00.000Z');
    assert.equal(consentDate('2024-03-01T10:00:00+01:00', now)?.toISOString(), '2024-03-01T09:00:00.000Z');
    assert.equal(consentDate('2023-02-29', now), undefined);
    assert.equal(consentDate('2027-01-01', now), undefined);
    assert.equal(consentDate('1/2/2024', now), undefined);
  });

  it('skips a header and blank lines, and names every bad line by its number', () => {
    const parsed = parseFollowerImport('email,consent_date,source\n\nA@B.dk,2024-01-01,Liste\nnej,2024-01-01,X\nc@d.dk,2024-01-01\n', now);
    assert.deepEqual(
      parsed.rows.map((r) => [r.line, r.email, r.consentSource]),
      [[3, 'a@b.dk', 'Liste']],
    );
    assert.deepEqual(parsed.problems, [
      { line: 4, problem: 'email' },
      { line: 5, problem: 'columns' },
    ]);
  });

  it('takes linear time on a hostile line', () => {
    const started = Date.now();
    parseFollowerImport(`${'"'.repeat(200_000)},${'a'.repeat(200_000)}`, now);
    assert.ok(Date.now() - started < 1000);
  });
});
