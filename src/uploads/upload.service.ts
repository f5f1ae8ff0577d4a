/**
 * Images for posts: the type is read from the file's content (never its name or the browser's
 * word), the size and pixel count are limited, and every file is re-encoded without metadata
 * (EXIF, GPS) in a few widths under the uploads directory.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Metadata, default as Sharp } from 'sharp';
import { canWritePosts, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { AppError, invalid } from '../errors.js';
import { newId } from '../shared/ids.js';
import type { Db } from '../storage/db.js';
import { findUploadRowById, insertUploadRow, type UploadRow } from './upload.repository.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_PIXELS = 40_000_000;
/** Narrower copies for pages and small screens; an image narrower than a width gets no copy of it. */
export const VARIANT_WIDTHS: readonly number[] = [640, 1280];
/**
 * WebP copies for browsers that take them (<picture><source type="image/webp">): at the variant
 * widths below the original, and at the original's own width when it is no wider than the widest
 * variant. Recorded in the upload's variants as "webp:<width>". AVIF copies at the same widths
 * ("avif:<width>") are not made here: on a shared two-core server a 1280-pixel copy took 0.9 s, a
 * full photo 5 s, WebP a third of that, and every upload waits for its copies. A background job
 * makes them later (avif-copies.ts).
 */
const WEBP_QUALITY = 80;
const MAX_CONTENT_WIDTH = 1280;

/** The widths of an upload's modern-format copies (WebP, AVIF): the variant widths below it, and its own when it is no wider than a page needs. */
export const modernCopyWidths = (width: number): number[] => [
  ...VARIANT_WIDTHS.filter((w) => w < width),
  ...(width <= MAX_CONTENT_WIDTH ? [width] : []),
];

/** The types of the copies that are no upload format of their own. */
const COPY_TYPES: Record<string, string> = { avif: 'image/avif' };
const MAX_ALT = 300;

type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';
const FORMATS: Record<ImageFormat, { ext: string; contentType: string }> = {
  jpeg: { ext: 'jpg', contentType: 'image/jpeg' },
  png: { ext: 'png', contentType: 'image/png' },
  webp: { ext: 'webp', contentType: 'image/webp' },
  gif: { ext: 'gif', contentType: 'image/gif' },
};

export interface Upload {
  id: string;
  fileName: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
  /** Width → file name of the narrower copies; "webp:<width>" → a WebP copy. */
  variants: Record<string, string>;
  alt: string;
  createdAt: Date;
  /** The address to put in a post: the widest copy meant for pages, or the image itself. */
  url: string;
  /** `![alt](url)`, ready to insert into a post's Markdown. */
  markdown: string;
  /** `url 640w, url 1280w, …` in the upload's own format, the original last. */
  srcset: string;
  /** The same in WebP, or '' when the upload has no WebP copies (older uploads, WebP and GIF originals). */
  webpSrcset: string;
  /** The same in AVIF, or '' until the background job has made them (and never for WebP and GIF originals). */
  avifSrcset: string;
  /** The smallest copy, for thumbnails. */
  thumbnailUrl: string;
}

/**
 * What a post body's <img> of one of our uploads needs to take its place before it loads (issue 14):
 * the intrinsic size, and the same copies a featured image offers.
 */
export interface BodyImage {
  width: number;
  height: number;
  srcset: string;
  webpSrcset: string;
  avifSrcset: string;
}

export const bodyImageOf = (upload: Upload): BodyImage => ({
  width: upload.width,
  height: upload.height,
  srcset: upload.srcset,
  webpSrcset: upload.webpSrcset,
  avifSrcset: upload.avifSrcset,
});

const UPLOAD_ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UPLOAD_ADDRESS = new RegExp(`/uploads/(${UPLOAD_ID})`, 'g');
const UPLOAD_SRC = new RegExp(`^/uploads/(${UPLOAD_ID})(?:-\\d{2,5})?\\.(?:jpg|png|webp|gif)$`);
/** A body naming more images than this gets sizes for the first ones only: one query stays small. */
const MAX_BODY_UPLOADS = 100;

/** The ids of the uploads a Markdown text names (every file of an upload begins with its id), in order, each once. */
export function uploadIdsIn(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(UPLOAD_ADDRESS)) {
    ids.add(match[1]!);
    if (ids.size >= MAX_BODY_UPLOADS) break;
  }
  return [...ids];
}

/** The upload id behind an image address such as `/uploads/<id>-1280.jpg`, or undefined. */
export const uploadIdOfSrc = (src: string): string | undefined => UPLOAD_SRC.exec(src)?.[1];

/** The widths of an upload's copies in its own format, and of its WebP and AVIF copies, narrowest first. */
export function variantWidths(variants: Record<string, string>): { own: number[]; webp: number[]; avif: number[] } {
  const widths = { own: [] as number[], webp: [] as number[], avif: [] as number[] };
  for (const key of Object.keys(variants)) {
    const m = /^(?:(webp|avif):)?(\d{1,5})$/.exec(key);
    if (m) widths[(m[1] as 'webp' | 'avif' | undefined) ?? 'own'].push(Number(m[2]));
  }
  for (const list of Object.values(widths)) list.sort((a, b) => a - b);
  return widths;
}

export function parseVariants(json: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** Alt text as Markdown image text: one line, brackets and backslashes escaped. */
export const markdownAlt = (alt: string): string =>
  alt
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[[\]\\]/g, (c) => `\\${c}`);

export function toUpload(row: UploadRow): Upload {
  const variants = parseVariants(row.variants);
  const widest = VARIANT_WIDTHS.filter((w) => variants[String(w)]).at(-1);
  const url = `/uploads/${widest ? variants[String(widest)]! : row.file_name}`;
  const widths = variantWidths(variants);
  const width = Number(row.width);
  const srcset = [
    ...widths.own.filter((w) => w < width).map((w) => `/uploads/${variants[String(w)]} ${w}w`),
    `/uploads/${row.file_name} ${width}w`,
  ].join(', ');
  const webpSrcset = widths.webp.map((w) => `/uploads/${variants[`webp:${w}`]} ${w}w`).join(', ');
  const avifSrcset = widths.avif.map((w) => `/uploads/${variants[`avif:${w}`]} ${w}w`).join(', ');
  const smallest = widths.own[0];
  return {
    id: row.id,
    fileName: row.file_name,
    contentType: row.content_type,
    width: Number(row.width),
    height: Number(row.height),
    bytes: Number(row.bytes),
    variants,
    alt: row.alt,
    createdAt: new Date(row.created_at),
    url,
    markdown: `![${markdownAlt(row.alt)}](${url})`,
    srcset,
    webpSrcset,
    avifSrcset,
    thumbnailUrl: `/uploads/${smallest ? variants[String(smallest)]! : row.file_name}`,
  };
}

/** The format the first bytes announce, before any decoder sees the file. */
export function sniffImageFormat(data: Uint8Array): ImageFormat | undefined {
  const starts = (bytes: number[], offset = 0) => bytes.every((b, i) => data[offset + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return undefined;
}

const refuse = (problem: string) => invalid({ file: problem });

interface Processed {
  format: ImageFormat;
  width: number;
  height: number;
  full: Buffer;
  variants: { width: number; data: Buffer }[];
  webp: { width: number; data: Buffer }[];
}

// sharp loads libvips, a large native library: only the first upload pays for it, not every start.
let sharpModule: Promise<typeof Sharp> | undefined;
export const loadSharp = () => (sharpModule ??= import('sharp').then((m) => m.default));

/** Checks and re-encodes an image; throws invalid({ file }) with not_an_image, too_large or too_many_pixels. */
export async function processImage(data: Buffer): Promise<Processed> {
  if (data.length === 0) throw refuse('required');
  if (data.length > MAX_UPLOAD_BYTES) throw refuse('too_large');
  const sniffed = sniffImageFormat(data);
  if (!sniffed) throw refuse('not_an_image');
  const sharp = await loadSharp();
  let metadata: Metadata;
  try {
    metadata = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch (error) {
    throw refuse(/pixel limit/i.test((error as Error).message) ? 'too_many_pixels' : 'not_an_image');
  }
  // The decoder must agree with the first bytes; anything else (SVG, HEIF, TIFF, PDF…) is refused.
  const format = metadata.format as string;
  if (format !== sniffed || !(format in FORMATS)) throw refuse('not_an_image');
  const pageHeight = metadata.pageHeight ?? metadata.height;
  if (!metadata.width || !pageHeight) throw refuse('not_an_image');
  if (metadata.width * pageHeight > MAX_PIXELS) throw refuse('too_many_pixels');
  const animated = (metadata.pages ?? 1) > 1;

  const encode = (width?: number) => {
    let image = sharp(data, { limitInputPixels: MAX_PIXELS, animated });
    // Turn the pixels the way the camera meant, since the orientation tag goes with the rest of the metadata.
    if (!animated) image = image.rotate();
    if (width) image = image.resize({ width, withoutEnlargement: true });
    // sharp writes no metadata unless asked to (keepExif, withMetadata): EXIF and GPS stay behind.
    switch (sniffed) {
      case 'jpeg':
        return image.jpeg({ quality: 82, mozjpeg: true }).toBuffer({ resolveWithObject: true });
      case 'png':
        return image.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
      case 'webp':
        return image.webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
      case 'gif':
        return image.gif().toBuffer({ resolveWithObject: true });
    }
  };
  try {
    const full = await encode();
    const variants: Processed['variants'] = [];
    for (const width of VARIANT_WIDTHS) {
      if (width >= full.info.width) continue;
      variants.push({ width, data: (await encode(width)).data });
    }
    const webp: Processed['webp'] = [];
    // A WebP original needs no second WebP; an animated GIF keeps its one file.
    if (sniffed === 'jpeg' || sniffed === 'png') {
      for (const width of modernCopyWidths(full.info.width)) {
        const image = sharp(data, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width, withoutEnlargement: true });
        webp.push({ width, data: await image.webp({ quality: WEBP_QUALITY }).toBuffer() });
      }
    }
    return { format: sniffed, width: full.info.width, height: full.info.pageHeight ?? full.info.height, full: full.data, variants, webp };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse('not_an_image');
  }
}

/**
 * Stores an uploaded image and its copies in `uploadsDir` (the app's UPLOADS_DIR: each app instance
 * says where its files live, so two apps in one process never share a folder by accident);
 * throws forbidden or invalid({ file }).
 */
export async function createUpload(
  db: Db,
  uploadsDir: string,
  actor: Actor,
  input: { data: Buffer; alt: string },
  now = new Date(),
): Promise<Upload> {
  if (!canWritePosts(actor)) throw new AppError('forbidden', 'Your role does not allow uploads');
  const upload = await storeUpload(db, uploadsDir, input, actor.accountId, now);
  await audit(db, actor, 'upload.create', { type: 'upload', id: upload.id, summary: upload.alt || upload.fileName }, now);
  return upload;
}

/**
 * Stores an image and its copies with no one to check or audit: for the site's own content, such
 * as the demo's generated images (accountId null). Throws invalid({ file }).
 */
export async function storeUpload(
  db: Db,
  uploadsDir: string,
  input: { data: Buffer; alt: string },
  accountId: string | null,
  now = new Date(),
): Promise<Upload> {
  const alt = input.alt.replace(/\s+/g, ' ').trim().slice(0, MAX_ALT);
  const image = await processImage(input.data);
  const id = newId(now.getTime());
  const { ext, contentType } = FORMATS[image.format];
  const fileName = `${id}.${ext}`;
  const variants = Object.fromEntries([
    ...image.variants.map((v) => [String(v.width), `${id}-${v.width}.${ext}`]),
    ...image.webp.map((v) => [`webp:${v.width}`, `${id}-${v.width}.webp`]),
  ]);
  const files: [string, Buffer][] = [
    [fileName, image.full],
    ...image.variants.map((v): [string, Buffer] => [variants[String(v.width)]!, v.data]),
    ...image.webp.map((v): [string, Buffer] => [variants[`webp:${v.width}`]!, v.data]),
  ];
  await mkdir(uploadsDir, { recursive: true });
  const paths = files.map(([name]) => join(uploadsDir, name));
  try {
    await Promise.all(files.map(([name, data]) => writeFile(join(uploadsDir, name), data, { flag: 'wx' })));
    const row: UploadRow = {
      id,
      file_name: fileName,
      content_type: contentType,
      width: image.width,
      height: image.height,
      bytes: image.full.length,
      variants: JSON.stringify(variants),
      alt,
      account_id: accountId,
      created_at: now.toISOString(),
    };
    await insertUploadRow(db, row);
    return toUpload(row);
  } catch (error) {
    await Promise.all(paths.map((path) => rm(path, { force: true })));
    throw error;
  }
}

const FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:-\d{2,5})?\.(?:jpg|png|webp|gif|avif)$/;

/**
 * The stored file behind `/uploads/<name>`, or undefined. The name must be one the database
 * lists for that upload, so no request reaches any other path on disk.
 */
export async function findUploadFile(db: Db, uploadsDir: string, name: string): Promise<{ path: string; contentType: string } | undefined> {
  const id = FILE_NAME.exec(name)?.[1];
  if (!id) return undefined;
  const row = await findUploadRowById(db, id);
  if (!row) return undefined;
  const known = [row.file_name, ...Object.values(parseVariants(row.variants))];
  if (!known.includes(name)) return undefined;
  // A WebP copy of a JPEG is served as what it is, not as the original's type.
  const ext = name.slice(name.lastIndexOf('.') + 1);
  const contentType = Object.values(FORMATS).find((f) => f.ext === ext)?.contentType ?? COPY_TYPES[ext] ?? row.content_type;
  return { path: join(uploadsDir, name), contentType };
}

/** Every file stored for an upload: the original and all its copies. */
export const uploadFileNames = (row: Pick<UploadRow, 'file_name' | 'variants'>): string[] => [
  row.file_name,
  ...Object.values(parseVariants(row.variants)),
];
