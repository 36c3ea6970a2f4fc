/**
 * Which paginated pages a dev rebuild must render again. A page is re-rendered when what it
 * shows differs from the previous build: an edited article, its neighbours and the articles
 * that list it as related (their links show its title), and every listing page whose cards
 * changed (their reply counts too), and the replies feeds of articles whose replies changed.
 * Pages that disappeared are reported so their files can be removed.
 * Full builds render everything and do not call this.
 */
import type { SiteData } from "./site-data.ts";
import type { Article, ListingPage } from "./types.ts";

export type PagedKey = "articles" | "homePages" | "tagPages" | "categoryPages" | "yearPages" | "categoryFeeds";

export type PageSelection = Pick<SiteData, PagedKey> & {
  /** Articles whose replies feed is written. */
  repliesFeeds: Article[];
  removedUrls: string[];
};

const withReplies = (articles: readonly Article[]) => articles.filter((article) => article.replyCount > 0);

export function selectAllPages(data: SiteData): PageSelection {
  const { articles, homePages, tagPages, categoryPages, yearPages, categoryFeeds } = data;
  return { articles, homePages, tagPages, categoryPages, yearPages, categoryFeeds, repliesFeeds: withReplies(articles), removedUrls: [] };
}

/**
 * Whether two values of plain data (what templates receive) are alike, stopping at the first
 * difference: far cheaper than serialising 10,000 articles twice per rebuild. A body the memo
 * handed back unchanged is the same string, which compares at once.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // for…in rather than Object.keys: no arrays made for a million objects per rebuild.
  for (const key in a) {
    if (!(key in b) || !sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  for (const key in b) if (!(key in a)) return false;
  return true;
}

/** What a listing shows of an article. */
const CARD_FIELDS = [
  "key",
  "url",
  "title",
  "date",
  "dateLabel",
  "summary",
  "category",
  "tags",
  "draft",
  "scheduled",
  "replyCount",
] as const;

function sameCard(a: Article, b: Article): boolean {
  return CARD_FIELDS.every((field) => sameData(a[field], b[field]));
}

function sameListing(a: ListingPage<Article> & { count?: number }, b: ListingPage<Article> & { count?: number }): boolean {
  return (
    a.number === b.number &&
    a.total === b.total &&
    a.previousUrl === b.previousUrl &&
    a.nextUrl === b.nextUrl &&
    a.count === b.count &&
    a.items.length === b.items.length &&
    a.items.every((item, i) => sameCard(item, b.items[i]!))
  );
}

function changed<T extends { url: string }>(
  previous: readonly T[],
  next: readonly T[],
  same: (old: T, now: T) => boolean,
): { changed: T[]; removedUrls: string[] } {
  const before = new Map(previous.map((item) => [item.url, item]));
  const nextUrls = new Set(next.map((item) => item.url));
  return {
    changed: next.filter((item) => {
      const old = before.get(item.url);
      return !old || !same(old, item);
    }),
    removedUrls: previous.filter((item) => !nextUrls.has(item.url)).map((item) => item.url),
  };
}

export function selectChangedPages(previous: SiteData, next: SiteData): PageSelection {
  const articles = changed(previous.articles, next.articles, sameData);
  const home = changed(previous.homePages, next.homePages, sameListing);
  const sameTermListing = (a: ListingPage<Article> & { term: { name: string } }, b: typeof a) =>
    a.term.name === b.term.name && sameListing(a, b);
  const tags = changed(previous.tagPages, next.tagPages, sameTermListing);
  const categories = changed(previous.categoryPages, next.categoryPages, sameTermListing);
  const years = changed(previous.yearPages, next.yearPages, sameListing);
  const feeds = changed(
    previous.categoryFeeds,
    next.categoryFeeds,
    (a, b) =>
      a.term.name === b.term.name &&
      a.articles.length === b.articles.length &&
      a.articles.every((article, i) => sameCard(article, b.articles[i]!) && article.html === b.articles[i]!.html),
  );
  // An article's replies feed: written when its replies changed, removed when it has none left.
  const repliesBefore = new Map(previous.articles.map((article) => [article.url, article.replies]));
  const repliesFeeds = withReplies(articles.changed).filter((article) => !sameData(repliesBefore.get(article.url), article.replies));
  const withRepliesNow = new Set(withReplies(next.articles).map((article) => article.url));
  const goneRepliesFeeds = withReplies(previous.articles)
    .filter((article) => !withRepliesNow.has(article.url))
    .map((article) => `${article.url}replies.xml`);
  return {
    articles: articles.changed,
    repliesFeeds,
    homePages: home.changed,
    tagPages: tags.changed,
    categoryPages: categories.changed,
    yearPages: years.changed,
    categoryFeeds: feeds.changed,
    removedUrls: [...[articles, home, tags, categories, years, feeds].flatMap((result) => result.removedUrls), ...goneRepliesFeeds],
  };
}
