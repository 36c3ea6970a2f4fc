/**
 * Loads the site once per build (and once per rebuild under the dev server) and hands the
 * result to templates as global data. A bad article throws here and stops the build.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import type { BuildOptions } from "../build-options.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import { createContentMemo, type ContentMemo } from "../content/content-memo.ts";
import { ARTICLES_DIR, parseArticleSources, readArticleSources } from "../content/load-articles.ts";
import { createArticleMarkdown } from "../content/markdown.ts";
import { parseReplySources, readReplySources, REPLIES_DIR } from "../content/load-replies.ts";
import { createReplyMarkdown } from "../content/reply-markdown.ts";
import { listReplyStatusPages, REPLY_FORM } from "../model/reply-pages.ts";
import { buildSiteData, type SiteData } from "../model/site-data.ts";
import { toManifest, writeManifest } from "../outputs/article-manifest-file.ts";
import { toRedirects, writeRedirects } from "../outputs/redirects.ts";
import { loadSite, type Site } from "../content/site-metadata.ts";
import { selectAllPages, selectChangedPages, type PageSelection } from "../model/select-changed-pages.ts";
import { toAbsoluteUrl } from "../model/urls.ts";

async function removePages(outputDir: string, urls: readonly string[]): Promise<void> {
  await Promise.all(urls.map((url) => rm(path.join(outputDir, decodeURI(url), url.endsWith("/") ? "index.html" : ""), { force: true })));
}

export interface LoadedSite {
  site: Site;
  data: SiteData;
  /** Feed articles' bodies with absolute URLs, by article key. */
  feedHtml: Map<string, string>;
}

/**
 * @param changed under the dev server, the files the watcher reported (absolute paths): every
 *   other article's text is taken from the memo instead of the disk.
 */
export async function loadSiteForBuild(options: BuildOptions, memo?: ContentMemo, changed?: ReadonlySet<string>): Promise<LoadedSite> {
  const site = await loadSite(options.contentDir, options.siteUrl);
  const markdown = createArticleMarkdown();
  const reuse = memo && changed ? (file: string) => (changed.has(file) ? undefined : memo.knownText(file)) : undefined;
  const sources = await readArticleSources(options.contentDir, reuse);
  const parsed = parseArticleSources(sources, site.timeZone, memo?.parseOne);
  const repliesDir = path.join(options.contentDir, REPLIES_DIR) + path.sep;
  const repliesUnchanged = memo?.replies && changed && ![...changed].some((file) => file.startsWith(repliesDir));
  const replies = repliesUnchanged ? memo.replies! : parseReplySources(await readReplySources(options.contentDir, reuse), memo?.parseReply);
  if (memo) memo.replies = replies;
  const replyMarkdown = createReplyMarkdown();
  const data = buildSiteData(parsed, {
    site,
    now: options.now,
    includeUnpublished: options.includeUnpublished,
    renderMarkdown: memo?.render ?? ((body) => markdown.render(body)),
    replies,
    renderReply: memo?.renderReply ?? ((body) => replyMarkdown.render(body)),
    ...(memo ? { findRelated: memo.findRelated } : {}),
  });
  memo?.sweep();
  const inFeeds = new Set([...data.feedArticles, ...data.categoryFeeds.flatMap((feed) => feed.articles)]);
  const feedHtml = new Map(
    await Promise.all(
      [...inFeeds].map(
        async (article) =>
          [article.key, await convertHtmlToAbsoluteUrls(article.html, toAbsoluteUrl(article.url, site.url))] as const,
      ),
    ),
  );
  return { site, data, feedHtml };
}

let primed: Promise<LoadedSite> | undefined;
let latest: LoadedSite | undefined;

/** The site as the last (re)build loaded it: what the dev server's search index is made from. */
export function latestSiteLoad(): LoadedSite {
  if (!latest) throw new Error("Site data read before it was loaded");
  return latest;
}

/**
 * Starts loading before Eleventy does, so the build command can report a bad article
 * cleanly (file, field, expectation) instead of inside Eleventy's stack trace; the plugin
 * then uses this load rather than parsing everything twice.
 */
export function primeSiteLoad(options: BuildOptions): Promise<LoadedSite> {
  primed = loadSiteForBuild(options);
  return primed;
}

function createDevMemo(): ContentMemo {
  const markdown = createArticleMarkdown();
  const replyMarkdown = createReplyMarkdown();
  return createContentMemo((body) => markdown.render(body), (body) => replyMarkdown.render(body));
}

export function siteDataPlugin(eleventyConfig: EleventyConfig, options: BuildOptions): void {
  let loaded: LoadedSite | undefined;
  let selection: PageSelection | undefined;
  const current = (): LoadedSite => {
    if (!loaded) throw new Error("Site data read before it was loaded");
    return loaded;
  };
  // Dev server only: remember articles between rebuilds, and after an edit to articles or
  // replies alone, render only the pages whose content changed (files of the others stay as they are).
  const memo = options.includeUnpublished ? createDevMemo() : undefined;
  const contentDirs = [ARTICLES_DIR, REPLIES_DIR].map((dir) => path.join(options.contentDir, dir) + path.sep);
  let onlyContentChanged = false;
  let changedFiles = new Set<string>();
  eleventyConfig.on("eleventy.beforeWatch", (reported: unknown) => {
    const files = Array.isArray(reported) ? reported.map((file) => path.resolve(String(file))) : [];
    onlyContentChanged = files.length > 0 && files.every((file) => contentDirs.some((dir) => file.startsWith(dir)));
    changedFiles = new Set(files);
  });
  eleventyConfig.on("eleventy.before", async () => {
    const previous = loaded?.data;
    loaded = await (primed ?? loadSiteForBuild(options, memo, onlyContentChanged ? changedFiles : undefined));
    latest = loaded;
    primed = undefined;
    selection = previous && onlyContentChanged ? selectChangedPages(previous, loaded.data) : selectAllPages(loaded.data);
    onlyContentChanged = false;
    await removePages(options.outputDir, selection.removedUrls);
  });
  eleventyConfig.addGlobalData("render", () => selection);
  eleventyConfig.on("eleventy.after", async () => {
    const { site, data } = current();
    await writeManifest(options.outputDir, toManifest(site, data.articles));
    await writeRedirects(options.outputDir, toRedirects(data.articles.filter((article) => !article.draft && !article.scheduled)));
  });
  eleventyConfig.addWatchTarget(path.join(options.contentDir, ARTICLES_DIR));
  eleventyConfig.addWatchTarget(path.join(options.contentDir, REPLIES_DIR));
  eleventyConfig.addGlobalData("site", () => current().site);
  eleventyConfig.addGlobalData("feedHtml", () => current().feedHtml);
  eleventyConfig.addGlobalData("replyStatusPages", listReplyStatusPages());
  eleventyConfig.addGlobalData("replyForm", REPLY_FORM);
  const keys: (keyof SiteData)[] = [
    "articles", "homePages", "tagPages", "tagIndex", "categoryPages", "categoryIndex",
    "categoryFeeds", "yearPages", "yearIndex", "feedArticles",
  ];
  for (const key of keys) eleventyConfig.addGlobalData(key, () => current().data[key]);
}
