/**
 * Which of the site's pages go in its sitemaps, and writing them. Only what a reader can
 * reach on the published site: no drafts or scheduled articles (the dev server shows them),
 * no search or reply-status pages. Each file is written by a virtual template (pages-plugin).
 */
import type { DateTime } from "luxon";
import type { Site } from "../content/site-metadata.ts";
import type { SiteData } from "../model/site-data.ts";
import type { StaticPage } from "../model/static-pages.ts";
import { type OutputFile, type SitemapEntry, toNewsSitemap, toSitemapFiles } from "./sitemaps.ts";

export const LISTING_INDEXES = ["/category/", "/tags/", "/archive/", "/authors/"] as const;

export function listSitemapEntries(data: SiteData, pages: readonly StaticPage[]): SitemapEntry[] {
  const published = data.articles.filter((article) => !article.draft && !article.scheduled);
  const listings = [...data.homePages, ...data.categoryPages, ...data.tagPages, ...data.yearPages, ...data.authorPages];
  return [
    ...published.map((article) => ({ url: article.url, lastmod: article.updated ?? article.date })),
    ...listings.map((listing) => ({ url: listing.url })),
    ...LISTING_INDEXES.map((url) => ({ url })),
    ...pages.filter((page) => !page.draft).map((page) => (page.updated ? { url: page.url, lastmod: page.updated } : { url: page.url })),
  ];
}

export function toSiteSitemaps(loaded: { site: Site; data: SiteData; pages: readonly StaticPage[] }, now: DateTime): OutputFile[] {
  const { site, data, pages } = loaded;
  const news = data.articles
    .filter((article) => !article.draft && !article.scheduled)
    .map((article) => ({ url: article.url, title: article.title, date: article.date, language: article.language ?? site.language }));
  return [...toSitemapFiles(listSitemapEntries(data, pages), site.url), toNewsSitemap(news, site, now)];
}
