/**
 * What moderation needs from a store, whichever it is (local git or GitHub): the signed links,
 * the moderation page and `npm run replies` all go through this one interface.
 */
import type { ReplyRecord } from "../../shared/reply-record.ts";

export interface ModerationStore {
  /** Every reply waiting on the pending branch, oldest first. */
  listPending(): Promise<ReplyRecord[]>;
  /**
   * Publishes a waiting reply in one commit on the published branch (with its reader's trusted
   * file), then removes it from the pending branch. "already": it is published already.
   */
  approve(article: string, id: string): Promise<"approved" | "already" | "missing">;
  /**
   * Removes a reply: from the pending branch (it never reached the published one), or from the
   * published branch going forward when it had been approved. "already": it is nowhere.
   */
  reject(article: string, id: string): Promise<"rejected" | "already" | "missing">;
}

/** What approving or rejecting answered: the moderation pages say which. */
export type ModerationOutcome = Awaited<ReturnType<ModerationStore["approve"]>> | Awaited<ReturnType<ModerationStore["reject"]>>;
