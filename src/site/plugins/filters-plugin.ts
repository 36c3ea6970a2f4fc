/** Registers the template filters; each is a pure function defined in its own module. */

import type { Site } from "../content/site-metadata.ts";
import { formatRfc3339 } from "../model/dates.ts";
import type { Article } from "../model/types.ts";
import { toAbsoluteUrl } from "../model/urls.ts";
import { toJsonFeed } from "../outputs/json-feed.ts";
import { serializeJsonForScript, toBreadcrumbJsonLd, toNewsArticleJsonLd } from "../outputs/structured-data.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

export function filtersPlugin(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addFilter("rfc3339", formatRfc3339);
  eleventyConfig.addFilter("absoluteUrl", (url: string, site: Site) => toAbsoluteUrl(url, site.url));
  eleventyConfig.addFilter("newsArticleJsonLd", (article: Article, site: Site) => toNewsArticleJsonLd(article, site));
  eleventyConfig.addFilter("breadcrumbJsonLd", (article: Article, site: Site) => toBreadcrumbJsonLd(article, site));
  eleventyConfig.addFilter("jsonScript", serializeJsonForScript);
  eleventyConfig.addFilter("jsonFeed", (articles: Article[], site: Site, html: Map<string, string>) => toJsonFeed(articles, site, html));
  eleventyConfig.addFilter("json", (value: unknown) => JSON.stringify(value, null, 2));
}
