import { describe, expect, it } from "vitest";
import { createFloodMemory } from "../../../src/replies/pipeline/flood-memory.ts";
import { hashEmail } from "../../../src/replies/pipeline/hash-keys.ts";
import { createKeyedLock } from "../../../src/replies/pipeline/keyed-lock.ts";
import { createReplyId } from "../../../src/replies/pipeline/reply-id.ts";
import { countLinks } from "../../../src/replies/pipeline/spam-rules.ts";
import { createReplyMarkdown } from "../../../src/shared/reply-markdown.ts";
import { REPLY_MESSAGES } from "../../../src/shared/reply-messages.ts";
import { REPLY_ID_PATTERN } from "../../../src/shared/reply-record.ts";

describe("countLinks", () => {
  it.each([
    ["no links here", 0],
    ["see https://example.org", 1],
    ["[a](https://a.example) and <http://b.example/x>", 2],
    ["www.example.org and https://www.example.net/page", 2],
    ["HTTPS://EXAMPLE.ORG", 1],
    ["mailto:someone@example.org", 0],
    // Counted as the reply renderer renders them: every <a>, whatever its address looks like.
    ["[a](//spam.example/1) [b](//spam.example/2) [c](//spam.example/3)", 3],
    ["[write](mailto:someone@example.org) or <mailto:other@example.org>", 2],
    ["[ref][1] and [again][1]\n\n[1]: //spam.example/", 2],
    ["[a](/relative) [b](#here)", 2],
    ["[https://a.example](https://a.example)", 1],
    ["`https://in.code.example` and\n\n    https://indented.code.example\n", 0],
    ["[x](data:image/png;base64,iVBORw0KGgo=) [y](javascript:alert(1))", 0],
  ])("%j has %i", (text, count) => expect(countLinks(text)).toBe(count));

  it("counts exactly the <a> elements the reply renderer emits for link syntax", () => {
    const text = "[a](//x.example) <https://y.example> [m](mailto:z@example.org) [d](data:image/png;base64,AAAA)";
    const rendered = createReplyMarkdown().render(text);
    expect(countLinks(text)).toBe(rendered.match(/<a /g)?.length);
  });
});

describe("createReplyId", () => {
  it("is the UTC time to the millisecond, then 10 base32 characters, safe as a file name", () => {
    const id = createReplyId(new Date("2024-01-02T03:04:05.678Z"), () => new Uint8Array(10).fill(33));
    expect(id).toBe("20240102T030405678Z-bbbbbbbbbb");
    expect(id).toMatch(REPLY_ID_PATTERN);
  });

  it("sorts by time and does not repeat within one millisecond", () => {
    const date = new Date("2024-01-02T03:04:05.678Z");
    const ids = new Set(Array.from({ length: 1000 }, () => createReplyId(date)));
    expect(ids.size).toBe(1000);
    expect(createReplyId(new Date(date.getTime() + 1)) > [...ids].sort().at(-1)!).toBe(true);
  });
});

describe("hashEmail", () => {
  it("ignores case and surrounding space, and depends on the key", () => {
    expect(hashEmail("k", " Ada@Example.org ")).toBe(hashEmail("k", "ada@example.org"));
    expect(hashEmail("k", "ada@example.org")).not.toBe(hashEmail("other", "ada@example.org"));
    expect(hashEmail("k", "ada@example.org")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("flood memory", () => {
  it("refuses a key within the window, frees it after, and gives back a released claim", () => {
    const flood = createFloodMemory(15_000);
    expect(flood.reserve(["a", "ip"], 0)).toBe(true);
    expect(flood.reserve(["b", "ip"], 14_999)).toBe(false);
    expect(flood.reserve(["b"], 14_999)).toBe(true);
    flood.release(["b"], 14_999);
    expect(flood.reserve(["b"], 15_000)).toBe(true);
    expect(flood.reserve(["a", "ip"], 15_000)).toBe(true);
  });
});

describe("keyed lock", () => {
  it("runs tasks with the same key one at a time, and other keys alongside", async () => {
    const lock = createKeyedLock();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name}+`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${name}-`);
    };
    await Promise.all([lock("a", task("a1", 20)), lock("a", task("a2", 1)), lock("b", task("b1", 1))]);
    expect(events.indexOf("a1-")).toBeLessThan(events.indexOf("a2+"));
    expect(events.indexOf("b1+")).toBeLessThan(events.indexOf("a1-"));
  });
});

it("gives every code a status and a sentence, and every error status is one the brief allows", () => {
  for (const [code, { status, message }] of Object.entries(REPLY_MESSAGES)) {
    expect(message.length, code).toBeGreaterThan(10);
    expect([201, 400, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503], code).toContain(status);
  }
});
