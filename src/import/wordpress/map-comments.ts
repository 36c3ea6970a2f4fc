/**
 * A post's WordPress comments → reply records, through the reply schema the function writes.
 * Ids are stable (time of the comment, then 10 base32 characters from a hash of the WordPress
 * post and comment ids), so a second import writes the same bytes. Pure: hashing and the
 * converter come in.
 */
import { createHash } from "node:crypto";
import { isHttpUrl, REPLY_LIMITS, type ReplyRecord } from "../../shared/reply-record.ts";
import { readWpDate } from "./wp-dates.ts";
import type { WxrComment } from "./wxr-types.ts";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
/** What WordPress shows for a comment with no name. */
const NO_NAME = "Anonymous";

export interface CommentContext {
  timeZone: string;
  maxDepth: number;
  hashEmail(email: string): string;
  /** The comment's text as WordPress stores it → reply markdown (createReplyConverter). */
  convert(text: string): string;
}

export type CommentSkip = "spam" | "trash" | "pingback" | "trackback" | "other-type" | "invalid";

export interface MappedComments {
  replies: ReplyRecord[];
  /** Readers with an approved comment: they become trusted repliers. Never written as such. */
  approvedReaders: { name: string; email: string }[];
  skipped: Record<CommentSkip, number>;
  problems: string[];
  /** Replies moved up a level or more to stay within the depth limit. */
  flattened: number;
}

export function makeReplyId(date: Date, postId: string, commentId: string): string {
  const stamp = date.toISOString().replace(/[-:.]/g, "");
  const digest = createHash("sha256").update(`wordpress-comment:${postId}:${commentId}`).digest();
  return `${stamp}-${[...digest.subarray(0, 10)].map((byte) => BASE32[byte % 32]).join("")}`;
}

function classify(comment: WxrComment): CommentSkip | "approved" | "pending" {
  const type = comment.type.trim();
  if (type === "pingback" || type === "trackback") return type;
  if (type !== "" && type !== "comment") return "other-type";
  if (comment.approved === "1") return "approved";
  if (comment.approved === "0") return "pending";
  return comment.approved === "spam" ? "spam" : "trash";
}

export function mapComments(comments: readonly WxrComment[], article: string, postId: string, context: CommentContext): MappedComments {
  const skipped: Record<CommentSkip, number> = { spam: 0, trash: 0, pingback: 0, trackback: 0, "other-type": 0, invalid: 0 };
  const problems: string[] = [];
  const kept = new Map<string, { comment: WxrComment; record: Omit<ReplyRecord, "parent"> }>();
  for (const comment of comments) {
    const kind = classify(comment);
    if (kind !== "approved" && kind !== "pending") {
      skipped[kind] += 1;
      continue;
    }
    const date = readWpDate(comment.dateGmt, comment.date, context.timeZone);
    const body = date ? context.convert(comment.content) : "";
    const problem = !date
      ? `no date ("${comment.date}")`
      : body === ""
        ? "no text"
        : body.length > REPLY_LIMITS.body
          ? `longer than ${REPLY_LIMITS.body} characters`
          : undefined;
    if (problem || !date) {
      skipped.invalid += 1;
      problems.push(`comment ${comment.id} on WordPress post ${postId}: ${problem}`);
      continue;
    }
    const url = comment.authorUrl.trim();
    kept.set(comment.id, {
      comment,
      record: {
        id: makeReplyId(date.toJSDate(), postId, comment.id),
        article,
        author: (comment.author.trim() || NO_NAME).slice(0, REPLY_LIMITS.author),
        url: url && url.length <= REPLY_LIMITS.url && isHttpUrl(url) ? url : null,
        body,
        date: date.toUTC().toISO()!,
        status: kind,
        emailHash: context.hashEmail(comment.authorEmail),
      },
    });
  }
  let flattened = 0;
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const replies = [...kept.values()].map(({ comment, record }) => {
    const ancestors = findKeptAncestors(comment, byId, kept);
    // Depth of this reply = ancestors + 1; beyond the limit it hangs on the deepest allowed ancestor.
    const allowed = Math.min(ancestors.length, context.maxDepth - 1);
    if (allowed < ancestors.length) flattened += 1;
    const parent = allowed > 0 ? kept.get(ancestors[allowed - 1]!)!.record.id : null;
    return { ...record, parent };
  });
  const approvedReaders = [...kept.values()]
    .filter(({ record, comment }) => record.status === "approved" && comment.authorEmail.trim() !== "")
    .map(({ record, comment }) => ({ name: record.author, email: comment.authorEmail }));
  return { replies: replies.sort((a, b) => (a.id < b.id ? -1 : 1)), approvedReaders, skipped, problems, flattened };
}

/** Kept ancestors, the top one first; a skipped comment in between is stepped over. */
function findKeptAncestors(comment: WxrComment, byId: ReadonlyMap<string, WxrComment>, kept: ReadonlyMap<string, unknown>): string[] {
  const ancestors: string[] = [];
  const seen = new Set([comment.id]);
  let parentId = comment.parent.trim();
  while (parentId && parentId !== "0" && !seen.has(parentId)) {
    seen.add(parentId);
    if (kept.has(parentId)) ancestors.push(parentId);
    parentId = byId.get(parentId)?.parent.trim() ?? "";
  }
  return ancestors.reverse();
}
