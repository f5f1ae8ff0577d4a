/**
 * AVIF copies of uploads (issue 13: modern formats where the browser takes them), made by a
 * background job rather than in the upload request, since AVIF costs about three times WebP's time.
 * Each upload is claimed first (upload_claims), so several instances never encode the same one; the
 * new copies go into the upload's variants as "avif:<width>", which changes the uploads row and so
 * drops every kept page (the `site` tag), and pages are rendered again with the AVIF source.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../storage/db.js';
import { claimUploadJob, deleteUploadClaim, findUploadsLackingAvif, replaceUploadVariants, type UploadRow } from './upload.repository.js';
import { loadSharp, MAX_PIXELS, modernCopyWidths, parseVariants } from './upload.service.js';

const JOB = 'avif';
// Effort 2 of 9: a 1280-pixel copy in about 0.5 s on a shared two-core server instead of 2.4 s at the
// default 4, for files about a tenth larger, still well below WebP's.
const AVIF = { quality: 50, effort: 2 } as const;
/** Long enough for one upload's copies on a loaded machine; a crashed instance's claim lapses after it. */
const CLAIM_MS = 10 * 60_000;
/** An image that fails this often (a file gone, one libvips cannot read) is left without AVIF. */
const MAX_ATTEMPTS = 3;

export interface AvifCopiesOptions {
  now?: Date;
  /** At most this many uploads per run: the job shares the machine with the requests. */
  maxUploads?: number;
  /** No new upload is started after this many milliseconds. */
  budgetMs?: number;
  /** An upload whose copies failed; the others are still done. */
  onFailure?: (uploadId: string, error: unknown) => void;
}

/** Makes AVIF copies for a few uploads lacking them; returns the ids of those it finished. */
export async function makeAvifCopies(db: Db, uploadsDir: string, options: AvifCopiesOptions = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const started = Date.now();
  const budgetMs = options.budgetMs ?? 5_000;
  const candidates = await findUploadsLackingAvif(db, now.toISOString(), options.maxUploads ?? 2, MAX_ATTEMPTS);
  const done: string[] = [];
  for (const row of candidates) {
    if (Date.now() - started > budgetMs) break;
    const until = new Date(now.getTime() + CLAIM_MS).toISOString();
    if (!(await claimUploadJob(db, row.id, JOB, now.toISOString(), until))) continue;
    try {
      if (await copyOne(db, uploadsDir, row)) done.push(row.id);
      await deleteUploadClaim(db, row.id, JOB);
    } catch (error) {
      // The claim stays until it expires: the next attempt waits, and the attempts are counted.
      options.onFailure?.(row.id, error);
    }
  }
  return done;
}

/** True when the copies were made and recorded; false when the upload changed or went meanwhile. */
async function copyOne(db: Db, uploadsDir: string, row: UploadRow): Promise<boolean> {
  const sharp = await loadSharp();
  const source = join(uploadsDir, row.file_name);
  const copies: { key: string; name: string }[] = [];
  try {
    for (const width of modernCopyWidths(Number(row.width))) {
      const name = `${row.id}-${width}.avif`;
      const data = await sharp(source, { limitInputPixels: MAX_PIXELS }).resize({ width, withoutEnlargement: true }).avif(AVIF).toBuffer();
      // Not "wx": a copy left by an attempt that died before recording it is ours to replace.
      await writeFile(join(uploadsDir, name), data);
      copies.push({ key: `avif:${width}`, name });
    }
    const variants = { ...parseVariants(row.variants), ...Object.fromEntries(copies.map((c) => [c.key, c.name])) };
    if (await replaceUploadVariants(db, row.id, row.variants, JSON.stringify(variants))) return true;
  } catch (error) {
    await removeCopies(uploadsDir, copies);
    throw error;
  }
  await removeCopies(uploadsDir, copies);
  return false;
}

async function removeCopies(uploadsDir: string, copies: readonly { name: string }[]): Promise<void> {
  await Promise.all(copies.map((c) => rm(join(uploadsDir, c.name), { force: true })));
}
