/** The slice of Pagefind's browser API (/pagefind/<shard folder>/pagefind.js, version 1.5) that search.ts uses. */
import { SHARD_MANIFEST_FILE } from "../shared/shard-manifest.ts";
import { planIndexes, SHARD_FILTER, type ShardManifest } from "./shard-plan.ts";
import { type Stemmer, stemmerFor } from "./stem.ts";

export type FilterCounts = Record<string, Record<string, number>>;

export interface PagefindResultData {
  url: string;
  /** Text with the matched words wrapped in <mark>; the only markup Pagefind adds. */
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export interface PagefindResult {
  /** The page's name; in a shard with dates, its place in date order (src/shared/search-page-names.ts). */
  id: string;
  /** Best match: the word score. */
  score: number;
  data(): Promise<PagefindResultData>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  /** Counts per filter value among the results, with the current filters applied. */
  filters: FilterCounts;
  totalFilters: FilterCounts;
}

export type PagefindFilters = Record<string, string[] | { any: string[] }>;

export interface PagefindSearchOptions {
  filters?: PagefindFilters;
  sort?: Record<string, "asc" | "desc">;
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  /**
   * Every filter value with its count. Until this has loaded them, a search counts only the
   * filters it was given; search.ts calls it once the reader opens the filters.
   */
  filters(): Promise<FilterCounts>;
  /** Loads the chunks a search for `term` would, in every index, without searching. */
  preload(term: string, options?: PagefindSearchOptions): Promise<void>;
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindSearch | null>;
}

/** The merged index and the shards it was merged from, newest first. */
export interface LoadedIndex {
  pagefind: Pagefind;
  manifest: ShardManifest;
  /** How the page language's index stems a query word. */
  stem: Stemmer;
}

/** Where the index is: one Pagefind bundle per shard, listed by the build in shards.json. */
const SEARCH_ROOT = "/pagefind/";

/**
 * Loaded on first use only: nothing of the index is fetched before the reader searches. The
 * newest shard's pagefind.js loads its WebAssembly; every other shard and language is merged
 * into it (mergeIndex reuses that WebAssembly, so a shard costs its metadata and, per query,
 * one chunk per word). Each index is tagged with its shard, for "newest first".
 */
export async function loadPagefind(): Promise<LoadedIndex> {
  const response = await fetch(`${SEARCH_ROOT}${SHARD_MANIFEST_FILE}`, { cache: "no-cache" });
  if (!response.ok) throw new Error(`search index: ${response.status}`);
  const manifest = (await response.json()) as ShardManifest;
  // The language Pagefind itself reads from the page for its first index.
  const pageLanguage = (document.querySelector("html")?.getAttribute("lang") || "unknown").toLowerCase();
  const plan = planIndexes(manifest, pageLanguage);
  if (!plan) throw new Error("search index: no shards");
  // A variable, so the bundler leaves this import to the browser.
  const moduleUrl = `${SEARCH_ROOT}${plan.primary.folder}/pagefind.js`;
  const pagefind = (await import(moduleUrl)) as Pagefind;
  // Pagefind's worker (pagefind-worker.js, 12 KB gzipped) does the WebAssembly's work: on the
  // main thread, loading and merging the shards and searching each blocked a phone for 100 to
  // 550 ms at 1,000 articles (Lighthouse, mobile: performance 77 to 95; in the worker, 100).
  await pagefind.options({ excerptLength: 24, mergeFilter: { [SHARD_FILTER]: plan.primary.shard } });
  // By full URL: Pagefind skips a merge whose path starts like its own, which another
  // language of the newest shard does.
  await Promise.all(
    plan.merges.map(({ shard, folder, language }) =>
      pagefind.mergeIndex(new URL(`${SEARCH_ROOT}${folder}/`, window.location.href).href, {
        language,
        mergeFilter: { [SHARD_FILTER]: shard },
      }),
    ),
  );
  return { pagefind, manifest, stem: stemmerFor(pageLanguage) };
}
