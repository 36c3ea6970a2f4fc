/**
 * The production store: the reply store (reply-branches.ts) over GitHub's REST API. Trusted
 * replies are committed to the published branch (GITHUB_BRANCH), held ones to the pending
 * branch (REPLY_PENDING_BRANCH), which Netlify never builds.
 */

import type { GitIdentity } from "./git-commands.ts";
import { createGitHubBranchFiles } from "./github-branch-files.ts";
import { createGitHubClient, type GitHubClientOptions } from "./github-client.ts";
import type { ModerationStore } from "./moderation-store.ts";
import { createReplyBranchesStore } from "./reply-branches.ts";
import { BOT_IDENTITY, DEFAULT_PENDING_BRANCH, type ReplyStore } from "./store.ts";

export interface GitHubStoreOptions extends GitHubClientOptions {
  /** "owner/name" */
  repo: string;
  /** The published branch, the one the site is built from. */
  branch: string;
  pendingBranch?: string;
  contentDir?: string;
  identity?: GitIdentity;
  /** Rounds of conflict → re-read → try again before giving up. */
  maxConflictRounds?: number;
}

export function createGitHubStore(options: GitHubStoreOptions): ReplyStore & ModerationStore {
  const { repo, branch, pendingBranch = DEFAULT_PENDING_BRANCH, contentDir = "content", identity = BOT_IDENTITY } = options;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new Error('GITHUB_REPO must look like "owner/name"');
  if (pendingBranch === branch) throw new Error(`The pending branch must not be the published branch (${branch})`);
  const files = createGitHubBranchFiles({
    request: createGitHubClient(options),
    repo,
    identity,
    ...(options.maxConflictRounds === undefined ? {} : { maxConflictRounds: options.maxConflictRounds }),
  });
  return createReplyBranchesStore({ files, published: branch, pending: pendingBranch, contentDir });
}
