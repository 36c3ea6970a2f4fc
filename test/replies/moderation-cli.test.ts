/** `npm run replies -- …` on a real repository: what a moderator sees and what lands in git. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approveReplies } from "../../src/replies/moderation/moderation.ts";
import { runRepliesCli } from "../../src/replies/moderation/moderation-cli.ts";
import { trustKeyOf } from "../../src/replies/pipeline/hash-keys.ts";
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

  it("approves: one commit per reply on the checked-out branch (reply and trusted file), off the pending branch, trusted from now on", async () => {
    const trusted = (record: typeof pending) => store.isTrusted(trustKeyOf(record.author, record.emailHash));
    expect(await trusted(pending)).toBe(false);
    const before = Number(await repo.git("rev-list", "--count", "HEAD"));
    const { code, out } = await run("approve", pending.id, second.id);
    expect(code).toBe(0);
    expect(out).toBe(`Approved and committed: ${pending.id}, ${second.id}`);
    expect(JSON.parse(await readFile(fileOf(pending), "utf8")).status).toBe("approved");
    expect(Number(await repo.git("rev-list", "--count", "HEAD"))).toBe(before + 2);
    expect((await repo.git("show", "--name-only", "--format=%s", "HEAD~1")).trim().split("\n")).toEqual([
      `Approve reply ${pending.id} on open-article`,
      "",
      // git lists paths in byte order: ".trusted" first.
      trustedReplierPath(trustKeyOf(pending.author, pending.emailHash)),
      replyPath(pending.article, pending.id),
    ]);
    expect(await trusted(pending)).toBe(true);
    expect(await trusted(second)).toBe(true);
    expect(await repo.git("status", "--porcelain")).toBe("");
    expect((await run("list")).out).toBe("No replies are waiting.");
    expect((await run("approve", pending.id)).out).toBe("Nothing to change: already approved.");
  });

  it("rejects: takes the reply off the pending branch; its text never reaches the checked-out branch", async () => {
    const { code } = await run("reject", pending.id);
    expect(code).toBe(0);
    expect(existsSync(fileOf(pending))).toBe(false);
    expect(await repo.git("log", "-1", "--format=%s", "replies/pending")).toBe(`Reject reply ${pending.id} on open-article\n`);
    expect(await repo.git("log", "-p", "HEAD")).not.toContain("First line here");
    expect(await repo.git("status", "--porcelain")).toBe("");
    expect((await run("list")).out).not.toContain(pending.id);
  });

  it("stops trusting a reader whose approved reply is rejected", async () => {
    const trusted = () => store.isTrusted(trustKeyOf(approved.author, approved.emailHash));
    expect(await trusted()).toBe(true);
    expect((await run("reject", approved.id)).code).toBe(0);
    expect(await repo.git("show", "--name-status", "--format=%s", "HEAD")).toBe(
      `Reject reply ${approved.id} on open-article\n\nD\t${trustedReplierPath(trustKeyOf(approved.author, approved.emailHash))}\nD\t${replyPath(approved.article, approved.id)}\n`,
    );
    expect(await trusted()).toBe(false);
    expect(existsSync(fileOf(approved))).toBe(false);
  });

  it("refuses unknown ids by name and changes nothing", async () => {
    const head = await repo.git("rev-parse", "HEAD");
    const { code, err } = await run("approve", pending.id, "20990101T000000000Z-zzzzzzzzzz", "nonsense");
    expect(code).toBe(1);
    expect(err).toContain("No reply with id 20990101T000000000Z-zzzzzzzzzz, nonsense");
    expect(await repo.git("rev-parse", "HEAD")).toBe(head);
    expect(await repo.git("show", `replies/pending:${replyPath(pending.article, pending.id)}`)).toContain('"status": "pending"');
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
