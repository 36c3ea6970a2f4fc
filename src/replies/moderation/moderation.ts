/**
 * What `npm run replies` does in a checkout: list the replies waiting on the pending branch,
 * approve or reject them by id, through the same ModerationStore the signed links use. Each
 * approval is one commit on the checked-out (published) branch, made with plumbing, which also
 * puts the file in the work tree; push to publish.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { ARTICLE_KEY_PATTERN, type ReplyRecord } from "../../shared/reply-record.ts";
import { REPLIES_DIR } from "../../shared/reply-routes.ts";
import { createGitStore } from "../stores/git.ts";
import { runGit } from "../stores/git-commands.ts";
import type { ModerationStore } from "../stores/moderation-store.ts";

export interface ModerationRepo {
  repoDir: string;
  /** Relative to repoDir. */
  contentDir: string;
  /** The branch held replies wait on; replies/pending by default. */
  pendingBranch?: string | undefined;
}

export class UnknownReplyError extends Error {
  override readonly name = "UnknownReplyError";
  constructor(readonly ids: string[]) {
    super(`No reply with id ${ids.join(", ")} (ids are the file names in content/replies/<article>/, without .json)`);
  }
}

/** The moderator's own git identity when they have one (it is their decision), else the bot's. */
async function openStore(repo: ModerationRepo): Promise<ModerationStore> {
  const configured = await runGit(repo.repoDir, ["config", "user.email"]).then(
    (email) => email.trim() !== "",
    () => false,
  );
  return createGitStore({
    repoDir: repo.repoDir,
    contentDir: repo.contentDir,
    ...(configured ? { identity: null } : {}),
    ...(repo.pendingBranch ? { pendingBranch: repo.pendingBranch } : {}),
  });
}

export async function listPendingReplies(repo: ModerationRepo): Promise<ReplyRecord[]> {
  return (await openStore(repo)).listPending();
}

/** Publishes each waiting reply (one commit each); returns the ids that changed. */
export async function approveReplies(repo: ModerationRepo, ids: readonly string[]): Promise<string[]> {
  const store = await openStore(repo);
  const found = await locateReplies(repo, store, ids);
  const changed: string[] = [];
  for (const { article, id } of found) if ((await store.approve(article, id)) === "approved") changed.push(id);
  return changed;
}

/** Removes each reply: from the pending branch, or from the published one going forward. */
export async function rejectReplies(repo: ModerationRepo, ids: readonly string[]): Promise<string[]> {
  const store = await openStore(repo);
  const found = await locateReplies(repo, store, ids);
  const changed: string[] = [];
  for (const { article, id } of found) if ((await store.reject(article, id)) === "rejected") changed.push(id);
  return changed;
}

/**
 * The article of each id: waiting ones from the pending branch, published ones from the
 * checkout. Every id must be found before anything changes, so a typo leaves git untouched.
 */
async function locateReplies(repo: ModerationRepo, store: ModerationStore, ids: readonly string[]) {
  const articleOf = new Map((await store.listPending()).map((record) => [record.id, record.article]));
  const wanted = [...new Set(ids)];
  const missing = wanted.filter((id) => !articleOf.has(id));
  if (missing.length > 0) {
    const root = path.join(repo.repoDir, repo.contentDir, REPLIES_DIR);
    const articles = (await readdir(root).catch(() => [] as string[])).filter((name) => ARTICLE_KEY_PATTERN.test(name));
    for (const article of articles) {
      const names = new Set(await readdir(path.join(root, article)).catch(() => [] as string[]));
      for (const id of missing) if (names.has(`${id}.json`)) articleOf.set(id, article);
    }
  }
  const unknown = wanted.filter((id) => !articleOf.has(id));
  if (unknown.length > 0) throw new UnknownReplyError(unknown);
  return wanted.map((id) => ({ id, article: articleOf.get(id)! }));
}
