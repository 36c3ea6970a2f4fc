/** Who counts as the same reader: name AND email, normalised; and the branch held replies wait on. */
import { describe, expect, it } from "vitest";
import { hashEmail, hashTrustKey, normaliseIdentity, trustKeyOf } from "../../../src/replies/pipeline/hash-keys.ts";
import { makeDedupeKey } from "../../../src/replies/stores/reply-paths.ts";
import { readEnv } from "../../../src/shared/env.ts";

describe("hashTrustKey", () => {
  it.each([
    ["Ada Lovelace", "ada@example.org", "  ada   LOVELACE ", " ADA@Example.org "],
    ["Ada Lovelace", "ada@example.org", "Ａｄａ Lovelace", "ａｄａ@example.org"],
    ["李 雷", "li@example.org", "李\u3000雷", "li@example.org"],
  ])("treats %j <%s> and %j <%s> as the same reader", (name, email, otherName, otherEmail) => {
    expect(hashTrustKey("k", otherName, otherEmail)).toBe(hashTrustKey("k", name, email));
  });

  it.each([
    ["another name, the same email", "Mallory", "ada@example.org"],
    ["the same name, another email", "Ada Lovelace", "mallory@example.org"],
  ])("tells readers apart by %s", (_case, name, email) => {
    expect(hashTrustKey("k", name, email)).not.toBe(hashTrustKey("k", "Ada Lovelace", "ada@example.org"));
  });

  it("is keyed, and computable by moderation from a stored reply's name and email hash", () => {
    expect(hashTrustKey("k", "Ada", "ada@example.org")).not.toBe(hashTrustKey("other", "Ada", "ada@example.org"));
    expect(hashTrustKey("k", "Ada", "ada@example.org")).toBe(trustKeyOf("ada", hashEmail("k", "ADA@example.org")));
    expect(hashTrustKey("k", "Ada", "ada@example.org")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("normalises as documented: trim, NFKC, one space, lowercase", () => {
    expect(normaliseIdentity("\t Ｆｏｏ \n\n BAR ")).toBe("foo bar");
  });
});

describe("dedupe keys", () => {
  const reply = { article: "open-article", parent: null, body: "Hello" };
  it("differ by article, parent, reader or text, and only by those", () => {
    const key = makeDedupeKey(reply, "a".repeat(64));
    expect(makeDedupeKey({ ...reply }, "a".repeat(64))).toBe(key);
    expect(
      new Set([
        key,
        makeDedupeKey({ ...reply, article: "other-article" }, "a".repeat(64)),
        makeDedupeKey({ ...reply, parent: "20240101T000000000Z-aaaaaaaaaa" }, "a".repeat(64)),
        makeDedupeKey({ ...reply, body: "Hello!" }, "a".repeat(64)),
        makeDedupeKey(reply, "b".repeat(64)),
      ]).size,
    ).toBe(5);
  });
});

describe("REPLY_PENDING_BRANCH", () => {
  it("takes a branch name and refuses what git would not", () => {
    expect(readEnv({ REPLY_PENDING_BRANCH: "moderation/queue" }).REPLY_PENDING_BRANCH).toBe("moderation/queue");
    expect(readEnv({}).REPLY_PENDING_BRANCH).toBeUndefined();
    for (const bad of ["a b", "../x", "x/", "x.lock", "a//b"]) {
      expect(() => readEnv({ REPLY_PENDING_BRANCH: bad })).toThrow(/"REPLY_PENDING_BRANCH": expected a git branch name/);
    }
  });
});
