/**
 * Held comments go where the reply function puts held replies: on the pending branch, never
 * the published one (docs/replies.md), so an imported spam-queue comment leaves no text in
 * the published history and triggers no build. One commit for the whole import, written with
 * the local store's plumbing: the author's work tree and index are untouched.
 */
import path from "node:path";
import { createGitBranchFiles } from "../replies/stores/git-branch-files.ts";
import { BOT_IDENTITY } from "../replies/stores/store.ts";
import { replyPath, serializeReplyRecord } from "../shared/reply-record.ts";
import type { ReplySink } from "./reply-sink.ts";

export interface PendingBranchSinkOptions {
  /** The repository that holds the content folder. */
  repoDir: string;
  /** Absolute path of the content folder. */
  contentDir: string;
  pendingBranch: string;
}

export function createPendingBranchSink({ repoDir, contentDir, pendingBranch }: PendingBranchSinkOptions): ReplySink {
  const files = createGitBranchFiles({ repoDir, identity: BOT_IDENTITY });
  const contentInRepo = path.relative(repoDir, contentDir).split(path.sep).join("/") || ".";
  return {
    async storePending(records) {
      if (records.length === 0) return;
      const texts = records.map((record) => ({
        path: path.posix.normalize(replyPath(record.article, record.id, contentInRepo)),
        text: serializeReplyRecord(record),
      }));
      // "exists" with the same texts is a re-run of the same import: nothing to do.
      const result = await files.createMany!(pendingBranch, texts, `Import ${records.length} held WordPress comments`);
      if (result === "exists") {
        throw new Error(
          `Held comments: some are already on ${pendingBranch} with other text; nothing was written there. Moderate or remove those first.`,
        );
      }
    },
  };
}
