/** GET shows, POST changes: the pages behind the signed links, against an in-memory store. */
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { createModerationHandler, type ModerationLogEntry } from "../../../src/replies/moderation/moderation-handler.ts";
import { deriveModerationKey, type ModerationAction, makeClaim, signModerationToken } from "../../../src/replies/moderation/signed-link.ts";
import { makeManifest, NOW, ORIGIN } from "../support/manifest.ts";
import { MemoryModerationStore } from "../support/memory-moderation-store.ts";
import { makeRecord } from "../support/pipeline.ts";

const KEY = deriveModerationKey(undefined, "reply-secret");
const HOSTILE = makeRecord({
  id: "20240601T110000000Z-aaaaaaaaaa",
  status: "pending",
  author: `<script>alert("name")</script>`,
  body: `Hello <img src=x onerror=alert(1)> & "quotes"\n[a](javascript:alert(2))`,
});
const OTHER = makeRecord({ id: "20240601T110500000Z-bbbbbbbbbb", status: "pending", article: "other-article", body: "Second reply" });

function setup() {
  const store = new MemoryModerationStore([structuredClone(HOSTILE), structuredClone(OTHER)]);
  const logs: ModerationLogEntry[] = [];
  const clock = { now: NOW.getTime() };
  const handle = createModerationHandler({
    store,
    key: KEY,
    now: () => new Date(clock.now),
    loadManifest: async () => makeManifest(),
    log: (entry) => logs.push(entry),
  });
  return { store, logs, clock, handle };
}

const token = (action: ModerationAction, record = HOSTILE) =>
  signModerationToken(KEY, makeClaim(action, action === "list" ? null : record, NOW));
const get = (t: string) => new Request(`${ORIGIN}/api/replies/moderate?${new URLSearchParams({ t })}`);
const postForm = (fields: Record<string, string>) =>
  new Request(`${ORIGIN}/api/replies/moderate`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });

describe("a moderation link", () => {
  it("opens a page showing the reply as text and asking to confirm; the GET changes nothing", async () => {
    const { handle, store } = setup();
    const response = await handle(get(token("approve")));
    expect(response.status).toBe(200);
    const $ = load(await response.text());
    expect($("h1").text()).toBe("Approve this reply?");
    expect($("script, img").length).toBe(0);
    expect($("article strong").text()).toBe(HOSTILE.author);
    expect($("pre.text").text()).toBe(HOSTILE.body);
    expect($("a[href^='javascript']").length).toBe(0);
    const form = $("form");
    expect(form.attr("method")).toBe("post");
    expect(form.find("input[name=t]").val()).toBe(token("approve"));
    expect($("article a").attr("href")).toBe(`${ORIGIN}/articles/open-article/`);
    expect(store.calls).toEqual([]);
    expect(store.records.find((record) => record.id === HOSTILE.id)?.status).toBe("pending");
  });

  it("is served with a strict CSP, no referrer and no caching", async () => {
    const { handle } = setup();
    const response = await handle(get(token("reject")));
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toMatch(/script-src/);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const $ = load(await response.text());
    expect($("meta[name=viewport]").attr("content")).toContain("width=device-width");
  });

  it("approves on POST, and a second POST is harmless", async () => {
    const { handle, store, logs } = setup();
    const first = await handle(postForm({ t: token("approve") }));
    expect(load(await first.text())("h1").text()).toBe("Approved");
    expect(store.records.find((record) => record.id === HOSTILE.id)?.status).toBe("approved");
    const again = await handle(postForm({ t: token("approve") }));
    expect(again.status).toBe(200);
    expect(load(await again.text())("h1").text()).toBe("Already done");
    expect(logs.map((entry) => entry.outcome).filter(Boolean)).toEqual(["approved", "already"]);
    expect(JSON.stringify(logs)).not.toContain(token("approve").split(".")[4]);
  });

  it("rejects on POST; the same link again finds nothing to change", async () => {
    const { handle, store } = setup();
    await handle(postForm({ t: token("reject") }));
    expect(store.records.map((record) => record.id)).toEqual([OTHER.id]);
    const again = await handle(postForm({ t: token("reject") }));
    expect(load(await again.text())("h1").text()).toBe("Reply not found");
    const page = await handle(get(token("reject")));
    expect(load(await page.text())("h1").text()).toBe("This reply is not waiting any more");
  });

  it.each([
    ["tampered (reject link turned into approve)", () => token("reject").replace(/^reject/, "approve"), 403],
    ["for another reply", () => token("approve").replace(HOSTILE.id, OTHER.id), 403],
    ["missing", () => "", 403],
  ])("refuses a link %s, changing nothing", async (_name, makeToken, status) => {
    const { handle, store } = setup();
    const response = await handle(postForm({ t: makeToken() }));
    expect(response.status).toBe(status);
    expect(store.calls).toEqual([]);
  });

  it("refuses an expired link with 410, on GET and POST", async () => {
    const { handle, store, clock } = setup();
    const t = token("approve");
    clock.now += 8 * 24 * 60 * 60 * 1000;
    expect((await handle(get(t))).status).toBe(410);
    expect((await handle(postForm({ t }))).status).toBe(410);
    expect(store.calls).toEqual([]);
  });

  it("does not let the waiting-list link approve anything", async () => {
    const { handle, store } = setup();
    const response = await handle(postForm({ t: token("list") }));
    expect(response.status).toBe(400);
    expect(store.calls).toEqual([]);
  });

  it("refuses a POST that is not a small form, without reading it all", async () => {
    const { handle, store } = setup();
    const huge = new Request(`${ORIGIN}/api/replies/moderate`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `t=${token("approve")}&pad=${"x".repeat(100_000)}`,
    });
    expect((await handle(huge)).status).toBe(400);
    expect(store.calls).toEqual([]);
  });
});

describe("the waiting list", () => {
  it("lists every pending reply with approve and reject buttons that work", async () => {
    const { handle, store } = setup();
    const $ = load(await (await handle(get(token("list")))).text());
    expect($("h1").text()).toBe("2 replies are waiting");
    expect($("article").length).toBe(2);
    const rejectOther = $("article").eq(1).find("form").eq(1);
    expect(rejectOther.find("button").text()).toBe("Reject");
    const response = await handle(
      postForm({ t: String(rejectOther.find("input[name=t]").val()), list: String(rejectOther.find("input[name=list]").val()) }),
    );
    const result = load(await response.text());
    expect(result("h1").text()).toBe("Rejected");
    expect(result("a").attr("href")).toMatch(/^\/api\/replies\/moderate\?t=list\./);
    expect(store.records.map((record) => record.id)).toEqual([HOSTILE.id]);
  });

  it("makes buttons that expire with the list link that showed them", async () => {
    const { handle, clock } = setup();
    const $ = load(await (await handle(get(token("list")))).text());
    const approveToken = String($("form input[name=t]").first().val());
    clock.now += 7 * 24 * 60 * 60 * 1000;
    expect((await handle(postForm({ t: approveToken }))).status).toBe(410);
  });

  it("says when the store cannot be reached, without a stack trace", async () => {
    const { handle, store } = setup();
    store.failWith = new Error("GitHub is down at https://token@example.invalid");
    const response = await handle(get(token("list")));
    expect(response.status).toBe(503);
    expect(await response.text()).not.toContain("example.invalid");
  });
});
