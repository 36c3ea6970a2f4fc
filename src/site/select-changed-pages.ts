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

function cardOf(article: Article): string {
  const { key, url, title, date, dateLabel, summary, category, tags, draft, scheduled, replyCount } = article;
  return JSON.stringify([key, url, title, date, dateLabel, summary, category, tags, draft, scheduled, replyCount]);
}

function articlePageOf(article: Article): string {
  // The body is compared by identity first: the memo hands back the same string when unchanged.
  const { html: _html, ...rest } = article;
  return JSON.stringify(rest);
}

function changed<T extends { url: string }>(
  previous: readonly T[],
  next: readonly T[],
  fingerprint: (item: T) => string,
  sameBody: (a: T, b: T) => boolean = () => true,
): { changed: T[]; removedUrls: string[] } {
  const before = new Map(previous.map((item) => [item.url, item]));
  const nextUrls = new Set(next.map((item) => item.url));
  return {
    changed: next.filter((item) => {
      const old = before.get(item.url);
      return !old || !sameBody(old, item) || fingerprint(old) !== fingerprint(item);
    }),
    removedUrls: previous.filter((item) => !nextUrls.has(item.url)).map((item) => item.url),
  };
}

export function selectChangedPages(previous: SiteData, next: SiteData): PageSelection {
  const cards = new Map<Article, string>();
  const card = (article: Article) => {
    let value = cards.get(article);
    if (value === undefined) cards.set(article, (value = cardOf(article)));
    return value;
  };
  const listing = (page: ListingPage<Article> & { count?: number }) =>
    JSON.stringify([page.number, page.total, page.previousUrl, page.nextUrl, page.count, page.items.map(card)]);

  const articles = changed(previous.articles, next.articles, articlePageOf, (a, b) => a.html === b.html);
  const home = changed(previous.homePages, next.homePages, listing);
  const tags = changed(previous.tagPages, next.tagPages, (page) => `${page.term.name}|${listing(page)}`);
  const categories = changed(previous.categoryPages, next.categoryPages, (page) => `${page.term.name}|${listing(page)}`);
  const years = changed(previous.yearPages, next.yearPages, listing);
  // An article's replies feed: written when its replies changed, removed when it has none left.
  const repliesBefore = new Map(previous.articles.map((article) => [article.url, JSON.stringify(article.replies)]));
  const repliesFeeds = withReplies(articles.changed).filter((article) => repliesBefore.get(article.url) !== JSON.stringify(article.replies));
  const withRepliesNow = new Set(withReplies(next.articles).map((article) => article.url));
  const goneRepliesFeeds = withReplies(previous.articles).filter((article) => !withRepliesNow.has(article.url)).map((article) => `${article.url}replies.xml`);
  const feeds = changed(previous.categoryFeeds, next.categoryFeeds, (feed) => `${feed.term.name}|${feed.articles.map((a) => `${card(a)}${a.html}`).join()}`);
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
