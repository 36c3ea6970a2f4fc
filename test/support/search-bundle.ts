/**
 * Reads what a built search index holds, as a test sees it, across its shards (one Pagefind
 * bundle per shard, listed in pagefind/shards.json): each indexed page's record (a gzipped
 * "pagefind_dcd" + JSON fragment, the same data result.data() returns in the browser) and
 * the languages in each bundle's pagefind-entry.json.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { SHARD_MANIFEST_FILE, type ShardManifest } from "../../src/shared/shard-manifest.ts";

export interface IndexedPage {
  /** The index the page is in, e.g. "en" or "zh" (from the fragment's file name). */
  language: string;
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

export async function readShardManifest(outputDir: string): Promise<ShardManifest> {
  return JSON.parse(await readFile(path.join(outputDir, "pagefind", SHARD_MANIFEST_FILE), "utf8")) as ShardManifest;
}

/** Every indexed page, with the shard it is in. */
export async function readIndexedPages(outputDir: string): Promise<(IndexedPage & { shard: string })[]> {
  const pages: (IndexedPage & { shard: string })[] = [];
  for (const { name: shard } of (await readShardManifest(outputDir)).shards) {
    const dir = path.join(outputDir, "pagefind", shard, "fragment");
    for (const name of (await readdir(dir)).sort()) {
      const text = gunzipSync(await readFile(path.join(dir, name))).toString("utf8");
      if (!text.startsWith("pagefind_dcd")) throw new Error(`${name}: not a Pagefind fragment`);
      pages.push({ shard, language: name.split("_")[0]!, ...JSON.parse(text.slice("pagefind_dcd".length)) });
    }
  }
  return pages.sort((a, b) => (a.url < b.url ? -1 : 1));
}

/** Pages per language, summed over the shards' entries. */
export async function readIndexLanguages(outputDir: string): Promise<Record<string, { page_count: number }>> {
  const languages: Record<string, { page_count: number }> = {};
  for (const { name: shard } of (await readShardManifest(outputDir)).shards) {
    const entry = JSON.parse(await readFile(path.join(outputDir, "pagefind", shard, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    for (const [language, { page_count }] of Object.entries(entry.languages)) {
      languages[language] = { page_count: (languages[language]?.page_count ?? 0) + page_count };
    }
  }
  return languages;
}
