/**
 * Parts of a page kept as UTF-8 bytes (a long debate's comments), put into the page when it is
 * encoded rather than rendered into its text. A page's text comes out of the renderer as a rope of
 * thousands of small strings, and encoding it walks every one of them: with each comment a string
 * of its own inside that rope, encoding a 200-comment page cost ten times what the same text does
 * flat. Here the renderer only writes a stand-in per part, and the kept bytes are copied in.
 */
import { randomBytes } from 'node:crypto';
import { trustHtml, type SafeHtml } from '../shared/safe-html.js';

// Unguessable per process, and an HTML comment, which no escaped text or attribute can contain.
const NONCE = randomBytes(12).toString('base64url');
const STAND_IN = new RegExp(`<!--splice:${NONCE}:(\\d+)-->`);

export class PageSplices {
  private readonly parts: Buffer[] = [];

  /** The stand-in to render where `bytes` go. */
  add(bytes: Buffer): SafeHtml {
    this.parts.push(bytes);
    return trustHtml(`<!--splice:${NONCE}:${this.parts.length - 1}-->`);
  }

  /** The page as UTF-8, each stand-in replaced by its bytes. */
  encode(html: string): Buffer {
    if (this.parts.length === 0) return Buffer.from(html, 'utf8');
    // split() with a capturing group: text, part number, text, part number, … text.
    const pieces = html.split(STAND_IN);
    const out: Buffer[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i % 2 === 0) {
        if (piece) out.push(Buffer.from(piece, 'utf8'));
      } else {
        out.push(this.parts[Number(piece)]!);
      }
    }
    return Buffer.concat(out);
  }
}
