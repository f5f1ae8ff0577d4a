import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { csvCell, csvLine } from './audit-csv.js';

describe('audit CSV', () => {
  it('leaves plain text as it is', () => {
    assert.equal(csvCell('person.create'), 'person.create');
  });

  it('quotes a field with a comma, a quote or a line break, doubling the quotes', () => {
    assert.equal(csvCell('Berg, Bo'), '"Berg, Bo"');
    assert.equal(csvCell('sagde "hej"'), '"sagde ""hej"""');
    assert.equal(csvCell('to\nlinjer'), '"to\nlinjer"');
  });

  it('prefixes a cell a spreadsheet would run as a formula with a single quote', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      assert.equal(csvCell(`${start}1+1`).replace(/^"/, '')[0], "'", JSON.stringify(start));
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  });

  it('ends each line with CRLF', () => {
    assert.equal(csvLine(['a', 'b,c']), 'a,"b,c"\r\n');
  });

  it('neutralises a formula that a locale reading ";", "," or tab as the column break would see', () => {
    // Danish Excel splits on ";", and quotes only count at the start of such a field, so the
    // cell's own quoting does not help: each trigger after a break-like character is prefixed.
    const hostile = [
      'x;=HYPERLINK("http://evil.example")',
      'x;+1+1',
      'x;-1+1',
      'x;@SUM(A1)',
      'x,=1+1',
      'x\t=1+1',
      'x; =1+1',
      'x;"=1+1"',
      'a\n=1+1',
      'a\r\n@SUM(A1)',
      'ok;ok;=1',
      '=1;=2',
    ];
    for (const cell of hostile) {
      const written = csvCell(cell);
      const unquoted = written.startsWith('"') ? written.slice(1, -1).replace(/""/g, '"') : written;
      for (const field of [...written.split(/[;,\t\r\n]/), ...unquoted.split(/[;,\t\r\n]/)]) {
        assert.doesNotMatch(field, /^[\s"]*[=+\-@]/, `${JSON.stringify(cell)} → ${JSON.stringify(written)}`);
      }
    }
  });

  it('leaves separators followed by ordinary text alone', () => {
    assert.equal(csvCell('Berg; Bo'), 'Berg; Bo');
    assert.equal(csvCell('2026-12-04'), '2026-12-04');
  });

  it('never writes a field that starts a formula, however the line is split (property)', () => {
    const alphabet = fc.constantFrom('=', '+', '-', '@', ';', ',', '\t', '\r', '\n', ' ', '"', 'a', '1');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((chars) => chars.join('')),
        (cell) => {
          const written = csvCell(cell);
          return written.split(/[;,\t\r\n]/).every((field) => !/^[\s"]*[=+\-@]/.test(field));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
