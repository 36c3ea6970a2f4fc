/**
 * The smallest site a reply can land on: one open article in a content folder of a fresh git
 * repository, committed by an editor, as the dev server and the preview expect to find it.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runGit } from "../../src/replies/stores/git-commands.ts";
import { article, FIXTURE_SITE } from "./build-site.ts";

export interface StoryRepo {
  repoDir: string;
  contentDir: string;
  git: (...args: string[]) => Promise<string>;
}

/** /articles/open-story/, open for replies, in <tmp>/<prefix>…/content. */
export async function createStoryRepo(prefix: string): Promise<StoryRepo> {
  const repoDir = await mkdtemp(path.join(tmpdir(), prefix));
  const contentDir = path.join(repoDir, "content");
  await mkdir(path.join(contentDir, "articles"), { recursive: true });
  await writeFile(path.join(contentDir, "site.json"), JSON.stringify(FIXTURE_SITE));
  await writeFile(
    path.join(contentDir, "articles", "2024-03-01-open-story.md"),
    article({ title: "Open story", date: "2024-03-01" }, "The story."),
  );
  const git = (...args: string[]) => runGit(repoDir, args, { name: "Editor", email: "editor@newsroom.test" });
  await git("init", "--quiet", "--initial-branch=main");
  await git("add", "-A");
  await git("-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "Content");
  return { repoDir, contentDir, git };
}
