/**
 * Parts of a page kept as UTF-8 bytes (a long debate's comments), put into the page when it is
 * encoded rather than rendered into its text. A page's text comes out of the renderer as a rope of
 * thousands of small strings, and encoding it walks every one of them: with each comment a string
 * of its own inside that rope, encoding a 200-comment page cost ten times what the same text does
 * flat. Here the renderer only writes a stand-in per part, and the kept bytes are copied in.
 *
 * A part may also come compressed already (a whole page of comments, see keptDeflate): the body
 * then remembers its pieces, so its gzip form compresses only what is around them (keptPiecesOf).
 */
import { randomBytes } from 'node:crypto';
import type { KeptDeflate } from '../http/gzip-splice.js';
import { trustHtml, type SafeHtml } from '../shared/safe-html.js';

// Unguessable per process, and an HTML comment, which no escaped text or attribute can contain.
const NONCE = randomBytes(12).toString('base64url');
const STAND_IN = new RegExp(`<!--splice:${NONCE}:(\\d+)-->`);

export type BodyPiece = Buffer | KeptDeflate;

// By the very Buffer sent: a hook that replaced the body (or a copy of it) finds nothing, and compresses it whole.
const piecesByBody = new WeakMap<Buffer, readonly BodyPiece[]>();

/** The pieces `body` was encoded from, when some of them were kept compressed; else undefined. */
export function keptPiecesOf(body: Buffer): readonly BodyPiece[] | undefined {
  return piecesByBody.get(body);
}

export class PageSplices {
  private readonly parts: BodyPiece[] = [];

  /** The stand-in to render where `bytes` go. */
  add(bytes: Buffer): SafeHtml {
    this.parts.push(bytes);
    return this.standIn();
  }

  /** The stand-in to render where a part kept with its compressed form goes. */
  addKept(part: KeptDeflate): SafeHtml {
    this.parts.push(part);
    return this.standIn();
  }

  private standIn(): SafeHtml {
    return trustHtml(`<!--splice:${NONCE}:${this.parts.length - 1}-->`);
  }

  /** The page as UTF-8, each stand-in replaced by its bytes. */
  encode(html: string): Buffer {
    if (this.parts.length === 0) return Buffer.from(html, 'utf8');
    // split() with a capturing group: text, part number, text, part number, … text.
    const pieces = html.split(STAND_IN);
    const out: BodyPiece[] = [];
    let kept = false;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i % 2 === 0) {
        if (piece) out.push(Buffer.from(piece, 'utf8'));
        continue;
      }
      const part = this.parts[Number(piece)]!;
      if (!Buffer.isBuffer(part)) kept = true;
      out.push(part);
    }
    return kept ? bodyOfPieces(out) : Buffer.concat(out as Buffer[]);
  }
}

/** The body made of these pieces, which remembers them (keptPiecesOf) for its gzip form. */
export function bodyOfPieces(pieces: readonly BodyPiece[]): Buffer {
  const body = Buffer.concat(pieces.map((piece) => (Buffer.isBuffer(piece) ? piece : piece.bytes)));
  if (pieces.some((piece) => !Buffer.isBuffer(piece))) piecesByBody.set(body, pieces);
  return body;
}
