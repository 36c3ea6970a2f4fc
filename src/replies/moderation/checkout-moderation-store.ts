/**
 * The ModerationStore contract over the moderation commands of a checkout (moderation.ts),
 * so signed links work with the local git store today. Stores that keep pending replies off
 * the published branch implement the same interface themselves.
 */

import { createSerialQueue } from "../stores/store.ts";
import { approveReplies, listPendingReplies, type ModerationRepo, rejectReplies, UnknownReplyError } from "./moderation.ts";
import type { ModerationStore } from "./moderation-store.ts";

export function createCheckoutModerationStore(repo: ModerationRepo): ModerationStore {
  // One git commit at a time: two moderators' clicks must not interleave in one index.
  const serial = createSerialQueue();
  const isPending = async (article: string, id: string) =>
    (await listPendingReplies(repo)).some((record) => record.id === id && record.article === article);
  return {
    listPending: () => serial(() => listPendingReplies(repo)),
    approve: (article, id) =>
      serial(async () => {
        if (await isPending(article, id)) return (await approveReplies(repo, [id])).length > 0 ? "approved" : "already";
        return (await exists(repo, id)) ? "already" : "missing";
      }),
    reject: (article, id) =>
      serial(async () => {
        if (await isPending(article, id)) return (await rejectReplies(repo, [id])).length > 0 ? "rejected" : "already";
        // A published reply is not taken down by a stale link from its notice: that is the CLI's job.
        return (await exists(repo, id)) ? "already" : "missing";
      }),
  };
}

/** Approving an approved reply changes nothing, so it doubles as "is it there?". */
async function exists(repo: ModerationRepo, id: string): Promise<boolean> {
  try {
    await approveReplies(repo, [id]);
    return true;
  } catch (error) {
    if (error instanceof UnknownReplyError) return false;
    throw error;
  }
}
