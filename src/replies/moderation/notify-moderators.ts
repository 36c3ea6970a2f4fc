/**
 * Tells the moderators a reply is waiting: an email through SMTP and/or a JSON webhook.
 * A notice that cannot be sent is logged (which channel, and an error without URLs or
 * credentials) and otherwise dropped: the reply is already stored, and the waiting list
 * and the CLI still show it.
 */
import { createTransport } from "nodemailer";
import { composeNotice, type HeldReply, makeModerationLinks } from "./moderation-notice.ts";

export interface NotifierConfig {
  /** smtp(s)://user:pass@host:port; a secret, never logged. */
  smtpUrl?: string | undefined;
  moderatorEmails: readonly string[];
  /** "Name <address>" or an address; defaults to replies@<the site's host>. */
  from?: string | undefined;
  /** A secret too (Slack and Discord put the credential in the URL). */
  webhookUrl?: string | undefined;
  key: Buffer;
  now: () => Date;
  log: (entry: NoticeLogEntry) => void;
  /** Configuration that cannot work; told once, at start, without the values. */
  warn?: (message: string) => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface NoticeLogEntry {
  event: "notified" | "notify_failed";
  channel: "email" | "webhook";
  id: string;
  article: string;
  error?: string;
}

/** Resolves when every channel has succeeded or failed; never rejects. */
export type NotifyModerators = (held: HeldReply) => Promise<void>;

/** Both channels together stay under the time a reader waits for the answer. */
const DEFAULT_TIMEOUT_MS = 5_000;

/** undefined when no channel is configured. */
export function createModeratorNotifier(config: NotifierConfig): NotifyModerators | undefined {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const warn = config.warn ?? (() => undefined);
  const sendEmail = config.smtpUrl && config.moderatorEmails.length > 0 ? createEmailSender(config.smtpUrl, timeoutMs, warn) : undefined;
  const webhookUrl = config.webhookUrl && isHttpUrl(config.webhookUrl) ? config.webhookUrl : undefined;
  if (config.webhookUrl && !webhookUrl) warn("replies: MODERATION_WEBHOOK_URL is not an http(s) URL, so no webhook notices are sent.");
  const fetcher = config.fetch ?? fetch;
  if (!sendEmail && !webhookUrl) return undefined;

  return async (held) => {
    const notice = composeNotice(held, makeModerationLinks(config.key, held, config.now()));
    const from = config.from ?? `Broadsheet replies <replies@${new URL(held.siteUrl).hostname}>`;
    const tasks: Array<["email" | "webhook", Promise<unknown>]> = [];
    if (sendEmail) {
      tasks.push([
        "email",
        sendEmail({ from, to: [...config.moderatorEmails], subject: notice.subject, text: notice.text, html: notice.html }),
      ]);
    }
    if (webhookUrl) tasks.push(["webhook", postWebhook(fetcher, webhookUrl, notice.webhook, timeoutMs)]);
    const results = await Promise.allSettled(tasks.map(([, task]) => task));
    results.forEach((result, index) => {
      const channel = tasks[index]![0];
      const base = { channel, id: held.record.id, article: held.record.article };
      if (result.status === "fulfilled") config.log({ event: "notified", ...base });
      else config.log({ event: "notify_failed", ...base, error: describeSafely(result.reason) });
    });
  };
}

interface Mail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

function createEmailSender(
  smtpUrl: string,
  timeoutMs: number,
  warn: (message: string) => void,
): ((mail: Mail) => Promise<unknown>) | undefined {
  if (!/^smtps?:\/\//i.test(smtpUrl) || !isParsableUrl(smtpUrl)) {
    warn("replies: SMTP_URL is not an smtp:// or smtps:// URL, so no moderator is emailed.");
    return undefined;
  }
  const transport = createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return (mail) => transport.sendMail({ ...mail, headers: { "Auto-Submitted": "auto-generated" } });
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value) && isParsableUrl(value);
}

function isParsableUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

async function postWebhook(fetcher: typeof fetch, url: string, body: unknown, timeoutMs: number): Promise<void> {
  const response = await fetcher(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

/**
 * The error's name, code and message with anything URL-like or address-like removed: SMTP
 * and webhook URLs carry credentials, and a server's reply may quote an address.
 */
export function describeSafely(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const code = (error as { code?: unknown }).code;
  const message = error.message
    .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
    .replace(/\S+@\S+/g, "<address>")
    .replace(/\S*\/\S*/g, "<path>")
    .slice(0, 200);
  return `${error.name}${typeof code === "string" ? ` ${code}` : ""}: ${message}`;
}
