/**
 * schema.org Person for an author: the article's `author`, and the main entity of the
 * author's page (a ProfilePage, https://developers.google.com/search/docs/appearance/structured-data/profile-page).
 */
import type { Site } from "../content/site-metadata.ts";
import type { Author, AuthorPage } from "../model/authors.ts";
import { toAbsoluteUrl } from "../model/urls.ts";

export function toPersonJsonLd(author: Author, site: Site): Record<string, unknown> {
  return {
    "@type": "Person",
    name: author.name,
    url: toAbsoluteUrl(author.url, site.url),
    ...(author.bio ? { description: author.bio } : {}),
    ...(author.photo ? { image: toAbsoluteUrl(`/${author.photo}`, site.url) } : {}),
    ...(author.links.length ? { sameAs: author.links } : {}),
  };
}

export function toProfilePageJsonLd(listing: AuthorPage<unknown>, site: Site): Record<string, unknown> {
  return {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    url: toAbsoluteUrl(listing.url, site.url),
    mainEntity: toPersonJsonLd(listing.author, site),
  };
}

/** A link's text without the scheme: "example.org/wang-wei". */
export function toDisplayUrl(url: string): string {
  return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
}
