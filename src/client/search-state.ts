/**
 * What the reader asked for, read from and written to the URL, so a search can be shared,
 * bookmarked and restored with the back button. Pure: no DOM.
 */
import type { PagefindSearchOptions } from "./pagefind-api.ts";

export type SortOrder = "relevance" | "newest";

export interface SearchState {
  query: string;
  /** Every tag must match: each one narrows the list. */
  tags: string[];
  category: string;
  year: string;
  sort: SortOrder;
}

export function readSearchState(params: URLSearchParams): SearchState {
  const one = (name: string) => (params.get(name) ?? "").trim();
  return {
    query: (params.get("q") ?? "").replace(/\s+/g, " ").trim(),
    tags: [
      ...new Set(
        params
          .getAll("tag")
          .map((tag) => tag.trim())
          .filter(Boolean),
      ),
    ],
    category: one("category"),
    year: one("year"),
    sort: params.get("sort") === "newest" ? "newest" : "relevance",
  };
}

/** The URL's query string for a state; empty values and the default sort are left out. */
export function writeSearchState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  if (state.category) params.set("category", state.category);
  if (state.year) params.set("year", state.year);
  for (const tag of state.tags) params.append("tag", tag);
  if (state.sort === "newest") params.set("sort", "newest");
  return params;
}

/** True when there is anything to search for: words, or a filter to list by. */
export function hasSearch(state: SearchState): boolean {
  return Boolean(state.query || state.tags.length || state.category || state.year);
}

export function toPagefindOptions(state: SearchState): PagefindSearchOptions {
  const filters: NonNullable<PagefindSearchOptions["filters"]> = {};
  if (state.tags.length) filters.tag = state.tags;
  if (state.category) filters.category = [state.category];
  if (state.year) filters.year = [state.year];
  return { filters, ...(state.sort === "newest" ? { sort: { date: "desc" } } : {}) };
}

/** What the live region announces after a search. */
export function describeResults(count: number, state: SearchState): string {
  const what = state.query ? ` for “${state.query}”` : "";
  const narrowed = state.tags.length || state.category || state.year ? " with the chosen filters" : "";
  if (count === 0) return `No articles found${what}${narrowed}.`;
  return `${count} ${count === 1 ? "article" : "articles"} found${what}${narrowed}.`;
}
