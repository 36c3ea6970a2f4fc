/**
 * The whole path with real parts: a reply held by the real handler (git store in a temporary
 * repository), its notice received by an SMTP server on loopback, and the emailed links
 * followed to approve one reply and reject another, through the Node adapter as the dev
 * server serves them.
 */
import { readFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReplyHandler, createReplyMiddleware } from "../../../src/http/node-adapter.ts";
import type { HandlerLogEntry } from "../../../src/replies/create-reply-handler.ts";
import { deriveModerationKey, makeClaim, signModerationToken } from "../../../src/replies/moderation/signed-link.ts";
import { readEnv } from "../../../src/shared/env.ts";
import { type LoopbackSmtp, startLoopbackSmtp } from "../../support/loopback-mail.ts";
import { ORIGIN } from "../support/manifest.ts";
import { writeManifestFile } from "../support/manifest-file.ts";
import { createTempRepo } from "../support/temp-repo.ts";

let repo: Awaited<ReturnType<typeof createTempRepo>>;
let smtp: LoopbackSmtp;
let server: Server;
let base: string;
let manifestPath: string;
const logs: HandlerLogEntry[] = [];

beforeAll(async () => {
  repo = await createTempRepo();
  smtp = await startLoopbackSmtp();
  const env = readEnv({
    REPLY_SECRET: "a-reply-secret",
    SMTP_URL: smtp.url,
    MODERATOR_EMAIL: "ed@example.org, desk@example.org",
    MODERATION_FROM: "Desk <desk@example.org>",
  });
  manifestPath = await writeManifestFile(repo.dir);
  const handler = createReplyHandler(env, { manifestPath, repoDir: repo.dir, log: (entry) => logs.push(entry), warn: () => undefined });
  const middleware = createReplyMiddleware(handler);
  server = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await smtp.close();
  await repo.remove();
});

/** Each reader from their own loopback address, so the flood rule (one reply per address per 15 s) lets both through. */
async function sendReply(author: string, email: string, comment: string, fromAddress: string): Promise<string> {
  const body = JSON.stringify({ author, email, comment, article: "open-article" });
  const text = await new Promise<string>((resolve, reject) => {
    const req = request(`${base}/api/replies`, {
      method: "POST",
      localAddress: fromAddress,
      headers: {
        Origin: ORIGIN,
        "Content-Type": "application/json",
        Accept: "application/json",
        "Content-Length": Buffer.byteLength(body),
      },
    });
    req.once("response", async (res) => {
      let answer = "";
      for await (const chunk of res) answer += chunk;
      resolve(answer);
    });
    req.once("error", reject);
    req.end(body);
  });
  const answer = JSON.parse(text) as { status: string; id: string };
  expect(answer.status).toBe("pending");
  return answer.id;
}

/** The emailed link, on the local server instead of the site (the path and token are what matter). */
const local = (link: string) => `${base}${new URL(link).pathname}${new URL(link).search}`;

async function confirm(link: string): Promise<string> {
  const page = load(await (await fetch(local(link))).text());
  const form = page("form").first();
  const response = await fetch(`${base}${form.attr("action")}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ t: String(form.find("input[name=t]").val()), list: String(form.find("input[name=list]").val()) }),
  });
  return load(await response.text())("h1").text();
}

describe("moderating from the notice", () => {
  it("emails each held reply and approves or rejects it by its links", async () => {
    const keepId = await sendReply("First Reader", "first@example.org", "Worth publishing.", "127.0.0.2");
    const [keepMail] = await smtp.waitFor(1);
    const dropId = await sendReply("Second Reader", "second@example.org", "Buy cheap casino chips.", "127.0.0.3");
    const [, dropMail] = await smtp.waitFor(2);

    expect(keepMail!.to).toEqual(["ed@example.org", "desk@example.org"]);
    expect(keepMail!.parsed.from?.value).toEqual([{ name: "Desk", address: "desk@example.org" }]);
    expect(keepMail!.parsed.text).toContain("Worth publishing.");
    // Never the reader's email, in the notice or in the logs.
    expect(keepMail!.raw).not.toContain("first@example.org");
    expect(JSON.stringify(logs)).not.toMatch(/first@example\.org|second@example\.org|a-reply-secret/);

    const approve = /Approve: (\S+)/.exec(keepMail!.parsed.text!)![1]!;
    const reject = /Reject: (\S+)/.exec(dropMail!.parsed.text!)![1]!;
    // Following a link (as a mail scanner does) changes nothing.
    await fetch(local(approve));
    await fetch(local(reject));
    const keepFile = path.join(repo.dir, "content/replies/open-article", `${keepId}.json`);
    expect(JSON.parse(await readFile(keepFile, "utf8")).status).toBe("pending");

    expect(await confirm(approve)).toBe("Approved");
    expect(JSON.parse(await readFile(keepFile, "utf8")).status).toBe("approved");
    expect(await repo.git("log", "-1", "--format=%s")).toContain(`Approve reply: ${keepId}`);

    expect(await confirm(reject)).toBe("Rejected");
    await expect(readFile(path.join(repo.dir, "content/replies/open-article", `${dropId}.json`))).rejects.toThrow();

    // The same links again: harmless.
    const again = load(await (await fetch(local(approve))).text());
    expect(again("h1").text()).toBe("This reply is not waiting any more");
    expect(await repo.git("log", "-1", "--format=%s")).toContain(`Reject reply: ${dropId}`);
  });

  it("still accepts the reply when the SMTP server is gone", async () => {
    const env = readEnv({ REPLY_SECRET: "a-reply-secret", SMTP_URL: "smtp://127.0.0.1:9", MODERATOR_EMAIL: "ed@example.org" });
    const entries: HandlerLogEntry[] = [];
    const handler = createReplyHandler(env, {
      manifestPath,
      repoDir: repo.dir,
      log: (entry) => entries.push(entry),
      warn: () => undefined,
    });
    const response = await handler(
      new Request(`${ORIGIN}/api/replies`, {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ author: "Third Reader", email: "third@example.org", comment: "Still here?", article: "open-article" }),
      }),
    );
    expect(response.status).toBe(201);
    expect(entries).toContainEqual(expect.objectContaining({ event: "notify_failed", channel: "email" }));
  });

  it("refuses links forged with the public development secret when REPLY_SECRET is not set", async () => {
    const handler = createReplyHandler(readEnv({}), { manifestPath, repoDir: repo.dir, log: () => undefined, warn: () => undefined });
    const forged = signModerationToken(
      deriveModerationKey(undefined, "broadsheet-dev-only-reply-secret"),
      makeClaim("list", null, new Date()),
    );
    const response = await handler(new Request(`${ORIGIN}/api/replies/moderate?t=${forged}`));
    expect(response.status).toBe(403);
  });
});
