/**
 * Loads the whole site once per build (and once per rebuild under the dev server): reads and
 * validates every article, reply and the site metadata, then computes what the templates lay
 * out. A bad article throws here, naming file, field and expectation, before Eleventy starts.
 */
import path from "node:path";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import type { RedirectRule } from "../../shared/redirects-file.ts";
import { createReplyMarkdown } from "../../shared/reply-markdown.ts";
import type { BuildOptions } from "../build-options.ts";
import { mayHaveImage } from "../media/body-images.ts";
import { createMediaCheck } from "../media/check-media.ts";
import { describeExternalImages, loadSiteMedia, type SiteMedia } from "../media/load-media.ts";
import { markdownImages } from "../media/markdown-images.ts";
import {
  type ArticleMaker,
  type BuildContext,
  isPublished,
  linkSiteData,
  prepareArticles,
  type RememberedText,
  type SiteData,
} from "../model/site-data.ts";
import { buildStaticPages, type StaticPage } from "../model/static-pages.ts";
import { toAbsoluteUrl } from "../model/urls.ts";
import { loadAuthorProfiles } from "./authors-file.ts";
import type { ContentMemo } from "./content-memo.ts";
import { parseArticleSources, readArticleSources } from "./load-articles.ts";
import { parsePageSources, readPageSources } from "./load-pages.ts";
import { readRedirectsFile } from "./load-redirects.ts";
import { parseReplySources, REPLIES_DIR, readReplySources } from "./load-replies.ts";
import { createArticleMarkdown } from "./markdown.ts";
import { loadSite, type Site } from "./site-metadata.ts";

export interface LoadedSite {
  site: Site;
  data: SiteData;
  /** The static pages (content/pages/). */
  pages: StaticPage[];
  /** Feed articles' bodies with absolute URLs, by article key. */
  feedHtml: Map<string, string>;
  /** The photographs the shown articles use, processed. */
  media: SiteMedia;
  /** Old addresses an importer recorded (content/redirects.json), first in _redirects. */
  redirects: RedirectRule[];
}

/**
 * Renders remembered from an earlier build (src/build/kept-renders.ts): the HTML of markdown
 * rendered before, or `fresh`'s now; and the dates and other text worked out before.
 */
export interface RememberedRenders extends RememberedText {
  article(body: string, fresh: (body: string) => string): string;
  reply(body: string, fresh: (body: string) => string): string;
}

export interface LoadMemory {
  /** The dev server's memo between rebuilds. */
  memo?: ContentMemo | undefined;
  /** Under the dev server, the files the watcher reported (absolute paths): every other article's text is taken from the memo instead of the disk. */
  changed?: ReadonlySet<string> | undefined;
  /** `npm run build`: the last build's renders. */
  renders?: RememberedRenders | undefined;
}

/**
 * The site read and checked, every problem found, but its articles not yet made: their bodies
 * are rendered as `articles.article` is asked for them. `npm run build` sets the last output
 * aside only after this, so a bad file leaves it in place, and makes the articles one search
 * shard at a time (src/build/render-worker.ts).
 */
export interface ReadSite {
  site: Site;
  articles: ArticleMaker;
  context: BuildContext;
  pages: StaticPage[];
  media: SiteMedia;
  redirects: RedirectRule[];
  memo: ContentMemo | undefined;
}

/** Reads and checks the whole site (loadSiteForBuild's first half). */
export async function readSiteForBuild(options: BuildOptions, { memo, changed, renders }: LoadMemory = {}): Promise<ReadSite> {
  const site = await loadSite(options.contentDir, options.siteUrl);
  const markdown = createArticleMarkdown();
  let images: SiteMedia["images"] = new Map();
  markdownImages(markdown, (contentPath) => images.get(contentPath));
  // Read and validated with the rest of the content, so a bad file stops the build before Eleventy starts.
  const [pageSources, authorProfiles, redirects] = await Promise.all([
    readPageSources(options.contentDir),
    loadAuthorProfiles(options.contentDir),
    readRedirectsFile(options.contentDir),
  ]);
  const reuse = memo && changed ? (file: string) => (changed.has(file) ? undefined : memo.knownText(file)) : undefined;
  const sources = await readArticleSources(options.contentDir, reuse);
  const parsed = parseArticleSources(sources, site.timeZone, memo?.parseOne, { check: createMediaCheck(options.contentDir), markdown });
  const shown = parsed.filter((article) => options.includeUnpublished || isPublished(article, options.now));
  for (const warning of describeExternalImages(shown)) console.warn(`Warning: ${warning}`);
  const media = await loadSiteMedia(shown, options.contentDir, options.imageCacheDir);
  images = media.images;
  const pages = buildStaticPages(parsePageSources(pageSources, site.timeZone), {
    site,
    includeUnpublished: options.includeUnpublished,
    renderMarkdown: (body) => markdown.render(body),
  });
  const repliesDir = path.join(options.contentDir, REPLIES_DIR) + path.sep;
  const repliesUnchanged = memo?.replies && changed && ![...changed].some((file) => file.startsWith(repliesDir));
  const replies = repliesUnchanged ? memo.replies! : parseReplySources(await readReplySources(options.contentDir, reuse), memo?.parseReply);
  if (memo) memo.replies = replies;
  const replyMarkdown = createReplyMarkdown();
  const renderArticle = (body: string) => markdown.render(body);
  const renderReply = (body: string) => replyMarkdown.render(body);
  const remembered = memo?.render ?? (renders && ((body: string) => renders.article(body, renderArticle)));
  const context: BuildContext = {
    site,
    now: options.now,
    includeUnpublished: options.includeUnpublished,
    // A body with an image is rendered afresh: a memo knows its text, not whether its photographs changed.
    renderMarkdown: remembered ? (body) => (mayHaveImage(body) ? renderArticle(body) : remembered(body)) : renderArticle,
    images,
    replies,
    renderReply: memo?.renderReply ?? (renders ? (body) => renders.reply(body, renderReply) : renderReply),
    ...(memo ? { findRelated: memo.findRelated } : { remembered: renders }),
    authorProfiles,
  };
  return { site, articles: prepareArticles(parsed, context), context, pages, media, redirects, memo };
}

/** Makes the rest of the site from what was read: the articles not made yet, links between them, listings, feeds. */
export async function assembleSite({ site, articles, context, pages, media, redirects, memo }: ReadSite): Promise<LoadedSite> {
  const data = linkSiteData(articles, context);
  memo?.sweep();
  const inFeeds = new Set([...data.feedArticles, ...data.categoryFeeds.flatMap((feed) => feed.articles)]);
  const feedHtml = new Map(
    await Promise.all(
      [...inFeeds].map(
        async (article) => [article.key, await convertHtmlToAbsoluteUrls(article.html, toAbsoluteUrl(article.url, site.url))] as const,
      ),
    ),
  );
  return { site, data, pages, feedHtml, media, redirects };
}

export async function loadSiteForBuild(options: BuildOptions, memory: LoadMemory = {}): Promise<LoadedSite> {
  return assembleSite(await readSiteForBuild(options, memory));
}
