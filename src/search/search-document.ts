/**
 * What search reads for an article: a small HTML document for Pagefind, made from the loaded
 * site data rather than the rendered page: the render process writes them and exits, and
 * Pagefind reads them with the memory to itself (src/build/build.ts).
 *
 * It holds what readers search, the title and the body, and Pagefind's marks for the rest:
 * result metadata (title, date, summary), the date sort and the tag, category and year
 * filters. The document's <html lang> picks the article's index (a Chinese article goes to
 * Pagefind's Chinese index, segmented as Chinese).
 */
import { formatRfc3339 } from "../site/model/dates.ts";
import type { Article } from "../site/model/types.ts";

/** The sort Pagefind keeps of the articles' dates, from which the build names their pages (compact-index.ts). */
export const DATE_SORT = "date";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ENTITIES[char]!);
}

/** The document's path under the folder Pagefind reads, which Pagefind turns back into the article's URL. */
export function searchDocumentPath(article: Pick<Article, "url">): string {
  return `${decodeURI(article.url).replace(/^\//, "")}index.html`;
}

export function toSearchDocument(article: Article, siteLanguage: string): string {
  const mark = (attribute: string, name: string, value: string) => `<span ${attribute}="${name}">${escapeHtml(value)}</span>`;
  const marks = [
    mark("data-pagefind-meta", "date", article.dateLabel),
    mark("data-pagefind-meta", "datetime", article.date),
    // Sorted as text by Pagefind: UTC, so every article's key compares in the same zone.
    mark("data-pagefind-sort", DATE_SORT, formatRfc3339(article.date)),
    ...(article.summary ? [mark("data-pagefind-meta", "summary", article.summary)] : []),
    // Set, so Pagefind does not take the first <img> of the body; the smallest JPEG is the result's thumbnail.
    ...(article.image
      ? [
          mark("data-pagefind-meta", "image", article.image.smallest.url),
          mark("data-pagefind-meta", "image_alt", article.image.alt),
          mark("data-pagefind-meta", "image_size", `${article.image.smallest.width}x${article.image.smallest.height}`),
        ]
      : []),
    mark("data-pagefind-filter", "year", String(article.year)),
    ...(article.category ? [mark("data-pagefind-filter", "category", article.category.name)] : []),
    ...article.tags.map((tag) => mark("data-pagefind-filter", "tag", tag.name)),
  ];
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(article.language ?? siteLanguage)}">`,
    "<body>",
    "<main data-pagefind-body>",
    `<h1 data-pagefind-meta="title">${escapeHtml(article.title)}</h1>`,
    `<div hidden data-pagefind-ignore>${marks.join("")}</div>`,
    article.html,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/** What search needs of a static page (About, Privacy policy…): no date, tags or filters. */
export interface PageForSearch {
  url: string;
  title: string;
  summary: string | undefined;
  html: string;
}

/** A static page's search document: found by its words, shown with its title and summary. */
export function toPageSearchDocument(page: PageForSearch, siteLanguage: string): string {
  const summary = page.summary
    ? `<div hidden data-pagefind-ignore><span data-pagefind-meta="summary">${escapeHtml(page.summary)}</span></div>`
    : "";
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(siteLanguage)}">`,
    "<body>",
    "<main data-pagefind-body>",
    `<h1 data-pagefind-meta="title">${escapeHtml(page.title)}</h1>`,
    summary,
    page.html,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
