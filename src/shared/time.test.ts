import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zonedMonthOf, zonedMonthStart } from './time.js';

describe('zoned months', () => {
  it('puts a post published just after local midnight on the 1st in the new month', () => {
    // 00:30 on 1 December in Copenhagen is still 30 November in UTC.
    assert.deepEqual(zonedMonthOf(new Date('2026-11-30T23:30:00Z'), 'Europe/Copenhagen'), { year: 2026, month: 12 });
  });

  it('finds the start of a month in winter and summer time', () => {
    assert.equal(zonedMonthStart(2026, 12, 'Europe/Copenhagen').toISOString(), '2026-11-30T23:00:00.000Z');
    assert.equal(zonedMonthStart(2026, 7, 'Europe/Copenhagen').toISOString(), '2026-06-30T22:00:00.000Z');
  });

  it('rolls month 13 into January', () => {
    assert.equal(zonedMonthStart(2026, 13, 'UTC').toISOString(), '2027-01-01T00:00:00.000Z');
  });
});
