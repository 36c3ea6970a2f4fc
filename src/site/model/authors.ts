/**
 * Author pages: one per byline name (slugified like tags, so "Wang Wei" and "wang  wei" are
 * one author), paginated like every listing, plus the index of authors.
 */
import type { AuthorProfile } from "../content/authors-file.ts";
import { paginate } from "./paginate.ts";
import { slugify, tidyName } from "./slugify.ts";
import type { ListingPage } from "./types.ts";

export const AUTHORS_URL = "/authors/";

export interface Author {
  name: string;
  slug: string;
  url: string;
  bio: string | undefined;
  /** Content-relative path of the photo, for the images pipeline. */
  photo: string | undefined;
  links: string[];
}

export interface AuthorPage<T> extends ListingPage<T> {
  author: Author;
  count: number;
}

export interface AuthorCount extends Author {
  count: number;
}

/** The author page's URL for a byline, or undefined for a name with no letter or digit. */
export function authorUrl(name: string): string | undefined {
  const slug = slugify(tidyName(name));
  return slug ? `${AUTHORS_URL}${slug}/` : undefined;
}

export function toAuthor(name: string, profiles: ReadonlyMap<string, AuthorProfile>): Author | undefined {
  const slug = slugify(tidyName(name));
  if (!slug) return undefined;
  const profile = profiles.get(slug);
  return {
    name: profile?.name ?? tidyName(name),
    slug,
    url: `${AUTHORS_URL}${slug}/`,
    bio: profile?.bio,
    photo: profile?.photo,
    links: profile?.links ?? [],
  };
}

/**
 * @param items newest first; pages keep that order.
 * @param authorOf an item's author, if it names one.
 */
export function buildAuthorPages<T>(
  items: readonly T[],
  authorOf: (item: T) => Author | undefined,
  size: number,
): { pages: AuthorPage<T>[]; index: AuthorCount[] } {
  const groups = new Map<string, { author: Author; items: T[] }>();
  for (const item of items) {
    const author = authorOf(item);
    if (!author) continue;
    const group = groups.get(author.slug);
    if (group) group.items.push(item);
    else groups.set(author.slug, { author, items: [item] });
  }
  const sorted = [...groups.values()].sort((a, b) => a.author.name.localeCompare(b.author.name, "en"));
  return {
    pages: sorted.flatMap(({ author, items: list }) =>
      paginate(list, size, author.url).map((page) => ({ ...page, author, count: list.length })),
    ),
    index: sorted.map(({ author, items: list }) => ({ ...author, count: list.length })),
  };
}
