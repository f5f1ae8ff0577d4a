export const COMPRESSIBLE_EXTENSIONS: readonly string[];
export function brotliOf(body: Buffer): Buffer;
export function gzipOf(body: Buffer): Buffer;
export function precompressAssets(publicDir: string, outDir: string): void;
