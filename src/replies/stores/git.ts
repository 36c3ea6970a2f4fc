/**
 * The embedded default store: replies in a local git repository (REPLY_REPO_DIR). Trusted
 * replies are committed to the checked-out branch (and appear in the work tree for the dev
 * server); held ones to the pending branch, by plumbing, leaving the author's work alone.
 */

import { createGitBranchFiles } from "./git-branch-files.ts";
import type { GitIdentity } from "./git-commands.ts";
import { currentBranch } from "./git-plumbing.ts";
import type { ModerationStore } from "./moderation-store.ts";
import { createReplyBranchesStore } from "./reply-branches.ts";
import { BOT_IDENTITY, DEFAULT_PENDING_BRANCH, type ReplyStore, StoreUnavailableError } from "./store.ts";

export interface GitStoreOptions {
  /** Root of the repository (its working tree). */
  repoDir: string;
  /** Content folder relative to repoDir, "content" by default. */
  contentDir?: string;
  /** Undefined in options: the bot. Pass null for git's configured user (a moderator). */
  identity?: GitIdentity | null;
  /** The published branch; by default the one checked out when a reply arrives. */
  publishedBranch?: string;
  pendingBranch?: string;
}

export function createGitStore(options: GitStoreOptions): ReplyStore & ModerationStore {
  const { repoDir, contentDir = "content", identity = BOT_IDENTITY, pendingBranch = DEFAULT_PENDING_BRANCH } = options;
  return createReplyBranchesStore({
    files: createGitBranchFiles({ repoDir, identity: identity ?? undefined }),
    published: options.publishedBranch ?? (() => findCheckedOutBranch(repoDir, pendingBranch)),
    pending: pendingBranch,
    contentDir,
  });
}

async function findCheckedOutBranch(repoDir: string, pendingBranch: string): Promise<string> {
  const branch = await currentBranch(repoDir);
  if (branch === undefined)
    throw new StoreUnavailableError(`${repoDir} has no branch checked out (detached HEAD): replies need one to land on`);
  if (branch === pendingBranch)
    throw new StoreUnavailableError(`${pendingBranch} is checked out in ${repoDir}: check out the site's branch to take replies`);
  return branch;
}
