/** A real git repository in a temporary folder, with one commit, for the git store's tests. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runGit } from "../../../src/replies/stores/git-commands.ts";

const PERSON = { name: "Test Person", email: "person@example.test" };

export async function createTempRepo(): Promise<{ dir: string; git: (...args: string[]) => Promise<string>; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-replies-"));
  const git = (...args: string[]) => runGit(dir, args, PERSON);
  await git("init", "--quiet", "--initial-branch=main");
  await writeFile(path.join(dir, "README.md"), "# fixture\n");
  await git("add", "README.md");
  await git("-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "Initial commit");
  return { dir, git, remove: () => rm(dir, { recursive: true, force: true }) };
}
