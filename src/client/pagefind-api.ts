/** The slice of Pagefind's browser API (/pagefind/pagefind.js, version 1.5) that search.ts uses. */

export type FilterCounts = Record<string, Record<string, number>>;

export interface PagefindResultData {
  url: string;
  /** Text with the matched words wrapped in <mark>; the only markup Pagefind adds. */
  excerpt: string;
  meta: Record<string, string | undefined>;
}

export interface PagefindResult {
  id: string;
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
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
  search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindSearch | null>;
}

/** Loaded on first use only: nothing of the index is fetched before the reader searches. */
export async function loadPagefind(extraLanguages: readonly string[]): Promise<Pagefind> {
  // A variable, so the bundler leaves this import to the browser.
  const moduleUrl = "/pagefind/pagefind.js";
  const pagefind = (await import(moduleUrl)) as Pagefind;
  // No worker: one file less to fetch (pagefind-worker.js, 12 KB gzipped), and a search
  // takes milliseconds on the main thread.
  await pagefind.options({ excerptLength: 24, noWorker: true });
  // Articles in another language than the page (a Chinese article on an English site) have
  // an index of their own in the same bundle; search it too. Pagefind skips a merge whose
  // path starts like its own ("/pagefind/"), so the same folder is named by its full URL.
  for (const language of extraLanguages) {
    await pagefind.mergeIndex(new URL("/pagefind/", window.location.href).href, { language });
  }
  return pagefind;
}
