/** The local git store against a real repository: one commit per reply, by the bot, never overwriting. */
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createReplyId } from "../../src/replies/pipeline/reply-id.ts";
import { createGitStore } from "../../src/replies/stores/git.ts";
import { ReplyExistsError, type ReplyStore, StoreUnavailableError } from "../../src/replies/stores/store.ts";
import { parseReplyRecord, replyPath, trustedReplierPath } from "../../src/shared/reply-record.ts";
import { makeRecord } from "./support/pipeline.ts";
import { createTempRepo } from "./support/temp-repo.ts";

let repo: Awaited<ReturnType<typeof createTempRepo>>;
let store: ReplyStore;

beforeEach(async () => {
  repo = await createTempRepo();
  store = createGitStore({ repoDir: repo.dir });
});
afterEach(() => repo.remove());

const message = (id: string) => ({ message: `Reply ${id} on open-article` });

describe("git store", () => {
  it("writes a schema-valid file and commits it alone, as the bot", async () => {
    // The developer has their own work staged; the reply commit must not sweep it in.
    await writeFile(path.join(repo.dir, "draft.md"), "work in progress\n");
    await repo.git("add", "draft.md");
    const record = makeRecord();
    await store.create(record, message(record.id));

    const file = replyPath(record.article, record.id);
    const onDisk = JSON.parse(await readFile(path.join(repo.dir, file), "utf8"));
    expect(parseReplyRecord(onDisk, file)).toEqual(record);
    expect(await repo.git("log", "-1", "--format=%an <%ae>|%cn <%ce>|%s")).toBe(
      `Broadsheet replies <replies@broadsheet.invalid>|Broadsheet replies <replies@broadsheet.invalid>|Reply ${record.id} on open-article\n`,
    );
    expect(await repo.git("show", "--name-only", "--format=", "HEAD")).toBe(`${file}\n`);
    expect(await repo.git("diff", "--cached", "--name-only")).toBe("draft.md\n");
    expect(await repo.git("status", "--porcelain", "--", "content")).toBe("");
  });

  it("never overwrites an existing reply file", async () => {
    const record = makeRecord();
    await store.create(record, message(record.id));
    const before = await repo.git("rev-list", "--count", "HEAD");
    await expect(store.create({ ...record, body: "Changed" }, message(record.id))).rejects.toBeInstanceOf(ReplyExistsError);
    expect(await repo.git("rev-list", "--count", "HEAD")).toBe(before);
    expect(await store.listReplies("open-article")).toEqual([record]);
  });

  it("lists an article's replies in time order, pending ones included", async () => {
    const later = makeRecord({ id: "20240601T000000000Z-bbbbbbbbbb", status: "pending", emailHash: "b".repeat(64) });
    const earlier = makeRecord({ id: "20240501T000000000Z-aaaaaaaaaa", emailHash: "a".repeat(64) });
    const elsewhere = makeRecord({ id: "20240401T000000000Z-cccccccccc", article: "other-article", emailHash: "c".repeat(64) });
    for (const record of [later, earlier, elsewhere]) await store.create(record, message(record.id));

    expect(await store.listReplies("open-article")).toEqual([earlier, later]);
    expect(await store.listReplies("no-replies-yet")).toEqual([]);
    expect(await store.listReplies("other-article")).toEqual([elsewhere]);
  });

  it("knows a reader as approved by their trusted-replier file, which moderation writes", async () => {
    expect(await store.hasApprovedReplyFrom("a".repeat(64))).toBe(false);
    await mkdir(path.dirname(path.join(repo.dir, trustedReplierPath("a".repeat(64)))), { recursive: true });
    await writeFile(path.join(repo.dir, trustedReplierPath("a".repeat(64))), "");
    expect(await store.hasApprovedReplyFrom("a".repeat(64))).toBe(true);
    expect(await store.hasApprovedReplyFrom("b".repeat(64))).toBe(false);
  });

  it("leaves nothing behind when the commit fails", async () => {
    await writeFile(path.join(repo.dir, ".git", "index.lock"), ""); // another git is running
    const record = makeRecord();
    await expect(store.create(record, message(record.id))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(await readdir(path.join(repo.dir, "content/replies/open-article"))).toEqual([]);
    expect(await repo.git("rev-list", "--count", "HEAD")).toBe("1\n");
  });

  it("lands 200 concurrent replies exactly once each, one commit apiece", async () => {
    const start = Date.parse("2024-06-01T00:00:00Z");
    const records = Array.from({ length: 200 }, (_, i) =>
      makeRecord({ id: createReplyId(new Date(start + i)), article: i % 2 ? "open-article" : "other-article", body: `Reply ${i}` }),
    );
    await Promise.all(records.map((record) => store.create(record, message(record.id))));

    const files = (await repo.git("ls-files", "content/replies")).trim().split("\n");
    expect(files).toHaveLength(200);
    expect(new Set(files)).toEqual(new Set(records.map((r) => replyPath(r.article, r.id))));
    expect(await repo.git("rev-list", "--count", "HEAD")).toBe("201\n");
    const touched = (await repo.git("log", "--format=", "--name-only", "HEAD~200..HEAD")).trim().split("\n");
    expect(touched.sort()).toEqual(files.sort()); // each file in exactly one commit
    expect(await repo.git("status", "--porcelain")).toBe("");
  });
});
