/**
 * Writes a file beside its final name (or in `scratchDir`), then renames it into place: rename
 * is atomic on one file system, so a reader (the dev server's rebuild, the reply function
 * reading the manifest) sees the old file or the whole new one, never half of it. A scratch
 * folder outside a watched folder keeps a watcher from seeing the temporary file at all.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeByRename(file: string, data: string | Uint8Array, scratchDir?: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const name = `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    if (scratchDir !== undefined) return await writeThenRename(path.join(scratchDir, name), file, data);
  } catch (error) {
    // Another file system (EXDEV): fall back to beside the file.
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
  }
  // A dot name and .tmp: neither the build's reply reader (*.json) nor a static server serves it.
  await writeThenRename(path.join(path.dirname(file), name), file, data);
}

async function writeThenRename(temporary: string, file: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
