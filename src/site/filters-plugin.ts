/** Registers the template filters; each is a pure function defined in its own module. */
import { formatRfc3339 } from "./dates.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import { toJsonFeed } from "./json-feed.ts";
import type { Site } from "./site-metadata.ts";
import { serializeJsonForScript, toBreadcrumbJsonLd, toNewsArticleJsonLd } from "./structured-data.ts";
import type { Article } from "./types.ts";
import { toAbsoluteUrl } from "./urls.ts";

export function filtersPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("rfc3339", formatRfc3339);
  eleventyConfig.addFilter("absoluteUrl", (url: string, site: Site) => toAbsoluteUrl(url, site.url));
  eleventyConfig.addFilter("newsArticleJsonLd", (article: Article, site: Site) => toNewsArticleJsonLd(article, site));
  eleventyConfig.addFilter("breadcrumbJsonLd", (article: Article, site: Site) => toBreadcrumbJsonLd(article, site));
  eleventyConfig.addFilter("jsonScript", serializeJsonForScript);
  eleventyConfig.addFilter("jsonFeed", (articles: Article[], site: Site, html: Map<string, string>) => toJsonFeed(articles, site, html));
  eleventyConfig.addFilter("json", (value: unknown) => JSON.stringify(value, null, 2));
}
