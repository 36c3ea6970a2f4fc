/** Reads the build's manifest, again only when the file changed (the dev server rebuilds it). */
import { readFile, stat } from "node:fs/promises";
import { type Manifest, parseManifest } from "../../shared/article-manifest.ts";

export function createManifestLoader(file: string): () => Promise<Manifest> {
  let cached: { mtimeMs: number; manifest: Manifest } | undefined;
  return async () => {
    const { mtimeMs } = await stat(file);
    if (cached?.mtimeMs !== mtimeMs) {
      cached = { mtimeMs, manifest: parseManifest(JSON.parse(await readFile(file, "utf8")), file) };
    }
    return cached.manifest;
  };
}
