import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditFilterSearch, parseAuditFilter, zonedDayStart } from './audit.js';

describe('audit filters', () => {
  it('turns local calendar days into a UTC range, the end day included', () => {
    const { query, errors } = parseAuditFilter({ from: '2024-03-10', to: '2024-03-10' }, 'Europe/Copenhagen');
    assert.deepEqual(errors, {});
    assert.deepEqual([query.fromAt, query.toAt], ['2024-03-09T23:00:00.000Z', '2024-03-10T23:00:00.000Z']);
  });

  it('finds the start of a day across a daylight-saving change', () => {
    assert.equal(zonedDayStart(2024, 3, 31, 'Europe/Copenhagen').toISOString(), '2024-03-30T23:00:00.000Z');
    assert.equal(zonedDayStart(2024, 4, 1, 'Europe/Copenhagen').toISOString(), '2024-03-31T22:00:00.000Z');
  });

  it('names dates that do not exist and a range that ends before it starts', () => {
    assert.deepEqual(parseAuditFilter({ from: '2024-02-30' }, 'UTC').errors, { from: 'not_a_date' });
    assert.deepEqual(parseAuditFilter({ from: '2024-03-10', to: '2024-03-01' }, 'UTC').errors, { to: 'before_from' });
    assert.deepEqual(parseAuditFilter({ to: ['2024-03-01'] }, 'UTC').errors, {});
  });

  it('keeps only the filters given, for links', () => {
    const { input } = parseAuditFilter({ action: 'person.create', actor: ' Ada ' }, 'UTC');
    assert.equal(auditFilterSearch(input, { page: '2' }), '?action=person.create&actor=Ada&page=2');
  });
});
