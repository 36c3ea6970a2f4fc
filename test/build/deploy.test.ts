/** What Netlify gets from a build of the fixture corpus: _redirects, and headers on every file. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findHeaders, findOverlappingHeaders } from "../../src/http/preview/netlify-rules.ts";
import { createPreviewHandler } from "../../src/http/preview/preview-handler.ts";
import { loadPreviewRules, type PreviewRules } from "../../src/http/preview/server.ts";
import { manifestPathFor } from "../../src/shared/article-manifest.ts";
import { article, type BuildResult, buildSite, listFiles, ROOT, readPage, writeContent } from "../support/build-site.ts";
import { buildFixtureSite, type FixtureBuild } from "../support/fixture-site.ts";
import { freePort } from "../support/processes.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=0, must-revalidate";

let fixture: FixtureBuild;
let build: BuildResult;
let rules: PreviewRules;

beforeAll(async () => {
  fixture = await buildFixtureSite();
  ({ build } = fixture);
  rules = await loadPreviewRules(path.join(ROOT, "netlify.toml"), build.outputDir);
});
afterAll(() => fixture?.remove());

/** The URL a browser asks for to get a built file. */
const urlOf = (file: string) => `/${file.split(path.sep).join("/")}`.replace(/index\.html$/, "");

describe("the build's _redirects", () => {
  it("sends each published article's WordPress permalink, and the date archives, to the new URLs", async () => {
    const lines = (await readPage(build.outputDir, "/_redirects")).split("\n");
    expect(lines).toContain("/2024/03/01/market-report-1/ /articles/market-report-1/ 301");
    expect(lines).toContain("/2024/04/01/alibaba-chinese/ /articles/alibaba-chinese/ 301");
    expect(lines).toContain("/2024/ /archive/2024/ 301");
    expect(lines).toContain("/2024/03/ /archive/2024/ 301");
    expect(lines.filter((line) => line.startsWith("/"))).toHaveLength(25 + 1 + 2);
  });

  it("has no line for a draft or a scheduled article", async () => {
    const text = await readPage(build.outputDir, "/_redirects");
    expect(text).not.toMatch(/unfinished-draft|scheduled-story|\/2099\//);
  });

  it.each([
    ["/2024/03/01/market-report-1/", "/articles/market-report-1/"],
    ["/2024/03/", "/archive/2024/"],
    ["/tag/retail/", "/tags/retail/"],
    ["/feed/", "/feed.xml"],
    ["/category/business/feed/", "/category/business/feed.xml"],
  ])("in the preview, %s moves to %s, which exists", async (from, to) => {
    const handle = createPreviewHandler({ root: build.outputDir, headers: rules.headers, redirects: rules.redirects });
    const moved = await handle(new Request(`http://preview.test${from}`));
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(to);
    expect((await handle(new Request(`http://preview.test${to}`))).status).toBe(200);
  });
});

describe("the reply function's manifest", () => {
  it("is built beside the site, not in it, and the site serves the 404 page in its place", async () => {
    expect(await readFile(manifestPathFor(build.outputDir), "utf8")).toContain("moderationWords");
    expect(existsSync(path.join(build.outputDir, "broadsheet-manifest.json"))).toBe(false);
    const handle = createPreviewHandler({ root: build.outputDir, headers: rules.headers, redirects: rules.redirects });
    const response = await handle(new Request("http://preview.test/broadsheet-manifest.json"));
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain("moderationWords");
    expect(body).toContain("<html");
  });
});

describe("netlify.toml's headers over every built file", () => {
  it("set each header once: no two rules name the same header for one file", async () => {
    const clashes = (await listFiles(build.outputDir))
      .map(urlOf)
      .flatMap((url) => findOverlappingHeaders(rules.headers, url).map((name) => `${url}: ${name}`));
    expect(clashes).toEqual([]);
  });

  it("cache /assets/ and /img/ for a year and make everything else revalidate", async () => {
    const wrong = (await listFiles(build.outputDir))
      .filter((file) => file !== "_redirects")
      .map(urlOf)
      .map((url) => [url, findHeaders(rules.headers, url)["Cache-Control"]] as const)
      .filter(([url, cache]) => cache !== (url.startsWith("/assets/") || url.startsWith("/img/") ? IMMUTABLE : REVALIDATE))
      // A file here needs a [[headers]] rule in netlify.toml for its section.
      .map(([url, cache]) => `${url}: ${cache ?? "no Cache-Control rule"}`);
    expect(wrong).toEqual([]);
    expect((await listFiles(build.outputDir)).some((file) => file.startsWith(`assets${path.sep}`))).toBe(true);
  });
});

describe("a scheduled article a minute ahead of the build", () => {
  it("is left out of one build and goes live, with its old-URL redirect, on the next build after its time", async () => {
    const dir = await writeContent({
      "2025-12-31-year-end.md": article({ title: "Year end", date: "2025-12-31T12:00:00Z" }),
      // 08:01 in Shanghai is 00:01 UTC: one minute after the first build's clock.
      "2026-01-01-new-year.md": article({ title: "New year", date: "2026-01-01T08:01:00+08:00" }),
    });
    const before = await buildSite(dir, { BROADSHEET_NOW: "2026-01-01T00:00:00Z" });
    const after = await buildSite(dir, { BROADSHEET_NOW: "2026-01-01T00:01:00Z" });
    try {
      expect([before.code, after.code]).toEqual([0, 0]);
      const published = async (outputDir: string) => {
        const files = await listFiles(outputDir);
        const redirects = await readPage(outputDir, "/_redirects");
        const feed = await readPage(outputDir, "/feed.xml");
        return {
          page: files.includes(path.join("articles", "new-year", "index.html")),
          redirect: redirects.includes("/2026/01/01/new-year/ /articles/new-year/ 301"),
          inFeed: feed.includes("New year"),
        };
      };
      expect(await published(before.outputDir)).toEqual({ page: false, redirect: false, inFeed: false });
      expect(await published(after.outputDir)).toEqual({ page: true, redirect: true, inFeed: true });
    } finally {
      await Promise.all([dir, before.outputDir, after.outputDir].map((d) => rm(d, { recursive: true, force: true })));
    }
  });
});

/** A port nothing listens on right now, for the preview command to take. */

/** Runs `npm run preview`'s entry point until it says it is listening (or exits). */
function startPreviewCommand(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/cli/preview.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<{ code: number | null; output: string }>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Previewing")) resolve({ code: null, output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("close", (code) => resolve({ code, output }));
  });
  return { child, ready };
}

describe("npm run preview", () => {
  it("serves the built site on PORT with netlify.toml's headers and routes /api/replies to the reply pipeline", async () => {
    const port = await freePort();
    const { child, ready } = startPreviewCommand({ OUTPUT_DIR: build.outputDir, PORT: String(port) });
    try {
      const started = await ready;
      expect(started.output).toContain(`http://localhost:${port}`);
      const home = await fetch(`http://127.0.0.1:${port}/`);
      expect(home.status).toBe(200);
      expect(home.headers.get("content-security-policy")).toContain("default-src 'self'");
      const missing = await fetch(`http://127.0.0.1:${port}/no-such-page/`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("Page not found");
      // The preview's own origin is accepted; an article the build did not publish is not.
      const reply = await fetch(`http://127.0.0.1:${port}/api/replies`, {
        method: "POST",
        redirect: "manual",
        headers: { Origin: `http://localhost:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ article: "no-such-article", author: "A", email: "a@example.org", comment: "Hi" }),
      });
      expect(reply.status).toBe(303);
      expect(reply.headers.get("location")).toBe("/replies/status/article_not_found/");
    } finally {
      child.kill();
    }
  });

  it("says to build first when there is no built site", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "broadsheet-empty-"));
    try {
      const { ready } = startPreviewCommand({ OUTPUT_DIR: empty, PORT: String(await freePort()) });
      const result = await ready;
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/run `npm run build` first/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
