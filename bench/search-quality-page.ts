/**
 * Bundled by bench/search-quality.ts and run in Chromium on a built site: for each query,
 * the sharded index as the search page loads and merges it (src/client/), against one
 * Pagefind index of every article (/pagefind-single/).
 */
import { searchShards } from "../src/client/merged-search.ts";
import { type FilterCounts, loadPagefind, type Pagefind, type PagefindResult } from "../src/client/pagefind-api.ts";
import { SHARD_FILTER } from "../src/client/shard-plan.ts";

export interface QueryComparison {
  query: string;
  /** Results from the single index, and from the shards. */
  results: number;
  shardedResults: number;
  /** Up to three results only one of the two found. */
  onlySingle: string[];
  onlySharded: string[];
  sameResults: boolean;
  sameFilterCounts: boolean;
  /** Share of the single index's first ten results among the shards' first ten. */
  top10Overlap: number;
  /** Newest first over the shards: every result's date at or before the one above it. */
  newestInDateOrder: boolean;
  /** Newest first: the same list as the single index's, in the same order (dates tie rarely). */
  newestSameAsSingle: boolean;
  /** Against the single index in one chunk, which has every word a query word begins at hand. */
  whole: { results: number; onlyWhole: string[]; onlySharded: string[]; sameResults: boolean; sameFilterCounts: boolean };
}

/** As paths: Pagefind in its worker (the search page's) gives whole URLs, on the main thread paths. */
const pathOf = (url: string) => new URL(url, window.location.href).pathname;
const urlsOf = async (results: PagefindResult[]) => Promise.all(results.map(async (result) => pathOf((await result.data()).url)));
const withoutShard = (counts: FilterCounts) =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(counts)
        .filter(([name]) => name !== SHARD_FILTER)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, values]) => [
          name,
          Object.fromEntries(
            Object.entries(values)
              .filter(([, n]) => n > 0)
              .sort(([a], [b]) => a.localeCompare(b)),
          ),
        ]),
    ),
  );

const sameSet = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export async function compareQueries(queries: string[]): Promise<QueryComparison[]> {
  const sharded = await loadPagefind();
  const loadSingle = async (folder: string) => {
    const url = `/${folder}/pagefind.js`;
    const index = (await import(url)) as Pagefind;
    await index.options({ excerptLength: 24, noWorker: true });
    return index;
  };
  const single = await loadSingle("pagefind-single");
  const whole = await loadSingle("pagefind-whole");
  await Promise.all([sharded.pagefind.filters(), single.filters(), whole.filters()]);
  const out: QueryComparison[] = [];
  for (const query of queries) {
    const a = (await searchShards(sharded, query, {}))!;
    const b = (await single.search(query, {}))!;
    const [urlsA, urlsB] = await Promise.all([urlsOf(a.results), urlsOf(b.results)]);
    const top = new Set(urlsA.slice(0, 10));
    const expectedTop = urlsB.slice(0, 10);
    const newest = (await searchShards(sharded, query, { sort: { date: "desc" } }))!.results;
    const newestData = await Promise.all(newest.map((result) => result.data()));
    const dates = newestData.map((data) => Date.parse(data.meta.datetime ?? ""));
    const singleNewest = await urlsOf((await single.search(query, { sort: { date: "desc" } }))!.results);
    const c = (await whole.search(query, {}))!;
    const urlsC = await urlsOf(c.results);
    out.push({
      query,
      results: urlsB.length,
      shardedResults: urlsA.length,
      onlySingle: urlsB.filter((url) => !urlsA.includes(url)).slice(0, 3),
      onlySharded: urlsA.filter((url) => !urlsB.includes(url)).slice(0, 3),
      sameResults: sameSet(urlsA, urlsB),
      sameFilterCounts: withoutShard(a.filters) === withoutShard(b.filters),
      top10Overlap: expectedTop.length ? expectedTop.filter((url) => top.has(url)).length / expectedTop.length : 1,
      newestInDateOrder: dates.every((date, i) => !Number.isNaN(date) && (i === 0 || date <= dates[i - 1]!)),
      newestSameAsSingle: JSON.stringify(newestData.map((data) => pathOf(data.url))) === JSON.stringify(singleNewest),
      whole: {
        results: urlsC.length,
        onlyWhole: urlsC.filter((url) => !urlsA.includes(url)).slice(0, 3),
        onlySharded: urlsA.filter((url) => !urlsC.includes(url)).slice(0, 3),
        sameResults: sameSet(urlsA, urlsC),
        sameFilterCounts: withoutShard(a.filters) === withoutShard(c.filters),
      },
    });
  }
  return out;
}

(window as unknown as { compareQueries: typeof compareQueries }).compareQueries = compareQueries;
