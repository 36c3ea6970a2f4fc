/** Answers: JSON for scripts, a 303 to the status page for plain forms. Never echoes input. */

import { REPLY_FIELDS, REPLY_MESSAGES, type ReplyErrorCode } from "../../shared/reply-messages.ts";
import type { ReplyStatus } from "../../shared/reply-record.ts";
import { REPLY_STATUS_PAGE } from "../../shared/reply-routes.ts";
import type { ReplyError } from "./reply-error.ts";

const COMMON_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
} as const;

const EXTRA_HEADERS: Partial<Record<ReplyErrorCode, Record<string, string>>> = {
  method_not_allowed: { Allow: "POST" },
  too_fast: { "Retry-After": "15" },
  store_unavailable: { "Retry-After": "60" },
};

export interface Accepted {
  id: string;
  status: ReplyStatus;
  /** The article's page, from the manifest. */
  articleUrl: string;
}

export function respondAccepted({ id, status, articleUrl }: Accepted, wantsJson: boolean): Response {
  if (!wantsJson) return redirectTo(acceptedUrl(status, articleUrl));
  const { status: httpStatus, message } = REPLY_MESSAGES[status];
  return json(httpStatus, { ok: true, status, id, message });
}

/** articleKey only once it is known to be one of the manifest's keys. */
export function respondRejected(error: ReplyError, wantsJson: boolean, articleKey: string | undefined): Response {
  if (!wantsJson) return redirectTo(errorPageUrl(error.code, articleKey), EXTRA_HEADERS[error.code]);
  const fields = Object.entries(error.fields).map(([field, code]) => [
    REPLY_FIELDS[field as keyof typeof REPLY_FIELDS],
    REPLY_MESSAGES[code].message,
  ]);
  const body = { ok: false, code: error.code, message: error.message, ...(fields.length ? { fields: Object.fromEntries(fields) } : {}) };
  return json(error.status, body, EXTRA_HEADERS[error.code]);
}

/**
 * Without JavaScript the reader lands on a static page, which cannot read a query string:
 * so an accepted reply goes back to its article, whose #reply-pending / #reply-approved
 * notice shows by CSS :target, and an error goes to one page per code that says what to fix
 * (the browser's Back button returns to the form with the text still in it).
 */
export function acceptedUrl(status: ReplyStatus, articleUrl: string): string {
  return `${articleUrl}#reply-${status}`;
}

/** articleKey rides along for the page's script, only once it is known to be the manifest's. */
export function errorPageUrl(code: string, articleKey: string | undefined): string {
  return `${REPLY_STATUS_PAGE}${code}/${articleKey ? `?${new URLSearchParams({ article: articleKey })}` : ""}`;
}

function redirectTo(location: string, extra: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { ...COMMON_HEADERS, ...extra, Location: location } });
}

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...COMMON_HEADERS, ...extra, "Content-Type": "application/json; charset=utf-8" },
  });
}
