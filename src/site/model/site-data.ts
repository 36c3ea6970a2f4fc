/**
 * Everything the templates lay out, computed once per build from the parsed articles:
 * which articles are visible, their rendered bodies, links between them, and every listing.
 * Pure in effect: the caller supplies the clock and the renderer, and the same input gives
 * the same output. Two WeakMap memos below, keyed by the parsed article and reply objects,
 * let a dev rebuild skip the date labels and reading times of files it did not read again;
 * they hold nothing once those objects are gone. `npm run build` remembers the same across
 * builds instead (RememberedText), by what they are worked out from.
 */
import { DateTime } from "luxon";
import { detectArticleLanguage } from "../../search/detect-language.ts";
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { isPastReplyWindow } from "../../shared/reply-window.ts";
import type { AuthorProfile } from "../content/authors-file.ts";
import type { ParsedArticle } from "../content/load-articles.ts";
import type { Site } from "../content/site-metadata.ts";
import { mayHaveImage } from "../media/body-images.ts";
import { toLeadImage } from "../media/load-media.ts";
import type { ResponsiveImage } from "../media/responsive-image.ts";
import { type AuthorCount, type AuthorPage, buildAuthorPages, toAuthor } from "./authors.ts";
import { formatReadable, formatReadableDateTime } from "./dates.ts";
import { paginate } from "./paginate.ts";
import { estimateReadingMinutes } from "./reading-time.ts";
import { findRelated } from "./related.ts";
import { countReplies, findLatestReplyDate, type ThreadNode, threadReplies } from "./reply-thread.ts";
import { slugify, tidyName } from "./slugify.ts";
import { checkSlug, groupByTerm, resolveTerms } from "./taxonomy.ts";
import type { Article, ArticleLink, ListingPage, ReplyView, Term, TermCount, TermKind, TermPage } from "./types.ts";

export const FEED_SIZE = 20;

export interface BuildContext {
  site: Site;
  now: DateTime;
  /** Dev server: drafts and scheduled articles are shown, and marked. */
  includeUnpublished: boolean;
  /** Markdown to HTML for an article body. */
  renderMarkdown: (body: string) => string;
  /** Approved replies by article key. */
  replies?: ReadonlyMap<string, readonly ReplyRecord[]>;
  /** Markdown to HTML for a reader's reply: a separate, HTML-free renderer. */
  renderReply?: (body: string) => string;
  /** Processed photographs by content-relative path (src/site/media/). */
  images?: ReadonlyMap<string, ResponsiveImage>;
  /** Author profiles from content/authors.json, by slug. */
  authorProfiles?: ReadonlyMap<string, AuthorProfile>;
  /** Related articles (the dev server passes a memoized one). */
  findRelated?: typeof findRelated;
  /** `npm run build`: what the last build worked out from the same text (src/build/kept-renders.ts). */
  remembered?: RememberedText | undefined;
}

/**
 * Text worked out from an article or a reply alone, remembered between builds by a key that
 * holds everything it is worked out from: `fresh()` when the key is new. Luxon's dates and the
 * reading times were 1.8 s of a 10,000-article build that adds one article (docs/performance.md).
 */
export interface RememberedText {
  /** `context` holds everything but the body; the body is keyed by the digest the kept renders already make of it. */
  articleText(source: ArticleTextSource, fresh: () => TextDerived): TextDerived;
  replyDate(key: string, fresh: () => string): string;
}

/** What an article's TextDerived is worked out from: its body, and the rest in one line. */
export interface ArticleTextSource {
  context: string;
  body: string;
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
  authorPages: AuthorPage<Article>[];
  authorIndex: AuthorCount[];
}

export function isPublished(article: ParsedArticle, now: DateTime): boolean {
  return !article.frontMatter.draft && article.published <= now;
}

/**
 * The visible articles, checked, and how each becomes an Article: its body rendered, its
 * dates and replies laid out. What one article needs alone, so that `npm run build` can make
 * the articles of one search shard and hand them to Pagefind before the next are made;
 * linkSiteData then links them and makes the listings. A bad tag or category throws here.
 */
export interface ArticleMaker {
  /** Newest first, as SiteData's articles. */
  visible: readonly ParsedArticle[];
  /** The article, made once: a second call returns the same object. */
  article(source: ParsedArticle): Article;
  /** The visible articles' tags and categories, by slug. */
  tagTerms: ReadonlyMap<string, Term>;
  categoryTerms: ReadonlyMap<string, Term>;
}

export function prepareArticles(parsed: readonly ParsedArticle[], context: BuildContext): ArticleMaker {
  const {
    site,
    now,
    includeUnpublished,
    renderMarkdown,
    replies = new Map(),
    renderReply = () => "",
    images = new Map(),
    authorProfiles = new Map(),
    remembered,
  } = context;
  const visible = parsed
    .filter((article) => includeUnpublished || isPublished(article, now))
    .sort((a, b) => b.published.toMillis() - a.published.toMillis() || (a.key < b.key ? -1 : 1));

  for (const article of visible) {
    for (const [i, tag] of article.frontMatter.tags.entries()) checkSlug(tag, article.file, `tags[${i}]`);
    if (article.frontMatter.category) checkSlug(article.frontMatter.category, article.file, "category");
  }
  const tagTerms = resolveTerms(
    visible.flatMap((a) => a.frontMatter.tags),
    "/tags/",
  );
  const categoryTerms = resolveTerms(
    visible.flatMap((a) => (a.frontMatter.category ? [a.frontMatter.category] : [])),
    "/category/",
  );
  const termOf = (terms: Map<string, Term>, name: string) => terms.get(slugify(tidyName(name)))!;

  const toArticle = (source: ParsedArticle): Article => {
    const fm = source.frontMatter;
    const html = renderMarkdown(source.body);
    const tags = uniqueBySlug(fm.tags.map((tag) => termOf(tagTerms, tag)));
    const thread = toReplyViews(threadReplies(replies.get(source.key) ?? []), { site, render: renderReply, remembered });
    const { readingMinutes, ...derived } = derivedOf(source, html, site, remembered);
    return {
      key: source.key,
      file: source.file,
      url: `/articles/${source.key}/`,
      title: fm.title,
      summary: fm.summary,
      ...derived,
      year: source.published.year,
      category: fm.category ? termOf(categoryTerms, fm.category) : undefined,
      tags,
      author: fm.author,
      byline: fm.author ? toAuthor(fm.author, authorProfiles) : undefined,
      source: fm.source,
      image: toLeadImage(source, images),
      draft: fm.draft,
      scheduled: source.published > now,
      repliesAllowed: fm.replies === "open",
      repliesOpen: fm.replies === "open" && !isPastReplyWindow(source.published, site.replies.closeAfterDays, now),
      replies: thread,
      replyCount: countReplies(thread),
      latestReplyDate: findLatestReplyDate(thread),
      html,
      readingMinutes,
      previous: undefined,
      next: undefined,
      related: [],
    };
  };
  const made = new Map<ParsedArticle, Article>();
  return {
    visible,
    tagTerms,
    categoryTerms,
    article(source) {
      const known = made.get(source);
      if (known) return known;
      const article = toArticle(source);
      made.set(source, article);
      return article;
    },
  };
}

export function buildSiteData(parsed: readonly ParsedArticle[], context: BuildContext): SiteData {
  return linkSiteData(prepareArticles(parsed, context), context);
}

/**
 * The site data from its articles, some perhaps made already (`npm run build` makes them a
 * search shard at a time): every article, the links between them and the listings.
 */
export function linkSiteData(maker: ArticleMaker, { site, findRelated: relate = findRelated }: BuildContext): SiteData {
  const { tagTerms, categoryTerms } = maker;
  const articles = maker.visible.map((source) => maker.article(source));

  const byTag = groupByTerm(articles, (a) => a.tags);
  const related = relate(articles, byTag);
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

  const authors = buildAuthorPages(articles, (article) => article.byline, site.pageSize);
  return {
    articles,
    authorPages: authors.pages,
    authorIndex: authors.index,
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

/**
 * What an article's text alone decides (its dates as text, language, reading time),
 * remembered per parsed article: the dev server hands back the same parsed object for an
 * unchanged file, so a rebuild works these out only for what was edited.
 */
export interface TextDerived {
  date: string;
  updated: string | undefined;
  dateLabel: string;
  updatedLabel: string | undefined;
  language: string | undefined;
  readingMinutes: number;
}

const derivedCache = new WeakMap<ParsedArticle, { locale: string; html: string; derived: TextDerived }>();

const localeOf = (site: Site) => `${site.timeZone}|${site.language}`;

/** An instant as it was written: its time, offset and zone (toISO keeps the offset). */
const instantKey = (date: DateTime | undefined) => (date ? `${date.toMillis()}${date.zoneName}${date.offset}` : "");

/**
 * Everything TextDerived is worked out from: the site's zone and language, the dates, the title
 * and the body. The body stands for its HTML (the same code renders the same markdown: kept
 * renders are dropped with the project's fingerprint), except a body with an image, whose HTML
 * names processed files and is not remembered by its markdown either.
 */
function articleTextSource(source: ParsedArticle, locale: string): ArticleTextSource | undefined {
  if (mayHaveImage(source.body)) return undefined;
  const { published, modified, frontMatter } = source;
  return { context: `${locale}\0${instantKey(published)}\0${instantKey(modified)}\0${frontMatter.title}`, body: source.body };
}

function derivedOf(source: ParsedArticle, html: string, site: Site, remembered: RememberedText | undefined): TextDerived {
  const locale = localeOf(site);
  const cached = derivedCache.get(source);
  if (cached?.locale === locale && cached.html === html) return cached.derived;
  const fresh = (): TextDerived => ({
    date: source.published.toISO()!,
    updated: source.modified?.toISO() ?? undefined,
    dateLabel: formatReadable(source.published, site),
    updatedLabel: source.modified ? formatReadable(source.modified, site) : undefined,
    language: detectArticleLanguage(`${source.frontMatter.title}\n${source.body}`, site.language),
    readingMinutes: estimateReadingMinutes(html),
  });
  const from = remembered ? articleTextSource(source, locale) : undefined;
  const derived = remembered && from ? remembered.articleText(from, fresh) : fresh();
  derivedCache.set(source, { locale, html, derived });
  return derived;
}

/** A reply's date as readers see it, remembered per reply record (kept between dev rebuilds). */
const replyLabels = new WeakMap<ReplyRecord, { locale: string; label: string }>();

function replyDateLabel(reply: ReplyRecord, site: Site, remembered: RememberedText | undefined): string {
  const locale = localeOf(site);
  const cached = replyLabels.get(reply);
  if (cached?.locale === locale) return cached.label;
  const fresh = () => formatReadableDateTime(DateTime.fromISO(reply.date), site);
  // The label is the date as written, in the site's zone and language.
  const label = remembered ? remembered.replyDate(`${locale}|${reply.date}`, fresh) : fresh();
  replyLabels.set(reply, { locale, label });
  return label;
}

interface ReplyViewContext {
  site: Site;
  render: (body: string) => string;
  remembered: RememberedText | undefined;
}

function toReplyViews(nodes: ThreadNode<ReplyRecord>[], context: ReplyViewContext): ReplyView[] {
  return nodes.map(({ reply, depth, children }) => {
    const dateLabel = replyDateLabel(reply, context.site, context.remembered);
    return {
      id: reply.id,
      author: reply.author,
      url: reply.url ?? undefined,
      date: reply.date,
      dateLabel,
      optionLabel: toReplyOptionLabel(reply.author, dateLabel, depth),
      html: context.render(reply.body),
      depth,
      children: toReplyViews(children, context),
    };
  });
}

/**
 * The reply's line in the form's "In reply to" list: one dash per level below the top, kept
 * apart by no-break spaces, since an <option> collapses ordinary leading spaces.
 */
export function toReplyOptionLabel(author: string, dateLabel: string, depth: number): string {
  return `${"\u2013\u00a0".repeat(Math.max(0, depth - 1))}${author}, ${dateLabel}`;
}

function linkTo(article: Article | undefined): ArticleLink | undefined {
  return article && { key: article.key, title: article.title, url: article.url, date: article.date, dateLabel: article.dateLabel };
}

function uniqueBySlug(terms: Term[]): Term[] {
  return [...new Map(terms.map((term) => [term.slug, term])).values()];
}

/** The flattened term × page list Eleventy paginates over, one entry per output page. */
function termPages(kind: TermKind, groups: Map<string, Article[]>, terms: ReadonlyMap<string, Term>, size: number): TermPage[] {
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([slug, list]) => {
      const term = terms.get(slug)!;
      return paginate(list, size, term.url).map((page) => ({ ...page, kind, term, count: list.length }));
    });
}

/** Most used first (ties by name), or by name descending for years. */
function termCounts(groups: Map<string, Article[]>, terms: ReadonlyMap<string, Term>, order: "count" | "name"): TermCount[] {
  const counts = [...groups].map(([slug, list]) => ({ ...terms.get(slug)!, count: list.length }));
  return order === "count"
    ? counts.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "en"))
    : counts.sort((a, b) => b.name.localeCompare(a.name, "en"));
}
