/**
 * BranchFiles on a local repository. Every commit is made with plumbing (git-plumbing.ts) and
 * lands by compare-and-swap, retried when someone else moved the branch. Only when the branch
 * is the one checked out (a trusted reply or an approval on the author's branch) is the new file
 * also put in the work tree (by rename, so no reader sees half of it) and in the index, before
 * the swap: an author committing in between then commits the reply rather than deleting it.
 */
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { writeByRename } from "../../shared/write-by-rename.ts";
import type { BranchFiles, FileChange } from "./branch-files.ts";
import type { GitIdentity } from "./git-commands.ts";
import {
  commitChanges,
  GitFailedError,
  git,
  gitText,
  listFolder,
  readBranchFiles,
  readConfiguredIdentity,
  resolveBranch,
  writeBlob,
} from "./git-plumbing.ts";
import { BOT_IDENTITY, createSerialQueue, StoreUnavailableError } from "./store.ts";

export interface GitBranchFilesOptions {
  repoDir: string;
  /** Undefined: git's configured user (a moderator's own decision), else the bot. */
  identity?: GitIdentity | undefined;
}

const SWAP_ATTEMPTS = 8;
const INDEX_ATTEMPTS = 8;

export function createGitBranchFiles(options: GitBranchFilesOptions): BranchFiles {
  const { repoDir } = options;
  const serialize = createSerialQueue();
  let gitDir: Promise<string> | undefined;
  let identity: Promise<GitIdentity> | undefined;

  /** Read from HEAD's file rather than by a git process: this is asked for every commit. */
  const findGitDir = () => {
    gitDir ??= gitText(repoDir, ["rev-parse", "--absolute-git-dir"]);
    return gitDir;
  };
  const checkedOutBranch = async () => {
    const head = (await readFile(path.join(await findGitDir(), "HEAD"), "utf8")).trim();
    return head.startsWith("ref: refs/heads/") ? head.slice("ref: refs/heads/".length) : undefined;
  };

  /**
   * Commits the changes onto the branch. `check` sees the current texts of the changed paths
   * and may stop first; changes that change nothing are left out, and none at all is no commit.
   */
  const land = async <T>(
    branch: string,
    changes: readonly FileChange[],
    message: string,
    check: (texts: (string | undefined)[]) => T | undefined,
    done: T,
  ): Promise<T> => {
    identity ??= options.identity ? Promise.resolve(options.identity) : readConfiguredIdentity(repoDir).then((own) => own ?? BOT_IDENTITY);
    for (let attempt = 1; attempt <= SWAP_ATTEMPTS; attempt += 1) {
      const { head, texts } = await readBranchFiles(
        repoDir,
        branch,
        changes.map((change) => change.path),
      );
      const early = check(texts);
      if (early !== undefined) return early;
      const effective = changes.filter((change, i) => change.text !== (texts[i] ?? null));
      if (effective.length === 0) return done;
      const before = effective.map((change) => texts[changes.indexOf(change)]);
      const checkedOut = (await checkedOutBranch()) === branch;
      if (checkedOut) {
        try {
          await applyToWorkTree(repoDir, effective, await findGitDir());
        } catch (error) {
          await undoInWorkTree(repoDir, effective, before, await findGitDir()).catch(() => undefined);
          throw error;
        }
      }
      if (await commitChanges(repoDir, branch, head, effective, message, await identity)) return done;
      if (checkedOut) await undoInWorkTree(repoDir, effective, before, await findGitDir());
    }
    throw new StoreUnavailableError(`The branch ${branch} kept moving while a reply was committed`);
  };

  return {
    async read(branch, file) {
      return (await readBranchFiles(repoDir, branch, [file])).texts[0];
    },

    create(branch, file, text, message) {
      return serialize(() =>
        guard(() =>
          land(
            branch,
            [{ path: file, text }],
            message,
            ([existing]) => {
              if (existing === undefined) return undefined;
              return existing === text ? ("created" as const) : ("exists" as const);
            },
            "created" as const,
          ),
        ),
      );
    },

    createMany(branch, newFiles, message) {
      return serialize(() =>
        guard(() =>
          land(
            branch,
            newFiles,
            message,
            (texts) => {
              if (texts.every((existing) => existing === undefined)) return undefined;
              return texts.every((existing, i) => existing === newFiles[i]!.text) ? ("created" as const) : ("exists" as const);
            },
            "created" as const,
          ),
        ),
      );
    },

    commit(branch, changes, message) {
      return serialize(async () => {
        await guard(() => land(branch, changes, message, () => undefined, "committed" as const));
      });
    },

    async listFolders(branch, dir, wanted) {
      const folders = new Map<string, string[]>();
      const head = await resolveBranch(repoDir, branch);
      if (head === undefined) return folders;
      for (const name of (await listFolder(repoDir, head, dir)).filter(wanted)) {
        folders.set(name, await listFolder(repoDir, head, `${dir}/${name}`));
      }
      return folders;
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

async function applyToWorkTree(repoDir: string, changes: readonly FileChange[], scratchDir: string): Promise<void> {
  // Index first, in one update: if the author's git holds its lock too long, nothing was written.
  const lines: string[] = [];
  for (const change of changes) {
    lines.push(
      change.text === null ? `0 ${"0".repeat(40)}\t${change.path}` : `100644 ${await writeBlob(repoDir, change.text)}\t${change.path}`,
    );
  }
  await updateIndex(repoDir, ["--index-info"], `${lines.join("\n")}\n`);
  // Then every file at once, each by rename from outside the content folder: the dev server
  // sees one change and rebuilds once, never a half-written or temporary file.
  for (const change of changes) {
    const absolute = path.join(repoDir, change.path);
    if (change.text === null) await rm(absolute, { force: true });
    else await writeByRename(absolute, change.text, scratchDir);
  }
}

/** The swap lost (or staging failed): put the author's index and work tree back as the branch has them. */
async function undoInWorkTree(
  repoDir: string,
  changes: readonly FileChange[],
  before: readonly (string | undefined)[],
  scratchDir: string,
): Promise<void> {
  await applyToWorkTree(
    repoDir,
    changes.map((change, i) => ({ path: change.path, text: before[i] ?? null })),
    scratchDir,
  );
}

/** The author's own git may hold index.lock for a moment: wait for it, briefly. */
async function updateIndex(repoDir: string, args: string[], input?: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await git(repoDir, ["update-index", ...args], input === undefined ? {} : { input });
      return;
    } catch (error) {
      if (!(error instanceof GitFailedError) || attempt >= INDEX_ATTEMPTS || !error.stderr.includes("index.lock")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt));
    }
  }
}
