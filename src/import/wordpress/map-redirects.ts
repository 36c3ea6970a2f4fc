/**
 * The old site's addresses → their new pages, for content/redirects.json. Only what the new
 * site publishes gets a rule (a draft's /?p=ID would land on a 404 either way). Pure.
 */
import type { RedirectRule } from "../../shared/redirects-file.ts";
import { slugify } from "../../site/model/slugify.ts";
import type { WxrChannel } from "./wxr-types.ts";

export interface PublishedItem {
  wpId: string;
  postType: "post" | "page";
  link: string;
  /** The new page's path, e.g. /articles/key/ or /about/. */
  url: string;
  category?: string;
  tags: readonly string[];
  author?: string;
}

const CATEGORY_BASE = "/category/";
const TAG_BASE = "/tags/";
const AUTHOR_BASE = "/authors/";

export function mapRedirects(channel: WxrChannel, published: readonly PublishedItem[]): RedirectRule[] {
  const rules = new Map<string, string>();
  const add = (from: string | undefined, to: string) => {
    if (from && from !== to && !rules.has(from)) rules.set(from, to);
  };
  for (const item of published) {
    add(`/?${item.postType === "page" ? "page_id" : "p"}=${item.wpId}`, item.url);
    add(readOldPath(item.link), item.url);
  }
  const categoryNames = new Set(
    published
      .map((item) => item.category)
      .filter((name) => name !== undefined)
      .map(slugify),
  );
  const tagNames = new Set(published.flatMap((item) => item.tags).map(slugify));
  const termUrl = (name: string) => {
    const slug = slugify(name);
    return categoryNames.has(slug) ? `${CATEGORY_BASE}${slug}/` : tagNames.has(slug) ? `${TAG_BASE}${slug}/` : undefined;
  };
  const byNicename = new Map(channel.categories.map((category) => [category.nicename, category]));
  for (const category of channel.categories) {
    const to = termUrl(category.name);
    if (!to || !category.nicename) continue;
    add(`/category/${category.nicename}/`, to);
    add(`/category/${categoryPath(category.nicename, byNicename)}/`, to);
  }
  for (const tag of channel.tags) {
    const to = termUrl(tag.name);
    if (to && tag.slug) add(`/tag/${tag.slug}/`, to);
  }
  const bylines = new Set(published.map((item) => item.author).filter((name) => name !== undefined));
  for (const author of channel.authors) {
    const name = author.displayName.trim() || author.login.trim();
    const nicename = author.login
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, "-");
    if (nicename && bylines.has(name)) add(`/author/${nicename}/`, `${AUTHOR_BASE}${slugify(name)}/`);
  }
  return (
    [...rules]
      // Our slugs keep letters of any script (/tags/阿里巴巴/); a Location header carries them encoded.
      .map(([from, to]) => ({ from, to: encodeURI(to), status: 301 as const }))
      .filter((rule) => !/\s/.test(rule.from))
      .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  );
}

/** The path of the item's old permalink; a plain ?p= permalink is covered by the id rule. */
function readOldPath(link: string): string | undefined {
  try {
    const url = new URL(link.trim());
    if (url.search || url.pathname === "/") return undefined;
    return url.pathname;
  } catch {
    return undefined;
  }
}

/** WordPress's nested category URLs: /category/parent/child/. */
function categoryPath(nicename: string, byNicename: ReadonlyMap<string, { parent: string }>): string {
  const parts = [nicename];
  const seen = new Set(parts);
  let parent = byNicename.get(nicename)?.parent ?? "";
  while (parent && !seen.has(parent)) {
    parts.unshift(parent);
    seen.add(parent);
    parent = byNicename.get(parent)?.parent ?? "";
  }
  return parts.join("/");
}
