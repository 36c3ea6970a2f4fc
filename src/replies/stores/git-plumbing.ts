/**
 * Git plumbing for the local store: commits written straight into the object database and
 * moved onto a branch with a compare-and-swap, so replies land on any branch without the
 * author's index or work tree being read or rewritten. Two git processes per commit (one read,
 * one fast-import), since a reply's latency on `npm start` is mostly process start-up.
 */
import { spawn } from "node:child_process";
import type { FileChange } from "./branch-files.ts";
import type { GitIdentity } from "./git-commands.ts";

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

/** What `git cat-file --batch` answered for each name: the object's sha and bytes, or undefined. */
export async function readObjects(
  repoDir: string,
  names: readonly string[],
): Promise<({ sha: string; type: string; bytes: Buffer } | undefined)[]> {
  const output = await git(repoDir, ["cat-file", "--batch"], { input: `${names.join("\n")}\n` });
  const answers: ({ sha: string; type: string; bytes: Buffer } | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < names.length; i += 1) {
    const end = output.indexOf(10, at);
    const header = output.subarray(at, end).toString("utf8");
    const match = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(header);
    if (!match) {
      answers.push(undefined); // "<name> missing" (or ambiguous)
      at = end + 1;
      continue;
    }
    const size = Number(match[3]);
    answers.push({ sha: match[1]!, type: match[2]!, bytes: output.subarray(end + 1, end + 1 + size) });
    at = end + 1 + size + 1;
  }
  return answers;
}

/**
 * A branch's head and the text of some paths there, in one git process (undefined: the branch
 * or the path is not there).
 */
export async function readBranchFiles(
  repoDir: string,
  branch: string,
  files: readonly string[],
): Promise<{ head: string | undefined; texts: (string | undefined)[] }> {
  const ref = `refs/heads/${branch}`;
  const [commit, ...blobs] = await readObjects(repoDir, [ref, ...files.map((file) => `${ref}:${file}`)]);
  if (commit?.type !== "commit") return { head: undefined, texts: files.map(() => undefined) };
  return { head: commit.sha, texts: blobs.map((blob) => (blob?.type === "blob" ? blob.bytes.toString("utf8") : undefined)) };
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
 * One commit of `changes` on top of `parent` (undefined: the branch's first commit), written by
 * `git fast-import` in one process: no index, no work tree. fast-import moves the branch only
 * if the new commit contains the branch's tip at that moment, so when someone else moved it
 * since we read `parent`, nothing changes and this returns false: a compare-and-swap.
 * https://git-scm.com/docs/git-fast-import
 */
export async function commitChanges(
  repoDir: string,
  branch: string,
  parent: string | undefined,
  changes: readonly FileChange[],
  message: string,
  identity: GitIdentity,
): Promise<boolean> {
  const parts: Buffer[] = [];
  const line = (text: string) => parts.push(Buffer.from(`${text}\n`));
  const data = (text: string) => {
    const bytes = Buffer.from(text);
    line(`data ${bytes.length}`);
    parts.push(bytes, Buffer.from("\n"));
  };
  line(`commit refs/heads/${branch}`);
  line(`committer ${identity.name.replace(/[<>\n]/g, "")} <${identity.email.replace(/[<>\n]/g, "")}> now`);
  data(message);
  if (parent) line(`from ${parent}`);
  for (const change of changes) {
    const file = change.path.replace(/"/g, "");
    if (change.text === null) line(`D "${file}"`);
    else {
      line(`M 100644 inline "${file}"`);
      data(change.text);
    }
  }
  line("done");
  try {
    await git(repoDir, ["fast-import", "--quiet", "--date-format=now", "--done"], { input: Buffer.concat(parts) });
    return true;
  } catch (error) {
    if (error instanceof GitFailedError && /Not updating refs\//.test(error.stderr)) return false;
    throw error;
  }
}

/** git's own user (a moderator deciding), or undefined when none is configured. */
export async function readConfiguredIdentity(repoDir: string): Promise<GitIdentity | undefined> {
  const read = (key: string) => gitText(repoDir, ["config", key]).catch(() => "");
  const [name, email] = await Promise.all([read("user.name"), read("user.email")]);
  return name && email ? { name, email } : undefined;
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
