/**
 * The images of an imported WordPress site: attachments and the images its posts point at, read
 * from a local copy of wp-content/uploads or fetched from the old address, stored as Ytring uploads
 * once (old address → upload is remembered in import_sources), with the posts rewritten to them.
 */
import { open, realpath, rm } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { Actor } from '../accounts/account.js';
import { AppError } from '../errors.js';
import { getUpload } from '../uploads/media.service.js';
import { createUpload, MAX_UPLOAD_BYTES, uploadFileNames, type Upload } from '../uploads/upload.service.js';
import type { Db } from '../storage/db.js';
import { findImportTarget, insertImportTarget } from './import-source.repository.js';

export interface MediaImportOptions {
  /** Where uploads are stored (the app's UPLOADS_DIR). */
  uploadsDir: string;
  /** A local copy of the old site's wp-content/uploads, read before the old address is asked. */
  dir?: string;
  /** Ask the old site for what the local copy lacks (default true). */
  fetch?: boolean;
  /** Files fetched or read at the same time (default 4). */
  concurrency?: number;
  /** How long one fetch may take, headers and body (default 30 s). */
  timeoutMs?: number;
  /** The account running the import: each image is recorded as its upload, and the audit log names it. */
  uploader?: Actor;
}

export interface MediaReport {
  /** Images stored as new uploads in this run. */
  uploads: number;
  /** Images an earlier run had stored, used again without fetching. */
  reused: number;
  /** Posts given their WordPress featured image. */
  featured: number;
  /** Posts from an earlier run pointed at images that were missing then. */
  postsUpdated: number;
  /** Every image that could not be had, with why; the import went on without it. */
  missing: { url: string; reason: string }[];
}

export const emptyMediaReport = (): MediaReport => ({ uploads: 0, reused: 0, featured: 0, postsUpdated: 0, missing: [] });

/** The types createUpload accepts; anything else is not fetched. */
const IMAGE_PATH = /\.(?:jpe?g|png|gif|webp)$/i;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
// After this many connection failures in a row a host counts as gone, so a dead site costs a few timeouts, not one per image.
const HOST_FAILURES_BEFORE_GIVING_UP = 5;

/**
 * Who stores the images when no one signed in runs the import (the command line): the system, with
 * an admin's right to upload. Uploads record an account, and the export's authors have none.
 */
const IMPORTER: Actor = { accountId: '', personId: '', name: 'WordPress import', role: 'admin', blogScope: null };

class Missing extends Error {}

/** Runs at most `limit` tasks at once, in the order they were asked for. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** The file's path below wp-content/uploads, from its address: `https://x.org/wp-content/uploads/2020/01/a.jpg` → `2020/01/a.jpg`. */
export function uploadsPathOf(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const marker = pathname.indexOf('/wp-content/uploads/');
  // WordPress.com keeps uploads at the root of its files host: /2008/06/a.jpg.
  const rest = marker >= 0 ? pathname.slice(marker + '/wp-content/uploads/'.length) : pathname.replace(/^\/+/, '');
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

async function readLocal(dir: string, path: string): Promise<Buffer | undefined> {
  const root = await realpath(dir);
  let full: string;
  try {
    full = await realpath(join(root, path));
  } catch {
    return undefined;
  }
  const inside = relative(root, full);
  // The export chooses the path: it must not lead out of the folder given.
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  const file = await open(full, 'r');
  try {
    const info = await file.stat();
    if (!info.isFile()) return undefined;
    if (info.size > MAX_UPLOAD_BYTES) throw new Missing(`larger than ${MAX_UPLOAD_BYTES / 1_048_576} MB`);
    return await file.readFile();
  } finally {
    await file.close();
  }
}

async function fetchImage(url: string, timeoutMs: number): Promise<Buffer> {
  const tooLarge = `larger than ${MAX_UPLOAD_BYTES / 1_048_576} MB`;
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept: 'image/*' } });
  const reader = response.body?.getReader();
  try {
    if (!response.ok) throw new Missing(`the old site answered ${response.status}`);
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type && type !== 'application/octet-stream' && !IMAGE_TYPES.has(type))
      throw new Missing(`not a JPEG, PNG, GIF or WebP image (${type})`);
    if (Number(response.headers.get('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw new Missing(tooLarge);
    const parts: Uint8Array[] = [];
    let bytes = 0;
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader!.read()) {
      bytes += chunk.value.length;
      // The announced length can lie or be missing: count what arrives.
      if (bytes > MAX_UPLOAD_BYTES) throw new Missing(tooLarge);
      parts.push(chunk.value);
    }
    return Buffer.concat(parts);
  } finally {
    // A refused or oversized answer is not read to its end (after a full read this does nothing).
    await reader?.cancel().catch(() => undefined);
  }
}

/** Why a fetch failed, in a few words for the report. */
function fetchFailure(error: unknown): { reason: string; connection: boolean } {
  if (error instanceof Missing) return { reason: error.message, connection: false };
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return { reason: 'the old site did not answer in time', connection: true };
  const cause = error instanceof Error && error.cause instanceof Error ? (error.cause as Error & { code?: string }) : undefined;
  return { reason: `the old site did not answer (${cause?.code ?? cause?.message ?? String(error)})`, connection: true };
}

/**
 * One import's images. Each address is read, fetched and stored at most once per run (and once
 * ever: an earlier run's upload is found by its address). Nothing here throws for a missing image.
 */
export class MediaImporter {
  private readonly known = new Map<string, Promise<Upload | undefined>>();
  private readonly load: <T>(task: () => Promise<T>) => Promise<T>;
  // createUpload re-encodes with sharp: one at a time keeps memory and the two cores' load bounded.
  private readonly store = limiter(1);
  private readonly hostFailures = new Map<string, number>();
  /** Files written in this run, removed again if the import's transaction is rolled back. */
  private readonly written: string[] = [];

  constructor(
    private readonly db: Db,
    private readonly source: string,
    private readonly options: MediaImportOptions,
    private readonly report: MediaReport,
    private readonly now: Date,
  ) {
    this.load = limiter(Math.max(1, options.concurrency ?? 4));
  }

  /** The upload for an image address, or undefined (reported) when it cannot be had. */
  upload(url: string, alt: string, localPath?: string): Promise<Upload | undefined> {
    let pending = this.known.get(url);
    if (!pending) {
      pending = this.importOnce(url, alt, localPath);
      this.known.set(url, pending);
    }
    return pending;
  }

  private async importOnce(url: string, alt: string, localPath?: string): Promise<Upload | undefined> {
    const key = { source: this.source, kind: 'media', sourceId: url };
    const earlier = await findImportTarget(this.db, key);
    if (earlier) {
      const upload = await getUpload(this.db, earlier);
      if (upload) {
        this.report.reused++;
        return upload;
      }
    }
    let data: Buffer;
    try {
      data = await this.load(() => this.read(url, localPath));
    } catch (error) {
      if (!(error instanceof Missing)) throw error;
      this.report.missing.push({ url, reason: error.message });
      return undefined;
    }
    return this.store(async () => {
      try {
        const upload = await createUpload(this.db, this.options.uploadsDir, this.options.uploader ?? IMPORTER, { data, alt }, this.now);
        this.written.push(...uploadFileNames({ file_name: upload.fileName, variants: JSON.stringify(upload.variants) }));
        if (!earlier) await insertImportTarget(this.db, key, upload.id, this.now.toISOString());
        this.report.uploads++;
        return upload;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'invalid')) throw error;
        const problem = String(error.details.fields?.file ?? 'not_an_image');
        const reasons: Record<string, string> = {
          not_an_image: 'not a JPEG, PNG, GIF or WebP image',
          too_large: `larger than ${MAX_UPLOAD_BYTES / 1_048_576} MB`,
          too_many_pixels: 'too many pixels',
          required: 'an empty file',
        };
        this.report.missing.push({ url, reason: reasons[problem] ?? problem });
        return undefined;
      }
    });
  }

  private async read(url: string, localPath?: string): Promise<Buffer> {
    const path = localPath || uploadsPathOf(url);
    if (this.options.dir && path) {
      const local = await readLocal(this.options.dir, path);
      if (local) return local;
    }
    if (this.options.fetch === false) throw new Missing(this.options.dir ? 'not in the media folder' : 'fetching is turned off');
    let host: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Missing('not an http or https address');
      host = parsed.host;
    } catch (error) {
      if (error instanceof Missing) throw error;
      throw new Missing('not an address');
    }
    const where = this.options.dir ? 'not in the media folder, and ' : '';
    if ((this.hostFailures.get(host) ?? 0) >= HOST_FAILURES_BEFORE_GIVING_UP)
      throw new Missing(`${where}${host} stopped answering, so it was not asked again`);
    try {
      const data = await fetchImage(url, this.options.timeoutMs ?? 30_000);
      this.hostFailures.set(host, 0);
      return data;
    } catch (error) {
      const failure = fetchFailure(error);
      if (failure.connection) this.hostFailures.set(host, (this.hostFailures.get(host) ?? 0) + 1);
      throw new Missing(`${where}${failure.reason}`);
    }
  }

  /** Removes the files this run wrote: the database rows went with the rolled-back transaction. */
  async discard(): Promise<void> {
    await Promise.all(this.written.map((name) => rm(join(this.options.uploadsDir, name), { force: true })));
  }
}

/** Whether an address in a post names an image file of the old site (its own hosts or a WordPress uploads folder). */
export function isOldSiteImage(url: string, hosts: ReadonlySet<string>): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (!IMAGE_PATH.test(parsed.pathname)) return false;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
  return hosts.has(host) || parsed.pathname.includes('/wp-content/uploads/') || host.endsWith('.files.wordpress.com');
}

// An image `![alt](url` (alt on one line, bounded so a stray "![" costs little) or a link's `](url`.
const DESTINATION = /(!\[[^\]\n]{0,1000}\]|\])\((https?:\/\/[^\s)]+)/g;

/**
 * The old site's image addresses in a Markdown body, each with its alt text ('' for a link to an
 * image, as WordPress makes around an image to show it full size).
 */
export function imagesInMarkdown(markdown: string, hosts: ReadonlySet<string>): { url: string; alt: string }[] {
  const found = new Map<string, string>();
  for (const match of markdown.matchAll(DESTINATION)) {
    const url = match[2]!;
    if (!isOldSiteImage(url, hosts)) continue;
    const alt = match[1]!.startsWith('!') ? match[1]!.slice(2, -1).trim() : '';
    if (!found.get(url)) found.set(url, alt);
  }
  return [...found].map(([url, alt]) => ({ url, alt }));
}

/**
 * The body with each old image address replaced: an image shows the upload's page copy, a link
 * to an image opens the stored original. Addresses with no upload stay as they were.
 */
export function rewriteMarkdown(markdown: string, uploads: ReadonlyMap<string, Upload>): string {
  return markdown.replace(DESTINATION, (all, before: string, url: string) => {
    const upload = uploads.get(url);
    if (!upload) return all;
    return `${before}(${before.startsWith('!') ? upload.url : `/uploads/${upload.fileName}`}`;
  });
}
