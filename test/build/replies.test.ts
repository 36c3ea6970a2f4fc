/**
 * Replies end to end without a browser: naughty strings posted through the real pipeline
 * into a real git repository, approved with the moderation code, then built.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReplyHandler } from "../../src/replies/create-reply-handler.ts";
import { approveReplies } from "../../src/replies/moderation/moderation.ts";
import { runGit } from "../../src/replies/stores/git-commands.ts";
import { manifestPathFor } from "../../src/shared/article-manifest.ts";
import { readEnv } from "../../src/shared/env.ts";
import { article, type BuildResult, buildSite, FIXTURE_SITE, listFiles, readPage } from "../support/build-site.ts";
import { NAUGHTY_COMMENTS, NAUGHTY_NAMES, NAUGHTY_URLS } from "../support/naughty-strings.ts";
import { findUnsafeMarkup } from "../support/unsafe-markup.ts";

const OPEN = "2024-03-01-open-story";
const ORIGIN = new URL(FIXTURE_SITE.url).origin;
const stamp = Date.now();
const emailOf = (i: number) => `Reader.${i}.${stamp}@Private.example`;

let repoDir: string;
let built: BuildResult;
const logs: string[] = [];
const ids: string[] = [];
let parentId: string;
let childId: string;

async function post(
  fields: Record<string, string>,
  handler = handle,
): Promise<{ status: number; body: { ok: boolean; id?: string; code?: string } }> {
  const response = await handler(
    new Request("http://localhost/api/replies", {
      method: "POST",
      headers: { Origin: ORIGIN, Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ article: "open-story", parent: "", url: "", ...fields }),
    }),
  );
  return { status: response.status, body: await response.json() };
}
let handle: (req: Request) => Promise<Response>;

beforeAll(async () => {
  repoDir = await mkdtemp(path.join(tmpdir(), "broadsheet-reply-site-"));
  const git = (...args: string[]) => runGit(repoDir, args, { name: "Editor", email: "editor@newsroom.test" });
  await mkdir(path.join(repoDir, "content", "articles"), { recursive: true });
  await writeFile(path.join(repoDir, "content", "site.json"), JSON.stringify(FIXTURE_SITE));
  await writeFile(
    path.join(repoDir, "content", "articles", `${OPEN}.md`),
    article({ title: "Open story", date: "2024-03-01", tags: ["Replies"] }),
  );
  await writeFile(
    path.join(repoDir, "content", "articles", "2024-03-02-closed-story.md"),
    article({ title: "Closed story", date: "2024-03-02", replies: "closed" }),
  );
  await git("init", "--quiet", "--initial-branch=main");
  await git("add", "-A");
  await git("-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "Content");
  const first = await buildSite(path.join(repoDir, "content"));
  if (first.code !== 0) throw new Error(first.stderr);
  const createHandler = () =>
    createReplyHandler(readEnv({}), {
      manifestPath: manifestPathFor(first.outputDir),
      repoDir,
      contentDir: "content",
      log: (entry) => logs.push(JSON.stringify(entry)),
      warn: (message) => logs.push(message),
    });
  handle = createHandler();
  let i = 0;
  const submissions = [
    ...NAUGHTY_COMMENTS.map((comment) => ({ author: `Reader ${i}`, comment })),
    ...NAUGHTY_NAMES.map((author) => ({ author, comment: `A reply signed ${author}` })),
    ...NAUGHTY_URLS.map((url) => ({ author: "Linker", comment: `My site, ${url}`, url })),
  ];
  for (const fields of submissions) {
    const { status, body } = await post({ ...fields, email: emailOf(i++) });
    if (status !== 201 || !body.id) throw new Error(`post ${JSON.stringify(fields)} → ${status} ${JSON.stringify(body)}`);
    ids.push(body.id);
  }
  await approveReplies({ repoDir, contentDir: "content" }, ids);
  parentId = ids[0]!;
  // Another function instance: the 15-second flood memory is per instance, and reader 0 posted seconds ago.
  const child = await post(
    { author: "Second reader", comment: "A reply to the first reply", parent: parentId, email: emailOf(0) },
    createHandler(),
  );
  // Reader 0 has an approved reply now, so their next one is published without moderation.
  expect(child.body).toMatchObject({ ok: true, status: "approved" });
  childId = child.body.id!;
  const pending = await post({ author: "Newcomer", comment: "Waiting for a moderator", email: `newcomer.${stamp}@private.example` });
  expect(pending.status).toBe(201);
  built = await buildSite(path.join(repoDir, "content"));
  if (built.code !== 0) throw new Error(built.stderr);
}, 240_000);

afterAll(async () => {
  await rm(repoDir, { recursive: true, force: true });
  if (built) await rm(built.outputDir, { recursive: true, force: true });
});

describe("replies rendered by the build", () => {
  it("shows every approved reply, none of the pending, with no markup of the readers'", async () => {
    const html = await readPage(built.outputDir, "/articles/open-story/");
    const $ = load(html);
    const section = $("#replies");
    expect(section.find("li.reply")).toHaveLength(ids.length + 1);
    expect(section.text()).not.toContain("Waiting for a moderator");
    expect(findUnsafeMarkup(section.html() ?? "")).toEqual([]);
    expect(findUnsafeMarkup(html)).toEqual([]);
    // The reader sees what they typed, as text.
    const bodies = section
      .find(".reply__body")
      .map((_, el) => $(el).text())
      .get()
      .join("\n");
    expect(bodies).toContain("<script>alert(1)</script>");
    // Template syntax stays text: never evaluated (markdown may still read *…* as emphasis).
    expect(bodies).toContain("{{ site.name }} {% raw %} {{ 7");
    expect(bodies).not.toMatch(/Fixture Gazette \{%|\b49\b/);
    expect(
      section
        .find(".reply__author")
        .map((_, el) => $(el).text())
        .get(),
    ).toContain("<script>alert('name')</script>");
  });

  it("links a reader's website nofollow ugc, with the URL kept inside its attribute", async () => {
    const $ = load(await readPage(built.outputDir, "/articles/open-story/"));
    const links = $("a.reply__author");
    expect(links.length).toBe(NAUGHTY_URLS.length);
    links.each((_, el) => {
      expect($(el).attr("rel")).toBe("nofollow ugc noopener");
      expect($(el).attr("href")).toMatch(/^https:\/\/example\.com\//);
    });
  });

  it("threads a reply to a reply under its parent", async () => {
    const $ = load(await readPage(built.outputDir, "/articles/open-story/"));
    expect($(`#reply-${parentId} > ol.reply-list > li#reply-${childId}`)).toHaveLength(1);
    expect($(`#reply-parent option[value="${parentId}"]`)).toHaveLength(1);
  });

  it("counts replies on listings and offers a replies feed with escaped content", async () => {
    const home = load(await readPage(built.outputDir, "/"));
    expect(home('a[href="/articles/open-story/#replies"]').text()).toBe(`${ids.length + 1} replies`);
    const feed = load(await readPage(built.outputDir, "/articles/open-story/replies.xml"), { xml: true });
    expect(feed("entry")).toHaveLength(ids.length + 1);
    for (const content of feed("entry content")
      .map((_, el) => feed(el).text())
      .get()) {
      expect(findUnsafeMarkup(content)).toEqual([]);
    }
  });

  it("shows no form where replies are closed", async () => {
    const $ = load(await readPage(built.outputDir, "/articles/closed-story/"));
    expect($("form#reply-form")).toHaveLength(0);
    expect($("#replies").text()).toContain("Replies are closed");
  });
});

describe("readers' emails", () => {
  it("appear nowhere: not in the repository, its history, the built site or the logs", async () => {
    const emails = Array.from({ length: ids.length }, (_, i) => emailOf(i).toLowerCase());
    const history = (await runGit(repoDir, ["log", "--all", "-p", "--format=fuller"])).toLowerCase();
    const files = [
      ...(await listFiles(repoDir)).filter((file) => !file.startsWith(".git/")).map((file) => path.join(repoDir, file)),
      ...(await listFiles(built.outputDir)).map((file) => path.join(built.outputDir, file)),
    ];
    const everything = [
      history,
      logs.join("\n").toLowerCase(),
      ...(await Promise.all(files.map((file) => readFile(file, "utf8")))).map((t) => t.toLowerCase()),
    ].join("\n");
    for (const email of emails) expect(everything).not.toContain(email);
    expect(everything).not.toContain(`.${stamp}@private.example`);
  });

  it("are not published even as their keyed hash", async () => {
    const record = JSON.parse(await readFile(path.join(repoDir, "content", "replies", "open-story", `${ids[0]}.json`), "utf8"));
    const site = await Promise.all((await listFiles(built.outputDir)).map((file) => readFile(path.join(built.outputDir, file), "utf8")));
    expect(record.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(site.join("\n")).not.toContain(record.emailHash);
  });
});

describe("a bad reply file", () => {
  it("stops the build, naming the file and the field", async () => {
    const dir = path.join(repoDir, "content", "replies", "open-story");
    const bad = path.join(dir, "20240101T000000000Z-aaaaaaaaaa.json");
    const record = JSON.parse(await readFile(path.join(dir, `${ids[0]}.json`), "utf8"));
    await writeFile(bad, JSON.stringify({ ...record, id: "20240101T000000000Z-aaaaaaaaaa", status: "published" }));
    try {
      const result = await buildSite(path.join(repoDir, "content"));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("20240101T000000000Z-aaaaaaaaaa.json");
      expect(result.stderr).toContain('field "status": expected "pending" or "approved"');
      await rm(result.outputDir, { recursive: true, force: true });
    } finally {
      await rm(bad);
    }
  });
});
