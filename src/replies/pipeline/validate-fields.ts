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
// What XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets): one in a published reply
// would make its article's replies feed unparsable. Lone surrogates are checked apart.
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
// Nothing a reader would see: spaces, zero-width and other default-ignorable characters
// (U+200B, U+2060, U+FEFF, Hangul fillers, variation selectors, bidi controls…), braille blank.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\u2800]*$/u;

export function validateReplyFields(form: FormFields): ReplyInput {
  const read = (name: keyof typeof REPLY_FIELDS) => (form[REPLY_FIELDS[name]] ?? "").replace(CONTROL, "");
  const errors: FieldErrors = {};

  const author = read("author").replace(/\s+/g, " ").trim();
  if (!isPublishable(form[REPLY_FIELDS.author] ?? "")) errors.author = "author_invalid_characters";
  else if (author === "" || INVISIBLE_ONLY.test(author)) errors.author = "author_required";
  else if (author.length > REPLY_LIMITS.author) errors.author = "author_too_long";

  const email = read("email").trim();
  if (email === "") errors.email = "email_required";
  else if (email.length > REPLY_LIMITS.email) errors.email = "email_too_long";
  else if (!EMAIL.test(email)) errors.email = "email_invalid";

  const url = normalizeUrl(read("url").trim());
  if (url && url.length > REPLY_LIMITS.url) errors.url = "url_too_long";
  else if (url && !isHttpUrl(url)) errors.url = "url_invalid";

  const body = read("comment").replace(/\r\n?/g, "\n").trim();
  if (!isPublishable(form[REPLY_FIELDS.comment] ?? "")) errors.comment = "comment_invalid_characters";
  else if (body === "") errors.comment = "comment_required";
  else if (INVISIBLE_ONLY.test(body)) errors.comment = "comment_invisible";
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

/** Text that can go into the site's XML feeds as it is: tab, LF and CR are the only controls. */
function isPublishable(text: string): boolean {
  return !XML_FORBIDDEN.test(text) && !LONE_SURROGATE.test(text);
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
