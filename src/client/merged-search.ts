/**
 * One search over the index's shards, as if it were one index of every article (for the
 * search page, and the bench, which checks it against one index). Each shard is searched on
 * its own, by the filter each of its indexes is tagged with, and the lists are merged here:
 * - Pagefind answers a word missing from an index with pages holding its longest known
 *   prefix ("noqusasa" → "noqu"). One index of everything has the word, so it never does;
 *   a shard without it must be left out, or a query for a word in 7 articles finds 161.
 * - Pagefind extends a word to the longer words its stem begins only within the chunks it
 *   loaded, and each shard's chunks end at other words than one index's: a preload first
 *   loads the chunk where those words end, in every shard (extensionProbe).
 * - Best match: by score, as Pagefind merges indexes. Newest first: shard by shard, each by
 *   its pages' names, which are their places in date order (the build dropped Pagefind's
 *   date sort for them: src/search/compact-index.ts).
 * The words' chunks are loaded by the first search; the others run in memory.
 */
import type { FilterCounts, LoadedIndex, PagefindResult, PagefindSearchOptions } from "./pagefind-api.ts";
import {
  extensionProbe,
  marksWordsBeginning,
  mergeByScore,
  mergeNewestFirst,
  queryWords,
  SHARD_FILTER,
  shardsWithEveryWord,
  sumFilterCounts,
} from "./shard-plan.ts";
import { normaliseWord } from "./stem.ts";

export interface MergedSearch {
  results: PagefindResult[];
  /** Counts per filter value among the results, with the current filters applied. */
  filters: FilterCounts;
}

/** A shard tag no index has: a search filtered by it ranks nothing, yet counts what it would have found. */
const NO_SHARD = "-";

export async function searchShards(
  { pagefind, manifest, stem }: LoadedIndex,
  term: string | null,
  options: PagefindSearchOptions,
): Promise<MergedSearch | null> {
  const inShard = (shard: string) => ({ filters: { ...options.filters, [SHARD_FILTER]: [shard] } });
  const probe = term ? extensionProbe(term, stem) : undefined;
  if (probe) await pagefind.preload(probe);
  // One after the other: Pagefind's searches share one WebAssembly instance.
  const byShard = new Map<string, { results: PagefindResult[]; filters: FilterCounts }>();
  for (const shard of manifest.shards) {
    const search = await pagefind.search(term, inShard(shard.name));
    if (!search) return null;
    byShard.set(shard.name, { results: search.results, filters: search.filters });
  }
  let kept = manifest.shards.map((shard) => shard.name);
  const words = queryWords(term);
  if (words.length > 0) {
    // Which shards hold each word itself: an exact search never falls back to a prefix. One
    // search answers for every shard: its counts before filtering, by the shard tag, say where
    // the word is, and a shard no page has keeps its result list empty, so nothing is ranked
    // or sent back. (A search per shard ran every index each time: at 100,000 articles in 24
    // shards, 576 index searches for one word.)
    const holding = new Map<string, Set<string>>();
    for (const word of words) {
      const exact = await pagefind.search(`"${word}"`, { filters: { [SHARD_FILTER]: [NO_SHARD] } });
      if (!exact) return null;
      const pagesHolding = exact.totalFilters[SHARD_FILTER] ?? {};
      const shards = new Set<string>();
      const unsure: string[] = [];
      for (const shard of kept) {
        if (!byShard.get(shard)!.results.length) continue;
        if ((pagesHolding[shard] ?? 0) > 0) shards.add(shard);
        else unsure.push(shard);
      }
      // A shard with results but without the word itself found either longer words it begins
      // (as one index would) or a shorter one (the fallback). The excerpt of its first result
      // for that word alone marks which: one fragment, and only when another shard holds it.
      if (shards.size > 0) {
        for (const shard of unsure) {
          const first = (await pagefind.search(word, { filters: { [SHARD_FILTER]: [shard] } }))?.results[0];
          if (first && marksWordsBeginning((await first.data()).excerpt, stem(normaliseWord(word)))) shards.add(shard);
        }
      }
      holding.set(word, shards);
    }
    kept = shardsWithEveryWord(kept, holding);
  }
  const lists = new Map(kept.map((shard) => [shard, byShard.get(shard)!.results]));
  return {
    results: options.sort ? mergeNewestFirst(manifest, lists) : mergeByScore(manifest, lists),
    filters: sumFilterCounts(kept.map((shard) => byShard.get(shard)!.filters)),
  };
}
