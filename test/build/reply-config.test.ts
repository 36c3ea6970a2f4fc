/**
 * Reply settings the build carries to the page and the function: the Turnstile widget when a
 * site key is given, and a Netlify deploy's own URLs as accepted origins.
 */
import { readFile, rm } from "node:fs/promises";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestPathFor, parseManifest } from "../../src/shared/article-manifest.ts";
import { REPLY_FIELDS } from "../../src/shared/reply-messages.ts";
import { article, type BuildResult, buildSite, readPage, writeContent } from "../support/build-site.ts";

let contentDir: string;
let withKey: BuildResult;
let plain: BuildResult;

beforeAll(async () => {
  contentDir = await writeContent({ "2024-03-01-open-story.md": article({ title: "Open story", date: "2024-03-01" }, "The story.") });
  [withKey, plain] = await Promise.all([
    buildSite(contentDir, {
      TURNSTILE_SITE_KEY: "0x4AAAAAAA-site-key",
      DEPLOY_URL: "https://65f0c0ffee--gazette.netlify.app",
      DEPLOY_PRIME_URL: "https://deploy-preview-42--gazette.netlify.app",
      BROADSHEET_NOW: "2024-06-01T00:00:00Z",
    }),
    buildSite(contentDir, { BROADSHEET_NOW: "2024-06-01T00:00:00Z" }),
  ]);
  for (const result of [withKey, plain]) if (result.code !== 0) throw new Error(result.stderr);
}, 180_000);

afterAll(async () => {
  await rm(contentDir, { recursive: true, force: true });
  for (const result of [withKey, plain]) if (result) await rm(result.outputDir, { recursive: true, force: true });
});

describe("the reply form", () => {
  it("renders the Turnstile widget inside the form, posting the field the function reads", async () => {
    const $ = load(await readPage(withKey.outputDir, "/articles/open-story/"));
    const widget = $("form[data-reply-form] .cf-turnstile");
    expect(widget.attr("data-sitekey")).toBe("0x4AAAAAAA-site-key");
    expect(widget.attr("data-response-field-name")).toBe("cf-turnstile-response");
    expect(REPLY_FIELDS.turnstile).toBe("cf-turnstile-response");
    expect($("script[src='https://challenges.cloudflare.com/turnstile/v0/api.js']").length).toBe(1);
  });

  it("has no widget and no outside script without a site key", async () => {
    const $ = load(await readPage(plain.outputDir, "/articles/open-story/"));
    expect($(".cf-turnstile").length).toBe(0);
    expect($("script[src^='https:']").length).toBe(0);
  });
});

describe("the manifest", () => {
  it("accepts replies from the deploy's own URLs as well as the site's", async () => {
    const read = async (dir: string) => parseManifest(JSON.parse(await readFile(manifestPathFor(dir), "utf8")));
    expect((await read(withKey.outputDir)).site.origins).toEqual([
      "https://gazette.example.org",
      "https://65f0c0ffee--gazette.netlify.app",
      "https://deploy-preview-42--gazette.netlify.app",
    ]);
    expect((await read(plain.outputDir)).site.origins).toEqual(["https://gazette.example.org"]);
  });
});
