/** The build's list of published articles, for the reply pipeline (see src/shared/article-manifest.ts). */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { MANIFEST_FILE, type Manifest } from "../../shared/article-manifest.ts";
import type { Site } from "../content/site-metadata.ts";
import type { Article } from "../model/types.ts";

export function toManifest(site: Site, articles: readonly Article[]): Manifest {
  return {
    site: { url: site.url, origins: [new URL(site.url).origin], timeZone: site.timeZone },
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

export async function writeManifest(outputDir: string, manifest: Manifest): Promise<void> {
  await mkdir(outputDir, { recursive: true });
  await writeFile(path.join(outputDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
