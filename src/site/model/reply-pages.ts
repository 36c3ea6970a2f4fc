/** What the reply form and the no-JavaScript status pages show, from the pipeline's own messages. */
import { REPLY_FIELDS, REPLY_MESSAGES } from "../../shared/reply-messages.ts";
import { REPLY_LIMITS } from "../../shared/reply-record.ts";
import { MAX_THREAD_DEPTH, REPLY_ENDPOINT, REPLY_STATUS_PAGE } from "../../shared/reply-routes.ts";

export interface ReplyStatusPage {
  code: string;
  url: string;
  message: string;
  /** 5xx: our fault, worth trying again as it is. */
  retry: boolean;
}

export function listReplyStatusPages(): ReplyStatusPage[] {
  return Object.entries(REPLY_MESSAGES)
    .filter(([code]) => code !== "approved" && code !== "pending")
    .map(([code, { status, message }]) => ({ code, url: `${REPLY_STATUS_PAGE}${code}/`, message, retry: status >= 500 || status === 429 }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
}

export const REPLY_FORM = {
  fields: REPLY_FIELDS,
  limits: REPLY_LIMITS,
  endpoint: REPLY_ENDPOINT,
  /** Replies at this depth take no replies of their own. */
  maxDepth: MAX_THREAD_DEPTH,
  accepted: { approved: REPLY_MESSAGES.approved.message, pending: REPLY_MESSAGES.pending.message },
} as const;
