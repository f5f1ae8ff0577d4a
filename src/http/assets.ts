import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip as gzipCallback } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptedEncodings } from './accept-encoding.js';
import { PACKAGE_ROOT } from '../package-root.js';

export interface Asset {
  body: Buffer;
  contentType: string;
  /** Made once, off the event loop from start, and kept only where smaller than the file itself. */
  br?: Buffer;
  gzip?: Buffer;
  /** Set while the compressed forms are being made: a reader who takes one waits for it. */
  compressing?: Promise<void> | undefined;
  /** Set while the file itself is being made (the default icons): every reader waits for it; false if it could not be. */
  rendering?: Promise<boolean> | undefined;
  /** Set while the file waits to be made: makes it now, for a reader who asked. */
  hurry?: (() => void) | undefined;
}

export interface Assets {
  /** Public URL by source file name, e.g. "style.css" → "/static/style.3f2a9c1b.css". */
  urls: Record<string, string>;
  /** Asset by the fingerprinted file name. */
  files: Map<string, Asset>;
}

/** Text, and icons that are mostly bitmap rows: worth compressing. PNG is compressed already. */
const COMPRESSIBLE = new Set(['.css', '.js', '.svg', '.ico']);

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export const PUBLIC_DIR = fileURLToPath(new URL('public/', PACKAGE_ROOT));

/**
 * Where the build leaves the compressed forms of public/'s files, each named by the SHA-256 of the
 * file it was made from (scripts/precompress-assets.mjs), so no form can be another file's.
 */
export const PRECOMPRESSED_DIR = fileURLToPath(new URL('dist/static/', PACKAGE_ROOT));

/**
 * Reads public/ once at start-up; names carry a content hash so browsers may keep them for a year.
 * The compressed forms come from the build where it made them for these very bytes; the others are
 * made in the background.
 */
export function loadAssets(dir = PUBLIC_DIR, precompressedDir = PRECOMPRESSED_DIR): Assets {
  const urls: Record<string, string> = {};
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    const digest = createHash('sha256').update(body).digest('hex');
    const fingerprinted = `${name.slice(0, -extname(name).length)}.${digest.slice(0, 10)}${extname(name)}`;
    urls[name] = `/static/${fingerprinted}`;
    const asset: Asset = { body, contentType: type };
    if (COMPRESSIBLE.has(extname(name)) && !readCompressed(asset, precompressedDir, digest)) asset.compressing = compress(asset);
    files.set(fingerprinted, asset);
  }
  return { urls, files };
}

/** Takes the build's compressed forms of `asset`, if it made both; false if it did not. */
function readCompressed(asset: Asset, precompressedDir: string, digest: string): boolean {
  let br: Buffer;
  let gz: Buffer;
  try {
    br = readFileSync(join(precompressedDir, `${digest}.br`));
    gz = readFileSync(join(precompressedDir, `${digest}.gz`));
  } catch {
    return false;
  }
  if (br.length < asset.body.length) asset.br = br;
  if (gz.length < asset.body.length) asset.gzip = gz;
  return true;
}

/** The default icon's PNG sizes: favicon, apple-touch-icon, and the web manifest's two. */
export const DEFAULT_ICON_SIZES = [32, 180, 192, 512] as const;

/**
 * Adds PNG renderings of public/favicon.svg as `icon-32.png`, `icon-180.png`, `icon-192.png` and
 * `icon-512.png`, so the manifest, the apple-touch-icon and mails (which show no SVG) have an icon
 * while the site has no logo. The 180 px one, which iOS shows on a home screen, gets a white ground
 * instead of transparency (iOS would fill it black).
 *
 * The addresses are known at once and the PNGs are made with sharp in the background, from a second
 * after start: loading libvips and rendering the four sizes took a large part of a start before the
 * first answer, and pages need only the addresses. A reader who asks for an icon before then has them
 * made at once, and waits for it. The promise settles when all are made; if sharp fails, the icons
 * answer not-found and it rejects.
 */
export function addDefaultIcons(assets: Assets, dir = PUBLIC_DIR, afterMs = DRAW_ICONS_AFTER_MS): Promise<void> {
  const svg = readFileSync(join(dir, 'favicon.svg'));
  // Loading sharp and libvips takes tens of ms of CPU. As an ES module import it happened to finish
  // after the first pages; the built file requires it at once, so it waits for a timer instead.
  // A reader who asks for an icon before then has it drawn at once rather than wait for the timer.
  let hurry = () => {};
  const later = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, afterMs);
    hurry = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  const sharpModule = later.then(() => import('sharp')).then((m) => m.default);
  const made = DEFAULT_ICON_SIZES.map((size) => {
    // Named by what the PNG is made from (the SVG, the size and ICON_RENDERING), not by its bytes,
    // which are not there yet; a change to how icons are drawn must change ICON_RENDERING.
    const hash = createHash('sha256').update(`${ICON_RENDERING}:${size}:`).update(svg).digest('hex').slice(0, 10);
    const fingerprinted = `icon-${size}.${hash}.png`;
    const asset: Asset = { body: Buffer.alloc(0), contentType: TYPES['.png']!, hurry };
    const rendering = sharpModule.then(async (sharp) => {
      const image = sharp(svg, { density: Math.ceil((72 * size) / 32) }).resize(size, size, {
        fit: 'contain',
        background: { r: 255, g: 255, b: 255, alpha: 0 },
      });
      const padded = size === 180 ? image.flatten({ background: '#ffffff' }) : image;
      asset.body = await padded.png({ compressionLevel: 9 }).toBuffer();
    });
    asset.rendering = rendering.then(
      () => true,
      () => {
        assets.files.delete(fingerprinted);
        return false;
      },
    );
    void asset.rendering.finally(() => {
      asset.rendering = undefined;
      asset.hurry = undefined;
    });
    assets.urls[`icon-${size}.png`] = `/static/${fingerprinted}`;
    assets.files.set(fingerprinted, asset);
    return rendering;
  });
  return Promise.all(made).then(() => undefined);
}

/** How long after start addDefaultIcons begins to draw: the first pages come before. */
const DRAW_ICONS_AFTER_MS = 1_000;

/** Bumped whenever addDefaultIcons draws differently, so browsers keeping an icon for a year fetch the new one. */
const ICON_RENDERING = 'v1 contain, 180 on white, png 9';

const brotli = promisify(brotliCompress);
const gzip = promisify(gzipCallback);

/**
 * The smallest forms, made once: the highest levels cost nothing per request. Brotli's highest
 * takes most of a tenth of a second for the style sheet, so it is made in the thread pool while
 * the server starts, not before it answers.
 */
async function compress(asset: Asset): Promise<void> {
  const { body } = asset;
  try {
    const [br, gz] = await Promise.all([
      brotli(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzip(body, { level: 9 }),
    ]);
    if (br.length < body.length) asset.br = br;
    if (gz.length < body.length) asset.gzip = gz;
  } catch {
    // Sent as it is, then.
  } finally {
    asset.compressing = undefined;
  }
}

/** Sends a file in the form the client takes, saying it differs by Accept-Encoding. */
export async function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset, cacheControl: string): Promise<FastifyReply> {
  reply.type(asset.contentType).header('cache-control', cacheControl).header('vary', 'accept-encoding');
  const accepts = acceptedEncodings(request.headers['accept-encoding']);
  asset.hurry?.();
  if (asset.rendering && !(await asset.rendering)) {
    reply.callNotFound();
    return reply;
  }
  if (asset.compressing && (accepts.br || accepts.gzip)) await asset.compressing;
  if (accepts.br && asset.br) return reply.header('content-encoding', 'br').send(asset.br);
  if (accepts.gzip && asset.gzip) return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}
