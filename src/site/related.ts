/**
 * Related articles by shared tags. Scoring every pair is quadratic (a tag on 4,000 of
 * 10,000 articles means 16 million pairs), so candidates come from a window of the
 * articles nearest in time within each shared tag: news is related to recent news.
 */
import type { Term } from "./types.ts";

const WINDOW = 40;

interface Taggable {
  key: string;
  tags: readonly Term[];
}

/**
 * @param articles newest first
 * @param byTag each tag's articles, newest first (same order as `articles`)
 * @returns for each article (same index), up to `limit` related articles, most shared tags first, then nearest in time
 */
export function findRelated<T extends Taggable>(
  articles: readonly T[],
  byTag: ReadonlyMap<string, readonly T[]>,
  limit = 5,
): T[][] {
  const rank = new Map<T, number>(articles.map((article, index) => [article, index]));
  const positionInTag = new Map<string, Map<T, number>>();
  for (const [slug, list] of byTag) positionInTag.set(slug, new Map(list.map((a, i) => [a, i])));

  return articles.map((article, index) => {
    const shared = new Map<T, number>();
    for (const tag of article.tags) {
      const list = byTag.get(tag.slug) ?? [];
      const at = positionInTag.get(tag.slug)?.get(article) ?? 0;
      for (let i = Math.max(0, at - WINDOW); i < Math.min(list.length, at + WINDOW + 1); i++) {
        const other = list[i]!;
        if (other !== article) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    const distance = (other: T) => Math.abs((rank.get(other) ?? 0) - index);
    return [...shared]
      .sort(([a, sa], [b, sb]) => sb - sa || distance(a) - distance(b) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
      .slice(0, limit)
      .map(([other]) => other);
  });
}
