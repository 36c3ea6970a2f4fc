/**
 * Git plumbing for the local store: commits built in a temporary index and moved onto a branch
 * with a compare-and-swap, so replies land on any branch without the author's index or work
 * tree being read or rewritten. https://git-scm.com/book/en/v2/Git-Internals-Git-Objects
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FileChange } from "./branch-files.ts";
import type { GitIdentity } from "./git-commands.ts";

export const ZERO_OID = "0000000000000000000000000000000000000000";

export class GitFailedError extends Error {
  override readonly name = "GitFailedError";
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0]} failed (${exitCode}): ${stderr.trim().split("\n").at(-1) ?? ""}`);
  }
}

export interface GitRun {
  input?: string | Buffer;
  /** Extra environment, e.g. GIT_INDEX_FILE for a temporary index. */
  env?: Record<string, string>;
  identity?: GitIdentity | undefined;
}

/** Runs git without a shell; inherits PATH and HOME but never a GIT_DIR or index of a hook. */
export function git(repoDir: string, args: readonly string[], options: GitRun = {}): Promise<Buffer> {
  const { GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, GIT_TERMINAL_PROMPT: "0", ...options.env };
  if (options.identity) {
    const { name, email } = options.identity;
    Object.assign(env, { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email });
  }
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd: repoDir, env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitFailedError(args, code, Buffer.concat(err).toString("utf8")));
    });
    child.stdin.on("error", () => undefined); // git may exit before reading all of it
    child.stdin.end(options.input ?? "");
  });
}

export async function gitText(repoDir: string, args: readonly string[], options: GitRun = {}): Promise<string> {
  return (await git(repoDir, args, options)).toString("utf8").trim();
}

/** The commit a branch points at, or undefined when the branch does not exist. */
export async function resolveBranch(repoDir: string, branch: string): Promise<string | undefined> {
  try {
    return await gitText(repoDir, ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}^{commit}`]);
  } catch (error) {
    if (error instanceof GitFailedError && error.exitCode === 1) return undefined;
    throw error;
  }
}

/** A file's bytes in a commit, or undefined when the path is not there. One git process. */
export async function readPath(repoDir: string, commit: string, file: string): Promise<Buffer | undefined> {
  const output = await git(repoDir, ["cat-file", "--batch"], { input: `${commit}:${file}\n` });
  const header = output.subarray(0, output.indexOf(10)).toString("utf8");
  const match = /^[0-9a-f]{40,64} blob (\d+)$/.exec(header);
  if (!match) return undefined; // "<name> missing", or a folder at that path
  const start = output.indexOf(10) + 1;
  return output.subarray(start, start + Number(match[1]));
}

/** The names directly in a folder of a commit ([] when it is not there). */
export async function listFolder(repoDir: string, commit: string, dir: string): Promise<string[]> {
  try {
    const listing = await gitText(repoDir, ["ls-tree", "--name-only", "-z", `${commit}:${dir}`]);
    return listing.split("\0").filter((name) => name !== "");
  } catch (error) {
    if (error instanceof GitFailedError) return [];
    throw error;
  }
}

export async function writeBlob(repoDir: string, text: string): Promise<string> {
  return gitText(repoDir, ["hash-object", "-w", "--stdin"], { input: text });
}

/**
 * A commit of `changes` on top of `parent` (or a first commit), built in a temporary index so
 * the author's index is never read or locked. Undefined when the changes change nothing.
 */
export async function makeCommit(
  repoDir: string,
  parent: string | undefined,
  changes: readonly FileChange[],
  message: string,
  identity: GitIdentity | undefined,
): Promise<string | undefined> {
  const scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-index-"));
  const env = { GIT_INDEX_FILE: path.join(scratch, "index") };
  try {
    await git(repoDir, parent ? ["read-tree", parent] : ["read-tree", "--empty"], { env });
    const lines: string[] = [];
    for (const change of changes) {
      if (change.text === null) lines.push(`0 ${ZERO_OID}\t${change.path}`);
      else lines.push(`100644 ${await writeBlob(repoDir, change.text)}\t${change.path}`);
    }
    await git(repoDir, ["update-index", "--index-info"], { env, input: `${lines.join("\n")}\n` });
    const tree = await gitText(repoDir, ["write-tree"], { env });
    if (parent && tree === (await gitText(repoDir, ["rev-parse", `${parent}^{tree}`]))) return undefined;
    const args = ["-c", "commit.gpgsign=false", "commit-tree", tree, ...(parent ? ["-p", parent] : []), "-F", "-"];
    return await gitText(repoDir, args, { input: message, identity });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Moves the branch from `expected` (undefined: it must not exist yet) to `commit`, or returns false. */
export async function swapBranch(repoDir: string, branch: string, commit: string, expected: string | undefined): Promise<boolean> {
  try {
    await git(repoDir, ["update-ref", "-m", "broadsheet replies", `refs/heads/${branch}`, commit, expected ?? ZERO_OID]);
    return true;
  } catch (error) {
    if (error instanceof GitFailedError) return false;
    throw error;
  }
}

/** The branch checked out in the work tree, or undefined (detached HEAD). */
export async function currentBranch(repoDir: string): Promise<string | undefined> {
  try {
    return (await gitText(repoDir, ["symbolic-ref", "--quiet", "HEAD"])).replace(/^refs\/heads\//, "");
  } catch (error) {
    if (error instanceof GitFailedError && error.exitCode === 1) return undefined;
    throw error;
  }
}
