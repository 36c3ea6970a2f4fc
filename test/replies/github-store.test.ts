/** The GitHub store against a loopback server speaking the contents API, faults included. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createReplyId } from "../../src/replies/pipeline/reply-id.ts";
import { createGitHubStore, type GitHubStoreOptions } from "../../src/replies/stores/github.ts";
import { ReplyExistsError, StoreUnavailableError } from "../../src/replies/stores/store.ts";
import { parseReplyRecord, replyPath, serializeReplyRecord, trustedReplierPath } from "../../src/shared/reply-record.ts";
import { startFakeGitHub } from "./support/fake-github.ts";
import { makeRecord, post, readJson, setupPipeline, VALID } from "./support/pipeline.ts";

const TOKEN = "ghp_secret_token_value";
let github: Awaited<ReturnType<typeof startFakeGitHub>>;
let sleeps: number[];

beforeEach(async () => {
  github = await startFakeGitHub();
  sleeps = [];
});
afterEach(() => github.close());

function makeStore(options: Partial<GitHubStoreOptions> = {}) {
  return createGitHubStore({
    token: TOKEN,
    repo: github.repo,
    branch: "main",
    apiUrl: github.url,
    sleep: async (ms) => void sleeps.push(ms),
    timeoutMs: 300,
    ...options,
  });
}

const message = { message: "Reply on open-article" };
const landed = () => github.commits.map((commit) => commit.path);

describe("github store", () => {
  it("creates the reply file in one commit by the bot on the branch", async () => {
    const record = makeRecord();
    await makeStore().create(record, message);
    const path = replyPath(record.article, record.id);
    expect(parseReplyRecord(JSON.parse(github.files.get(path)!), path)).toEqual(record);
    expect(github.commits).toEqual([
      { path, message: message.message, branch: "main", committer: { name: "Broadsheet replies", email: "replies@broadsheet.invalid" } },
    ]);
  });

  it("knows a reader as approved by one request for their trusted-replier file", async () => {
    github.files.set(trustedReplierPath("a".repeat(64)), "");
    const store = makeStore();
    expect(await store.hasApprovedReplyFrom("a".repeat(64))).toBe(true);
    expect(await store.hasApprovedReplyFrom("b".repeat(64))).toBe(false);
    expect(github.requests).toHaveLength(2);
  });

  it("lists an article's replies, reading each blob once", async () => {
    const approved = makeRecord({ id: "20240501T000000000Z-aaaaaaaaaa", emailHash: "a".repeat(64) });
    const pending = makeRecord({ id: "20240502T000000000Z-bbbbbbbbbb", status: "pending", emailHash: "b".repeat(64) });
    const other = makeRecord({ id: "20240503T000000000Z-cccccccccc", article: "other-article", emailHash: "c".repeat(64) });
    for (const r of [pending, approved, other]) github.files.set(replyPath(r.article, r.id), serializeReplyRecord(r));
    const store = makeStore();

    expect(await store.listReplies("open-article")).toEqual([approved, pending]);
    expect(await store.listReplies("nobody-replied")).toEqual([]);
    expect(await store.listReplies("other-article")).toEqual([other]);
    expect(await store.listReplies("open-article")).toEqual([approved, pending]);
    expect(github.requests.filter((r) => r.includes("/git/blobs/"))).toHaveLength(3);
  });

  it.each([
    ["500", [{ status: 500 }]],
    ["502 then 503", [{ status: 502 }, { status: 503 }]],
    ["409 (the branch moved)", [{ status: 409 }]],
    ["a timeout before the commit", [{ hangMs: 1_000 }]],
    ["a timeout after the commit landed", [{ hangMs: 1_000, apply: true }]],
    ["403 secondary rate limit with retry-after", [{ status: 403, headers: { "retry-after": "2" } }]],
  ])("lands exactly once after %s", async (_name, faults) => {
    github.inject("PUT", ...faults);
    const record = makeRecord();
    await makeStore().create(record, message);
    expect(landed()).toEqual([replyPath(record.article, record.id)]);
  });

  it("waits as long as retry-after asks, and x-ratelimit-reset when that is all there is", async () => {
    const now = Date.parse("2024-06-01T00:00:00Z");
    github.inject(
      "PUT",
      { status: 403, headers: { "retry-after": "2" } },
      { status: 429, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(now / 1000 + 1) } },
    );
    await makeStore({ now: () => now }).create(makeRecord(), message);
    expect(sleeps).toEqual([2_000, 1_000]);
    expect(github.commits).toHaveLength(1);
  });

  it("never overwrites another reply's file (422), and says so", async () => {
    const record = makeRecord();
    const path = replyPath(record.article, record.id);
    github.files.set(path, serializeReplyRecord({ ...record, body: "Someone else's" }));
    await expect(makeStore().create(record, message)).rejects.toBeInstanceOf(ReplyExistsError);
    expect(JSON.parse(github.files.get(path)!).body).toBe("Someone else's");
    expect(github.commits).toEqual([]);
  });

  it.each([
    ["keeps failing with 500", [{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }]],
    ["asks to wait an hour", [{ status: 429, headers: { "retry-after": "3600" } }]],
    ["refuses the token (401)", [{ status: 401 }]],
    ["refuses the token (403 without rate-limit headers)", [{ status: 403 }]],
  ])("gives up with StoreUnavailableError when GitHub %s", async (_name, faults) => {
    github.inject("PUT", ...faults);
    const error = await makeStore()
      .create(makeRecord(), message)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(String((error as Error).message)).not.toContain(TOKEN);
    expect(github.commits).toEqual([]);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(4_000);
  });

  it("lands 30 concurrent replies exactly once each through a storm of faults", async () => {
    // One fault every other request ({} answers normally), spread over the run.
    const faults = [
      { status: 500 },
      {},
      { status: 409 },
      {},
      { hangMs: 1_000, apply: true },
      {},
      { status: 502 },
      {},
      { status: 403, headers: { "retry-after": "1" } },
      {},
    ];
    github.inject("PUT", ...faults, ...faults, ...faults);
    github.inject("GET", { status: 500 }, {}, { hangMs: 1_000 }, {});
    const store = makeStore();
    const start = Date.parse("2024-06-01T00:00:00Z");
    const records = Array.from({ length: 30 }, (_, i) => makeRecord({ id: createReplyId(new Date(start + i)), body: `Reply ${i}` }));
    await Promise.all(records.map((record) => store.create(record, message)));
    expect(landed().sort()).toEqual(records.map((r) => replyPath(r.article, r.id)).sort());
  });
});

describe("the pipeline with the github store", () => {
  it("answers 503 store_unavailable, text kept in the form, when GitHub stays down", async () => {
    github.inject("GET", { status: 502 }, { status: 502 }, { status: 502 }, { status: 502 });
    const { handle } = setupPipeline({ deps: { store: makeStore() } });
    const response = await handle(post(VALID));
    expect(response.status).toBe(503);
    expect(await readJson(response)).toMatchObject({ code: "store_unavailable", message: expect.stringMatching(/kept in the form/) });
  });

  it("stores a reply end to end", async () => {
    const { handle } = setupPipeline({ deps: { store: makeStore() } });
    const response = await handle(post(VALID));
    expect(response.status).toBe(201);
    const { id } = await readJson(response);
    expect(landed()).toEqual([replyPath("open-article", String(id))]);
  });
});
