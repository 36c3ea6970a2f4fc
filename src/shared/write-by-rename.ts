/**
 * Writes a file beside its final name, then renames it into place: rename is atomic on one
 * file system, so a reader (the dev server's rebuild, the reply function reading the manifest)
 * sees the old file or the whole new one, never half of it.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeByRename(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // A dot name and .tmp: neither the build's reply reader (*.json) nor a static server serves it.
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
