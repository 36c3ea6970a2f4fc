/** The article a reply hangs on: published by the last build, and still open for replies. */
import type { Manifest, ManifestArticle } from "../../shared/article-manifest.ts";
import { ReplyError } from "./reply-error.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export function findOpenArticle(manifest: Manifest, key: string, now: Date): ManifestArticle {
  const article = manifest.articles.find((candidate) => candidate.key === key);
  if (!article) throw new ReplyError("article_not_found");
  if (!article.repliesOpen || hasClosedByAge(article, manifest.replies.closeAfterDays, now)) {
    throw new ReplyError("replies_closed");
  }
  return article;
}

/**
 * The build closes old articles as of its own time; the function checks again as of now,
 * because the manifest can be days older than the request.
 */
function hasClosedByAge(article: ManifestArticle, closeAfterDays: number | null, now: Date): boolean {
  if (closeAfterDays === null) return false;
  const published = Date.parse(article.date);
  return Number.isFinite(published) && now.getTime() >= published + closeAfterDays * DAY_MS;
}
