/**
 * The local git store against a real repository: held replies on the pending branch by
 * plumbing, trusted ones on the checked-out branch, the author's index and work tree left alone.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trustKeyOf } from "../../src/replies/pipeline/hash-keys.ts";
import { createReplyId } from "../../src/replies/pipeline/reply-id.ts";
import { createGitStore } from "../../src/replies/stores/git.ts";
import { ReplyExistsError, StoreUnavailableError } from "../../src/replies/stores/store.ts";
import { parseReplyRecord, type ReplyRecord, replyPath, serializeReplyRecord, trustedReplierPath } from "../../src/shared/reply-record.ts";
import { makeRecord } from "./support/pipeline.ts";
import { createTempRepo } from "./support/temp-repo.ts";

let repo: Awaited<ReturnType<typeof createTempRepo>>;
let store: ReturnType<typeof createGitStore>;

beforeEach(async () => {
  repo = await createTempRepo();
  store = createGitStore({ repoDir: repo.dir });
});
afterEach(() => repo.remove());

const message = (id: string) => ({ message: `Reply ${id} on open-article` });
const pathOf = (record: ReplyRecord) => replyPath(record.article, record.id);

/** The author is mid-edit: one change staged, one not, one new file. */
async function startEditing() {
  await writeFile(path.join(repo.dir, "README.md"), "# fixture\nstaged edit\n");
  await repo.git("add", "README.md");
  await writeFile(path.join(repo.dir, "README.md"), "# fixture\nstaged edit\nunstaged edit\n");
  await writeFile(path.join(repo.dir, "draft.md"), "work in progress\n");
  return repo.git("status", "--porcelain");
}

describe("git store", () => {
  it("commits a held reply to the pending branch without touching the author's index or work tree", async () => {
    const status = await startEditing();
    const record = makeRecord({ status: "pending", body: "Held text 9a7e" });
    expect(await store.create(record, message(record.id))).toEqual({ outcome: "created", record });

    expect(await repo.git("status", "--porcelain")).toBe(status);
    expect(await readFile(path.join(repo.dir, "README.md"), "utf8")).toBe("# fixture\nstaged edit\nunstaged edit\n");
    expect(await repo.git("diff", "--cached", "--name-only")).toBe("README.md\n");
    expect(existsSync(path.join(repo.dir, pathOf(record)))).toBe(false);
    expect(parseReplyRecord(JSON.parse(await repo.git("show", `replies/pending:${pathOf(record)}`)), pathOf(record))).toEqual(record);
    expect(await repo.git("log", "-p", "main")).not.toContain("Held text 9a7e");
    expect(await repo.git("log", "-1", "--format=%an <%ae>|%s", "replies/pending")).toBe(
      `Broadsheet replies <replies@broadsheet.invalid>|Reply ${record.id} on open-article\n`,
    );
  });

  it("commits a trusted reply to the checked-out branch alone, puts it in the work tree, and keeps the author's edits", async () => {
    const status = await startEditing();
    const record = makeRecord({ status: "approved" });
    await store.create(record, message(record.id));

    expect(await repo.git("show", "--name-only", "--format=%an|%s", "HEAD")).toBe(
      `Broadsheet replies|Reply ${record.id} on open-article\n\n${pathOf(record)}\n`,
    );
    expect(parseReplyRecord(JSON.parse(await readFile(path.join(repo.dir, pathOf(record)), "utf8")), pathOf(record))).toEqual(record);
    expect(await repo.git("status", "--porcelain")).toBe(status);
    expect(await repo.git("diff", "--cached", "--name-only")).toBe("README.md\n");
    expect(await readFile(path.join(repo.dir, "README.md"), "utf8")).toBe("# fixture\nstaged edit\nunstaged edit\n");
  });

  it("never overwrites an existing reply file", async () => {
    const record = makeRecord();
    await store.create(record, message(record.id));
    const before = await repo.git("rev-list", "--count", "HEAD");
    await expect(store.create({ ...record, body: "Changed" }, message(record.id))).rejects.toBeInstanceOf(ReplyExistsError);
    expect(await repo.git("rev-list", "--count", "HEAD")).toBe(before);
  });

  it("answers a resend of a stored reply as a duplicate", async () => {
    const record = makeRecord({ status: "pending" });
    await store.create(record, message(record.id));
    const resend = { ...record, id: createReplyId(new Date()) };
    expect(await store.create(resend, message(resend.id))).toEqual({ outcome: "duplicate", record });
    expect(await store.hasDuplicate(resend)).toBe(true);
    expect(await store.hasDuplicate({ ...resend, body: "Something else" })).toBe(false);
  });

  it("knows trusted readers and parents by one file each", async () => {
    const parent = makeRecord({ status: "approved" });
    await store.create(parent, message(parent.id));
    await writeFile(path.join(repo.dir, "unrelated.txt"), "x");
    expect(await store.isTrusted(trustKeyOf(parent.author, parent.emailHash))).toBe(false);
    expect(await store.findParent(parent.article, parent.id, 5)).toEqual({ found: "approved", record: parent, depth: 1 });
    expect(await store.findParent("other-article", parent.id, 5)).toEqual({ found: "none" });
  });

  it("holds a reply while the author's git holds the index lock, and refuses a trusted one without leaving anything", async () => {
    await writeFile(path.join(repo.dir, ".git", "index.lock"), "");
    const held = makeRecord({ status: "pending" });
    await store.create(held, message(held.id));
    expect(await repo.git("show", `replies/pending:${pathOf(held)}`)).toBe(serializeReplyRecord(held));

    const trusted = makeRecord({ id: createReplyId(new Date()), status: "approved", body: "Trusted" });
    await expect(store.create(trusted, message(trusted.id))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(existsSync(path.join(repo.dir, pathOf(trusted)))).toBe(false);
    expect(await repo.git("rev-list", "--count", "HEAD")).toBe("1\n");
  });

  it("lands 200 concurrent replies exactly once each, one commit apiece, the work tree clean", async () => {
    const start = Date.parse("2024-06-01T00:00:00Z");
    const records = Array.from({ length: 200 }, (_, i) =>
      makeRecord({
        id: createReplyId(new Date(start + i)),
        article: i % 2 ? "open-article" : "other-article",
        body: `Reply ${i}`,
        status: i % 4 ? "pending" : "approved",
      }),
    );
    await Promise.all(records.map((record) => store.create(record, message(record.id))));

    const onMain = (await repo.git("ls-tree", "-r", "--name-only", "main", "content/replies")).trim().split("\n");
    const onPending = (await repo.git("ls-tree", "-r", "--name-only", "replies/pending", "content/replies"))
      .trim()
      .split("\n")
      .filter((f) => !f.includes("/."));
    expect(onMain.sort()).toEqual(
      records
        .filter((r) => r.status === "approved")
        .map(pathOf)
        .sort(),
    );
    expect(onPending.sort()).toEqual(
      records
        .filter((r) => r.status === "pending")
        .map(pathOf)
        .sort(),
    );
    expect(await repo.git("rev-list", "--count", "main")).toBe("51\n");
    expect(await repo.git("status", "--porcelain")).toBe("");
  });
});

describe("git store: moderation", () => {
  it("approves in one commit on the checked-out branch (reply and trusted file), then takes it off pending", async () => {
    const held = makeRecord({ status: "pending", author: "Ada" });
    await store.create(held, message(held.id));
    expect(await store.listPending()).toEqual([held]);
    expect(await store.approve(held.article, held.id)).toBe("approved");
    expect((await repo.git("show", "--name-only", "--format=%s", "HEAD")).trim().split("\n")).toEqual([
      `Approve reply ${held.id} on open-article`,
      "",
      trustedReplierPath(trustKeyOf("Ada", held.emailHash)),
      pathOf(held),
    ]);
    expect(JSON.parse(await readFile(path.join(repo.dir, pathOf(held)), "utf8")).status).toBe("approved");
    expect(await store.listPending()).toEqual([]);
    expect(await repo.git("status", "--porcelain")).toBe("");
    expect(await store.approve(held.article, held.id)).toBe("already");
  });

  it("rejects a held reply: its text is nowhere in the published branch's history", async () => {
    const held = makeRecord({ status: "pending", body: "Spam text c0ffee" });
    await store.create(held, message(held.id));
    expect(await store.reject(held.article, held.id)).toBe("rejected");
    expect(await store.listPending()).toEqual([]);
    expect(await repo.git("log", "-p", "main")).not.toContain("c0ffee");
    expect(await store.reject(held.article, held.id)).toBe("already");
  });
});
