/** The build's list of published articles, for the reply pipeline (see src/shared/article-manifest.ts). */
import path from "node:path";
import { MANIFEST_FILE, type Manifest } from "../../shared/article-manifest.ts";
import { writeByRename } from "../../shared/write-by-rename.ts";
import type { Site } from "../content/site-metadata.ts";
import type { Article } from "../model/types.ts";

export function toManifest(site: Site, articles: readonly Article[]): Manifest {
  return {
    site: { url: site.url, origins: [new URL(site.url).origin] },
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

/** By rename: the dev server's reply route reads it while a rebuild writes it. */
export async function writeManifest(outputDir: string, manifest: Manifest): Promise<void> {
  await writeByRename(path.join(outputDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
