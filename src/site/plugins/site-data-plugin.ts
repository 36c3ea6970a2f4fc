/**
 * Loads the site once per build (and once per rebuild under the dev server) and hands the
 * result to templates as global data. A bad article throws here and stops the build. The
 * build's render worker loads the site before Eleventy starts and hands it over through the
 * SiteHolder, so it is not parsed twice.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { createReplyMarkdown } from "../../shared/reply-markdown.ts";
import type { BuildOptions } from "../build-options.ts";
import { AUTHORS_FILE } from "../content/authors-file.ts";
import { type ContentMemo, createContentMemo } from "../content/content-memo.ts";
import { ARTICLES_DIR } from "../content/load-articles.ts";
import { PAGES_DIR } from "../content/load-pages.ts";
import { REPLIES_DIR } from "../content/load-replies.ts";
import { loadSiteForBuild } from "../content/load-site.ts";
import { createArticleMarkdown } from "../content/markdown.ts";
import { listReplyStatusPages, REPLY_FORM } from "../model/reply-pages.ts";
import { outputFileOf, type PageSelection, selectAllPages, selectChangedPages } from "../model/select-changed-pages.ts";
import type { SiteData } from "../model/site-data.ts";
import { toManifest, writeManifest } from "../outputs/article-manifest-file.ts";
import { toCaseRedirects } from "../outputs/case-redirects.ts";
import { toRedirects } from "../outputs/redirects.ts";
import { toSiteSitemaps } from "../outputs/site-sitemaps.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import type { SiteHolder } from "./site-holder.ts";

async function removePages(outputDir: string, urls: readonly string[]): Promise<void> {
  await Promise.all(urls.map((url) => rm(path.join(outputDir, outputFileOf(url)), { force: true })));
}

function createDevMemo(): ContentMemo {
  const markdown = createArticleMarkdown();
  const replyMarkdown = createReplyMarkdown();
  return createContentMemo(
    (body) => markdown.render(body),
    (body) => replyMarkdown.render(body),
  );
}

export interface SiteDataPluginOptions {
  options: BuildOptions;
  site: SiteHolder;
  /** The pages the first build renders, when not all of them: the build's render worker keeps the others from the last build. */
  firstSelection?: PageSelection | undefined;
}

export function siteDataPlugin(eleventyConfig: EleventyConfig, { options, site: holder, firstSelection }: SiteDataPluginOptions): void {
  let selection: PageSelection | undefined;
  let preselected = firstSelection;
  let previous: SiteData | undefined;
  const current = () => holder.current();
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
    const loaded =
      holder.takePreloaded() ?? (await loadSiteForBuild(options, { memo, changed: onlyContentChanged ? changedFiles : undefined }));
    holder.set(loaded);
    selection = preselected ?? (previous && onlyContentChanged ? selectChangedPages(previous, loaded.data) : selectAllPages(loaded.data));
    preselected = undefined;
    previous = loaded.data;
    onlyContentChanged = false;
    await removePages(options.outputDir, selection.removedUrls);
  });
  // Which paginated pages this (re)build renders: all of them, or under the dev server only
  // those whose content changed (src/site/model/select-changed-pages.ts).
  eleventyConfig.addGlobalData("pagesToRender", () => selection);
  eleventyConfig.on("eleventy.after", async () => {
    const { site, data } = current();
    // The reply function's, not the readers': beside the site, never in it.
    await writeManifest(options.outputDir, toManifest(site, data.articles, options.deployUrls));
  });
  eleventyConfig.addGlobalData("redirectsText", () => {
    const { data, redirects } = current();
    return (
      toRedirects(
        data.articles.filter((article) => !article.draft && !article.scheduled),
        redirects,
      ) + toCaseRedirects([...data.tagIndex, ...data.categoryIndex, ...data.authorIndex])
    );
  });
  // The sitemap index, its files of at most 50,000 URLs and the Google News sitemap, written
  // by a virtual template (feeds/text-file.njk) like every other output.
  eleventyConfig.addGlobalData("sitemapFiles", () => toSiteSitemaps(current(), options.now));
  eleventyConfig.addWatchTarget(path.join(options.contentDir, ARTICLES_DIR));
  eleventyConfig.addWatchTarget(path.join(options.contentDir, PAGES_DIR));
  eleventyConfig.addWatchTarget(path.join(options.contentDir, AUTHORS_FILE));
  eleventyConfig.addWatchTarget(path.join(options.contentDir, REPLIES_DIR));
  eleventyConfig.addGlobalData("site", () => current().site);
  eleventyConfig.addGlobalData("feedHtml", () => current().feedHtml);
  eleventyConfig.addGlobalData("staticPages", () => current().pages);
  eleventyConfig.addGlobalData("replyStatusPages", listReplyStatusPages());
  eleventyConfig.addGlobalData("replyForm", { ...REPLY_FORM, turnstileSiteKey: options.turnstileSiteKey ?? null });
  const keys: (keyof SiteData)[] = [
    "articles",
    "homePages",
    "tagPages",
    "tagIndex",
    "categoryPages",
    "categoryIndex",
    "categoryFeeds",
    "yearPages",
    "yearIndex",
    "feedArticles",
    "authorIndex",
  ];
  for (const key of keys) eleventyConfig.addGlobalData(key, () => current().data[key]);
}
