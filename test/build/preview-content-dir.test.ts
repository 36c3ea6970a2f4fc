/**
 * `npm run preview` of a content folder in another repository: it serves, says where replies
 * go, and commits a reply there, not into the repository the preview was started from.
 */
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runGit } from "../../src/replies/stores/git-commands.ts";
import { type BuildResult, buildSite, ROOT } from "../support/build-site.ts";
import { freePort, type RunningCommand, startCommand } from "../support/processes.ts";
import { createStoryRepo, type StoryRepo } from "../support/story-repo.ts";

let repoDir: string;
let built: BuildResult;
let preview: RunningCommand;
let base: string;
let git: StoryRepo["git"];

beforeAll(async () => {
  let contentDir: string;
  ({ repoDir, contentDir, git } = await createStoryRepo("broadsheet-other-site-"));
  built = await buildSite(contentDir);
  const port = await freePort();
  base = `http://localhost:${port}`;
  preview = await startCommand(
    "src/cli/preview.ts",
    { CONTENT_DIR: contentDir, OUTPUT_DIR: built.outputDir, PORT: String(port) },
    "Replies",
  );
}, 120_000);

afterAll(async () => {
  await preview?.stop();
  await rm(repoDir, { recursive: true, force: true });
  if (built) await rm(built.outputDir, { recursive: true, force: true });
});

it("serves another CONTENT_DIR, says which repository gets replies, and commits there", async () => {
  expect(preview.output()).toContain(`Replies posted here are committed to the git repository at ${repoDir}`);
  expect((await fetch(`${base}/articles/open-story/`)).status).toBe(200);
  const ownHead = (await runGit(ROOT, ["rev-parse", "HEAD"])).trim();
  const response = await fetch(`${base}/api/replies`, {
    method: "POST",
    headers: { Origin: base, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      article: "open-story",
      parent: "",
      comment: "From the preview.",
      author: "Reader",
      email: "reader@example.org",
      url: "",
    }),
  });
  expect(response.status).toBeLessThan(300);
  expect(await git("log", "--all", "--format=%s")).toMatch(/repl/i);
  expect((await runGit(ROOT, ["rev-parse", "HEAD"])).trim()).toBe(ownHead);
}, 60_000);
