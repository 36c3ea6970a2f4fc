/** The build's list of published articles, for the reply pipeline (see src/shared/article-manifest.ts). */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Manifest, manifestPathFor } from "../../shared/article-manifest.ts";
import type { Site } from "../content/site-metadata.ts";
import type { Article } from "../model/types.ts";

/** @param deployUrls this deploy's own URLs (a Netlify deploy preview's), whose pages post replies too. */
export function toManifest(site: Site, articles: readonly Article[], deployUrls: readonly string[] = []): Manifest {
  return {
    site: { url: site.url, origins: [...new Set([site.url, ...deployUrls].map((url) => new URL(url).origin))], timeZone: site.timeZone },
    replies: site.replies,
    articles: articles.map((article) => ({
      key: article.key,
      title: article.title,
      url: article.url,
      date: article.date,
      repliesOpen: article.repliesOpen,
    })),
  };
}

/**
 * Written whole, then renamed into place: the dev server's reply handler reads it while the
 * dev server rebuilds, and must never see half a file.
 */
export async function writeManifest(outputDir: string, manifest: Manifest): Promise<void> {
  const file = manifestPathFor(outputDir);
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(partial, file);
}
