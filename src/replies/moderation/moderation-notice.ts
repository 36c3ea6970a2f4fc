/**
 * The notice a held reply sends to moderators: pure, from the reply and its signed links to
 * an email (text and HTML) and a webhook body. Never the reader's email or address: the
 * record does not have them, and nothing else is passed in.
 */
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { MODERATION_ENDPOINT } from "../../shared/reply-routes.ts";
import { html } from "./html.ts";
import { makeClaim, signModerationToken } from "./signed-link.ts";

export interface HeldReply {
  record: ReplyRecord;
  articleTitle: string;
  /** Absolute URL of the article. */
  articleUrl: string;
  /** The site's URL (the manifest's): where the moderation links point. */
  siteUrl: string;
  siteName?: string;
}

export interface ModerationLinks {
  approve: string;
  reject: string;
  list: string;
  expires: Date;
}

export interface Notice {
  subject: string;
  text: string;
  html: string;
  /** Slack reads `text`, Discord `content`; Matrix bridges (hookshot) read `text`. */
  webhook: { text: string; content: string; allowed_mentions: { parse: never[] } };
}

/** Discord refuses a message over 2,000 characters; the full text is a click away. */
const WEBHOOK_EXCERPT = 600;
const SUBJECT_AUTHOR = 60;

export function makeModerationLinks(key: Buffer, held: Pick<HeldReply, "record" | "siteUrl">, now: Date): ModerationLinks {
  const link = (action: "approve" | "reject" | "list") => {
    const claim = makeClaim(action, action === "list" ? null : held.record, now);
    const url = new URL(MODERATION_ENDPOINT, held.siteUrl);
    url.searchParams.set("t", signModerationToken(key, claim));
    return { url: url.href, expires: claim.expires };
  };
  const approve = link("approve");
  return { approve: approve.url, reject: link("reject").url, list: link("list").url, expires: new Date(approve.expires * 1000) };
}

export function composeNotice(held: HeldReply, links: ModerationLinks): Notice {
  const { record } = held;
  const author = record.author.length > SUBJECT_AUTHOR ? `${record.author.slice(0, SUBJECT_AUTHOR - 1)}…` : record.author;
  const subject = `Reply waiting from ${author} on “${held.articleTitle}”`;
  const expires = links.expires
    .toISOString()
    .replace(/:\d\d\.\d{3}Z$/, " UTC")
    .replace("T", " ");
  const header = `${record.author}${record.url ? ` (${record.url})` : ""} replied to “${held.articleTitle}” (${held.articleUrl}). The reply is waiting for a moderator.`;
  const footer = [
    `Approve: ${links.approve}`,
    `Reject: ${links.reject}`,
    `Every reply waiting: ${links.list}`,
    "",
    `Each link opens a page that asks you to confirm. The links work until ${expires}.`,
  ];
  const text = [header, "", record.body, "", ...footer, ""].join("\n");
  const body = html`<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">
<p><strong>${record.author}</strong>${record.url ? html` (${record.url})` : null} replied to <a href="${held.articleUrl}">${held.articleTitle}</a>. The reply is waiting for a moderator.</p>
<blockquote style="white-space:pre-wrap;border-left:3px solid #ccc;margin:0;padding:0 0 0 1em">${record.body}</blockquote>
<p><a href="${links.approve}">Approve</a> · <a href="${links.reject}">Reject</a> · <a href="${links.list}">Every reply waiting</a></p>
<p style="color:#555">Each link opens a page that asks you to confirm. The links work until ${expires}.</p>
</body></html>`.value;
  const excerpt = record.body.length > WEBHOOK_EXCERPT ? `${record.body.slice(0, WEBHOOK_EXCERPT)}…` : record.body;
  const chat = [header, "", excerpt, "", ...footer.slice(0, 3)].join("\n");
  return {
    subject,
    text,
    html: body,
    // Slack reads <…> and & as markup (mentions, links); Discord pings only what allowed_mentions allows.
    webhook: { text: escapeSlack(chat), content: chat, allowed_mentions: { parse: [] } },
  };
}

/** https://api.slack.com/reference/surfaces/formatting#escaping */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
