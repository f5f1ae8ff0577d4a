import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { deflatedRun, gzipAround, gzipPieces, keptDeflate, splicePiecesAround, storedPart } from './gzip-splice.js';

describe('gzip from pieces, some kept compressed', () => {
  it('unpacks to the pieces one after another, whichever are kept and wherever they stand', () => {
    const piece = fc.record({ text: fc.string({ maxLength: 20_000 }), kept: fc.constantFrom('fresh', 'kept', 'stored') });
    const make = { fresh: (b: Buffer) => b, kept: (b: Buffer) => keptDeflate(b), stored: (b: Buffer) => storedPart(b) };
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), (pieces) => {
        const packed = gzipPieces(pieces.map(({ text, kept }) => make[kept](Buffer.from(text))));
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

describe('fresh runs compressed lately', () => {
  const page = (title: string) =>
    Buffer.from(`<html><head><title>${title}</title></head><body>${'<p>Tekst om sagen.</p>'.repeat(200)}</body></html>`);

  it('gives a run the same as one before the compression it had, not compressed again', () => {
    const first = page('Samme');
    const again = Buffer.from(first);
    assert.equal(deflatedRun(again, crc32(again), false), deflatedRun(first, crc32(first), false));
  });

  it("never gives a run another's compression, even under the same CRC-32 and length", () => {
    const [one, other] = [page('Side A'), page('Side B')];
    assert.equal(one.length, other.length);
    deflatedRun(one, crc32(one), true);
    // The other run claims the first one's CRC-32: it must still come back as itself.
    assert.equal(inflateRawSync(deflatedRun(other, crc32(one), true)).toString(), other.toString());
  });
});

describe('a kept piece compressed with the bytes before it as its dictionary', () => {
  const item = (n: number) =>
    `<li id="comment-${n}" class="comment comment--depth-1"><article><p>Indlæg nummer ${n} i debatten</p></article></li>`;
  const run = (from: number) => Buffer.from(Array.from({ length: 10 }, (_, i) => item(from + i)).join(''));

  it('unpacks right after those bytes, whatever was fresh or kept before them', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 5 }), (head, count) => {
        const runs: ReturnType<typeof keptDeflate>[] = [];
        for (let i = 0; i < count; i++) runs.push(keptDeflate(run(i * 10), runs.at(-1)?.bytes));
        const pieces = [Buffer.from(head), ...runs, Buffer.from('</ol>')];
        const expected = Buffer.concat([Buffer.from(head), ...runs.map((r) => r.bytes), Buffer.from('</ol>')]);
        assert.deepEqual(gunzipSync(gzipPieces(pieces)), expected);
      }),
    );
  });

  it('is smaller than the same piece compressed alone when it repeats what comes before', () => {
    const first = keptDeflate(run(0));
    assert.ok(keptDeflate(run(10), first.bytes).deflated.length < keptDeflate(run(10)).deflated.length * 0.8);
  });
});

describe('gzip around a hole, from pieces some of which are kept compressed', () => {
  it('unpacks to the body with any middle in the hole, wherever the hole and the kept pieces stand', () => {
    const piece = fc.record({ text: fc.string({ maxLength: 5_000 }), kept: fc.boolean() });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.nat(), fc.nat(), fc.string({ maxLength: 300 }), (pieces, a, b, middle) => {
        const body = Buffer.from(pieces.map((p) => p.text).join(''));
        // The hole is anywhere, even across a kept piece (compressed afresh then), or empty, or the whole body.
        const at = body.length === 0 ? 0 : a % (body.length + 1);
        const end = at + (b % (body.length - at + 1));
        const spliced = splicePiecesAround(
          pieces.map(({ text, kept }) => (kept ? keptDeflate(Buffer.from(text)) : Buffer.from(text))),
          at,
          end,
        );
        const packed = gzipAround(spliced, Buffer.from(middle), at);
        const expected = Buffer.concat([body.subarray(0, at), Buffer.from(middle), body.subarray(end)]);
        assert.ok(gunzipSync(packed).equals(expected));
        assert.ok(spliced.after.equals(body.subarray(end)));
      }),
      { numRuns: 120 },
    );
  });

  it('puts the kept pieces before and after the hole in as they were compressed', () => {
    const comments = keptDeflate(Buffer.from('<li>a comment</li>'.repeat(500)));
    const more = keptDeflate(Buffer.from('<li>a related post</li>'.repeat(50)));
    const head = Buffer.from('<html><body><ol>');
    const form = Buffer.from('</ol><form>HOLE</form><ul>');
    const spliced = splicePiecesAround([head, comments, form, more, Buffer.from('</ul></body></html>')], 0, 0);
    const at = head.length + comments.bytes.length + form.indexOf('HOLE');
    const around = splicePiecesAround([head, comments, form, more, Buffer.from('</ul></body></html>')], at, at + 4);
    assert.ok(around.gzipBefore.includes(comments.deflated));
    assert.ok(around.gzipAfter.includes(more.deflated));
    assert.ok(spliced.gzipAfter.includes(comments.deflated));
  });
});
