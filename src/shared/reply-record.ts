/**
 * One reader reply, as committed to content/replies/<article-key>/<id>.json.
 * The pipeline (src/replies/) writes it and the build (src/site/) reads it, both through
 * this schema, so a file either side cannot understand stops the build naming file and field.
 */
import { z } from "zod";

/** 20240102T030405678Z-abcdefghij: UTC time to the millisecond, then 10 base32 characters. */
export const REPLY_ID_PATTERN = /^\d{8}T\d{9}Z-[a-z2-7]{10}$/;

import { ARTICLE_KEY_PATTERN } from "./article-key-pattern.ts";
import { describeIssues } from "./describe-issue.ts";

export { ARTICLE_KEY_PATTERN };

/** HMAC-SHA256 in hex: what a reply keeps instead of the reader's email. */
export const EMAIL_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** WordPress's limits (wp_get_comment_fields_max_lengths), so imported threads fit too. */
export const REPLY_LIMITS = {
  author: 245,
  email: 100,
  url: 200,
  body: 65_525,
} as const;

const replyId = z.string().regex(REPLY_ID_PATTERN, "expected a reply id like 20240102T030405678Z-abcdefghij");

const httpUrl = z
  .string()
  .max(REPLY_LIMITS.url, `expected at most ${REPLY_LIMITS.url} characters`)
  .refine(isHttpUrl, "expected an http:// or https:// URL");

export const replyRecordSchema = z.strictObject({
  id: replyId,
  article: z.string().regex(ARTICLE_KEY_PATTERN, "expected an article key (lowercase letters, digits, hyphens)"),
  parent: replyId.nullable(),
  author: z
    .string()
    .trim()
    .min(1, "expected a non-empty name")
    .max(REPLY_LIMITS.author, `expected at most ${REPLY_LIMITS.author} characters`),
  url: httpUrl.nullable(),
  body: z.string().min(1, "expected non-empty markdown").max(REPLY_LIMITS.body, `expected at most ${REPLY_LIMITS.body} characters`),
  date: z.iso.datetime({ precision: 3, message: "expected an ISO 8601 UTC date-time like 2024-01-02T03:04:05.678Z" }),
  status: z.enum(["pending", "approved"], 'expected "pending" or "approved"'),
  emailHash: z.string().regex(EMAIL_HASH_PATTERN, "expected 64 lowercase hex characters (HMAC-SHA256)"),
});

export type ReplyRecord = z.infer<typeof replyRecordSchema>;
export type ReplyStatus = ReplyRecord["status"];

/** Validates a parsed reply file; the error names the file, the field and what was expected. */
export function parseReplyRecord(json: unknown, file: string): ReplyRecord {
  const result = replyRecordSchema.safeParse(json);
  if (result.success) return result.data;
  throw new Error(`${file}: ${describeIssues(result.error, json).join("; ")}`);
}

/** content/replies/<article-key>/<id>.json, relative to the repository root, with "/" separators. */
export function replyPath(articleKey: string, id: string, contentDir = "content"): string {
  // Both parts come from a request in the pipeline: never let them climb out of the folder.
  if (!ARTICLE_KEY_PATTERN.test(articleKey)) throw new Error(`Not an article key: ${JSON.stringify(articleKey)}`);
  if (!REPLY_ID_PATTERN.test(id)) throw new Error(`Not a reply id: ${JSON.stringify(id)}`);
  return `${contentDir.replace(/\/+$/, "")}/replies/${articleKey}/${id}.json`;
}

/**
 * The folder of trusted repliers: an empty file named by the keyed email hash of each reader
 * with an approved reply. The moderation commands keep it in step with the reply files
 * (src/replies/moderation/moderation.ts), so the pipeline asks about one file rather than reading every
 * reply, which on GitHub is an API request each. The dot keeps it from being an article key,
 * and without .json the build does not read the files as replies.
 */
export const TRUSTED_REPLIERS_DIR = ".trusted";

export function trustedReplierPath(emailHash: string, contentDir = "content"): string {
  if (!EMAIL_HASH_PATTERN.test(emailHash)) throw new Error(`Not an email hash: ${JSON.stringify(emailHash)}`);
  return `${contentDir.replace(/\/+$/, "")}/replies/${TRUSTED_REPLIERS_DIR}/${emailHash}`;
}

/** The file's text: stable key order and a final newline, so diffs stay one file, one reply. */
export function serializeReplyRecord(record: ReplyRecord): string {
  const ordered = Object.fromEntries(Object.keys(replyRecordSchema.shape).map((key) => [key, record[key as keyof ReplyRecord]]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** An absolute http(s) URL with a host: what a reader's website may be. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
