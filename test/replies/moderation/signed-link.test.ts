/** Moderation links: only the exact link works, only until it expires, only for its action. */
import { describe, expect, it } from "vitest";
import {
  deriveModerationKey,
  LINK_LIFETIME_MS,
  makeClaim,
  signModerationToken,
  verifyModerationToken,
} from "../../../src/replies/moderation/signed-link.ts";

const KEY = deriveModerationKey(undefined, "reply-secret");
const NOW = new Date("2024-06-01T12:00:00.000Z");
const REPLY = { article: "open-article", id: "20240601T120000000Z-abcdefghij" };
const approve = signModerationToken(KEY, makeClaim("approve", REPLY, NOW));

describe("moderation links", () => {
  it("accept the link as signed, for its action and reply", () => {
    expect(verifyModerationToken(KEY, approve, NOW)).toEqual({
      ok: true,
      claim: { action: "approve", ...REPLY, expires: NOW.getTime() / 1000 + LINK_LIFETIME_MS / 1000 },
    });
  });

  it.each([
    ["action changed to reject", approve.replace(/^approve\./, "reject.")],
    ["action changed to list", approve.replace(/^approve\.open-article\.[^.]+/, "list..")],
    ["another reply's id", approve.replace("abcdefghij", "abcdefghik")],
    ["another article", approve.replace("open-article", "other-article")],
    ["expiry pushed back", approve.replace(/\.(\d+)\./, (_, s: string) => `.${Number(s) + 86_400}.`)],
    ["signature altered", `${approve.slice(0, -2)}${approve.endsWith("AA") ? "AB" : "AA"}`],
    ["no signature", approve.split(".").slice(0, 4).join(".")],
    ["empty", ""],
  ])("refuse a link with %s", (_name, token) => {
    expect(verifyModerationToken(KEY, token, NOW)).toEqual({ ok: false, problem: "invalid" });
  });

  it("refuse a link signed with another key (MODERATION_SECRET set, or another site)", () => {
    const other = deriveModerationKey("a-separate-moderation-secret", "reply-secret");
    expect(verifyModerationToken(other, approve, NOW)).toEqual({ ok: false, problem: "invalid" });
  });

  it("expire after seven days, not a second later", () => {
    const justBefore = new Date(NOW.getTime() + LINK_LIFETIME_MS - 1000);
    const atExpiry = new Date(NOW.getTime() + LINK_LIFETIME_MS);
    expect(verifyModerationToken(KEY, approve, justBefore).ok).toBe(true);
    expect(verifyModerationToken(KEY, approve, atExpiry)).toEqual({ ok: false, problem: "expired" });
  });

  it("never outlive a shorter expiry they are made under", () => {
    const claim = makeClaim("reject", REPLY, NOW, NOW.getTime() / 1000 + 60);
    expect(claim.expires).toBe(NOW.getTime() / 1000 + 60);
  });

  it("use a key derived from the reply secret that is not the reply secret itself", () => {
    expect(deriveModerationKey(undefined, "reply-secret").equals(Buffer.from("reply-secret"))).toBe(false);
  });
});
