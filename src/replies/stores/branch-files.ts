/**
 * What both reply stores need from a repository: files on named branches, read one path at a
 * time and written one commit at a time. The local store implements it with git plumbing, the
 * production store with GitHub's REST API; the reply logic (reply-branches.ts) is written once
 * on top, so both behave alike and are tested alike.
 */

/** One time budget for a whole reply, not one per request (a Netlify function has ~10 s). */
export interface Budget {
  /** Epoch milliseconds after which no new attempt is started. */
  deadline: number;
}

/** A file to add or replace (text) or delete (null), relative to the repository root. */
export interface FileChange {
  path: string;
  text: string | null;
}

export type CreateResult = "created" | "exists";

export interface BranchFiles {
  /** The file's text on that branch, or undefined when the path (or the branch) is not there. */
  read(branch: string, path: string, budget?: Budget): Promise<string | undefined>;
  /**
   * Commits one new file, never overwriting: "exists" when the path is already there (whatever
   * its text). Creates the branch (without history) if it does not exist yet. An attempt whose
   * answer was lost is detected by reading the path back.
   */
  create(branch: string, path: string, text: string, message: string, budget?: Budget): Promise<CreateResult>;
  /**
   * Optional, where one commit of several new files costs no more than one (local git): all
   * created together, or "exists" with nothing written when any path is there with other text.
   */
  createMany?(branch: string, files: readonly { path: string; text: string }[], message: string): Promise<CreateResult>;
  /** Several changes in one commit on one branch (moderation). Nothing to change: no commit. */
  commit(branch: string, changes: readonly FileChange[], message: string): Promise<void>;
  /**
   * For each folder directly in `dir` on a branch whose name `wanted` accepts, the names of the
   * entries directly in it (empty when the branch or the folder is not there). One listing of
   * `dir` and one per folder: the moderation page's cost, with a folder per article.
   */
  listFolders(branch: string, dir: string, wanted: (name: string) => boolean): Promise<Map<string, string[]>>;
}

/** Requests or git processes a store has in flight at once when it reads many files. */
export const READS_AT_ONCE = 8;

export function startBudget(nowMs: number, totalMs: number): Budget {
  return { deadline: nowMs + totalMs };
}

/** The time left, never negative. */
export function remainingMs(budget: Budget | undefined, nowMs: number): number {
  return budget === undefined ? Number.POSITIVE_INFINITY : Math.max(0, budget.deadline - nowMs);
}
