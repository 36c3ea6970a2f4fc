/**
 * A reader replies on the dev server (npm start's entry point), in Chromium, with and without
 * JavaScript: the reply is committed to a real git repository, and after moderation and the
 * rebuild the commit triggers, it appears under the article, threaded.
 * Every post comes from 127.0.0.1, so posts are spaced past the pipeline's 15-second flood rule.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { approveReplies } from "../../src/replies/moderation/moderation.ts";
import { runGit } from "../../src/replies/stores/git-commands.ts";
import { describeWithBrowser, launchBrowser } from "../support/browser.ts";
import { freePort, type RunningCommand, startCommand, waitUntil } from "../support/processes.ts";
import { createStoryRepo } from "../support/story-repo.ts";

const FLOOD_WINDOW_MS = 15_500;
const ARTICLE_URL = "/articles/open-story/";

describeWithBrowser("replying in Chromium on the dev server", () => {
  let repoDir: string;
  let outputDir: string;
  let server: RunningCommand;
  let base: string;
  let browser: Browser;
  let lastPost = 0;

  /** Reply ids stored on either branch: held ones wait on replies/pending, off the work tree. */
  const repliesOnDisk = async () => {
    const ids = new Set<string>();
    for (const branch of ["main", "replies/pending"]) {
      const names = await runGit(repoDir, ["ls-tree", "--name-only", `${branch}:content/replies/open-story`]).catch(() => "");
      for (const name of names.split("\n")) if (name.endsWith(".json")) ids.add(name.replace(/\.json$/, ""));
    }
    return [...ids].sort();
  };
  const spacePosts = async () => {
    const wait = lastPost + FLOOD_WINDOW_MS - Date.now();
    if (wait > 0) await sleep(wait);
    lastPost = Date.now();
  };
  const replyShown = async (context: BrowserContext, text: string) => {
    const page = await context.newPage();
    try {
      await page.goto(`${base}${ARTICLE_URL}`);
      return (await page.locator(".reply__body").allTextContents()).some((body) => body.includes(text));
    } finally {
      await page.close();
    }
  };

  beforeAll(async () => {
    ({ repoDir } = await createStoryRepo("broadsheet-e2e-replies-"));
    outputDir = await mkdtemp(path.join(tmpdir(), "broadsheet-e2e-site-"));
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = await startCommand(
      "src/build/start.ts",
      { CONTENT_DIR: path.join(repoDir, "content"), OUTPUT_DIR: outputDir, PORT: String(port) },
      "Server at",
    );
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(repoDir, { recursive: true, force: true });
    await rm(outputDir, { recursive: true, force: true });
  });

  let firstId: string;

  it("without JavaScript: posts, lands back on the article saying it awaits moderation, and is committed", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}${ARTICLE_URL}`);
    await page.fill("#reply-comment", "First! A reply posted **without** JavaScript.");
    await page.fill("#reply-author", "Nadia No-Script");
    await page.fill("#reply-email", "nadia@reader.example");
    await spacePosts();
    await page.click("#reply-form button[type=submit]");
    await page.waitForURL(`**${ARTICLE_URL}#reply-pending`);
    expect(await page.locator("#reply-pending").isVisible()).toBe(true);
    expect(await page.locator("#reply-approved").isVisible()).toBe(false);
    const onDisk = await repliesOnDisk();
    expect(onDisk).toHaveLength(1);
    firstId = onDisk[0]!;
    const log = await runGit(repoDir, ["log", "-1", "--format=%an <%ae>|%s", "--name-only", "replies/pending"]);
    expect(log).toContain(`Broadsheet replies <replies@broadsheet.invalid>|Reply ${firstId} on open-story`);
    expect(log).toContain(`content/replies/open-story/${firstId}.json`);
    // Pending replies never appear.
    expect(await replyShown(context, "First!")).toBe(false);
    await context.close();
  });

  it("appears under the article after a moderator approves it and the site rebuilds", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await approveReplies({ repoDir, contentDir: "content" }, [firstId]);
    await waitUntil(() => replyShown(context, "First!"), 60_000, "the approved reply on the page");
    await context.close();
  });

  it("with JavaScript: a bad field is shown inline and the text survives a reload, then the reply is accepted in place", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}${ARTICLE_URL}`);
    await page.fill("#reply-comment", "A reply sent with fetch.");
    await page.fill("#reply-author", "Jo Script");
    await page.fill("#reply-email", "not-an-email");
    await page.click("#reply-form button[type=submit]");
    await page.locator("#reply-email[aria-invalid=true]").waitFor();
    expect(await page.locator("#reply-email-error").textContent()).toMatch(/email/i);
    expect(page.url()).toBe(`${base}${ARTICLE_URL}`);
    // The draft is kept in the browser: a reload (or a closed tab) does not lose it.
    await page.reload();
    expect(await page.inputValue("#reply-comment")).toBe("A reply sent with fetch.");
    await page.fill("#reply-author", "Jo Script");
    await page.fill("#reply-email", "jo@reader.example");
    await spacePosts();
    await page.click("#reply-form button[type=submit]");
    await page.locator("[data-reply-status]", { hasText: "waiting for a moderator" }).waitFor();
    expect(await page.inputValue("#reply-comment")).toBe("");
    await page.reload();
    expect(await page.inputValue("#reply-comment")).toBe("");
    expect(await repliesOnDisk()).toHaveLength(2);
    await context.close();
  });

  it("without JavaScript: a reply to a reply from a returning reader is published and threaded", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${base}${ARTICLE_URL}`);
    await page.selectOption("#reply-parent", firstId);
    await page.fill("#reply-comment", "Replying to my own first reply.");
    await page.fill("#reply-author", "Nadia No-Script");
    await page.fill("#reply-email", "nadia@reader.example");
    await spacePosts();
    await page.click("#reply-form button[type=submit]");
    await page.waitForURL(`**${ARTICLE_URL}#reply-approved`);
    await waitUntil(() => replyShown(context, "Replying to my own first reply."), 60_000, "the threaded reply");
    const threaded = await browser.newContext({ javaScriptEnabled: false });
    const view = await threaded.newPage();
    await view.goto(`${base}${ARTICLE_URL}`);
    expect(await view.locator(`#reply-${firstId} ol.reply-list .reply__body`).textContent()).toContain("Replying to my own first reply.");
    await threaded.close();
    await context.close();
  });
});
