/**
 * The site's identity images: the logo (a copy for the page header and the cleaned original), the
 * app icons (square PNGs made from the logo or from an uploaded icon) and the default sharing image.
 * Each is checked and re-encoded like any upload (processImage), kept under the uploads directory
 * and listed in the uploads table, so /uploads serves it and nothing else.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { canManageSettings, type Actor } from '../accounts/account.js';
import { audit } from '../accounts/account.service.js';
import { forbidden } from '../errors.js';
import { newId } from '../shared/ids.js';
import type { Db } from '../storage/db.js';
import type { IconSetting, ImageRef, LogoSetting } from '../settings/settings.js';
import { insertUploadRow } from './upload.repository.js';
import { loadSharp, processImage } from './upload.service.js';

/** The logo's height in the header, in CSS pixels; the file has twice as many. */
export const LOGO_CSS_HEIGHT = 40;
/** Wider than this, a sharing image is scaled down (1200 is what the large sharing cards show). */
const SOCIAL_WIDTH = 1200;
const EXT: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif' };
const TYPE: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' };

async function store(
  db: Db,
  uploadsDir: string,
  actor: Actor,
  now: Date,
  id: string,
  main: { name: string; data: Buffer; width: number; height: number; contentType: string },
  extra: Record<string, { name: string; data: Buffer }>,
  summary: string,
): Promise<void> {
  await mkdir(uploadsDir, { recursive: true });
  const files = [main, ...Object.values(extra)];
  try {
    await Promise.all(files.map((f) => writeFile(join(uploadsDir, f.name), f.data, { flag: 'wx' })));
    await insertUploadRow(db, {
      id,
      file_name: main.name,
      content_type: main.contentType,
      width: main.width,
      height: main.height,
      bytes: main.data.length,
      variants: JSON.stringify(Object.fromEntries(Object.entries(extra).map(([k, f]) => [k, f.name]))),
      alt: summary,
      account_id: actor.accountId,
      created_at: now.toISOString(),
    });
    await audit(db, actor, 'upload.create', { type: 'upload', id, summary }, now);
  } catch (error) {
    await Promise.all(files.map((f) => rm(join(uploadsDir, f.name), { force: true })));
    throw error;
  }
}

/** Throws forbidden, or invalid({ file }) as processImage does. */
export async function storeLogo(db: Db, uploadsDir: string, actor: Actor, data: Buffer, now = new Date()): Promise<LogoSetting> {
  if (!canManageSettings(actor)) throw forbidden();
  const image = await processImage(data);
  const sharp = await loadSharp();
  const header = await sharp(image.full)
    .resize({ height: LOGO_CSS_HEIGHT * 2 })
    .png({ compressionLevel: 9, palette: true })
    .toBuffer({ resolveWithObject: true });
  const id = newId(now.getTime());
  const full = {
    name: `${id}.${EXT[image.format]}`,
    data: image.full,
    width: image.width,
    height: image.height,
    contentType: TYPE[image.format]!,
  };
  const headerName = `${id}-${LOGO_CSS_HEIGHT * 2}.png`;
  await store(db, uploadsDir, actor, now, id, full, { [String(LOGO_CSS_HEIGHT * 2)]: { name: headerName, data: header.data } }, 'Logo');
  return {
    header: { file: headerName, width: header.info.width, height: header.info.height },
    full: { file: full.name, width: full.width, height: full.height },
  };
}

/**
 * App icons from a logo or an uploaded icon: the image fitted in a square with a transparent margin,
 * 512, 192 and 32 pixels; the 180-pixel apple-touch-icon on white, since iOS blackens transparency.
 */
export async function storeIcons(
  db: Db,
  uploadsDir: string,
  actor: Actor,
  data: Buffer,
  fromLogo: boolean,
  now = new Date(),
): Promise<IconSetting> {
  if (!canManageSettings(actor)) throw forbidden();
  const image = await processImage(data);
  const sharp = await loadSharp();
  const square = (size: number, background: { r: number; g: number; b: number; alpha: number }) =>
    sharp(image.full, { animated: false })
      .resize({ width: size, height: size, fit: 'contain', background })
      .flatten(background.alpha === 1 ? { background } : false)
      .png({ compressionLevel: 9 })
      .toBuffer();
  const clear = { r: 255, g: 255, b: 255, alpha: 0 };
  const white = { r: 255, g: 255, b: 255, alpha: 1 };
  const id = newId(now.getTime());
  const [big, s32, s180, s192] = await Promise.all([square(512, clear), square(32, clear), square(180, white), square(192, clear)]);
  await store(
    db,
    uploadsDir,
    actor,
    now,
    id,
    { name: `${id}.png`, data: big, width: 512, height: 512, contentType: 'image/png' },
    {
      '32': { name: `${id}-32.png`, data: s32 },
      '180': { name: `${id}-180.png`, data: s180 },
      '192': { name: `${id}-192.png`, data: s192 },
    },
    'Icons',
  );
  return { id, fromLogo };
}

/** The default sharing image, at most 1200 pixels wide. */
export async function storeSocialImage(db: Db, uploadsDir: string, actor: Actor, data: Buffer, now = new Date()): Promise<ImageRef> {
  if (!canManageSettings(actor)) throw forbidden();
  const image = await processImage(data);
  const sharp = await loadSharp();
  const fitted =
    image.width > SOCIAL_WIDTH
      ? await sharp(image.full, { animated: false }).resize({ width: SOCIAL_WIDTH }).jpeg({ quality: 82, mozjpeg: true }).toBuffer({
          resolveWithObject: true,
        })
      : undefined;
  const id = newId(now.getTime());
  const main = fitted
    ? { name: `${id}.jpg`, data: fitted.data, width: fitted.info.width, height: fitted.info.height, contentType: 'image/jpeg' }
    : { name: `${id}.${EXT[image.format]}`, data: image.full, width: image.width, height: image.height, contentType: TYPE[image.format]! };
  await store(db, uploadsDir, actor, now, id, main, {}, 'Social image');
  return { file: main.name, width: main.width, height: main.height };
}

/** The 32-pixel icon's file name, for /favicon.ico. */
export const icon32File = (icon: IconSetting) => `${icon.id}-32.png`;

/**
 * An ICO file holding one PNG (allowed since Windows Vista; every browser reads it): a 6-byte
 * header, one 16-byte directory entry, then the PNG as it is.
 */
export function pngToIco(png: Buffer, width: number, height: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(width >= 256 ? 0 : width, 6);
  header.writeUInt8(height >= 256 ? 0 : height, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}
