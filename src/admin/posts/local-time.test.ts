import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromLocalInput, toLocalInput } from './local-time.js';

const CPH = 'Europe/Copenhagen';

describe('local times for datetime-local fields', () => {
  it('reads a winter and a summer time in Copenhagen', () => {
    assert.equal(fromLocalInput('2026-01-15T09:30', CPH)?.toISOString(), '2026-01-15T08:30:00.000Z');
    assert.equal(fromLocalInput('2026-07-15T09:30', CPH)?.toISOString(), '2026-07-15T07:30:00.000Z');
  });

  it('writes what it reads, with seconds only when there are some', () => {
    assert.equal(toLocalInput(new Date('2026-07-15T07:30:00Z'), CPH), '2026-07-15T09:30');
    assert.equal(toLocalInput(new Date('2026-07-15T07:30:05Z'), CPH), '2026-07-15T09:30:05');
    assert.equal(fromLocalInput('2026-07-15T09:30:05', CPH)?.toISOString(), '2026-07-15T07:30:05.000Z');
  });

  it('reads the clock forward in the hour a spring change skips', () => {
    // 29 March 2026: 02:00 becomes 03:00 in Copenhagen.
    assert.equal(fromLocalInput('2026-03-29T02:30', CPH)?.toISOString(), '2026-03-29T01:30:00.000Z');
  });

  it('takes the earlier moment in the hour an autumn change repeats', () => {
    // 25 October 2026: 03:00 becomes 02:00 again.
    assert.equal(fromLocalInput('2026-10-25T02:30', CPH)?.toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('refuses what is not a real local time', () => {
    for (const value of ['', 'i morgen', '2026-02-30T10:00', '2026-01-01T24:00', '2026-01-01 10:00']) {
      assert.equal(fromLocalInput(value, CPH), undefined, value);
    }
  });

  it('works in UTC and far from it', () => {
    assert.equal(fromLocalInput('2026-01-01T00:00', 'UTC')?.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(fromLocalInput('2026-01-01T00:00', 'Pacific/Auckland')?.toISOString(), '2025-12-31T11:00:00.000Z');
  });
});
