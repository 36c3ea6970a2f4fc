/** The notice of a held reply, received by a real SMTP server and a webhook on loopback. */
import { load } from "cheerio";
import { afterEach, describe, expect, it } from "vitest";
import { createModerationHandler } from "../../../src/replies/moderation/moderation-handler.ts";
import type { HeldReply } from "../../../src/replies/moderation/moderation-notice.ts";
import { createModeratorNotifier, type NoticeLogEntry } from "../../../src/replies/moderation/notify-moderators.ts";
import { deriveModerationKey } from "../../../src/replies/moderation/signed-link.ts";
import { type LoopbackHook, type LoopbackSmtp, startLoopbackSmtp, startLoopbackWebhook } from "../../support/loopback-mail.ts";
import { NOW, ORIGIN } from "../support/manifest.ts";
import { MemoryModerationStore } from "../support/memory-moderation-store.ts";
import { makeRecord } from "../support/pipeline.ts";

const KEY = deriveModerationKey(undefined, "reply-secret");
const RECORD = makeRecord({
  id: "20240601T110000000Z-aaaaaaaaaa",
  status: "pending",
  author: "Mallory <b>Bold</b>",
  body: "First line & <script>alert(1)</script>\n@everyone <!channel> look at this",
});
const HELD: HeldReply = { record: RECORD, articleTitle: "Open", articleUrl: `${ORIGIN}/articles/open-article/`, siteUrl: `${ORIGIN}/` };

let smtp: LoopbackSmtp | undefined;
let hook: LoopbackHook | undefined;
afterEach(async () => {
  await smtp?.close();
  await hook?.close();
  smtp = hook = undefined;
});

function notifier(config: { smtpUrl?: string; webhookUrl?: string }, logs: NoticeLogEntry[] = []) {
  return createModeratorNotifier({
    ...config,
    moderatorEmails: ["ed@example.org", "desk@example.org"],
    key: KEY,
    now: () => NOW,
    log: (entry) => logs.push(entry),
    timeoutMs: 2000,
  })!;
}

describe("a held reply's notice", () => {
  it("reaches every moderator by SMTP, with the reply as text and links that open the confirm page", async () => {
    smtp = await startLoopbackSmtp();
    const logs: NoticeLogEntry[] = [];
    await notifier({ smtpUrl: smtp.url }, logs)(HELD);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(["ed@example.org", "desk@example.org"]);
    expect(mail!.from).toBe("replies@broadsheet.example.org");
    expect(mail!.parsed.subject).toBe("Reply waiting from Mallory <b>Bold</b> on “Open”");
    expect(mail!.parsed.text).toContain(RECORD.body);
    // The HTML part shows the same text, escaped: no markup from the reader survives.
    const $ = load(String(mail!.parsed.html));
    expect($("blockquote").text()).toBe(RECORD.body);
    expect($("strong").text()).toBe(RECORD.author);
    expect($("script, b").length).toBe(0);
    expect(logs).toEqual([{ event: "notified", channel: "email", id: RECORD.id, article: "open-article" }]);

    const approveUrl = /Approve: (\S+)/.exec(mail!.parsed.text!)![1]!;
    expect(approveUrl.startsWith(`${ORIGIN}/api/replies/moderate?t=approve.open-article.`)).toBe(true);
    const store = new MemoryModerationStore([structuredClone(RECORD)]);
    const handle = createModerationHandler({ store, key: KEY, now: () => NOW, log: () => undefined });
    const page = await handle(new Request(approveUrl));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Approve this reply?");
    expect(store.calls).toEqual([]);
    expect(/Every reply waiting: (\S+)/.exec(mail!.parsed.text!)![1]).toMatch(/\?t=list\.\.\./);
  });

  it("reaches a webhook as JSON that Slack, Discord and Matrix bridges read, pinging nobody", async () => {
    hook = await startLoopbackWebhook();
    await notifier({ webhookUrl: hook.url })(HELD);
    expect(hook.bodies).toHaveLength(1);
    const body = hook.bodies[0] as { text: string; content: string; allowed_mentions: unknown };
    expect(body.content).toContain("@everyone <!channel> look at this");
    expect(body.allowed_mentions).toEqual({ parse: [] });
    // Slack's text is escaped, so <!channel> is shown, not a mention.
    expect(body.text).toContain("&lt;!channel&gt;");
    expect(body.text).not.toContain("<!channel>");
    expect(body.content.length).toBeLessThanOrEqual(2000);
    expect(body.content).toMatch(/Approve: http:\/\/|Approve: https:\/\//);
  });

  it("is logged, without credentials or URLs, when SMTP refuses it, and never throws", async () => {
    smtp = await startLoopbackSmtp({ user: "mailer", pass: "right-password" });
    hook = await startLoopbackWebhook();
    hook.status = 500;
    const logs: NoticeLogEntry[] = [];
    const wrongPassword = smtp.url.replace("right-password", "wrong-password");
    await expect(notifier({ smtpUrl: wrongPassword, webhookUrl: hook.url }, logs)(HELD)).resolves.toBeUndefined();
    expect(logs.map((entry) => [entry.event, entry.channel])).toEqual([
      ["notify_failed", "email"],
      ["notify_failed", "webhook"],
    ]);
    const logged = JSON.stringify(logs);
    expect(logged).not.toContain("wrong-password");
    expect(logged).not.toContain("secret-token-part");
    expect(logged).not.toContain("ed@example.org");
  });

  it("gives up on an SMTP server that does not answer within the timeout", async () => {
    const logs: NoticeLogEntry[] = [];
    const started = Date.now();
    // A closed port on loopback: the connection is refused at once.
    await notifier({ smtpUrl: "smtp://127.0.0.1:9" }, logs)(HELD);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(logs[0]).toMatchObject({ event: "notify_failed", channel: "email" });
  });

  it.each([
    ["a webhook URL without its scheme", { webhookUrl: "hooks.chat.example/services/T0/B0/secret-token-part" }, "MODERATION_WEBHOOK_URL"],
    ["an SMTP URL that is not one", { smtpUrl: "mail.example.org:587 user secret-token-part" }, "SMTP_URL"],
  ])("warns once, without the value, about %s and sends nothing that way", (_name, config, variable) => {
    const warnings: string[] = [];
    const notify = createModeratorNotifier({
      ...config,
      moderatorEmails: ["ed@example.org"],
      key: KEY,
      now: () => NOW,
      log: () => undefined,
      warn: (message) => warnings.push(message),
    });
    expect(notify).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(variable);
    expect(warnings[0]).not.toContain("secret-token-part");
  });

  it("is not made when no channel is configured", () => {
    expect(createModeratorNotifier({ moderatorEmails: [], key: KEY, now: () => NOW, log: () => undefined })).toBeUndefined();
  });
});
