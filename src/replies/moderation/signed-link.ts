/**
 * Signed moderation links: the link itself is the moderator's capability, so it is bound to
 * one action on one reply (or to the waiting list), expires, and cannot be altered. Format:
 *   <action>.<article>.<id>.<expires, Unix seconds>.<HMAC-SHA256, base64url>
 * Every part before the signature is URL-safe already (article keys and reply ids are
 * [a-z0-9-]), so a token needs no encoding in a query string or a form field.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { ARTICLE_KEY_PATTERN, REPLY_ID_PATTERN } from "../../shared/reply-record.ts";

export type ModerationAction = "approve" | "reject" | "list";

export interface ModerationClaim {
  action: ModerationAction;
  /** Empty for "list". */
  article: string;
  /** Empty for "list". */
  id: string;
  /** Unix seconds: the link works until then. */
  expires: number;
}

/** Long enough for a moderator back from a week away, short enough that an old email is inert. */
export const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export type TokenCheck = { ok: true; claim: ModerationClaim } | { ok: false; problem: "invalid" | "expired" };

/** A version label in what is signed, so a future format can never be confused with this one. */
const SIGNING_LABEL = "broadsheet-moderation-link-v1";
const ACTIONS: readonly ModerationAction[] = ["approve", "reject", "list"];

/**
 * The key for moderation links: MODERATION_SECRET when set, else one derived from the reply
 * secret under its own label, so a link's signature never equals an email hash or flood key.
 */
export function deriveModerationKey(moderationSecret: string | undefined, replySecret: string): Buffer {
  if (moderationSecret) return Buffer.from(moderationSecret, "utf8");
  return createHmac("sha256", replySecret).update("broadsheet moderation link key").digest();
}

export function signModerationToken(key: Buffer, claim: ModerationClaim): string {
  const payload = [claim.action, claim.article, claim.id, String(claim.expires)].join(".");
  return `${payload}.${sign(key, payload)}`;
}

/** A claim for one action, expiring LINK_LIFETIME_MS from now (or at `expires`, if sooner). */
export function makeClaim(
  action: ModerationAction,
  target: { article: string; id: string } | null,
  now: Date,
  expires?: number,
): ModerationClaim {
  const standard = Math.floor((now.getTime() + LINK_LIFETIME_MS) / 1000);
  return { action, article: target?.article ?? "", id: target?.id ?? "", expires: Math.min(standard, expires ?? standard) };
}

export function verifyModerationToken(key: Buffer, token: string | null | undefined, now: Date): TokenCheck {
  const invalid = { ok: false, problem: "invalid" } as const;
  if (!token || token.length > 200) return invalid;
  const parts = token.split(".");
  if (parts.length !== 5) return invalid;
  const [action, article, id, expiresText, signature] = parts as [string, string, string, string, string];
  if (!ACTIONS.includes(action as ModerationAction) || !/^\d{1,12}$/.test(expiresText)) return invalid;
  const isList = action === "list";
  const targetOk = isList ? article === "" && id === "" : ARTICLE_KEY_PATTERN.test(article) && REPLY_ID_PATTERN.test(id);
  if (!targetOk || !sameSignature(sign(key, parts.slice(0, 4).join(".")), signature)) return invalid;
  // Checked after the signature, so an expired-looking forgery is still only "invalid".
  const expires = Number(expiresText);
  if (now.getTime() >= expires * 1000) return { ok: false, problem: "expired" };
  return { ok: true, claim: { action: action as ModerationAction, article, id, expires } };
}

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(`${SIGNING_LABEL}\n${payload}`).digest("base64url");
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
