/** Request → response: every way a reply is refused, with its code, status and field. */
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/replies/pipeline/read-request.ts";
import { StoreUnavailableError } from "../../src/replies/stores/store.ts";
import { REPLY_MESSAGES } from "../../src/shared/reply-messages.ts";
import type { ReplyRecord } from "../../src/shared/reply-record.ts";
import { NOW, ORIGIN } from "./support/manifest.ts";
import { makeRecord, post, readJson, setupPipeline, VALID } from "./support/pipeline.ts";

const long = (n: number) => "x".repeat(n);
const BIG = MAX_BODY_BYTES + 1;

type Case = [string, () => Request, number, string, string?];

const refusals: Case[] = [
  ["GET", () => post(VALID, { method: "GET" }), 405, "method_not_allowed"],
  ["text/plain body", () => post(VALID, { headers: { "Content-Type": "text/plain" } }), 415, "unsupported_media_type"],
  ["multipart body", () => post(VALID, { headers: { "Content-Type": "multipart/form-data; boundary=x" } }), 415, "unsupported_media_type"],
  [
    "no Origin (form body)",
    () => post(VALID, { as: "form", headers: { Origin: null, Accept: "application/json" } }),
    403,
    "origin_forbidden",
  ],
  ["no Origin (JSON)", () => post(VALID, { headers: { Origin: null } }), 403, "origin_forbidden"],
  ["another site's Origin", () => post(VALID, { headers: { Origin: "https://evil.example" } }), 403, "origin_forbidden"],
  ["Origin: null", () => post(VALID, { headers: { Origin: "null" } }), 403, "origin_forbidden"],
  ["body over the limit", () => post({ ...VALID, comment: long(BIG) }), 413, "body_too_large"],
  ["body over the limit without Content-Length", () => post(VALID, { body: streamOf(long(BIG)) }), 413, "body_too_large"],
  ["malformed JSON", () => post(VALID, { body: "{nope" }), 400, "bad_request"],
  ["JSON that is not an object", () => post(VALID, { body: "[1,2]" }), 400, "bad_request"],
  ["JSON field that is an object", () => post(VALID, { body: JSON.stringify({ ...VALID, author: { a: 1 } }) }), 400, "bad_request"],
  ["invalid UTF-8", () => post(VALID, { body: new Uint8Array([0x7b, 0xff, 0x7d]) }), 400, "bad_request"],
  ["no author", () => post({ ...VALID, author: "" }), 400, "author_required", "author"],
  ["blank author", () => post({ ...VALID, author: " \t " }), 400, "author_required", "author"],
  ["author of 246 characters", () => post({ ...VALID, author: long(246) }), 400, "author_too_long", "author"],
  ["no email", () => post({ ...VALID, email: "" }), 400, "email_required", "email"],
  ["email of 101 characters", () => post({ ...VALID, email: `${long(89)}@example.org` }), 400, "email_too_long", "email"],
  ["email without @", () => post({ ...VALID, email: "ada.example.org" }), 400, "email_invalid", "email"],
  ["email without a dotted domain", () => post({ ...VALID, email: "ada@localhost" }), 400, "email_invalid", "email"],
  ["email with a space", () => post({ ...VALID, email: "ada lovelace@example.org" }), 400, "email_invalid", "email"],
  ["url of 201 characters", () => post({ ...VALID, url: `https://example.org/${long(181)}` }), 400, "url_too_long", "url"],
  ["javascript: url", () => post({ ...VALID, url: "javascript:alert(1)" }), 400, "url_invalid", "url"],
  ["ftp: url", () => post({ ...VALID, url: "ftp://example.org/" }), 400, "url_invalid", "url"],
  ["no comment", () => post({ ...VALID, comment: "" }), 400, "comment_required", "comment"],
  ["whitespace-only comment", () => post({ ...VALID, comment: "  \n\r\n " }), 400, "comment_required", "comment"],
  ["no article", () => post({ ...VALID, article: "" }), 400, "article_required", "article"],
  ["unknown article", () => post({ ...VALID, article: "no-such-article" }), 404, "article_not_found"],
  ["article key with a path in it", () => post({ ...VALID, article: "../../etc" }), 404, "article_not_found"],
  ["article closed in front matter", () => post({ ...VALID, article: "closed-article" }), 403, "replies_closed"],
  ["article closed by age since the build", () => post({ ...VALID, article: "old-article" }), 403, "replies_closed"],
  ["parent that is not an id", () => post({ ...VALID, parent: "../x" }), 422, "parent_not_found", "parent"],
  ["parent that does not exist", () => post({ ...VALID, parent: "20240101T000000000Z-aaaaaaaaaa" }), 422, "parent_not_found", "parent"],
  ["disallowed word in the comment", () => post({ ...VALID, comment: "Buy ForbiddenWord now" }), 422, "content_disallowed"],
  ["disallowed word in the name", () => post({ ...VALID, author: "forbiddenword fan" }), 422, "content_disallowed"],
];

describe("the pipeline refuses", () => {
  it.each(refusals)("%s → %i %s", async (_name, makeRequest, status, code, field) => {
    const { handle, store } = setupPipeline();
    const response = await handle(makeRequest());
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await readJson(response);
    expect(body).toMatchObject({ ok: false, code, message: REPLY_MESSAGES[code as keyof typeof REPLY_MESSAGES].message });
    if (field) expect(body.fields).toHaveProperty(field);
    else expect(body.fields).toBeUndefined();
    expect(store.records).toHaveLength(0);
  });

  it("answers 405 with Allow: POST", async () => {
    const { handle } = setupPipeline();
    const response = await handle(post(VALID, { method: "PUT" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("names every bad field at once, not only the first", async () => {
    const { handle } = setupPipeline();
    const body = await readJson(await handle(post({ ...VALID, author: "", email: "nope", comment: "" })));
    expect(body.code).toBe("author_required");
    expect(body.fields).toEqual({
      author: REPLY_MESSAGES.author_required.message,
      email: REPLY_MESSAGES.email_invalid.message,
      comment: REPLY_MESSAGES.comment_required.message,
    });
  });

  it("refuses a comment over 65,525 characters when the body limit would let it through", async () => {
    const { handle } = setupPipeline({ deps: { maxBodyBytes: 200_000 } });
    const response = await handle(post({ ...VALID, comment: long(65_526) }));
    expect(response.status).toBe(400);
    expect(await readJson(response)).toMatchObject({ code: "comment_too_long" });
  });

  it.each([
    ["245-character name", { author: long(245) }],
    ["100-character email", { email: `${long(88)}@example.org` }],
    ["200-character url", { url: `https://example.org/${long(180)}` }],
    ["url without a scheme (https is assumed)", { url: "example.org/me" }],
    ["WordPress's parent 0 (top level)", { parent: "0" }],
  ])("accepts a %s", async (_name, fields) => {
    const { handle, store } = setupPipeline();
    const response = await handle(post({ ...VALID, ...fields }));
    expect(response.status).toBe(201);
    expect(store.records).toHaveLength(1);
  });
});

describe("threads", () => {
  const chain = (length: number, status: "approved" | "pending" = "approved") => {
    const records: ReplyRecord[] = [];
    for (let i = 0; i < length; i += 1) {
      records.push(
        makeRecord({
          id: `20240101T00000000${i}Z-aaaaaaaaa${"abcdefgh"[i]}`,
          parent: records[i - 1]?.id ?? null,
          status: i === length - 1 ? status : "approved",
        }),
      );
    }
    return records;
  };

  it.each([
    ["a reply at depth 5 (parent at depth 4)", chain(4), 201, undefined],
    ["a reply at depth 6 (parent at depth 5)", chain(5), 422, "parent_too_deep"],
    ["a reply to a pending reply", chain(1, "pending"), 422, "parent_not_approved"],
  ])("%s → %i", async (_name, records, status, code) => {
    const { handle, store } = setupPipeline();
    store.records.push(...records);
    const response = await handle(post({ ...VALID, parent: records.at(-1)!.id }));
    expect(response.status).toBe(status);
    if (code) expect(await readJson(response)).toMatchObject({ code, fields: { parent: expect.any(String) } });
    else expect(store.records.at(-1)?.parent).toBe(records.at(-1)!.id);
  });

  it("refuses a parent that lives on another article", async () => {
    const { handle, store } = setupPipeline();
    const elsewhere = makeRecord({ article: "other-article" });
    store.records.push(elsewhere);
    const response = await handle(post({ ...VALID, parent: elsewhere.id }));
    expect(response.status).toBe(422);
    expect(await readJson(response)).toMatchObject({ code: "parent_not_found" });
  });
});

describe("duplicates and floods", () => {
  it("refuses the same text from the same name under the same parent with 409", async () => {
    const { handle, store, clock } = setupPipeline();
    expect((await handle(post(VALID))).status).toBe(201);
    clock.now += 60_000;
    const again = await handle(post(VALID));
    expect(again.status).toBe(409);
    expect(await readJson(again)).toMatchObject({ code: "duplicate" });
    expect(store.records).toHaveLength(1);
  });

  it.each([
    ["the same email, another IP", { email: VALID.email }, "203.0.113.2", 429],
    ["the same email in other case", { email: " ADA@Example.org " }, "203.0.113.2", 429],
    ["the same IP, another email", { email: "grace@example.org" }, "203.0.113.1", 429],
    ["another email and IP", { email: "grace@example.org" }, "203.0.113.2", 201],
  ])("a second reply within 15 s from %s → %i", async (_name, fields, ip, status) => {
    const { handle, clock } = setupPipeline();
    expect((await handle(post(VALID), { ip: "203.0.113.1" })).status).toBe(201);
    clock.now += 14_000;
    const second = await handle(post({ ...VALID, ...fields, comment: "Another thought." }), { ip });
    expect(second.status).toBe(status);
    if (status === 429) {
      expect(second.headers.get("retry-after")).toBe("15");
      expect(await readJson(second)).toMatchObject({ code: "too_fast" });
    }
  });

  it("lets the same person reply again after 15 s", async () => {
    const { handle, clock } = setupPipeline();
    expect((await handle(post(VALID), { ip: "203.0.113.1" })).status).toBe(201);
    clock.now += 15_000;
    expect((await handle(post({ ...VALID, comment: "Later." }), { ip: "203.0.113.1" })).status).toBe(201);
  });

  it("does not count a refused reply as the first of a flood", async () => {
    const { handle, clock } = setupPipeline();
    expect((await handle(post({ ...VALID, parent: "20240101T000000000Z-aaaaaaaaaa" }))).status).toBe(422);
    clock.now += 1_000;
    expect((await handle(post(VALID))).status).toBe(201);
  });

  it("lets the reader send again at once after the store failed", async () => {
    const { handle, store } = setupPipeline();
    store.failWith = new StoreUnavailableError("down");
    expect((await handle(post(VALID))).status).toBe(503);
    store.failWith = undefined;
    expect((await handle(post(VALID))).status).toBe(201);
  });

  it("stores a double click once", async () => {
    const { handle, store } = setupPipeline();
    const statuses = await Promise.all([handle(post(VALID)), handle(post(VALID))].map(async (r) => (await r).status));
    expect(statuses.sort()).toEqual([201, 409]);
    expect(store.records).toHaveLength(1);
  });
});

describe("when the store is down", () => {
  it("answers 503 saying the text is kept in the form", async () => {
    const { handle, store } = setupPipeline();
    store.failWith = new StoreUnavailableError("GitHub answered 502 on PUT after 4 attempt(s)");
    const response = await handle(post(VALID));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("60");
    const body = await readJson(response);
    expect(body).toMatchObject({ ok: false, code: "store_unavailable" });
    expect(body.message).toMatch(/kept in the form/);
  });

  it("answers 500 server_error for a bug, without details", async () => {
    const { handle, store } = setupPipeline();
    store.failWith = new TypeError("cannot read properties of undefined");
    const response = await handle(post(VALID));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain("undefined");
  });
});

it("uses the injected clock for the reply's date", async () => {
  const { handle, store } = setupPipeline();
  await handle(post(VALID));
  expect(store.records[0]?.date).toBe(NOW.toISOString());
  expect(store.records[0]?.id.startsWith("20240601T120000000Z-")).toBe(true);
  expect(ORIGIN).toMatch(/^https:/);
});

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
      controller.close();
    },
  });
}
