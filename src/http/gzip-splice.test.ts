import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { gzipPieces, keptDeflate } from './gzip-splice.js';

describe('gzip from pieces, some kept compressed', () => {
  it('unpacks to the pieces one after another, whichever are kept and wherever they stand', () => {
    const piece = fc.record({ text: fc.string({ maxLength: 20_000 }), kept: fc.boolean() });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const packed = gzipPieces(pieces.map(({ text, kept }) => (kept ? keptDeflate(Buffer.from(text)) : Buffer.from(text))));
        // gunzip checks the CRC-32 and the length in the trailer too.
        assert.equal(gunzipSync(packed).toString(), pieces.map((p) => p.text).join(''));
      }),
      { numRuns: 80 },
    );
  });

  it('puts the kept piece in as it was compressed, not compressed again', () => {
    const kept = keptDeflate(Buffer.from('<li>a comment</li>'.repeat(500)));
    const packed = gzipPieces([Buffer.from('<html><body><ol>'), kept, Buffer.from('</ol></body></html>')]);
    assert.ok(packed.includes(kept.deflated));
  });
});
