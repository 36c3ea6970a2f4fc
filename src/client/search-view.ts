/**
 * DOM for results and filter controls, built with createElement and textContent. The one
 * exception is the excerpt, whose markup is reduced to <mark> by sanitizeExcerpt.
 */
import type { FilterCounts, PagefindResultData } from "./pagefind-api.ts";
import { sanitizeExcerpt } from "./sanitize-excerpt.ts";
import type { SearchState } from "./search-state.ts";

/** How many tags to offer at once: the most frequent among the results, plus any chosen. */
const TAG_CHOICES = 20;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderResult(data: PagefindResultData): HTMLLIElement {
  const item = element("li", "search-result");
  const heading = element("h2", "search-result__title");
  const link = element("a", undefined, data.meta.title ?? data.url);
  // Results from a merged index come with the full URL; links stay site-relative.
  const url = new URL(data.url, window.location.href);
  link.href = url.origin === window.location.origin ? `${url.pathname}${url.hash}` : url.href;
  heading.append(link);
  const image = renderThumbnail(data.meta);
  if (image) item.append(image);
  item.append(heading);
  if (data.meta.date) {
    const meta = element("p", "meta");
    const time = element("time", undefined, data.meta.date);
    if (data.meta.datetime) time.dateTime = data.meta.datetime;
    meta.append(time);
    item.append(meta);
  }
  const excerpt = element("p", "search-result__excerpt");
  excerpt.innerHTML = sanitizeExcerpt(data.excerpt);
  item.append(excerpt);
  return item;
}

/** The article's photograph (src/search/search-document.ts sets image, image_alt and image_size), sized so nothing moves as it loads. */
function renderThumbnail(meta: PagefindResultData["meta"]): HTMLImageElement | undefined {
  const size = /^(\d+)x(\d+)$/.exec(meta.image_size ?? "");
  if (!meta.image || !/^\/(?!\/)/.test(meta.image) || !size) return undefined;
  const image = element("img", "search-result__image");
  image.src = meta.image;
  image.alt = meta.image_alt ?? "";
  image.width = Number(size[1]);
  image.height = Number(size[2]);
  image.loading = "lazy";
  image.decoding = "async";
  return image;
}

type Kind = "category" | "year" | "tag";
const LABELS: Record<Kind, string> = { category: "Category", year: "Year", tag: "Tags" };

/** Values with their counts, most frequent first (years newest first); chosen ones always kept. */
function choices(counts: Record<string, number> | undefined, chosen: string[], kind: Kind): [string, number][] {
  const entries = Object.entries(counts ?? {}).filter(([value, count]) => count > 0 || chosen.includes(value));
  for (const value of chosen) if (!entries.some(([name]) => name === value)) entries.push([value, 0]);
  return kind === "year"
    ? entries.sort(([a], [b]) => b.localeCompare(a))
    : entries.sort(([a, ca], [b, cb]) => cb - ca || a.localeCompare(b));
}

function renderSelect(kind: "category" | "year", counts: Record<string, number> | undefined, chosen: string): HTMLElement {
  const field = element("div", "search-filter");
  const label = element("label", undefined, LABELS[kind]);
  const select = element("select");
  select.name = kind;
  select.id = `search-filter-${kind}`;
  label.htmlFor = select.id;
  select.append(new Option(kind === "year" ? "Any year" : "Any category", ""));
  for (const [value, count] of choices(counts, chosen ? [chosen] : [], kind)) {
    select.append(new Option(`${value} (${count})`, value, false, value === chosen));
  }
  field.append(label, select);
  return field;
}

function renderTags(counts: Record<string, number> | undefined, chosen: string[]): HTMLElement {
  const fieldset = element("fieldset", "search-filter search-filter--tags");
  fieldset.append(element("legend", undefined, LABELS.tag));
  const list = element("ul", "search-tags");
  const offered = choices(counts, chosen, "tag").filter(([value], rank) => rank < TAG_CHOICES || chosen.includes(value));
  for (const [value, count] of offered) {
    const item = element("li");
    const box = element("input");
    box.type = "checkbox";
    box.name = "tag";
    box.value = value;
    // Named by value, so focus can be put back on the same tag after a rebuild.
    box.id = `search-tag-${value.replace(/\s/g, "_")}`;
    box.checked = chosen.includes(value);
    const label = element("label", undefined, `${value} (${count})`);
    label.htmlFor = box.id;
    item.append(box, label);
    list.append(item);
  }
  fieldset.append(list);
  return fieldset;
}

/** Replaces the filter controls with ones for these results, keeping the reader's choices. */
export function renderFilters(container: HTMLElement, counts: FilterCounts, state: SearchState): void {
  const focusedId =
    document.activeElement instanceof HTMLElement && container.contains(document.activeElement) ? document.activeElement.id : "";
  container.replaceChildren(
    renderSelect("category", counts.category, state.category),
    renderSelect("year", counts.year, state.year),
    renderTags(counts.tag, state.tags),
  );
  // Keyboard readers keep their place when the controls are rebuilt under them.
  if (focusedId) document.getElementById(focusedId)?.focus();
}
