/**
 * Which Pagefind indexes the search page loads, and how their results are put in one list.
 * The index is in shards (src/search/shards.ts): one folder per year, each with an index per
 * language. Pure: no DOM, no fetching.
 */
import type { ShardManifest } from "../shared/shard-manifest.ts";

export type { ShardManifest };

/** One index to load: a shard's folder and one of its languages. */
export interface IndexToLoad {
  shard: string;
  language: string;
}

export interface LoadPlan {
  /** The newest shard, loaded by its own pagefind.js with the page's language, whose WebAssembly the others reuse. */
  primary: IndexToLoad;
  /** Every other shard and language, merged into the primary with mergeIndex. */
  merges: IndexToLoad[];
}

/** The synthetic filter each index is tagged with (Pagefind's mergeFilter), to search one shard at a time for "newest first". */
export const SHARD_FILTER = "shard";

/**
 * The language index Pagefind picks for a shard when asked for `wanted` (its findIndex): the
 * same, else the same without region, else the one with the most pages.
 */
export function pickLanguage(languages: Record<string, number>, wanted: string): string | undefined {
  if (wanted in languages) return wanted;
  const base = wanted.split("-")[0]!;
  if (base in languages) return base;
  return Object.entries(languages).sort(([, a], [, b]) => b - a)[0]?.[0];
}

/** Every language index of every shard, once each; undefined when there is no index at all. */
export function planIndexes(manifest: ShardManifest, pageLanguage: string): LoadPlan | undefined {
  const [newest, ...older] = manifest.shards;
  if (!newest) return undefined;
  const primaryLanguage = pickLanguage(newest.languages, pageLanguage.toLowerCase());
  if (!primaryLanguage) return undefined;
  const merges: IndexToLoad[] = [];
  for (const shard of [newest, ...older]) {
    for (const language of Object.keys(shard.languages)) {
      if (shard === newest && language === primaryLanguage) continue;
      merges.push({ shard: shard.name, language });
    }
  }
  return { primary: { shard: newest.name, language: primaryLanguage }, merges };
}

/**
 * "Newest first" across shards. Pagefind sorts each index by the date key, but a merged
 * search orders results by their position within their own index, which interleaves the
 * shards. A shard holds one UTC year of sort keys, so each shard's results, in the manifest's
 * order (newest year first, undated pages last), are the results in date order.
 */
export function mergeNewestFirst<T>(manifest: ShardManifest, resultsByShard: ReadonlyMap<string, readonly T[]>): T[] {
  return manifest.shards.flatMap((shard) => resultsByShard.get(shard.name) ?? []);
}
