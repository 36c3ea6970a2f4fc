/**
 * Reads what a built search index holds, as a test sees it, across its shards (one Pagefind
 * bundle per shard, listed in pagefind/shards.json): each language's metadata, each indexed
 * page's record (a gzipped "pagefind_dcd" + JSON fragment, the same data result.data()
 * returns in the browser) and the languages in each bundle's pagefind-entry.json.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { readBundleMetas } from "../../src/search/compact-index.ts";
import type { PagefindMeta } from "../../src/search/pagefind-meta.ts";
import { SHARD_MANIFEST_FILE, type ShardManifest } from "../../src/shared/shard-manifest.ts";

export interface IndexedPage {
  /** The index the page is in, e.g. "en" or "zh". */
  language: string;
  /** Its fragment's name, which is the result's id. */
  name: string;
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

export async function readShardManifest(outputDir: string): Promise<ShardManifest> {
  return JSON.parse(await readFile(path.join(outputDir, "pagefind", SHARD_MANIFEST_FILE), "utf8")) as ShardManifest;
}

/** The folder under pagefind/ that holds a shard's bundle, as the manifest names it. */
export async function shardFolderOf(outputDir: string, shard: string): Promise<string> {
  const found = (await readShardManifest(outputDir)).shards.find((entry) => entry.name === shard);
  if (!found) throw new Error(`no shard "${shard}" in ${outputDir}`);
  return found.folder;
}

/** Every indexed page, with the shard it is in, found as the search page finds it: through each language's metadata. */
export async function readIndexedPages(outputDir: string): Promise<(IndexedPage & { shard: string })[]> {
  const pages: (IndexedPage & { shard: string })[] = [];
  for (const { name: shard, folder } of (await readShardManifest(outputDir)).shards) {
    const bundle = path.join(outputDir, "pagefind", folder);
    for (const [language, meta] of await readShardMetas(bundle)) {
      for (const [name] of meta.pages) {
        const text = gunzipSync(await readFile(path.join(bundle, "fragment", `${name}.pf_fragment`))).toString("utf8");
        if (!text.startsWith("pagefind_dcd")) throw new Error(`${name}: not a Pagefind fragment`);
        pages.push({ shard, language, name, ...JSON.parse(text.slice("pagefind_dcd".length)) });
      }
    }
  }
  return pages.sort((a, b) => (a.url < b.url ? -1 : 1));
}

/** Each language's metadata in one shard's bundle, as its pagefind-entry.json points to it. */
export async function readShardMetas(bundle: string): Promise<Map<string, PagefindMeta>> {
  return (await readBundleMetas(bundle)).metas;
}

/** Pages per language, summed over the shards' entries. */
export async function readIndexLanguages(outputDir: string): Promise<Record<string, { page_count: number }>> {
  const languages: Record<string, { page_count: number }> = {};
  for (const { folder } of (await readShardManifest(outputDir)).shards) {
    const entry = JSON.parse(await readFile(path.join(outputDir, "pagefind", folder, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    for (const [language, { page_count }] of Object.entries(entry.languages)) {
      languages[language] = { page_count: (languages[language]?.page_count ?? 0) + page_count };
    }
  }
  return languages;
}
