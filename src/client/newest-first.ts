/** "Newest first" over the index's shards, for the search page (and the bench, which checks it against one index of everything). */
import type { LoadedIndex, PagefindResult, PagefindSearchOptions } from "./pagefind-api.ts";
import { mergeNewestFirst, SHARD_FILTER } from "./shard-plan.ts";

/**
 * Results in date order across shards: a merged search orders a date sort by each result's
 * position within its own shard, so each shard is searched on its own (by the filter each
 * index is tagged with) and the lists are joined newest shard first. The words' chunks are
 * loaded already, by the search for the counts.
 */
export async function newestFirst({ pagefind, manifest }: LoadedIndex, term: string | null, options: PagefindSearchOptions): Promise<PagefindResult[]> {
  const byShard = new Map<string, PagefindResult[]>();
  // One after the other: Pagefind's searches share one WebAssembly instance.
  for (const shard of manifest.shards) {
    const search = await pagefind.search(term, { ...options, filters: { ...options.filters, [SHARD_FILTER]: [shard.name] } });
    byShard.set(shard.name, search?.results ?? []);
  }
  return mergeNewestFirst(manifest, byShard);
}
