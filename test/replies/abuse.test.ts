/** Abuse that used to get through, each refused or held now (issue 14). */
import { describe, expect, it } from "vitest";
import { floodAddress } from "../../src/replies/pipeline/flood-address.ts";
import { hashEmail } from "../../src/replies/pipeline/hash-keys.ts";
import { MAX_BODY_BYTES } from "../../src/replies/pipeline/read-request.ts";
import { REPLY_MESSAGES } from "../../src/shared/reply-messages.ts";
import { makeRecord, post, readJson, SECRET, setupPipeline, VALID } from "./support/pipeline.ts";

/** A reader with an approved reply: anything held from them is held by a rule, not as a newcomer. */
function trustedPipeline() {
  const setup = setupPipeline();
  setup.store.records.push(makeRecord({ emailHash: hashEmail(SECRET, VALID.email) }));
  return setup;
}

describe("links are counted as they render", () => {
  it.each([
    ["three protocol-relative links", "[a](//spam.example/1) [a](//spam.example/2) [a](//spam.example/3)"],
    ["two mailto links", "Write [me](mailto:a@spam.example) or <mailto:b@spam.example>"],
    ["reference links", "[cheap][1] and [cheaper][1]\n\n[1]: //spam.example/"],
  ])("holds a reply with %s for a moderator", async (_name, comment) => {
    const { handle, logs } = trustedPipeline();
    const body = await readJson(await handle(post({ ...VALID, comment })));
    expect(body.status).toBe("pending");
    expect(logs.find((entry) => entry.event === "stored")?.reasons).toEqual(["links"]);
  });

  it("publishes a trusted reader's reply with one link", async () => {
    const { handle } = trustedPipeline();
    expect((await readJson(await handle(post({ ...VALID, comment: "See [this](//example.org/a)." })))).status).toBe("approved");
  });
});

describe("flood control by sender", () => {
  const send = (handle: ReturnType<typeof setupPipeline>["handle"], ip: string, n: number) =>
    handle(post({ ...VALID, email: `reader${n}@example.org`, comment: `Reply number ${n}` }), { ip });

  it("treats 300 IPv6 addresses in one /64 as one sender", async () => {
    const { handle, store } = setupPipeline();
    const statuses: number[] = [];
    for (let n = 0; n < 300; n += 1)
      statuses.push((await send(handle, `2001:db8:1:2:${n.toString(16)}::${(n * 7).toString(16)}`, n)).status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(299);
    expect(store.records).toHaveLength(1);
  });

  it("lets different /64s and different IPv4 addresses through", async () => {
    const { handle } = setupPipeline();
    const ips = ["2001:db8:1:2::1", "2001:db8:1:3::1", "192.0.2.1", "192.0.2.2"];
    const statuses = await Promise.all(ips.map((ip, n) => send(handle, ip, n).then((response) => response.status)));
    expect(statuses).toEqual([201, 201, 201, 201]);
  });

  it("counts an IPv4-mapped IPv6 address as its IPv4 address", async () => {
    const { handle } = setupPipeline();
    expect((await send(handle, "192.0.2.7", 1)).status).toBe(201);
    expect((await send(handle, "::ffff:192.0.2.7", 2)).status).toBe(429);
  });

  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["2001:DB8:0001:0002:aaaa::1", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"],
    ["2001:db8::", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
  ])("names %s as the sender %s", (ip, sender) => expect(floodAddress(ip)).toBe(sender));
});

describe("text that cannot be published", () => {
  it.each([
    ["U+FFFE", "Hello \uFFFE there"],
    ["U+FFFF", "Hello \uFFFF there"],
    ["a C0 control (bell)", "Ding\u0007"],
    ["a NUL", "a\u0000b"],
    ["a lone high surrogate", "broken \uD83D here"],
    ["a lone low surrogate", "broken \uDE00 here"],
  ])("refuses a comment with %s, with a message for the field", async (_name, comment) => {
    const { handle, store } = setupPipeline();
    const response = await handle(post({ ...VALID, comment }));
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body).toMatchObject({
      code: "comment_invalid_characters",
      fields: { comment: REPLY_MESSAGES.comment_invalid_characters.message },
    });
    expect(store.records).toHaveLength(0);
  });

  it("refuses a name with a control character", async () => {
    const body = await readJson(await setupPipeline().handle(post({ ...VALID, author: "Ada\u001bLovelace" })));
    expect(body.code).toBe("author_invalid_characters");
  });

  it.each([
    ["zero-width spaces", "\u200B\u200B\u200B"],
    ["joiners, word joiner and BOM", "\u200C\u200D\u2060\uFEFF"],
    ["a Hangul filler and bidi marks", "\u3164 \u200E\u202E"],
    ["ideographic spaces and a braille blank", "\u3000\u3000\u2800"],
  ])("refuses a comment of only %s", async (_name, comment) => {
    const { handle, store } = setupPipeline();
    const body = await readJson(await handle(post({ ...VALID, comment })));
    expect(body).toMatchObject({ code: "comment_invisible", fields: { comment: REPLY_MESSAGES.comment_invisible.message } });
    expect(store.records).toHaveLength(0);
  });

  it("sends the no-JavaScript form to a page that says why", async () => {
    const response = await setupPipeline().handle(post({ ...VALID, comment: "\u200B" }, { as: "form" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/replies/status/comment_invisible/?article=open-article");
  });

  it("still takes tabs, line breaks (CRLF too), emoji and joined emoji", async () => {
    const { handle, store } = setupPipeline();
    const response = await handle(post({ ...VALID, comment: "a\tb\r\nc 👩‍👩‍👧 \u200Bzero-width inside" }));
    expect(response.status).toBe(201);
    expect(store.records[0]?.body).toBe("a\tb\nc 👩‍👩‍👧 \u200Bzero-width inside");
  });
});

describe("the request size limit", () => {
  const chinese = "中文评论区".repeat(65_525 / 5);

  it("admits a 65,525-character Chinese comment from the no-JavaScript form (~590 KB urlencoded)", async () => {
    expect(chinese).toHaveLength(65_525);
    const { handle, store } = setupPipeline();
    const fields = { ...VALID, author: "读".repeat(245), comment: chinese };
    const request = post(fields, { as: "form" });
    const size = new URLSearchParams(Object.entries(fields)).toString().length;
    expect(size).toBeGreaterThan(590_000);
    const response = await handle(request);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/articles/open-article/#reply-pending");
    expect(store.records[0]?.body).toBe(chinese);
  });

  it("admits it as JSON, raw or \\u-escaped", async () => {
    for (const body of [
      JSON.stringify({ ...VALID, comment: chinese }),
      JSON.stringify({ ...VALID, comment: chinese }).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`),
    ]) {
      const { handle, store } = setupPipeline();
      expect((await handle(post(VALID, { body }))).status).toBe(201);
      expect(store.records[0]?.body).toBe(chinese);
    }
  });

  it("admits 65,525 UTF-16 units of astral characters (emoji)", async () => {
    const emoji = `${"🙂".repeat(32_762)}a`;
    const { handle } = setupPipeline();
    expect((await handle(post({ ...VALID, comment: emoji }, { as: "form" }))).status).toBe(303);
  });

  it("refuses a 10 MB body early, reading little more than the limit", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 10 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await setupPipeline().handle(post(VALID, { body }));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(MAX_BODY_BYTES + 4 * chunk.byteLength);
  });

  it("refuses a declared 10 MB body without reading any of it", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const response = await setupPipeline().handle(post(VALID, { body, headers: { "Content-Length": String(10 * 1024 * 1024) } }));
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThanOrEqual(1);
  });
});
