/** The few git commands the local store and the moderation CLI run, without a shell. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * The child inherits the environment (PATH, HOME) but never a GIT_DIR or GIT_INDEX_FILE that
 * would point it at another repository, e.g. when this runs inside a git hook.
 */
function gitEnvironment(identity?: GitIdentity): NodeJS.ProcessEnv {
  const { GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = { ...inherited, GIT_TERMINAL_PROMPT: "0" };
  if (identity) {
    Object.assign(env, {
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
    });
  }
  return env;
}

export async function runGit(repoDir: string, args: string[], identity?: GitIdentity): Promise<string> {
  const { stdout } = await run("git", args, {
    cwd: repoDir,
    env: gitEnvironment(identity),
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/**
 * Commits exactly these paths (added, changed or deleted), whatever else the user has staged:
 * `git commit --only` builds the commit from HEAD plus these paths and leaves the rest of the
 * index alone. Hooks are skipped (--no-verify) because a bot commit of one data file should not
 * run a developer's pre-commit test suite; signing is off because nobody is there to unlock a key.
 */
export async function commitOnly(repoDir: string, paths: string[], message: string, identity?: GitIdentity): Promise<void> {
  await runGit(repoDir, ["add", "--", ...paths]);
  await runGit(
    repoDir,
    ["-c", "commit.gpgsign=false", "commit", "--quiet", "--no-verify", "--only", "-m", message, "--", ...paths],
    identity,
  );
}

/** The root of the git repository holding `dir`, or undefined when it is in none. */
export async function findRepositoryRoot(dir: string): Promise<string | undefined> {
  try {
    return (await runGit(dir, ["rev-parse", "--show-toplevel"])).trim();
  } catch {
    return undefined;
  }
}
