/** Turns the submitted fields into a typed reply, or a ReplyError naming every bad field. */

import { REPLY_FIELDS } from "../../shared/reply-messages.ts";
import { ARTICLE_KEY_PATTERN, isHttpUrl, REPLY_ID_PATTERN, REPLY_LIMITS } from "../../shared/reply-record.ts";
import type { FormFields } from "./read-request.ts";
import { type FieldErrors, ReplyError, throwIfFieldErrors } from "./reply-error.ts";

export interface ReplyInput {
  article: string;
  parent: string | null;
  author: string;
  email: string;
  url: string | null;
  body: string;
  /** The hidden field was filled in: a bot. */
  honeypot: boolean;
  turnstileToken: string | null;
}

// Deliberately simple, like WordPress's is_email(): one @, a dotted domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
// C0/C1 controls other than tab and newline: never wanted in a name or a reply.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function validateReplyFields(form: FormFields): ReplyInput {
  const read = (name: keyof typeof REPLY_FIELDS) => (form[REPLY_FIELDS[name]] ?? "").replace(CONTROL, "");
  const errors: FieldErrors = {};

  const author = read("author").replace(/\s+/g, " ").trim();
  if (author === "") errors.author = "author_required";
  else if (author.length > REPLY_LIMITS.author) errors.author = "author_too_long";

  const email = read("email").trim();
  if (email === "") errors.email = "email_required";
  else if (email.length > REPLY_LIMITS.email) errors.email = "email_too_long";
  else if (!EMAIL.test(email)) errors.email = "email_invalid";

  const url = normalizeUrl(read("url").trim());
  if (url && url.length > REPLY_LIMITS.url) errors.url = "url_too_long";
  else if (url && !isHttpUrl(url)) errors.url = "url_invalid";

  const body = read("comment").replace(/\r\n?/g, "\n").trim();
  if (body === "") errors.comment = "comment_required";
  else if (body.length > REPLY_LIMITS.body) errors.comment = "comment_too_long";

  const article = read("article").trim();
  if (article === "") errors.article = "article_required";
  throwIfFieldErrors(errors);
  // A key that cannot exist is reported like one that does not.
  if (!ARTICLE_KEY_PATTERN.test(article)) throw new ReplyError("article_not_found");

  return {
    article,
    parent: readParent(read("parent").trim()),
    author,
    email,
    url: url === "" ? null : url,
    body,
    honeypot: read("honeypot").trim() !== "",
    turnstileToken: read("turnstile").trim() || null,
  };
}

/** "example.org/me" means https://example.org/me; "javascript:…" keeps its scheme and fails. */
function normalizeUrl(url: string): string {
  if (url === "" || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `https://${url}`;
}

/** Empty or WordPress's "0" means a top-level reply; anything else must look like an id. */
function readParent(parent: string): string | null {
  if (parent === "" || parent === "0") return null;
  if (!REPLY_ID_PATTERN.test(parent)) throw new ReplyError("parent_not_found", { parent: "parent_not_found" });
  return parent;
}
