/**
 * Where the reply stores keep what they look up, each file at a path derived from the question,
 * so every answer is one read whatever the number of replies (GitHub lists at most 1,000
 * entries of a folder, and reading every reply cost one request each):
 *
 * published branch:  content/replies/<article>/<id>.json       approved reply (the build reads it)
 *                    content/replies/.trusted/<trust key>      an approved reader (empty file)
 * pending branch:    content/replies/<article>/<id>.json       a held reply (status "pending")
 *                    content/replies/.claims/<article>/<key>.json  dedupe claim: the reply as
 *                        first stored, named by its dedupe key (article, parent, reader, text)
 *                    content/replies/.rejected/<article>/<id>  tombstone (empty: no text kept)
 */
import { createHash } from "node:crypto";
import { ARTICLE_KEY_PATTERN, REPLY_ID_PATTERN, type ReplyRecord } from "../../shared/reply-record.ts";
import { REPLIES_DIR } from "../../shared/reply-routes.ts";

const DEDUPE_KEY_PATTERN = /^[0-9a-f]{64}$/;

function repliesRoot(contentDir: string): string {
  return `${contentDir.replace(/\/+$/, "")}/${REPLIES_DIR}`;
}

function checkArticle(article: string): string {
  if (!ARTICLE_KEY_PATTERN.test(article)) throw new Error(`Not an article key: ${JSON.stringify(article)}`);
  return article;
}

export function claimPath(article: string, dedupeKey: string, contentDir = "content"): string {
  if (!DEDUPE_KEY_PATTERN.test(dedupeKey)) throw new Error(`Not a dedupe key: ${JSON.stringify(dedupeKey)}`);
  return `${repliesRoot(contentDir)}/.claims/${checkArticle(article)}/${dedupeKey}.json`;
}

export function rejectedPath(article: string, id: string, contentDir = "content"): string {
  if (!REPLY_ID_PATTERN.test(id)) throw new Error(`Not a reply id: ${JSON.stringify(id)}`);
  return `${repliesRoot(contentDir)}/.rejected/${checkArticle(article)}/${id}`;
}

export function repliesFolder(contentDir = "content", article?: string): string {
  return article === undefined ? repliesRoot(contentDir) : `${repliesRoot(contentDir)}/${checkArticle(article)}`;
}

/**
 * Same article, same parent, same reader (trust key: name and email) and same text: a double
 * click or a resend. Computed from a stored record alone, so moderation can find the claim
 * without the reader's email or the secret (the trust key is already keyed).
 */
export function makeDedupeKey(record: Pick<ReplyRecord, "article" | "parent" | "body">, trustKey: string): string {
  return createHash("sha256")
    .update(JSON.stringify(["broadsheet-reply-dedupe", record.article, record.parent, trustKey, record.body]))
    .digest("hex");
}
