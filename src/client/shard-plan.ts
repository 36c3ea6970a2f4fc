/**
 * Which Pagefind indexes the search page loads, and how their results are put in one list.
 * The index is in shards (src/search/shards.ts): a folder per year (or quarter), each with an
 * index per language. Pure: no DOM, no fetching.
 */
import { placeOfPage } from "../shared/search-page-names.ts";
import type { ShardManifest } from "../shared/shard-manifest.ts";
import { normaliseWord, type Stemmer } from "./stem.ts";

export type { ShardManifest };

/** One index to load: a shard, its folder and one of its languages. */
export interface IndexToLoad {
  shard: string;
  folder: string;
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
      merges.push({ shard: shard.name, folder: shard.folder, language });
    }
  }
  return { primary: { shard: newest.name, folder: newest.folder, language: primaryLanguage }, merges };
}

/**
 * "Newest first" across shards. A shard holds one UTC year (or quarter) of dates, so the
 * shards in the manifest's order (newest first, undated pages last) are in date order; within
 * a shard, each page is named by its place in date order (src/shared/search-page-names.ts),
 * across the shard's languages. A shard without dates keeps the order it answered in.
 */
export function mergeNewestFirst<T extends { id: string }>(
  manifest: ShardManifest,
  resultsByShard: ReadonlyMap<string, readonly T[]>,
): T[] {
  return manifest.shards.flatMap((shard) => {
    const results = resultsByShard.get(shard.name) ?? [];
    const placed = results.map((result) => ({ result, place: placeOfPage(result.id) }));
    if (placed.some(({ place }) => place === undefined)) return results;
    return placed.sort((a, b) => b.place! - a.place!).map(({ result }) => result);
  });
}

/** The shards' results in manifest order, each shard's as it answered. */
function inShardOrder<T>(manifest: ShardManifest, resultsByShard: ReadonlyMap<string, readonly T[]>): T[] {
  return manifest.shards.flatMap((shard) => resultsByShard.get(shard.name) ?? []);
}

/**
 * Best match across shards: Pagefind's own merge, every index's results by score, ties in
 * index order (a stable sort), without the shards left out.
 */
export function mergeByScore<T extends { score: number }>(manifest: ShardManifest, resultsByShard: ReadonlyMap<string, readonly T[]>): T[] {
  return inShardOrder(manifest, resultsByShard).sort((a, b) => b.score - a.score);
}

/**
 * The shards whose results stand: for every query word that some shard holds itself, only
 * the shards holding it. A shard without the word answers with pages holding a shorter
 * word (Pagefind's prefix fallback), which one index of everything would never do, as it
 * holds the word. A word no shard holds (half typed, or segmented otherwise, as Chinese is)
 * leaves every shard in, each finding what one index would: words it begins.
 */
export function shardsWithEveryWord(shards: readonly string[], holding: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  return shards.filter((shard) => [...holding.values()].every((holders) => holders.size === 0 || holders.has(shard)));
}

/** Filter counts summed over shards, as Pagefind sums its merged indexes', without the shard tag. */
export function sumFilterCounts(counts: readonly Record<string, Record<string, number>>[]): Record<string, Record<string, number>> {
  const sum: Record<string, Record<string, number>> = {};
  for (const filters of counts) {
    for (const [name, values] of Object.entries(filters)) {
      if (name === SHARD_FILTER) continue;
      const into = sum[name] ?? {};
      for (const [value, count] of Object.entries(values)) into[value] = (into[value] ?? 0) + count;
      sum[name] = into;
    }
  }
  return sum;
}

/** A query's words as Pagefind searches them one by one: not those of an exact phrase ("…"). */
export function queryWords(term: string | null): string[] {
  return (term ?? "").split(/\s+/).filter((word) => word && !word.includes('"'));
}

/**
 * The last code point: a word followed by it sorts after every longer word the word begins,
 * and before the next word that it does not begin.
 */
const AFTER_EVERY_EXTENSION = "\u{10FFFF}";

/**
 * A query for Pagefind's preload that loads, in every index, the chunk where the words that
 * begin each query word's stem end ("stariter", stem "starit": "starituhon"), or undefined
 * for an exact search. Pagefind extends a word only among the words it has loaded: the chunks
 * holding the word and its stem. A run of longer words that goes past such a chunk's end is
 * cut there, and every shard cuts at its own words, so without this a shard missed pages one
 * index of everything found (3 of 50 queries on the bench corpus). When the run ends in a
 * chunk already loaded, which is nearly always, the probe fetches nothing.
 */
export function extensionProbe(term: string, stem: Stemmer): string | undefined {
  const probes = new Set<string>();
  for (const word of queryWords(term)) {
    const normal = normaliseWord(word);
    if (!normal) continue;
    probes.add(`${normal}${AFTER_EVERY_EXTENSION}`);
    probes.add(`${stem(normal)}${AFTER_EVERY_EXTENSION}`);
  }
  return probes.size ? [...probes].join(" ") : undefined;
}

/**
 * Whether an excerpt marks a word that begins with the query word's stem (a match Pagefind
 * found by extension, "stariter" → "starituhon"), rather than only shorter ones or none (its
 * fallback: on the bench corpus its excerpts mark nothing).
 */
export function marksWordsBeginning(excerpt: string, stem: string): boolean {
  const marked = [...excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].map((match) => normaliseWord(match[1]!));
  return marked.some((text) => text.startsWith(normaliseWord(stem)));
}
