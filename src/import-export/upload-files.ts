/**
 * Uploaded images travel beside an export, in a folder named after it (`site.ndjson.uploads/`):
 * the export file holds the rows, the folder the files they name.
 */
import { cp, readdir, stat } from 'node:fs/promises';

export const uploadsFolderFor = (exportFile: string): string => `${exportFile}.uploads`;

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Copies every upload into the folder beside the export; returns how many files. */
export async function copyUploadsOut(uploadsDir: string, exportFile: string): Promise<number> {
  if (!(await isDirectory(uploadsDir))) return 0;
  const target = uploadsFolderFor(exportFile);
  await cp(uploadsDir, target, { recursive: true, force: true });
  return (await readdir(target)).length;
}

/** Copies the files beside an export into the site's uploads; never overwrites a file the site has. */
export async function copyUploadsIn(exportFile: string, uploadsDir: string): Promise<number> {
  const source = uploadsFolderFor(exportFile);
  if (!(await isDirectory(source))) return 0;
  await cp(source, uploadsDir, { recursive: true, force: false, errorOnExist: false });
  return (await readdir(source)).length;
}
