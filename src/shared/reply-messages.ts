/**
 * Every outcome of a reply, with its HTTP status and the sentence a reader sees.
 * The pipeline answers with these (src/replies/pipeline/respond.ts) and the build renders
 * them into the /replies/status/ pages and the form's data (src/site/model/reply-pages.ts),
 * so the no-JavaScript page and the inline message say the same thing.
 */
export const REPLY_MESSAGES = {
  // Accepted. The pipeline's JSON answer carries these too (with ok: true).
  approved: {
    status: 201,
    message: "Thank you. Your reply is accepted and will appear on the article after the next site update, usually within a few minutes.",
  },
  pending: {
    status: 201,
    message: "Thank you. Your reply is waiting for a moderator and will appear once it is approved.",
  },

  // The request itself.
  method_not_allowed: { status: 405, message: "Replies can only be sent with the reply form." },
  unsupported_media_type: { status: 415, message: "Replies can only be sent with the reply form." },
  body_too_large: { status: 413, message: "Your reply is too long to send. Please shorten it." },
  bad_request: { status: 400, message: "Your reply could not be read. Please try again from the article page." },
  origin_forbidden: { status: 403, message: "Replies can only be sent from this site's own pages." },

  // The article.
  article_required: { status: 400, message: "Please reply from an article's page." },
  article_not_found: { status: 404, message: "We could not find the article you are replying to." },
  replies_closed: { status: 403, message: "Replies to this article are closed." },

  // The fields (their errors name the field).
  author_required: { status: 400, message: "Please enter your name." },
  author_too_long: { status: 400, message: "Your name can be at most 245 characters." },
  author_invalid_characters: {
    status: 400,
    message: "Your name contains invisible control characters that cannot be published. Please type it again.",
  },
  email_required: { status: 400, message: "Please enter your email address. It is never shown." },
  email_too_long: { status: 400, message: "Your email address can be at most 100 characters." },
  email_invalid: { status: 400, message: "Please enter a valid email address, like name@example.com." },
  url_too_long: { status: 400, message: "Your website address can be at most 200 characters." },
  url_invalid: { status: 400, message: "Your website must be an address starting with http:// or https://." },
  comment_required: { status: 400, message: "Please write your reply." },
  comment_too_long: { status: 400, message: "Your reply can be at most 65,525 characters." },
  comment_invalid_characters: {
    status: 400,
    message:
      "Your reply contains invisible control characters (or U+FFFE/U+FFFF) that cannot be published. Please remove them, or paste the text as plain text.",
  },
  comment_invisible: { status: 400, message: "Your reply has no visible text. Please write something readers can see." },

  // The thread.
  parent_not_found: { status: 422, message: "The reply you are answering is not on this article any more." },
  parent_not_approved: { status: 422, message: "The reply you are answering is still waiting for a moderator." },
  parent_too_deep: { status: 422, message: "This thread is as deep as it can go. Please reply further up." },

  // Spam and flood rules.
  duplicate: { status: 409, message: "You have already sent this reply." },
  too_fast: { status: 429, message: "You are replying too quickly. Please wait a few seconds and send it again." },
  content_disallowed: { status: 422, message: "Your reply contains words this site does not accept." },
  captcha_failed: { status: 403, message: "We could not confirm you are a person. Please complete the check and send again." },

  // Ours.
  store_unavailable: {
    status: 503,
    message: "We could not save your reply just now. Your text is kept in the form: please send it again in a minute.",
  },
  server_error: {
    status: 500,
    message: "Something went wrong on our side. Your text is kept in the form: please send it again in a minute.",
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ReplyCode = keyof typeof REPLY_MESSAGES;
export type ReplyErrorCode = Exclude<ReplyCode, "approved" | "pending">;

/** The form's field names, as the HTML form and the JSON body send them. */
export const REPLY_FIELDS = {
  author: "author",
  email: "email",
  url: "url",
  comment: "comment",
  article: "article",
  parent: "parent",
  /** Hidden from people (CSS, tabindex=-1, autocomplete=off); bots fill it in. */
  honeypot: "website_confirm",
  turnstile: "cf-turnstile-response",
} as const;

export type ReplyField = keyof typeof REPLY_FIELDS;
