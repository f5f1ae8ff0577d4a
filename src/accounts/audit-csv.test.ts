import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1+1`).replace(/^"/, '')[0], "'", JSON.stringify(start));
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
  });

  it('ends each line with CRLF', () => {
    assert.equal(csvLine(['a', 'b,c']), 'a,"b,c"\r\n');
  });
});
