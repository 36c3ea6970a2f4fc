import { describe, expect, it } from "vitest";
import { parseReplyRecord, type ReplyRecord, replyPath, serializeReplyRecord } from "../../../src/shared/reply-record.ts";

const VALID: ReplyRecord = {
  id: "20240102T030405678Z-abcdefghij",
  article: "alibaba-joins-iacc",
  parent: null,
  author: "Ada",
  url: "https://ada.example/",
  body: "Hello *world*",
  date: "2024-01-02T03:04:05.678Z",
  status: "pending",
  emailHash: "0".repeat(64),
};

describe("parseReplyRecord", () => {
  it("accepts a valid record unchanged", () => {
    expect(parseReplyRecord(VALID, "f.json")).toEqual(VALID);
  });

  it.each([
    ["id", { id: "2024-01-02" }, /field "id": expected a reply id/],
    ["id with a path", { id: "../../x" }, /field "id"/],
    ["article", { article: "Not A Key" }, /field "article": expected an article key/],
    ["parent", { parent: "x" }, /field "parent": expected a reply id/],
    ["author", { author: "" }, /field "author": expected a non-empty name/],
    ["url scheme", { url: "javascript:alert(1)" }, /field "url": expected an http/],
    ["date with an offset", { date: "2024-01-02T11:04:05.678+08:00" }, /field "date": expected an ISO 8601 UTC/],
    ["status", { status: "spam" }, /field "status": expected "pending" or "approved"/],
    ["emailHash", { emailHash: "ada@example.org" }, /field "emailHash": expected 64 lowercase hex/],
    ["an unknown field", { email: "ada@example.org" }, /unknown field "email"/],
  ])("names the file and the field for a bad %s", (_name, change, message) => {
    expect(() => parseReplyRecord({ ...VALID, ...change }, "content/replies/a/b.json")).toThrow(
      new RegExp(`^content/replies/a/b\\.json: .*${message.source}`),
    );
  });

  it("names a missing field", () => {
    const { body: _body, ...rest } = VALID;
    expect(() => parseReplyRecord(rest, "f.json")).toThrow(/^f\.json: field "body"/);
  });
});

describe("replyPath", () => {
  it.each([
    [["alibaba", VALID.id], `content/replies/alibaba/${VALID.id}.json`],
    [["alibaba", VALID.id, "site/content"], `site/content/replies/alibaba/${VALID.id}.json`],
  ])("%j → %s", (args, expected) => {
    expect(replyPath(...(args as [string, string, string?]))).toBe(expected);
  });

  it.each([
    ["../etc", VALID.id],
    ["alibaba", "../../passwd"],
  ])("refuses %s / %s", (key, id) => {
    expect(() => replyPath(key, id)).toThrow();
  });
});

it("serializes with the schema's key order and a final newline, and reads back", () => {
  const text = serializeReplyRecord({ ...VALID, status: "approved" });
  expect(text.endsWith("}\n")).toBe(true);
  expect(Object.keys(JSON.parse(text))).toEqual(["id", "article", "parent", "author", "url", "body", "date", "status", "emailHash"]);
  expect(parseReplyRecord(JSON.parse(text), "x").status).toBe("approved");
});
