/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a plain object. */
import type { Site } from "../content/site-metadata.ts";
import type { Article } from "../model/types.ts";
import { toAbsoluteUrl } from "../model/urls.ts";

export function toJsonFeed(articles: readonly Article[], site: Site, absoluteHtml: ReadonlyMap<string, string>) {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: site.name,
    home_page_url: toAbsoluteUrl("/", site.url),
    feed_url: toAbsoluteUrl("/feed.json", site.url),
    description: site.description,
    language: site.language,
    ...(site.author ? { authors: [{ name: site.author }] } : {}),
    items: articles.map((article) => ({
      id: toAbsoluteUrl(article.url, site.url),
      url: toAbsoluteUrl(article.url, site.url),
      title: article.title,
      content_html: absoluteHtml.get(article.key) ?? article.html,
      ...(article.summary ? { summary: article.summary } : {}),
      ...(article.image ? { image: toAbsoluteUrl(article.image.largest.url, site.url) } : {}),
      date_published: article.date,
      ...(article.updated ? { date_modified: article.updated } : {}),
      ...(article.author ? { authors: [{ name: article.author }] } : {}),
      tags: article.tags.map((tag) => tag.name),
    })),
  };
}
