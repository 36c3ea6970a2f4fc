/** `npm run replies -- list` prints reader text the terminal cannot be tricked by. */
import { describe, expect, it } from "vitest";
import { formatPending } from "../../../src/replies/moderation/moderation-cli.ts";
import type { ReplyRecord } from "../../../src/shared/reply-record.ts";

const record = (author: string, body: string): ReplyRecord => ({
  id: "20240601T110000000Z-aaaaaaaaaa",
  article: "open-article",
  parent: null,
  author,
  url: null,
  body,
  date: "2024-06-01T11:00:00.000Z",
  status: "pending",
  emailHash: "0".repeat(64),
});

describe("formatPending", () => {
  it.each([
    ["RLO/PDF", "\u202Egnp.exe\u202C text"],
    ["LRE/RLE/LRO", "\u202A\u202B\u202Dtext"],
    ["isolates", "\u2066\u2067\u2068text\u2069"],
    ["marks", "\u200E\u200F\u061Ctext"],
    ["an escape sequence", "\u001b[2Jtext"],
  ])("strips %s from the name and the text", (_name, text) => {
    const line = formatPending(record(text, text));
    // The one line break is the format's own, between the two lines of an entry.
    expect(line.replace("\n    ", " ")).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(line).toContain("text");
  });

  it("keeps the visible text, in order", () => {
    expect(formatPending(record("Eve\u202E", "\u202Egnp.exe\u202C and more"))).toBe(
      "20240601T110000000Z-aaaaaaaaaa  open-article  Eve  2024-06-01T11:00:00.000Z\n    gnp.exe and more",
    );
  });
});
