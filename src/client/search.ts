/**
 * The /search/ page. The query, filters and sort live in the URL (shareable, restored on
 * load and with the back button). Pagefind is fetched only once the reader searches: on
 * load when the URL already holds a search, else on first focus of the search box.
 */
import { searchShards } from "./merged-search.ts";
import { type LoadedIndex, loadPagefind, type PagefindResult } from "./pagefind-api.ts";
import { describeResults, hasSearch, readSearchState, toPagefindOptions, writeSearchState } from "./search-state.ts";
import { renderFilters, renderResult } from "./search-view.ts";

/**
 * Results shown at a time, more on request, as Pagefind's own interface does: each costs its
 * fragment (2–3 KB, the article's text for the excerpt), half of what a later search fetches
 * at 10 a time, and five fill a phone's screen.
 */
const PAGE_SIZE = 5;
const TYPING_PAUSE_MS = 250;

function required<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`search page: missing ${selector}`);
  return found;
}

function startSearchPage(root: HTMLElement): void {
  const form = required<HTMLFormElement>(root, "form");
  const input = required<HTMLInputElement>(form, "input[name=q]");
  const filters = required<HTMLElement>(root, "[data-search-filters]");
  const filtersToggle = required<HTMLButtonElement>(root, "[data-search-filters-toggle]");
  const status = required<HTMLElement>(root, "[data-search-status]");
  const list = required<HTMLOListElement>(root, "[data-search-results]");
  const more = required<HTMLButtonElement>(root, "[data-search-more]");

  let state = readSearchState(new URLSearchParams(window.location.search));
  let pagefind: Promise<LoadedIndex> | undefined;
  let results: PagefindResult[] = [];
  let shown = 0;
  let latest = 0;
  const load = () =>
    (pagefind ??= loadPagefind().catch((error: unknown) => {
      pagefind = undefined; // the next search tries again (the dev server may still be indexing)
      throw error;
    }));

  // The filters' data is a large part of the index (105 KB of 350 for 10,000 articles), so
  // it is fetched when the reader opens the filters, or when the URL already holds one.
  const showFilters = (open: boolean) => {
    filters.hidden = !open;
    filtersToggle.setAttribute("aria-expanded", String(open));
  };
  const filtersOpen = () => !filters.hidden;

  const showControls = () => {
    input.value = state.query;
    for (const radio of form.querySelectorAll<HTMLInputElement>("input[name=sort]")) radio.checked = radio.value === state.sort;
  };
  const updateUrl = (mode: "push" | "replace") => {
    const query = writeSearchState(state).toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (url === `${window.location.pathname}${window.location.search}`) return;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  };

  const showMore = async (moveFocus: boolean) => {
    const id = latest;
    more.disabled = true;
    const page = await Promise.all(results.slice(shown, shown + PAGE_SIZE).map((result) => result.data()));
    more.disabled = false;
    if (id !== latest) return;
    const items = page.map(renderResult);
    list.append(...items);
    shown += items.length;
    more.hidden = shown >= results.length;
    if (moveFocus) items[0]?.querySelector("a")?.focus();
  };

  const run = async () => {
    const id = ++latest;
    if (!hasSearch(state)) {
      results = [];
      list.replaceChildren();
      filters.replaceChildren();
      more.hidden = true;
      filtersToggle.hidden = true;
      status.textContent = "";
      return;
    }
    filtersToggle.hidden = false;
    list.setAttribute("aria-busy", "true");
    const show = async () => {
      const index = await load();
      if (filtersOpen()) await index.pagefind.filters();
      const search = await searchShards(index, state.query || null, toPagefindOptions(state));
      if (id !== latest || !search) return;
      results = search.results;
      shown = 0;
      list.replaceChildren();
      await showMore(false);
      if (id !== latest) return;
      if (filtersOpen()) renderFilters(filters, search.filters, state);
      status.textContent = describeResults(results.length, state);
    };
    try {
      await show().catch(() => {
        // A deploy since the index was loaded moves every shard it changed to a new folder and
        // removes the old one (shardFolder in src/search/shards.ts), so a file the loaded
        // index names may be gone: load the index again, from the new shards.json, once.
        pagefind = undefined;
        return show();
      });
    } catch {
      if (id === latest) status.textContent = "Search is not available right now. Please try again later.";
    } finally {
      if (id === latest) list.removeAttribute("aria-busy");
    }
  };

  const readForm = () => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === "string") params.append(name, value);
    return readSearchState(params);
  };

  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("focus", () => void load().catch(() => undefined), { once: true });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state = readForm();
      updateUrl("replace");
      void run();
    }, TYPING_PAUSE_MS);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    state = readForm();
    updateUrl("push");
    void run();
  });
  form.addEventListener("change", (event) => {
    if (event.target === input) return;
    state = readForm();
    updateUrl("push");
    void run();
  });
  more.addEventListener("click", () => void showMore(true));
  filtersToggle.addEventListener("click", () => {
    showFilters(!filtersOpen());
    if (filtersOpen()) void run();
  });
  window.addEventListener("popstate", () => {
    state = readSearchState(new URLSearchParams(window.location.search));
    showControls();
    if (state.tags.length || state.category || state.year) showFilters(true);
    void run();
  });

  root.hidden = false;
  for (const note of document.querySelectorAll<HTMLElement>("[data-search-needs-js]")) note.hidden = true;
  showControls();
  showFilters(Boolean(state.tags.length || state.category || state.year));
  if (hasSearch(state)) void run();
}

const root = document.querySelector<HTMLElement>("[data-search]");
if (root) startSearchPage(root);
