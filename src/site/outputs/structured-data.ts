/** schema.org objects for JSON-LD: plain data, serialised by the template's jsonScript filter. */
import type { Site } from "../content/site-metadata.ts";
import type { LeadImage } from "../media/responsive-image.ts";
import type { Article } from "../model/types.ts";
import { toAbsoluteUrl } from "../model/urls.ts";

export function toNewsArticleJsonLd(article: Article, site: Site): Record<string, unknown> {
  const url = toAbsoluteUrl(article.url, site.url);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    ...(article.summary ? { description: article.summary } : {}),
    datePublished: article.date,
    dateModified: article.updated ?? article.date,
    url,
    mainEntityOfPage: url,
    inLanguage: site.language,
    ...(article.image ? { image: toImageObject(article.image, site) } : {}),
    ...(article.category ? { articleSection: article.category.name } : {}),
    ...(article.tags.length ? { keywords: article.tags.map((tag) => tag.name).join(", ") } : {}),
    ...(article.author ? { author: { "@type": "Person", name: article.author } } : {}),
    ...(article.source ? { sourceOrganization: { "@type": "Organization", name: article.source } } : {}),
    publisher: { "@type": "Organization", name: site.name, url: site.url },
  };
}

/** The lead photograph's largest JPEG (Google asks for at least 1,200 px wide where there is one). */
function toImageObject(image: LeadImage, site: Site): Record<string, unknown> {
  return {
    "@type": "ImageObject",
    url: toAbsoluteUrl(image.largest.url, site.url),
    width: image.largest.width,
    height: image.largest.height,
    ...(image.caption ? { caption: image.caption } : {}),
    ...(image.credit ? { creditText: image.credit } : {}),
  };
}

export function toBreadcrumbJsonLd(article: Article, site: Site): Record<string, unknown> {
  const trail = [
    { name: "Home", url: "/" },
    ...(article.category ? [{ name: article.category.name, url: article.category.url }] : []),
    { name: article.title, url: article.url },
  ];
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumb.name,
      item: toAbsoluteUrl(crumb.url, site.url),
    })),
  };
}

/**
 * JSON for a <script type="application/ld+json"> block. "<" is escaped so no value
 * (a headline with "</script>") can close the block early.
 */
export function serializeJsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
