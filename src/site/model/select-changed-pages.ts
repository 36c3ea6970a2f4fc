/**
 * Which paginated pages a dev rebuild must render again. A page is re-rendered when what it
 * shows differs from the previous build: an edited article, its neighbours and the articles
 * that list it as related (their links show its title), and every listing page whose cards
 * changed (their reply counts too), and the replies feeds of articles whose replies changed.
 * Pages that disappeared are reported so their files can be removed.
 * `npm run build` does the same across processes (planRender): each page's digest of what it
 * shows is kept with the output, and a page whose digest is unchanged is taken from the last
 * build's output rather than rendered again.
 */
import { createHash } from "node:crypto";
import { sha256 } from "../../shared/sha256.ts";
import type { SiteData } from "./site-data.ts";
import type { Article, ListingPage } from "./types.ts";

export type PagedKey = "articles" | "homePages" | "tagPages" | "categoryPages" | "yearPages" | "categoryFeeds" | "authorPages";

export type PageSelection = Pick<SiteData, PagedKey> & {
  /** Articles whose replies feed is written. */
  repliesFeeds: Article[];
  removedUrls: string[];
};

const withReplies = (articles: readonly Article[]) => articles.filter((article) => article.replyCount > 0);

export function selectAllPages(data: SiteData): PageSelection {
  const { articles, homePages, tagPages, categoryPages, yearPages, categoryFeeds, authorPages } = data;
  return {
    articles,
    homePages,
    tagPages,
    categoryPages,
    yearPages,
    categoryFeeds,
    authorPages,
    repliesFeeds: withReplies(articles),
    removedUrls: [],
  };
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

/** What a listing shows of an article (_includes/partials/article-list.njk and front-page.njk). */
const CARD_FIELDS = [
  "key",
  "url",
  "title",
  "date",
  "dateLabel",
  "summary",
  "category",
  "tags",
  "image",
  "draft",
  "scheduled",
  "replyCount",
] as const;

type Card = Pick<Article, (typeof CARD_FIELDS)[number]>;

function toCard(article: Article): Card {
  const card: Partial<Card> = {};
  for (const field of CARD_FIELDS) (card as Record<string, unknown>)[field] = article[field];
  return card as Card;
}

/** What a listing page shows: everything about the page, and of its articles their cards. */
function listingView<T extends ListingPage<Article>>(page: T): Omit<T, "items"> & { items: Card[] } {
  return { ...page, items: page.items.map(toCard) };
}

const sameListing = (a: ListingPage<Article>, b: ListingPage<Article>) => sameData(listingView(a), listingView(b));

/** The replies feed of an article (pages-plugin.ts writes it there). */
export function repliesFeedUrl(article: Pick<Article, "url">): string {
  return `${article.url}replies.xml`;
}

/** The file a page's URL is written to, relative to the output folder: a folder URL gets index.html. */
export function outputFileOf(url: string): string {
  const file = decodeURI(url);
  return file.endsWith("/") ? `${file}index.html` : file;
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
  const tags = changed(previous.tagPages, next.tagPages, sameListing);
  const categories = changed(previous.categoryPages, next.categoryPages, sameListing);
  const years = changed(previous.yearPages, next.yearPages, sameListing);
  const authors = changed(previous.authorPages, next.authorPages, sameListing);
  const feeds = changed(previous.categoryFeeds, next.categoryFeeds, sameData);
  // An article's replies feed: written when its replies changed, removed when it has none left.
  const repliesBefore = new Map(previous.articles.map((article) => [article.url, article.replies]));
  const repliesFeeds = withReplies(articles.changed).filter((article) => !sameData(repliesBefore.get(article.url), article.replies));
  const withRepliesNow = new Set(withReplies(next.articles).map((article) => article.url));
  const goneRepliesFeeds = withReplies(previous.articles)
    .filter((article) => !withRepliesNow.has(article.url))
    .map(repliesFeedUrl);
  return {
    articles: articles.changed,
    repliesFeeds,
    homePages: home.changed,
    tagPages: tags.changed,
    categoryPages: categories.changed,
    yearPages: years.changed,
    categoryFeeds: feeds.changed,
    authorPages: authors.changed,
    removedUrls: [
      ...[articles, home, tags, categories, years, feeds, authors].flatMap((result) => result.removedUrls),
      ...goneRepliesFeeds,
    ],
  };
}

/** The kinds of page a selection lists, each an array of the items its template paginates over. */
type RenderedKind = Exclude<keyof PageSelection, "removedUrls">;

const RENDERED_KINDS: readonly RenderedKind[] = [
  "articles",
  "repliesFeeds",
  "homePages",
  "tagPages",
  "categoryPages",
  "yearPages",
  "authorPages",
  "categoryFeeds",
];

/**
 * Digests of what pages show (an article, or a listing's page and its articles' cards), each
 * article serialised once however many listings show it: at 10,000 articles, 0.7 s for 25,000
 * pages, against 7 s serialising every listing with its articles whole.
 */
function createDigester() {
  const articleDigests = new WeakMap<Article, string>();
  const cards = new WeakMap<Article, string>();
  const article = (item: Article) => {
    let digest = articleDigests.get(item);
    if (digest === undefined) {
      // The body apart: it is most of the article, and needs no escaping to be hashed.
      digest = createHash("sha256")
        .update(JSON.stringify({ ...item, html: undefined }))
        .update("\0")
        .update(item.html)
        .digest("base64url");
      articleDigests.set(item, digest);
    }
    return digest;
  };
  const card = (item: Article) => {
    let json = cards.get(item);
    if (json === undefined) {
      json = JSON.stringify(toCard(item));
      cards.set(item, json);
    }
    return json;
  };
  const listing = (page: ListingPage<Article>) =>
    sha256(`${JSON.stringify({ ...page, items: undefined })}\0${page.items.map(card).join("\0")}`, "base64url");
  return {
    article,
    listing,
    feed: (feed: PageSelection["categoryFeeds"][number]) =>
      sha256(`${JSON.stringify({ ...feed, articles: undefined })}\0${feed.articles.map(article).join("\0")}`, "base64url"),
  };
}

type Digester = ReturnType<typeof createDigester>;

/** Each kind's output file (the permalinks are pages-plugin.ts's) and the digest of what its page shows. */
const PAGE_OF: {
  [K in RenderedKind]: {
    file: (item: PageSelection[K][number]) => string;
    digest: (digester: Digester, item: PageSelection[K][number]) => string;
  };
} = {
  articles: { file: (article) => outputFileOf(article.url), digest: (d, article) => d.article(article) },
  repliesFeeds: { file: (article) => outputFileOf(repliesFeedUrl(article)), digest: (d, article) => d.article(article) },
  homePages: { file: (page) => outputFileOf(page.url), digest: (d, page) => d.listing(page) },
  tagPages: { file: (page) => outputFileOf(page.url), digest: (d, page) => d.listing(page) },
  categoryPages: { file: (page) => outputFileOf(page.url), digest: (d, page) => d.listing(page) },
  yearPages: { file: (page) => outputFileOf(page.url), digest: (d, page) => d.listing(page) },
  authorPages: { file: (page) => outputFileOf(page.url), digest: (d, page) => d.listing(page) },
  categoryFeeds: { file: (feed) => outputFileOf(feed.url), digest: (d, feed) => d.feed(feed) },
};

/** A page whose digest matches the last build's: its file is taken from that build. */
export interface KeptPage {
  kind: RenderedKind;
  /** Relative to the output folder. */
  file: string;
  item: unknown;
}

export interface RenderPlan {
  /** What Eleventy renders. */
  render: PageSelection;
  /** Pages that show what they showed in the last build. */
  keep: KeptPage[];
  /** Every paginated page's digest by output file, for the next build. */
  digests: Record<string, string>;
}

/**
 * Which pages `npm run build` renders, given the digests the last build wrote (none: render
 * everything). The digests are only comparable when everything else the pages are made of
 * (templates, code, site metadata) is unchanged too: the caller checks that first.
 */
export function planRender(all: PageSelection, previous: Readonly<Record<string, string>> | undefined): RenderPlan {
  const render: PageSelection = { ...all, removedUrls: [] };
  const keep: KeptPage[] = [];
  const digests: Record<string, string> = {};
  const digester = createDigester();
  for (const kind of RENDERED_KINDS) {
    const page = PAGE_OF[kind] as { file: (item: unknown) => string; digest: (digester: Digester, item: unknown) => string };
    const toRender: unknown[] = [];
    for (const item of all[kind]) {
      const file = page.file(item);
      const digest = page.digest(digester, item);
      digests[file] = digest;
      if (previous?.[file] === digest) keep.push({ kind, file, item });
      else toRender.push(item);
    }
    (render as Record<RenderedKind, unknown[]>)[kind] = toRender;
  }
  return { render, keep, digests };
}

/** How many pages a selection renders. */
export function countPages(selection: PageSelection): number {
  return RENDERED_KINDS.reduce((sum, kind) => sum + selection[kind].length, 0);
}

/**
 * The selection in parts of at most `maxPages` pages, in order, each kind's items kept together
 * where they fit; the pages to remove go with the first part. For rendering a large site in
 * several Eleventy runs, each of which holds only its own pages.
 */
export function splitSelection(selection: PageSelection, maxPages: number): PageSelection[] {
  const empty = (): PageSelection => ({
    articles: [],
    repliesFeeds: [],
    homePages: [],
    tagPages: [],
    categoryPages: [],
    yearPages: [],
    authorPages: [],
    categoryFeeds: [],
    removedUrls: [],
  });
  const parts: PageSelection[] = [];
  let part = empty();
  let size = 0;
  for (const kind of RENDERED_KINDS) {
    for (const item of selection[kind] as unknown[]) {
      if (size === maxPages) {
        parts.push(part);
        part = empty();
        size = 0;
      }
      (part[kind] as unknown[]).push(item);
      size++;
    }
  }
  parts.push(part);
  parts[0]!.removedUrls = [...selection.removedUrls];
  return parts;
}

/** The plan's selection with these kept pages rendered after all (their files were not there to take). */
export function renderAfterAll(render: PageSelection, missing: readonly KeptPage[]): PageSelection {
  const selection = { ...render } as Record<RenderedKind, unknown[]> & Pick<PageSelection, "removedUrls">;
  for (const kind of new Set(missing.map((page) => page.kind))) selection[kind] = [...selection[kind]];
  for (const { kind, item } of missing) selection[kind].push(item);
  return selection as PageSelection;
}
