/**
 * Everything the templates lay out, computed once per build from the parsed articles:
 * which articles are visible, their rendered bodies, links between them, and every listing.
 * Pure: the caller supplies the clock and the renderer.
 */
import type { DateTime } from "luxon";
import { formatReadable } from "./dates.ts";
import { detectArticleLanguage } from "./detect-language.ts";
import type { ParsedArticle } from "./load-articles.ts";
import { paginate } from "./paginate.ts";
import { estimateReadingMinutes } from "./reading-time.ts";
import { findRelated } from "./related.ts";
import type { Site } from "./site-metadata.ts";
import { checkSlug, groupByTerm, resolveTerms } from "./taxonomy.ts";
import { slugify, tidyName } from "./slugify.ts";
import type { Article, ArticleLink, ListingPage, Term, TermCount, TermKind, TermPage } from "./types.ts";

export const FEED_SIZE = 20;

export interface BuildContext {
  site: Site;
  now: DateTime;
  /** Dev server: drafts and scheduled articles are shown, and marked. */
  includeUnpublished: boolean;
  /** Markdown to HTML for an article body. */
  renderMarkdown: (body: string) => string;
}

export interface SiteData {
  /** Newest first. */
  articles: Article[];
  homePages: ListingPage<Article>[];
  tagPages: TermPage[];
  tagIndex: TermCount[];
  categoryPages: TermPage[];
  categoryIndex: TermCount[];
  categoryFeeds: { term: Term; url: string; articles: Article[] }[];
  yearPages: TermPage[];
  yearIndex: TermCount[];
  feedArticles: Article[];
}

export function isPublished(article: ParsedArticle, now: DateTime): boolean {
  return !article.frontMatter.draft && article.published <= now;
}

export function buildSiteData(parsed: readonly ParsedArticle[], context: BuildContext): SiteData {
  const { site, now, includeUnpublished, renderMarkdown } = context;
  const visible = parsed
    .filter((article) => includeUnpublished || isPublished(article, now))
    .sort((a, b) => b.published.toMillis() - a.published.toMillis() || (a.key < b.key ? -1 : 1));

  for (const article of visible) {
    article.frontMatter.tags.forEach((tag, i) => checkSlug(tag, article.file, `tags[${i}]`));
    if (article.frontMatter.category) checkSlug(article.frontMatter.category, article.file, "category");
  }
  const tagTerms = resolveTerms(visible.flatMap((a) => a.frontMatter.tags), "/tags/");
  const categoryTerms = resolveTerms(
    visible.flatMap((a) => (a.frontMatter.category ? [a.frontMatter.category] : [])),
    "/category/",
  );
  const termOf = (terms: Map<string, Term>, name: string) => terms.get(slugify(tidyName(name)))!;

  const articles: Article[] = visible.map((source) => {
    const fm = source.frontMatter;
    const html = renderMarkdown(source.body);
    const tags = uniqueBySlug(fm.tags.map((tag) => termOf(tagTerms, tag)));
    return {
      key: source.key,
      file: source.file,
      url: `/articles/${source.key}/`,
      title: fm.title,
      language: detectArticleLanguage(`${fm.title}\n${source.body}`, site.language),
      summary: fm.summary,
      date: source.published.toISO()!,
      updated: source.modified?.toISO() ?? undefined,
      dateLabel: formatReadable(source.published, site),
      updatedLabel: source.modified ? formatReadable(source.modified, site) : undefined,
      year: source.published.year,
      category: fm.category ? termOf(categoryTerms, fm.category) : undefined,
      tags,
      author: fm.author,
      source: fm.source,
      draft: fm.draft,
      scheduled: source.published > now,
      repliesAllowed: fm.replies === "open",
      html,
      readingMinutes: estimateReadingMinutes(html),
      previous: undefined,
      next: undefined,
      related: [],
    };
  });

  const byTag = groupByTerm(articles, (a) => a.tags);
  const related = findRelated(articles, byTag);
  articles.forEach((article, index) => {
    // Newest first: the "previous" article is the older one.
    article.previous = linkTo(articles[index + 1]);
    article.next = linkTo(articles[index - 1]);
    article.related = (related[index] ?? []).map((other) => linkTo(other)!);
  });

  const byCategory = groupByTerm(articles, (a) => (a.category ? [a.category] : []));
  const yearTerms = new Map<string, Term>(
    articles.map((a) => [String(a.year), { name: String(a.year), slug: String(a.year), url: `/archive/${a.year}/` }]),
  );
  const byYear = groupByTerm(articles, (a) => [yearTerms.get(String(a.year))!]);

  return {
    articles,
    homePages: paginate(articles, site.pageSize, "/"),
    tagPages: termPages("tag", byTag, tagTerms, site.pageSize),
    tagIndex: termCounts(byTag, tagTerms, "count"),
    categoryPages: termPages("category", byCategory, categoryTerms, site.pageSize),
    categoryIndex: termCounts(byCategory, categoryTerms, "count"),
    categoryFeeds: [...byCategory].map(([slug, list]) => {
      const term = categoryTerms.get(slug)!;
      return { term, url: `${term.url}feed.xml`, articles: list.slice(0, FEED_SIZE) };
    }),
    yearPages: termPages("year", byYear, yearTerms, site.pageSize),
    yearIndex: termCounts(byYear, yearTerms, "name"),
    feedArticles: articles.slice(0, FEED_SIZE),
  };
}

function linkTo(article: Article | undefined): ArticleLink | undefined {
  return article && { key: article.key, title: article.title, url: article.url, date: article.date, dateLabel: article.dateLabel };
}

function uniqueBySlug(terms: Term[]): Term[] {
  return [...new Map(terms.map((term) => [term.slug, term])).values()];
}

/** The flattened term × page list Eleventy paginates over, one entry per output page. */
function termPages(kind: TermKind, groups: Map<string, Article[]>, terms: Map<string, Term>, size: number): TermPage[] {
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([slug, list]) => {
      const term = terms.get(slug)!;
      return paginate(list, size, term.url).map((page) => ({ ...page, kind, term, count: list.length }));
    });
}

/** Most used first (ties by name), or by name descending for years. */
function termCounts(groups: Map<string, Article[]>, terms: Map<string, Term>, order: "count" | "name"): TermCount[] {
  const counts = [...groups].map(([slug, list]) => ({ ...terms.get(slug)!, count: list.length }));
  return order === "count"
    ? counts.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "en"))
    : counts.sort((a, b) => b.name.localeCompare(a.name, "en"));
}
