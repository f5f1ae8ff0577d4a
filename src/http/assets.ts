import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: Buffer;
  contentType: string;
}

export interface Assets {
  /** Public URL by source file name, e.g. "style.css" → "/static/style.3f2a9c1b.css". */
  urls: Record<string, string>;
  /** Asset by the fingerprinted file name. */
  files: Map<string, Asset>;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

/** Reads public/ once at start-up; names carry a content hash so browsers may keep them for a year. */
export function loadAssets(dir = PUBLIC_DIR): Assets {
  const urls: Record<string, string> = {};
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (!type) continue;
    const body = readFileSync(join(dir, name));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const fingerprinted = `${name.slice(0, -extname(name).length)}.${hash}${extname(name)}`;
    urls[name] = `/static/${fingerprinted}`;
    files.set(fingerprinted, { body, contentType: type });
  }
  return { urls, files };
}
