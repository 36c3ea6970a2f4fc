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
  const staging = path.join(contentDir, STAGING_DIR);
  await rm(staging, { recursive: true, force: true });
  const makeDir = createDirMaker();
  try {
    const outcomes = await mapLimited(files, async (file): Promise<keyof WriteResult> => {
      const target = resolveInside(contentDir, file.path);
      const bytes = "text" in file.source ? Buffer.from(file.source.text) : await readFile(file.source.copyFrom);
      const existing = await readFile(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (existing?.equals(bytes)) return "unchanged";
      if (existing && !force) return "kept";
      const staged = path.join(staging, file.path);
      await makeDir(path.dirname(staged));
      await writeFile(staged, bytes);
      return existing ? "replaced" : "written";
    });
    const result: WriteResult = { written: [], unchanged: [], kept: [], replaced: [] };
    for (const [index, file] of files.entries()) result[outcomes[index]!].push(file.path);
    // Everything is staged: only now does the content folder change.
    await mapLimited([...result.written, ...result.replaced], async (file) => {
      const target = resolveInside(contentDir, file);
      await makeDir(path.dirname(target));
      await rename(path.join(staging, file), target);
    });
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Tens of thousands of small files: a few dozen at a time keeps the disk busy without a flood. */
const CONCURRENCY = 32;

async function mapLimited<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}

/** mkdir -p, once per folder. */
function createDirMaker(): (dir: string) => Promise<void> {
  const made = new Map<string, Promise<unknown>>();
  return async (dir) => {
    const pending = made.get(dir) ?? mkdir(dir, { recursive: true });
    made.set(dir, pending);
    await pending;
  };
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
