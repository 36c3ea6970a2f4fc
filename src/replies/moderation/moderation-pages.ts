/**
 * The moderation pages, as HTML strings: one reply to confirm, the waiting list, and the
 * outcome. Laid out for a phone (one column, large buttons), no script at all, and styled by
 * one <style> block that the Content-Security-Policy allows by its hash and nothing else.
 */
import { createHash } from "node:crypto";
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { MODERATION_ENDPOINT } from "../../shared/reply-routes.ts";
// The style block goes in verbatim: its hash is in the CSP, so it must not be escaped or changed.
import { html, SafeHtml } from "./html.ts";
import type { ModerationOutcome } from "./moderation-store.ts";

const STYLE = `
body{font:1.05rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem;color:#111;background:#fff}
h1{font-size:1.4rem}
article{border:1px solid #ccc;border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.meta{color:#555;font-size:.9rem;margin:0 0 .5rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font:inherit}
form{display:inline-block;margin:.75rem .5rem 0 0}
button{font:inherit;font-size:1.05rem;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #333;min-height:2.75rem;cursor:pointer}
.approve{background:#0a6b2d;color:#fff;border-color:#0a6b2d}
.reject{background:#fff;color:#a11;border-color:#a11}
`;

const STYLE_HASH = createHash("sha256").update(STYLE).digest("base64");

/** No script, no frames, no images, no connections: the page is text and forms posting to itself. */
export const MODERATION_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

export interface ArticleRef {
  title: string;
  /** Absolute URL of the article, or undefined if the manifest does not know it. */
  url: string | undefined;
}

export interface PendingItem {
  record: ReplyRecord;
  article: ArticleRef;
  approveToken: string;
  rejectToken: string;
}

export function renderConfirmPage(item: PendingItem, action: "approve" | "reject", listToken: string): string {
  const token = action === "approve" ? item.approveToken : item.rejectToken;
  return renderPage(
    action === "approve" ? "Approve this reply?" : "Reject this reply?",
    html`<p>Nothing changes until you press the button.</p>
${renderReply(item)}
${renderActionForm(action, token, listToken)}
${renderListLink(listToken)}`,
  );
}

export function renderListPage(items: readonly PendingItem[], listToken: string): string {
  const heading =
    items.length === 0 ? "No replies are waiting" : `${items.length} ${items.length === 1 ? "reply is" : "replies are"} waiting`;
  return renderPage(
    heading,
    html`${items.map(
      (item) =>
        html`${renderReply(item, html`${renderActionForm("approve", item.approveToken, listToken)}${renderActionForm("reject", item.rejectToken, listToken)}`)}`,
    )}`,
  );
}

/** The reply left the waiting list before this page was opened (another moderator, or this link before). */
export function renderGonePage(listToken: string): string {
  return renderPage(
    "This reply is not waiting any more",
    html`<p>It was approved or rejected already. Nothing was changed.</p>${renderListLink(listToken)}`,
  );
}

const OUTCOMES: Record<ModerationOutcome, { title: string; text: string }> = {
  approved: { title: "Approved", text: "The reply will appear on the article after the next site update." },
  rejected: { title: "Rejected", text: "The reply was removed and will not be published." },
  already: { title: "Already done", text: "This reply had already been dealt with. Nothing was changed." },
  missing: { title: "Reply not found", text: "This reply is not waiting any more (it may have been rejected). Nothing was changed." },
};

export function renderOutcomePage(outcome: ModerationOutcome, listToken: string | undefined): string {
  const { title, text } = OUTCOMES[outcome];
  return renderPage(title, html`<p>${text}</p>${listToken ? renderListLink(listToken) : null}`);
}

export function renderProblemPage(problem: "invalid" | "expired" | "not_an_action" | "unavailable"): string {
  const text = {
    invalid: "This moderation link is not valid. Use the link from the notice exactly as it was sent.",
    expired: "This moderation link has expired. Open the waiting list from a newer notice, or use `npm run replies -- list` in a checkout.",
    not_an_action: "This link opens the waiting list; it cannot approve or reject anything by itself.",
    unavailable: "The replies could not be reached just now. Nothing was changed: please try again in a minute.",
  }[problem];
  return renderPage(problem === "unavailable" ? "Please try again" : "This link does not work", html`<p>${text}</p>`);
}

function renderReply({ record, article }: PendingItem, actions?: SafeHtml): SafeHtml {
  const articleName = article.url ? html`<a href="${article.url}">${article.title}</a>` : html`${article.title}`;
  return html`<article>
<p class="meta"><strong>${record.author}</strong>${record.url ? html` (${record.url})` : null} on ${articleName}<br>
<time datetime="${record.date}">${formatDate(record.date)}</time>${record.parent ? html` · in reply to ${record.parent}` : null}</p>
<pre class="text">${record.body}</pre>
${actions ?? null}
</article>`;
}

function renderActionForm(action: "approve" | "reject", token: string, listToken: string): SafeHtml {
  return html`<form method="post" action="${MODERATION_ENDPOINT}">
<input type="hidden" name="t" value="${token}"><input type="hidden" name="list" value="${listToken}">
<button type="submit" class="${action}">${action === "approve" ? "Approve" : "Reject"}</button>
</form>`;
}

function renderListLink(listToken: string): SafeHtml {
  return html`<p><a href="${MODERATION_ENDPOINT}?${new URLSearchParams({ t: listToken }).toString()}">All replies waiting</a></p>`;
}

function renderPage(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Replies</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>
`.value;
}

function formatDate(iso: string): string {
  return iso.replace("T", " ").replace(/:\d\d\.\d{3}Z$/, " UTC");
}
