/** `npm run replies -- …` on a real repository: what a moderator sees and what lands in git. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approveReplies } from "../../src/replies/moderation/moderation.ts";
import { runRepliesCli } from "../../src/replies/moderation/moderation-cli.ts";
import { createGitStore } from "../../src/replies/stores/git.ts";
import { replyPath, trustedReplierPath } from "../../src/shared/reply-record.ts";
import { makeRecord } from "./support/pipeline.ts";
import { createTempRepo } from "./support/temp-repo.ts";

let repo: Awaited<ReturnType<typeof createTempRepo>>;
const pending = makeRecord({
  id: "20240601T100000000Z-aaaaaaaaaa",
  status: "pending",
  author: "Ada\u001b[31m",
  body: "\nFirst line here\nSecond line",
  emailHash: "a".repeat(64),
});
const second = makeRecord({
  id: "20240601T110000000Z-bbbbbbbbbb",
  status: "pending",
  article: "other-article",
  body: "Another",
  emailHash: "b".repeat(64),
});
const approved = makeRecord({ id: "20240601T090000000Z-cccccccccc", status: "pending", emailHash: "c".repeat(64) });
let store: ReturnType<typeof createGitStore>;

beforeEach(async () => {
  repo = await createTempRepo();
  store = createGitStore({ repoDir: repo.dir });
  for (const record of [pending, second, approved]) await store.create(record, { message: `Reply ${record.id}` });
  await approveReplies({ repoDir: repo.dir, contentDir: "content" }, [approved.id]);
});
afterEach(() => repo.remove());

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runRepliesCli(
    args,
    { repoDir: repo.dir, contentDir: "content" },
    { out: (l) => out.push(l), err: (l) => err.push(l) },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const fileOf = (record: typeof pending) => path.join(repo.dir, replyPath(record.article, record.id));

describe("replies CLI", () => {
  it("lists pending replies with article, author, date and first line, without terminal escapes", async () => {
    const { code, out } = await run("list");
    expect(code).toBe(0);
    expect(out).toBe(
      [
        "2 waiting for a moderator:",
        `${pending.id}  open-article  Ada [31m  ${pending.date}\n    First line here`,
        `${second.id}  other-article  Someone  ${second.date}\n    Another`,
      ].join("\n"),
    );
  });

  it("approves: sets status approved and commits only those files, trusting their readers from now on", async () => {
    expect(await store.hasApprovedReplyFrom(pending.emailHash)).toBe(false);
    const before = Number(await repo.git("rev-list", "--count", "HEAD"));
    const { code, out } = await run("approve", pending.id, second.id);
    expect(code).toBe(0);
    expect(out).toBe(`Approved and committed: ${pending.id}, ${second.id}`);
    expect(JSON.parse(await readFile(fileOf(pending), "utf8")).status).toBe("approved");
    expect(Number(await repo.git("rev-list", "--count", "HEAD"))).toBe(before + 1);
    expect((await repo.git("show", "--name-only", "--format=%s", "HEAD")).trim().split("\n")).toEqual([
      `Approve 2 replies: ${pending.id}, ${second.id}`,
      "",
      // git lists paths in byte order: ".trusted" first.
      trustedReplierPath(pending.emailHash),
      trustedReplierPath(second.emailHash),
      replyPath(pending.article, pending.id),
      replyPath(second.article, second.id),
    ]);
    expect(await store.hasApprovedReplyFrom(pending.emailHash)).toBe(true);
    expect(await store.hasApprovedReplyFrom(second.emailHash)).toBe(true);
    expect((await run("list")).out).toBe("No replies are waiting.");
  });

  it("rejects: deletes the file and commits the deletion", async () => {
    const { code } = await run("reject", pending.id);
    expect(code).toBe(0);
    expect(existsSync(fileOf(pending))).toBe(false);
    expect(await repo.git("show", "--name-status", "--format=%s", "HEAD")).toBe(
      `Reject reply: ${pending.id}\n\nD\t${replyPath(pending.article, pending.id)}\n`,
    );
    expect(await repo.git("status", "--porcelain")).toBe("");
  });

  it("stops trusting a reader whose only approved reply is rejected", async () => {
    expect(await store.hasApprovedReplyFrom(approved.emailHash)).toBe(true);
    expect((await run("reject", approved.id)).code).toBe(0);
    expect(await repo.git("show", "--name-status", "--format=%s", "HEAD")).toBe(
      `Reject reply: ${approved.id}\n\nD\t${trustedReplierPath(approved.emailHash)}\nD\t${replyPath(approved.article, approved.id)}\n`,
    );
    expect(await store.hasApprovedReplyFrom(approved.emailHash)).toBe(false);
  });

  it("trusts readers approved by hand, or before trusted files existed, at the next moderation", async () => {
    const byHand = makeRecord({ id: "20240601T080000000Z-dddddddddd", status: "approved", emailHash: "d".repeat(64) });
    await store.create(byHand, { message: `Reply ${byHand.id}` });
    expect(await store.hasApprovedReplyFrom(byHand.emailHash)).toBe(false);
    await run("approve", pending.id);
    expect(await store.hasApprovedReplyFrom(byHand.emailHash)).toBe(true);
    expect(await repo.git("status", "--porcelain")).toBe("");
  });

  it("refuses unknown ids by name and changes nothing", async () => {
    const head = await repo.git("rev-parse", "HEAD");
    const { code, err } = await run("approve", pending.id, "20990101T000000000Z-zzzzzzzzzz", "nonsense");
    expect(code).toBe(1);
    expect(err).toContain("No reply with id 20990101T000000000Z-zzzzzzzzzz, nonsense");
    expect(await repo.git("rev-parse", "HEAD")).toBe(head);
    expect(JSON.parse(await readFile(fileOf(pending), "utf8")).status).toBe("pending");
  });

  it.each([[[]], [["approve"]], [["list", "extra"]], [["delete", "x"]]])("prints usage for %j", async (args) => {
    const { code, err } = await run(...args);
    expect(code).toBe(2);
    expect(err).toMatch(/^Usage: npm run replies -- list \| approve ID… \| reject ID…/);
  });

  it("runs as npm run replies", async () => {
    const { stdout } = await promisify(execFile)("npm", ["run", "--silent", "replies", "--", "list"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, REPLY_REPO_DIR: repo.dir },
    });
    expect(stdout).toContain(`${pending.id}  open-article`);
  });
});
