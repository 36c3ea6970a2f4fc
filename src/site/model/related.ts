/**
 * Related articles by shared tags. Scoring every pair is quadratic (a tag on 4,000 of
 * 10,000 articles means 16 million pairs), so candidates come from a window of the
 * articles nearest in time within each shared tag: news is related to recent news.
 */
import type { Term } from "./types.ts";

const WINDOW = 20;

interface Taggable {
  tags: readonly Term[];
}

/**
 * @param articles newest first
 * @param byTag each tag's articles, newest first (same order as `articles`)
 * @returns for each article (same index), up to `limit` related articles, most shared tags first, then nearest in time
 */
export function findRelated<T extends Taggable>(articles: readonly T[], byTag: ReadonlyMap<string, readonly T[]>, limit = 5): T[][] {
  return findRelatedIndices(articles, byTag, limit).map((indices) => indices.map((index) => articles[index]!));
}

/** findRelated's answer as indices into `articles`. It depends only on each position's tags. */
function findRelatedIndices<T extends Taggable>(
  articles: readonly T[],
  byTag: ReadonlyMap<string, readonly T[]>,
  limit: number,
): number[][] {
  const indexOf = new Map<T, number>(articles.map((article, index) => [article, index]));
  // For each tag: its articles as indices, and each article's position in that list.
  const tagIndices = new Map<string, number[]>();
  const positions = new Map<string, Map<number, number>>();
  for (const [slug, list] of byTag) {
    const indices = list.map((article) => indexOf.get(article)!);
    tagIndices.set(slug, indices);
    positions.set(slug, new Map(indices.map((index, position) => [index, position])));
  }

  return articles.map((article, self) => {
    const shared = new Map<number, number>();
    for (const tag of article.tags) {
      const list = tagIndices.get(tag.slug) ?? [];
      const at = positions.get(tag.slug)?.get(self) ?? 0;
      const end = Math.min(list.length, at + WINDOW + 1);
      for (let i = Math.max(0, at - WINDOW); i < end; i++) {
        const other = list[i]!;
        if (other !== self) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    return [...shared]
      .sort(([a, sa], [b, sb]) => sb - sa || Math.abs(a - self) - Math.abs(b - self) || a - b)
      .slice(0, limit)
      .map(([other]) => other);
  });
}

/**
 * findRelated for the dev server: the last answer again while every article keeps its place
 * and its tags, as after an edit to a body or a new reply (a quarter of a second of each
 * rebuild at 10,000 articles).
 */
export function memoizeRelated(): typeof findRelated {
  let last: { signature: string; limit: number; indices: number[][] } | undefined;
  return (articles, byTag, limit = 5) => {
    const signature = articles.map((article) => article.tags.map((tag) => tag.slug).join("\t")).join("\n");
    if (last?.signature !== signature || last.limit !== limit)
      last = { signature, limit, indices: findRelatedIndices(articles, byTag, limit) };
    return last.indices.map((indices) => indices.map((index) => articles[index]!));
  };
}
