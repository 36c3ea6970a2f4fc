/** The article a reply hangs on: published by the last build, and still open for replies. */
import { DateTime } from "luxon";
import type { Manifest, ManifestArticle } from "../../shared/article-manifest.ts";
import { isPastReplyWindow, readPublished } from "../../shared/reply-window.ts";
import { ReplyError } from "./reply-error.ts";

export function findOpenArticle(manifest: Manifest, key: string, now: Date): ManifestArticle {
  const article = manifest.articles.find((candidate) => candidate.key === key);
  if (!article) throw new ReplyError("article_not_found");
  // The build closed old articles as of its own time; check again as of now, because the
  // manifest can be days older than the request.
  const published = readPublished(article.date, manifest.site.timeZone);
  const closedByAge = published.isValid && isPastReplyWindow(published, manifest.replies.closeAfterDays, DateTime.fromJSDate(now));
  if (!article.repliesOpen || closedByAge) {
    throw new ReplyError("replies_closed");
  }
  return article;
}
