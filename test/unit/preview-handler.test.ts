/** The preview's request → response behaviour over a small hand-made site folder. */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseNetlifyToml, readRedirectsFile } from "../../src/http/preview/netlify-rules.ts";
import { createPreviewHandler } from "../../src/http/preview/preview-handler.ts";

const config = await parseNetlifyToml(`
[build]
command = "npm run build"
publish = "_site"
[[headers]]
for = "/*"
[headers.values]
X-Content-Type-Options = "nosniff"
[[headers]]
for = "/assets/*"
[headers.values]
Cache-Control = "public, max-age=31536000, immutable"
[[redirects]]
from = "/tag/*"
to = "/tags/:splat"
[[redirects]]
from = "/about/"
to = "/elsewhere/"
status = 302
[[redirects]]
from = "/moved-even-if-present/"
to = "/"
force = true
`);

const REDIRECTS_FILE = "/2016/05/12/a-key/ /articles/a-key/ 301\n/hidden-rewrite/ /articles/a-key/ 200\n";

let root: string;
let handle: (request: Request) => Promise<Response>;
const get = (pathAndQuery: string, init?: RequestInit) => handle(new Request(`http://preview.test${pathAndQuery}`, init));

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "broadsheet-preview-"));
  const files: Record<string, string> = {
    "index.html": "<h1>Home</h1>",
    "404.html": "<h1>Page not found</h1>",
    "about/index.html": "<h1>About (shadows its redirect)</h1>",
    "moved-even-if-present/index.html": "<h1>Never served</h1>",
    "tags/alibaba/index.html": "<h1>Alibaba</h1>",
    "articles/a-key/index.html": "<h1>An article</h1>",
    "assets/site.0123456789.css": "body{}",
    "feed.xml": "<feed/>",
    _redirects: REDIRECTS_FILE,
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  handle = createPreviewHandler({
    root,
    headers: config.headers,
    redirects: [...(await readRedirectsFile(path.join(root, "_redirects"))), ...config.redirects],
    api: {
      "/api/echo": async (request) =>
        Response.json({ method: request.method, body: await request.text() }, { headers: { "x-from": "function" } }),
      "/api/broken": async () => {
        throw new Error("boom");
      },
    },
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("the preview serving files", () => {
  it.each([
    ["/", 200, "<h1>Home</h1>", "text/html; charset=utf-8"],
    ["/articles/a-key/", 200, "<h1>An article</h1>", "text/html; charset=utf-8"],
    ["/feed.xml", 200, "<feed/>", "application/xml; charset=utf-8"],
    ["/assets/site.0123456789.css", 200, "body{}", "text/css; charset=utf-8"],
    ["/no/such/page/", 404, "<h1>Page not found</h1>", "text/html; charset=utf-8"],
    ["/_redirects", 404, "<h1>Page not found</h1>", "text/html; charset=utf-8"],
    ["/%2e%2e/%2e%2e/etc/passwd", 404, "<h1>Page not found</h1>", "text/html; charset=utf-8"],
  ])("GET %s → %i", async (url, status, body, type) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toBe(type);
    expect(await response.text()).toBe(body);
  });

  it("adds the headers rules set for the requested path, on pages and on the 404 page", async () => {
    for (const url of ["/", "/no/such/page/"]) {
      const response = await get(url);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cache-control")).toBeNull();
    }
    const asset = await get("/assets/site.0123456789.css");
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await get("/assets/site.0123456789.css", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe("");
  });

  it("refuses to POST to a page", async () => {
    const response = await get("/", { method: "POST", body: "x" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });
});

describe("the preview's redirects", () => {
  it.each([
    ["/2016/05/12/a-key/", 301, "/articles/a-key/"],
    ["/2016/05/12/a-key", 301, "/articles/a-key/"],
    ["/tag/alibaba/?utm=x", 301, "/tags/alibaba/?utm=x"],
    ["/articles/a-key", 301, "/articles/a-key/"],
    ["/moved-even-if-present/", 301, "/"],
  ])("%s → %i to %s", async (url, status, location) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.headers.get("location")).toBe(location);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves a file that exists instead of a rule that is not forced", async () => {
    const response = await get("/about/");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("About");
  });

  it("rewrites a 200 rule in place, keeping the URL", async () => {
    const response = await get("/hidden-rewrite/");
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toBe("<h1>An article</h1>");
  });
});

describe("the preview's function routes", () => {
  it("hands the request to the function and returns its response untouched by header rules", async () => {
    const response = await get("/api/echo", { method: "POST", body: "name=Li" });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ method: "POST", body: "name=Li" });
    expect(response.headers.get("x-from")).toBe("function");
    expect(response.headers.get("x-content-type-options")).toBeNull();
  });

  it("turns a thrown error into a 500 JSON answer", async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const response = await get("/api/broken", { method: "POST" });
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ error: expect.any(String) });
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
