/**
 * Gzip put together from pieces: a page compressed once around a part that differs on every answer
 * (see the page cache's holes), the fresh part sent as stored deflate blocks, and the CRC-32 of the
 * whole computed from the pieces' CRCs without hashing the kept parts again.
 */
import { constants as zlib, crc32, deflateRawSync } from 'node:zlib';
import { Lru } from '../shared/lru.js';

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);

/**
 * The gzip level of a page compressed while its reader waits (a cache miss, or every answer with
 * the cache off). Measured on the bench's pages (CPU time per page, size): the 136 KB 200-comment
 * page took 2.0 ms at 9, 1.6 ms at 6, 0.87 ms at 4 and 0.54 ms at 1, for 18.7, 18.9, 20.0 and
 * 22.2 KB; the 73 KB Atom feed 2.1, 1.5, 0.5 and 0.3 ms for 10.1, 10.1, 11.5 and 13.1 KB. Level 4
 * keeps within 7-14% of 9's size at under half its time; browsers taking brotli get that form
 * (quality 9, made off the event loop) from the cache after the first answer.
 */
export const PAGE_GZIP_LEVEL = 4;

/** A body compressed around its hole: the pieces before and after, with their CRCs. */
export interface SplicedGzip {
  after: Buffer;
  gzipBefore: Buffer;
  gzipAfter: Buffer;
  crcBefore: number;
  crcAfter: number;
  shiftAfter: number;
}

/** Compresses the parts before and after a hole once, so any middle can be spliced in later. */
export function spliceAround(before: Buffer, after: Buffer): SplicedGzip {
  return {
    after,
    // A full flush ends the first piece on a byte boundary with nothing carried over, so stored blocks and a separately compressed rest may follow.
    gzipBefore: deflateRawSync(before, { level: PAGE_GZIP_LEVEL, finishFlush: zlib.Z_FULL_FLUSH }),
    gzipAfter: deflateRawSync(after, { level: PAGE_GZIP_LEVEL }),
    crcBefore: crcOn(before, 0),
    crcAfter: crcOn(after, 0),
    shiftAfter: shiftOperator(after.length),
  };
}

/** Deflate "stored" blocks (none the last one): the bytes as they are, at most 65,535 to a block. */
function storedBlocks(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  do {
    const chunk = data.subarray(offset, offset + 0xffff);
    const head = Buffer.alloc(5);
    head.writeUInt16LE(chunk.length, 1);
    head.writeUInt16LE(~chunk.length & 0xffff, 3);
    parts.push(head, chunk);
    offset += 0xffff;
  } while (offset < data.length);
  return Buffer.concat(parts);
}

// zlib's crc32 of an empty buffer with no memory behind it is its starting value, 0, whatever
// was passed in (an empty Buffer that has been through deflate is one): skip empty parts.
const crcOn = (data: Buffer, crc: number) => (data.length === 0 ? crc : crc32(data, crc));

// CRC-32 of A+B from the CRCs of A and B and B's length (zlib's crc32_combine, which Node does not
// expose): multiply A's CRC by x^(8·|B|) modulo the CRC polynomial. The rest of a page after its
// hole is then never hashed again, only the few hundred fresh bytes.
const POLY = 0xedb88320;
function multModP(a: number, b: number): number {
  let product = 0;
  for (let m = 0x80000000; m !== 0; m >>>= 1) {
    if (a & m) product ^= b;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return product >>> 0;
}
const X2N: number[] = [];
for (let n = 0, p = 0x40000000; n < 32; n++, p = multModP(p, p)) X2N.push(p);
/** x^(8·bytes) modulo the polynomial: the factor that shifts a CRC past `bytes` more bytes. */
export function shiftOperator(bytes: number): number {
  let p = 0x80000000;
  for (let k = 3, n = bytes; n > 0; n = Math.floor(n / 2), k++) if (n % 2) p = multModP(X2N[k % 32]!, p);
  return p;
}
export const crcCombine = (crcA: number, crcB: number, shiftB: number) => (multModP(shiftB, crcA) ^ crcB) >>> 0;

/**
 * A part of many answers kept with its compressed form: raw deflate ending in a full flush (on a
 * byte boundary, nothing carried over, not the last block), so fresh pieces may be compressed on
 * either side of it and the whole still reads as one stream.
 */
export interface KeptDeflate {
  bytes: Buffer;
  deflated: Buffer;
  crc: number;
  /** shiftOperator(bytes.length), made once. */
  shift: number;
}

/** Deflate reaches back this far: a dictionary longer than the window adds nothing. */
const WINDOW = 32 * 1024;

/**
 * Compresses a part once for all the answers it will go into (see gzipPieces). `preceding`, when
 * given, must be the bytes that come right before this part in every answer it goes into: the part may
 * then refer back into them, as one compression of both would, since a reader's inflater has them
 * in its window whatever the flushes between (zlib's preset dictionary, without its check value).
 */
export function keptDeflate(bytes: Buffer, preceding?: Buffer): KeptDeflate {
  const dictionary = preceding && preceding.length > WINDOW ? preceding.subarray(preceding.length - WINDOW) : preceding;
  return {
    bytes,
    deflated: deflateRawSync(bytes, {
      level: PAGE_GZIP_LEVEL,
      finishFlush: zlib.Z_FULL_FLUSH,
      ...(dictionary && dictionary.length > 0 ? { dictionary } : {}),
    }),
    crc: crcOn(bytes, 0),
    shift: shiftOperator(bytes.length),
  };
}

const isKept = (piece: Buffer | KeptDeflate): piece is KeptDeflate => !Buffer.isBuffer(piece);

/** Fresh runs up to this long go in as stored blocks: zlib's set-up for each call is tens of microseconds. */
const STORED_UP_TO = 256;

/**
 * The gzip form of the pieces one after another: the fresh ones (Buffers) compressed now, the kept
 * ones as they were compressed once, and the CRC-32 of the whole combined from the kept pieces' own
 * without hashing their bytes again.
 */
export function gzipPieces(pieces: readonly (Buffer | KeptDeflate)[]): Buffer {
  const { deflated, crc, length } = deflatePieces(pieces, true);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 0x1_0000_0000, 4);
  return Buffer.concat([GZIP_HEADER, ...deflated, trailer]);
}

/**
 * Raw deflate of the pieces one after another, kept ones as they are and fresh runs between them
 * compressed each on its own; it ends in a full flush, or with the stream's last block when `last`.
 * With the CRC-32 and the length of the bytes they stand for.
 */
function deflatePieces(pieces: readonly (Buffer | KeptDeflate)[], last: boolean): { deflated: Buffer[]; crc: number; length: number } {
  const deflated: Buffer[] = [];
  let crc = 0;
  let length = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (isKept(piece)) {
      deflated.push(piece.deflated);
      crc = piece.bytes.length === 0 ? crc : crcCombine(crc, piece.crc, piece.shift);
      length += piece.bytes.length;
      continue;
    }
    // Adjacent fresh pieces go into one compression, which finds matches across them.
    const run: Buffer[] = [piece];
    while (i + 1 < pieces.length && !isKept(pieces[i + 1]!)) run.push(pieces[++i] as Buffer);
    const fresh = run.length === 1 ? piece : Buffer.concat(run);
    const finish = last && i === pieces.length - 1;
    if (fresh.length <= STORED_UP_TO) {
      // A few bytes (a count put into a kept page) are not worth a compressor's set-up, which costs more than compressing them.
      deflated.push(storedBlocks(fresh));
      if (finish) deflated.push(EMPTY_LAST_BLOCK);
      crc = crcOn(fresh, crc);
    } else {
      const own = crcOn(fresh, 0);
      deflated.push(deflatedRun(fresh, own, finish));
      crc = crcCombine(crc, own, shiftOperator(fresh.length));
    }
    length += fresh.length;
  }
  // A kept piece at the end (or none at all) leaves the stream open: an empty last block closes it.
  if (last && (pieces.length === 0 || isKept(pieces[pieces.length - 1]!))) deflated.push(EMPTY_LAST_BLOCK);
  if (!last && pieces.length === 0) deflated.push(deflateRawSync(Buffer.alloc(0), { finishFlush: zlib.Z_FULL_FLUSH }));
  return { deflated, crc, length };
}

/**
 * Fresh runs compressed lately, by their bytes: a page made from scratch again and again (the page
 * cache off, or missed) has the same text around its kept parts every time, and compressing it was
 * the largest cost of such a page. By CRC-32, length and end, then compared byte for byte, so a
 * reader's choice of page can only miss, never be answered with another page's bytes; a miss costs
 * what every run cost before. Runs are a page's text between its kept parts: a few KB each.
 */
const recentRuns = new Lru<string, { bytes: Buffer; deflated: Buffer }>(128);

/** Longer runs (a whole page with nothing kept in it) are compressed every time, so the runs kept stay a few MB at most. */
const RECENT_RUN_BYTES = 32 * 1024;

/** Raw deflate of a fresh run whose CRC-32 is `crc`, ending in a full flush, or the stream's last block when `finish`. */
export function deflatedRun(fresh: Buffer, crc: number, finish: boolean): Buffer {
  const options = { level: PAGE_GZIP_LEVEL, finishFlush: finish ? zlib.Z_FINISH : zlib.Z_FULL_FLUSH };
  if (fresh.length > RECENT_RUN_BYTES) return deflateRawSync(fresh, options);
  const key = `${crc}:${fresh.length}:${finish ? 'last' : 'flush'}`;
  const known = recentRuns.get(key);
  if (known?.bytes.equals(fresh)) return known.deflated;
  const deflated = deflateRawSync(fresh, options);
  // A copy: the run may be a view into a buffer its maker reuses.
  recentRuns.set(key, { bytes: Buffer.from(fresh), deflated });
  return deflated;
}

/**
 * A part that differs in every answer (a reader's own question), put in as stored blocks: the runs
 * on either side of it then stay the same from one answer to the next, and their compression is
 * reused (deflatedRun). It costs the part's compression, a few hundred bytes of a random token.
 */
export function storedPart(bytes: Buffer): KeptDeflate {
  return { bytes, deflated: storedBlocks(bytes), crc: crcOn(bytes, 0), shift: shiftOperator(bytes.length) };
}

/**
 * spliceAround for a body made of pieces (see keptPiecesOf) whose hole is bytes `at` to `end`:
 * the kept pieces on either side go in as they were compressed, and only the rest is compressed now.
 */
export function splicePiecesAround(pieces: readonly (Buffer | KeptDeflate)[], at: number, end: number): SplicedGzip {
  const before: (Buffer | KeptDeflate)[] = [];
  const after: (Buffer | KeptDeflate)[] = [];
  let start = 0;
  for (const piece of pieces) {
    const bytes = isKept(piece) ? piece.bytes : piece;
    const stop = start + bytes.length;
    if (stop <= at) before.push(piece);
    else if (start >= end) after.push(piece);
    else {
      // The hole is in fresh text; should a piece ever straddle it, its bytes are compressed afresh.
      if (start < at) before.push(bytes.subarray(0, at - start));
      if (stop > end) after.push(bytes.subarray(end - start));
    }
    start = stop;
  }
  const head = deflatePieces(before, false);
  const tail = deflatePieces(after, true);
  const afterBytes = Buffer.concat(after.map((piece) => (isKept(piece) ? piece.bytes : piece)));
  return {
    after: afterBytes,
    gzipBefore: Buffer.concat(head.deflated),
    gzipAfter: Buffer.concat(tail.deflated),
    crcBefore: head.crc,
    crcAfter: tail.crc,
    shiftAfter: shiftOperator(afterBytes.length),
  };
}
const EMPTY_LAST_BLOCK = Buffer.from([0x03, 0x00]);

/** The gzip form of before + middle + after, where only the middle is new. */
export function gzipAround(hole: SplicedGzip, middle: Buffer, beforeLength: number): Buffer {
  const crc = crcCombine(crcOn(middle, hole.crcBefore), hole.crcAfter, hole.shiftAfter);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE((beforeLength + middle.length + hole.after.length) % 0x1_0000_0000, 4);
  return Buffer.concat([GZIP_HEADER, hole.gzipBefore, storedBlocks(middle), hole.gzipAfter, trailer]);
}
