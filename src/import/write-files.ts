/**
 * Writes an import into the content folder without ever leaving it half done: every file is
 * compared with what is there, the new and replaced ones are written whole into a staging
 * folder, and only then moved into place. A file already there with the same bytes is left
 * alone (so a second run changes nothing); one with other bytes is kept and reported, unless
 * `force`.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface PlannedFile {
  /** Relative to the content folder, "/" separated. */
  path: string;
  /** The text to write, or the file to copy (an upload). */
  source: { text: string } | { copyFrom: string };
}

export interface WriteResult {
  written: string[];
  unchanged: string[];
  /** Existing files with other content, left as they were (without force). */
  kept: string[];
  /** Existing files with other content, replaced (with force). */
  replaced: string[];
}

const STAGING_DIR = ".import-staging";

export async function writeFiles(contentDir: string, files: readonly PlannedFile[], force: boolean): Promise<WriteResult> {
  const result: WriteResult = { written: [], unchanged: [], kept: [], replaced: [] };
  const staging = path.join(contentDir, STAGING_DIR);
  await rm(staging, { recursive: true, force: true });
  const toMove: string[] = [];
  try {
    for (const file of files) {
      const target = resolveInside(contentDir, file.path);
      const bytes = "text" in file.source ? Buffer.from(file.source.text) : await readFile(file.source.copyFrom);
      const existing = await readFile(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (existing?.equals(bytes)) {
        result.unchanged.push(file.path);
        continue;
      }
      if (existing && !force) {
        result.kept.push(file.path);
        continue;
      }
      (existing ? result.replaced : result.written).push(file.path);
      const staged = path.join(staging, file.path);
      await mkdir(path.dirname(staged), { recursive: true });
      await writeFile(staged, bytes);
      toMove.push(file.path);
    }
    // Everything is staged: only now does the content folder change.
    for (const file of toMove) {
      const target = resolveInside(contentDir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(staging, file), target);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return result;
}

/** A planned path never leaves the content folder, whatever an export's slug held. */
function resolveInside(contentDir: string, relative: string): string {
  const target = path.resolve(contentDir, relative);
  const root = path.resolve(contentDir) + path.sep;
  if (!target.startsWith(root) || relative.split("/").some((part) => part === ".." || part === "")) {
    throw new Error(`Refusing to write outside the content folder: ${JSON.stringify(relative)}`);
  }
  return target;
}
