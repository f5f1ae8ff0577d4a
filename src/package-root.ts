/**
 * The package's own folder. Every module that reads a file shipped beside the code (public/,
 * package.json) starts from here, because this file is one folder below the package both as
 * src/package-root.ts (tsx, tests) and inside the one built file dist/ytring.cjs.
 */
export const PACKAGE_ROOT = new URL('../', import.meta.url);
