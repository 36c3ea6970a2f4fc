/**
 * The real wiring (createReplyHandler with the default git store) in a temporary repository,
 * reached through the Node adapter as the dev server reaches it: what a reader sees, and what
 * is left in git and the logs.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createReplyHandler, createReplyMiddleware } from "../../src/http/node-adapter.ts";
import { MAX_BODY_BYTES } from "../../src/replies/pipeline/read-request.ts";
import { readEnv } from "../../src/shared/env.ts";
import { ORIGIN } from "./support/manifest.ts";
import { writeManifestFile } from "./support/manifest-file.ts";
import { createTempRepo } from "./support/temp-repo.ts";

let repo: Awaited<ReturnType<typeof createTempRepo>>;
let server: Server;
let base: string;
const logs: string[] = [];
const warnings: string[] = [];
const UNIQUE_EMAIL = `Private.Person+${Date.now()}@Example.org`;
const PERSON_IP = "127.0.0.1";

beforeAll(async () => {
  repo = await createTempRepo();
  const handler = createReplyHandler(readEnv({}), {
    manifestPath: await writeManifestFile(repo.dir),
    repoDir: repo.dir,
    log: (entry) => logs.push(JSON.stringify(entry)),
    warn: (message) => warnings.push(message),
    extraOrigins: ["http://localhost:8080"],
  });
  const middleware = createReplyMiddleware(handler);
  server = createServer((req, res) => middleware(req, res, () => res.writeHead(404).end("not a reply")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await repo.remove();
});

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields),
  redirect: "manual" as const,
});

describe("through the Node adapter with the default git store", () => {
  it("commits a form reply and answers 303 to the status page", async () => {
    const consoleSpy = vi.spyOn(console, "log");
    const fields = { author: "Private Person", email: UNIQUE_EMAIL, comment: "Hello from a test", article: "open-article" };
    const response = await fetch(`${base}/api/replies`, form(fields));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/articles/open-article/#reply-pending");
    expect(await repo.git("log", "-1", "--format=%an|%s")).toMatch(/^Broadsheet replies\|Reply \S+ on open-article\n$/);

    // A second, refused reply puts the email through the error path's logging too.
    const refused = await fetch(`${base}/api/replies`, form({ ...fields, comment: "Again, too fast" }));
    expect(refused.headers.get("location")).toBe("/replies/status/too_fast/?article=open-article");
    expect(consoleSpy).not.toHaveBeenCalled();
  });

  it("answers 413 over the limit without dropping the connection", async () => {
    const response = await fetch(`${base}/api/replies`, {
      ...form({ author: "A", email: "a@example.org", article: "open-article", comment: "x".repeat(MAX_BODY_BYTES + 1) }),
      headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "body_too_large" });
  });

  it("accepts the dev server's extra origin as well as the site's", async () => {
    const fields = { author: "Dev", email: "dev@example.org", comment: "From localhost", article: "open-article" };
    const response = await fetch(`${base}/api/replies`, {
      ...form(fields),
      headers: { Origin: "http://localhost:8080", "Content-Type": "application/x-www-form-urlencoded" },
    });
    // Same IP as the first test within 15 s, so the flood rule answers: the origin was accepted.
    expect(response.headers.get("location")).toMatch(/\/replies\/status\/too_fast\//);
    const foreign = await fetch(`${base}/api/replies`, {
      ...form(fields),
      headers: { Origin: "http://localhost:9999", "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(foreign.headers.get("location")).toMatch(/\/replies\/status\/origin_forbidden/);
  });

  it("passes other paths on to the next middleware", async () => {
    const response = await fetch(`${base}/articles/`);
    expect(await response.text()).toBe("not a reply");
  });

  it("warns once that the dev-only key is in use, without printing it", () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/REPLY_SECRET is not set/);
    expect(warnings[0]).not.toMatch(/broadsheet-dev-only/);
  });

  it("keeps the email and the IP out of git and the logs", async () => {
    const everything = [
      await repo.git("log", "--all", "--format=fuller", "-p"),
      await repo.git("grep", "-i", "-I", "-e", "example.org", "HEAD", "--").catch(() => ""),
      ...(await repo.git("ls-files", "content"))
        .trim()
        .split("\n")
        .map((file) => repo.git("show", `HEAD:${file}`)),
      logs.join("\n"),
    ];
    const text = (await Promise.all(everything)).join("\n").toLowerCase();
    expect(text).toContain("hello from a test"); // the reply itself is there…
    expect(text).not.toContain(UNIQUE_EMAIL.toLowerCase()); // …its email is not
    expect(text).not.toContain("private.person+");
    expect(text).not.toContain(PERSON_IP);
    expect(logs.some((line) => line.includes('"code":"too_fast"'))).toBe(true);
  });
});

describe("configuration", () => {
  it.each([
    [{ REPLY_STORE: "github", GITHUB_TOKEN: "t", GITHUB_REPO: "o/r" }, /REPLY_SECRET/],
    [{ REPLY_STORE: "github", REPLY_SECRET: "s" }, /GITHUB_TOKEN, GITHUB_REPO/],
  ])("refuses to start the github store without %j", (env, error) => {
    expect(() => createReplyHandler(readEnv(env), { manifestPath: "unused", repoDir: "." })).toThrow(error);
  });
});
