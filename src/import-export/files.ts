/** The file ends of import and export: reading an input as a stream, writing an output all or nothing. */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

export interface StreamedInput {
  chunks: AsyncIterable<string>;
  bytesRead(): number;
  totalBytes: number;
}

/** Gives `use` the file at `path` in chunks, with how far it has read, and closes it afterwards. */
export async function withFileChunks<T>(path: string, use: (input: StreamedInput) => Promise<T>): Promise<T> {
  const { size } = await stat(path);
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  try {
    return await use({ chunks: stream, bytesRead: () => stream.bytesRead, totalBytes: size });
  } finally {
    stream.destroy();
  }
}

/** Writes beside `path` first and renames at the end, so a failed export leaves no half file. */
export async function writeFileAtomically<T>(path: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const partial = `${path}.partial`;
  const out = createWriteStream(partial, { encoding: 'utf8' });
  try {
    const result = await write(out);
    out.end();
    await once(out, 'finish');
    await rename(partial, path);
    return result;
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
