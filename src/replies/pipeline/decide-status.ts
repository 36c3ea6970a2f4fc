/**
 * WordPress's order: any moderation reason holds the reply; otherwise someone with an
 * approved reply already is trusted, and a first-time replier waits for a moderator.
 */
import type { ReplyStatus } from "../../shared/reply-record.ts";
import type { ModerationReason } from "./spam-rules.ts";

export function decideStatus(reasons: readonly ModerationReason[], hasApprovedBefore: boolean): ReplyStatus {
  if (reasons.length > 0) return "pending";
  return hasApprovedBefore ? "approved" : "pending";
}
