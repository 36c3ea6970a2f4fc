import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  findHeaders,
  findOverlappingHeaders,
  findRedirect,
  parseNetlifyToml,
  readRedirectsFile,
} from "../../src/http/preview/netlify-rules.ts";
import { compilePathPattern } from "../../src/http/preview/path-pattern.ts";

describe("header path patterns (case-insensitive, as Netlify's `for`)", () => {
  it.each([
    ["/*", "/", true],
    ["/*", "/articles/a-key/", true],
    ["/*", "/assets/site.0123456789.css", true],
    ["/assets/*", "/assets/site.0123456789.css", true],
    ["/assets/*", "/assets/deep/nested/file.js", true],
    ["/assets/*", "/assets/", true],
    ["/assets/*", "/ASSETS/site.css", true],
    ["/assets/*", "/articles/assets/", false],
    ["/assets/*", "/assetsfoo", false],
    ["/assets/*", "/", false],
    ["/", "/", true],
    ["/", "/index.html", false],
    ["/feed.xml", "/feed.xml", true],
    ["/feed.xml", "/feed.json", false],
    ["/tags/:slug/", "/tags/retail/", true],
    ["/tags/:slug/", "/tags/retail", true],
    ["/tags/:slug/", "/tags/", false],
    ["/tags/:slug/", "/tags/retail/page/2/", false],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(compilePathPattern(pattern, { caseSensitive: false }).match(path) !== undefined).toBe(expected);
  });

  it.each([["/*.js"], ["/a/*/b"], ["assets/*"], ["/a/:"]])("rejects %s, which the preview cannot match faithfully", (pattern) => {
    expect(() => compilePathPattern(pattern, { caseSensitive: false })).toThrow(pattern);
  });
});

const rules = await parseNetlifyToml(`
[build]
  command = "npm run build"
  publish = "_site"

[[headers]]
  for = "/*"
  [headers.values]
    X-Content-Type-Options = "nosniff"
    X-Both = "everywhere"

[[headers]]
  for = "/assets/*"
  [headers.values]
    Cache-Control = '''
      public,
      max-age=31536000,
      immutable'''
    X-Both = "assets"

[[redirects]]
  from = "/tag/*"
  to = "/tags/:splat"

[[redirects]]
  from = "/category/:slug/feed/*"
  to = "/category/:slug/feed.xml"
  status = 302

[[redirects]]
  from = "/old-home"
  to = "/"
  status = 301
  force = true

[[redirects]]
  from = "/latest/*"
  to = "/index.html"
  status = 200
`);

describe("headers for a path", () => {
  it.each([
    ["/", { "X-Content-Type-Options": "nosniff", "X-Both": "everywhere" }],
    ["/articles/a/", { "X-Content-Type-Options": "nosniff", "X-Both": "everywhere" }],
    [
      "/assets/site.css",
      // Every matching rule applies; a header set by two rules is joined, which is why
      // the real netlify.toml never sets one header in two rules that can both match.
      { "X-Content-Type-Options": "nosniff", "X-Both": "everywhere, assets", "Cache-Control": "public, max-age=31536000, immutable" },
    ],
  ])("%s gets %j", (path, expected) => {
    expect(findHeaders(rules.headers, path)).toEqual(expected);
  });

  it.each([
    ["/assets/site.css", ["x-both"]],
    ["/feed.xml", []],
  ])("%s has headers set by two rules: %j", (path, expected) => {
    expect(findOverlappingHeaders(rules.headers, path)).toEqual(expected);
  });
});

describe("redirects for a path (case-sensitive, first match wins)", () => {
  it.each([
    ["/tag/alibaba/", { target: "/tags/alibaba/", status: 301, force: false }],
    ["/tag/alibaba", { target: "/tags/alibaba", status: 301, force: false }],
    ["/tag/", { target: "/tags/", status: 301, force: false }],
    ["/category/business/feed/", { target: "/category/business/feed.xml", status: 302, force: false }],
    ["/category/business/feed/atom/", { target: "/category/business/feed.xml", status: 302, force: false }],
    ["/old-home/", { target: "/", status: 301, force: true }],
    ["/latest/anything", { target: "/index.html", status: 200, force: false }],
    ["/Tag/alibaba/", undefined],
    ["/tags/alibaba/", undefined],
    ["/category/business/", undefined],
  ])("%s → %j", (path, expected) => {
    const found = findRedirect(rules.redirects, path);
    expect(found && { target: found.target, status: found.rule.status, force: found.rule.force }).toEqual(expected);
  });
});

// Netlify's parser reads a _redirects file by path, so these tests write theirs.
const folder = await mkdtemp(path.join(tmpdir(), "broadsheet-redirects-"));
afterAll(() => rm(folder, { recursive: true, force: true }));
let written = 0;
const parseRedirectsFile = async (text: string, label?: string) => {
  const file = path.join(folder, `_redirects-${++written}`);
  await writeFile(file, text);
  return readRedirectsFile(file, label);
};

describe("the _redirects file", async () => {
  const file = await parseRedirectsFile(
    [
      "# comment line",
      "/2016/05/12/alibaba/ /articles/alibaba/ 301",
      "",
      "/gone /404.html 404   # trailing comment",
      "/forced /elsewhere/ 302!",
      "/default-status /x/",
    ].join("\n"),
  );

  it.each([
    ["/2016/05/12/alibaba/", { target: "/articles/alibaba/", status: 301, force: false }],
    ["/2016/05/12/alibaba", { target: "/articles/alibaba/", status: 301, force: false }],
    ["/gone", { target: "/404.html", status: 404, force: false }],
    ["/forced/", { target: "/elsewhere/", status: 302, force: true }],
    ["/default-status", { target: "/x/", status: 301, force: false }],
  ])("%s → %j", (path, expected) => {
    const found = findRedirect(file, path);
    expect(found && { target: found.target, status: found.rule.status, force: found.rule.force }).toEqual(expected);
  });

  it.each([
    ["/a", "a line without a target"],
    ["/a /b 301 Country=us", "a condition"],
    ["/a /b 418", "an unsupported status"],
    ["/a https://elsewhere.example/ 200", "a proxy to another site"],
    ["/a b 301", "a relative target"],
  ])("rejects %j (%s), naming the line", async (line, _why) => {
    await expect(parseRedirectsFile(`# ok\n${line}\n`, "_site/_redirects")).rejects.toThrow(/^_site\/_redirects:2: /);
  });

  it("reports every problem in the file at once, each with its line, in file order", async () => {
    const text = ["/no-target", "/teapot /x/ 418", "/fine /ok/ 301", "/relative elsewhere 301"].join("\n");
    const error = await parseRedirectsFile(text, "_redirects").catch((caught: Error) => caught);
    expect(String((error as Error).message).split("\n")).toEqual([
      expect.stringMatching(/^_redirects:1: .*destination/),
      expect.stringMatching(/^_redirects:2: status 418/),
      expect.stringMatching(/^_redirects:4: .*must start with "\/"/),
    ]);
  });

  it("matches a query rule (an imported /?p=123) only when the request carries that value", async () => {
    const rules = await parseRedirectsFile("/ p=12 /articles/twelve/ 301!\n/ page_id=3 /about/ 301!\n");
    expect(findRedirect(rules, "/", new URLSearchParams("p=12"))).toMatchObject({
      target: "/articles/twelve/",
      rule: { status: 301, force: true },
    });
    expect(findRedirect(rules, "/", new URLSearchParams("page_id=3&utm=x"))?.target).toBe("/about/");
    expect(findRedirect(rules, "/", new URLSearchParams("p=13"))).toBeUndefined();
    expect(findRedirect(rules, "/")).toBeUndefined();
  });
});

describe("netlify.toml problems the preview refuses rather than ignore", () => {
  const base = '[build]\ncommand = "npm run build"\npublish = "_site"\n';
  it.each([
    ["a redirect with conditions", `${base}[[redirects]]\nfrom = "/a"\nto = "/b"\nconditions = { Country = ["us"] }\n`, /redirects\.0/],
    [
      "a header rule with a mid-segment wildcard",
      `${base}[[headers]]\nfor = "/*.js"\n[headers.values]\nX-A = "1"\n`,
      /headers\[0\].*\/\*\.js/,
    ],
    ["no publish folder", '[build]\ncommand = "npm run build"\n', /build\.publish/],
    ["invalid TOML", "[build\n", /not valid TOML/],
  ])("%s", async (_case, text, message) => {
    await expect(parseNetlifyToml(text)).rejects.toThrow(message);
  });
});
