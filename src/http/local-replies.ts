/**
 * Where the local servers (`npm start`, `npm run preview`) commit the replies posted to them:
 * the git repository that holds the content folder (or REPLY_REPO_DIR), said out loud at
 * start, since a test reply becomes a real commit there. Without a repository, the site still
 * serves and only posting a reply says what is missing.
 */

import type { ReplyHandler } from "../replies/pipeline/handle-reply.ts";
import { prefersJson } from "../replies/pipeline/read-request.ts";
import { ReplyError } from "../replies/pipeline/reply-error.ts";
import { respondRejected } from "../replies/pipeline/respond.ts";
import { findRepositoryRoot } from "../replies/stores/git-commands.ts";

export async function findReplyRepository(contentDir: string, override: string | undefined): Promise<string | undefined> {
  return override ?? (await findRepositoryRoot(contentDir));
}

export function describeReplyRepository(repoDir: string | undefined, contentDir: string): string {
  return repoDir
    ? `Replies posted here are committed to the git repository at ${repoDir} (set REPLY_REPO_DIR to use another).`
    : `Replies are off: ${contentDir} is not in a git repository (git init there, or set REPLY_REPO_DIR).`;
}

/** What posting a reply answers when there is no repository to commit it to. */
export function answerRepliesOff(): ReplyHandler {
  return async (request) => respondRejected(new ReplyError("store_unavailable"), prefersJson(request), undefined);
}
