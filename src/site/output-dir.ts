/**
 * The build starts from an empty output folder, so nothing a dev session wrote there (draft
 * pages, old asset hashes) is published or indexed. It refuses a folder that holds the
 * project or the content, so a mistyped OUTPUT_DIR cannot delete the work.
 */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";

export function checkOutputDir(outputDir: string, protectedDirs: readonly string[]): void {
  const target = path.resolve(outputDir);
  for (const dir of protectedDirs.map((d) => path.resolve(d))) {
    const inside = path.relative(target, dir);
    if (target === path.parse(target).root || inside === "" || !inside.startsWith("..")) {
      throw new Error(`OUTPUT_DIR ${target} would contain ${dir}: the build empties its output folder first, so choose another`);
    }
  }
}

export async function emptyOutputDir(outputDir: string, protectedDirs: readonly string[]): Promise<void> {
  checkOutputDir(outputDir, protectedDirs);
  await rm(outputDir, { recursive: true, force: true });
  await mkdir(outputDir, { recursive: true });
}
