import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Manifest, manifestPathFor } from "../../../src/shared/article-manifest.ts";
import { makeManifest } from "./manifest.ts";

/** Writes the manifest where the build would, with article dates near the real clock. */
export async function writeManifestFile(repoDir: string, manifest: Manifest = makeManifest({ closeAfterDays: null })) {
  const file = manifestPathFor(path.join(repoDir, "_site"));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(manifest));
  return file;
}
