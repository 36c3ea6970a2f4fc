/**
 * BranchFiles on a local repository. Every commit is made with plumbing (git-plumbing.ts) and
 * lands by compare-and-swap, retried when someone else moved the branch. Only when the branch
 * is the one checked out (a trusted reply or an approval on the author's branch) is the new file
 * also put in the work tree (by rename, so no reader sees half of it) and in the index, before
 * the swap: an author committing in between then commits the reply rather than deleting it.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BranchFiles, FileChange } from "./branch-files.ts";
import type { GitIdentity } from "./git-commands.ts";
import { GitFailedError, currentBranch, git, listFolder, makeCommit, readPath, resolveBranch, swapBranch, writeBlob } from "./git-plumbing.ts";
import { StoreUnavailableError, createSerialQueue } from "./store.ts";

export interface GitBranchFilesOptions {
  repoDir: string;
  /** Undefined: git's configured user (a moderator's own decision). */
  identity?: GitIdentity | undefined;
}

const SWAP_ATTEMPTS = 8;
const INDEX_ATTEMPTS = 8;

export function createGitBranchFiles(options: GitBranchFilesOptions): BranchFiles {
  const { repoDir, identity } = options;
  const serialize = createSerialQueue();

  const readAt = async (commit: string | undefined, file: string) => {
    if (commit === undefined) return undefined;
    return (await readPath(repoDir, commit, file))?.toString("utf8");
  };

  /** Commits the changes onto the branch; `check` may stop first, seeing the branch's head. */
  const land = async <T>(branch: string, changes: readonly FileChange[], message: string, check: (head: string | undefined) => Promise<T | undefined>, done: T): Promise<T> => {
    for (let attempt = 1; attempt <= SWAP_ATTEMPTS; attempt += 1) {
      const head = await resolveBranch(repoDir, branch);
      const early = await check(head);
      if (early !== undefined) return early;
      const commit = await makeCommit(repoDir, head, changes, message, identity);
      if (commit === undefined) return done;
      const checkedOut = (await currentBranch(repoDir)) === branch;
      if (checkedOut) {
        try {
          await applyToWorkTree(repoDir, changes);
        } catch (error) {
          await undoInWorkTree(repoDir, changes, head).catch(() => undefined);
          throw error;
        }
      }
      if (await swapBranch(repoDir, branch, commit, head)) return done;
      if (checkedOut) await undoInWorkTree(repoDir, changes, head);
    }
    throw new StoreUnavailableError(`The branch ${branch} kept moving while a reply was committed`);
  };

  return {
    async read(branch, file) {
      return readAt(await resolveBranch(repoDir, branch), file);
    },

    create(branch, file, text, message) {
      return serialize(() =>
        guard(() =>
          land(branch, [{ path: file, text }], message, async (head) => {
            const existing = await readAt(head, file);
            if (existing === undefined) return undefined;
            return existing === text ? ("created" as const) : ("exists" as const);
          }, "created" as const),
        ),
      );
    },

    commit(branch, changes, message) {
      return serialize(() => guard(() => land(branch, changes, message, async () => undefined, undefined as void)));
    },

    async listNames(branch, dir) {
      const head = await resolveBranch(repoDir, branch);
      return head === undefined ? [] : listFolder(repoDir, head, dir);
    },
  };
}

/** A failing git (a lock, a full disk) means "send it again", not a crash. */
async function guard<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    if (error instanceof GitFailedError) throw new StoreUnavailableError("git could not commit a reply", { cause: error });
    throw error;
  }
}

async function applyToWorkTree(repoDir: string, changes: readonly FileChange[]): Promise<void> {
  for (const change of changes) {
    const absolute = path.join(repoDir, change.path);
    if (change.text === null) {
      await updateIndex(repoDir, ["--force-remove", "--", change.path]);
      await rm(absolute, { force: true });
      continue;
    }
    // Index first: if the author's git holds its lock for too long, nothing was written yet.
    const blob = await writeBlob(repoDir, change.text);
    await updateIndex(repoDir, ["--add", "--cacheinfo", `100644,${blob},${change.path}`]);
    await writeByRename(absolute, change.text);
  }
}

/** The swap lost: put the author's index and work tree back as the branch's head has them. */
async function undoInWorkTree(repoDir: string, changes: readonly FileChange[], head: string | undefined): Promise<void> {
  for (const change of changes) {
    const before = head === undefined ? undefined : await readPath(repoDir, head, change.path);
    if (before === undefined) {
      await updateIndex(repoDir, ["--force-remove", "--", change.path]);
      await rm(path.join(repoDir, change.path), { force: true });
    } else {
      await writeByRename(path.join(repoDir, change.path), before.toString("utf8"));
      const blob = await writeBlob(repoDir, before.toString("utf8"));
      await updateIndex(repoDir, ["--add", "--cacheinfo", `100644,${blob},${change.path}`]);
    }
  }
}

/** The author's own git may hold index.lock for a moment: wait for it, briefly. */
async function updateIndex(repoDir: string, args: string[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await git(repoDir, ["update-index", ...args]);
      return;
    } catch (error) {
      if (!(error instanceof GitFailedError) || attempt >= INDEX_ATTEMPTS || !error.stderr.includes("index.lock")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}

/** Written beside, then renamed: a dev rebuild reading the folder sees the whole file or none. */
export async function writeByRename(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
