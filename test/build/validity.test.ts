import { readFile } from "node:fs/promises";
import path from "node:path";
import { load } from "cheerio";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BuildResult, listFiles } from "../support/build-site.ts";
import { buildFixtureSite, type FixtureBuild } from "../support/fixture-site.ts";

let fixture: FixtureBuild;
let build: BuildResult;
let htmlFiles: string[];

beforeAll(async () => {
  fixture = await buildFixtureSite();
  ({ build } = fixture);
  htmlFiles = (await listFiles(build.outputDir)).filter((file) => file.endsWith(".html"));
});
afterAll(() => fixture?.remove());

describe("every built page", () => {
  it("passes html-validate's recommended rules", async () => {
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: {
        // Article bodies are the authors' markdown; a long line of theirs is not an error of ours.
        "long-title": "off",
      },
    });
    const failures: string[] = [];
    for (const file of htmlFiles) {
      const report = await validator.validateString(await readFile(path.join(build.outputDir, file), "utf8"), file);
      for (const result of report.results) {
        for (const message of result.messages) failures.push(`${file}:${message.line}: ${message.ruleId}: ${message.message}`);
      }
    }
    expect(htmlFiles.length).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it("links only to internal pages that exist", async () => {
    const files = new Set(await listFiles(build.outputDir));
    const broken: string[] = [];
    for (const file of htmlFiles) {
      const $ = load(await readFile(path.join(build.outputDir, file), "utf8"));
      $("a[href], link[href]").each((_, el) => {
        const href = $(el).attr("href") ?? "";
        if (!href.startsWith("/") || href.startsWith("//")) return;
        const target = decodeURI(href.split(/[?#]/)[0]!).slice(1);
        const candidate = target === "" || target.endsWith("/") ? `${target}index.html` : target;
        if (!files.has(candidate)) broken.push(`${file} → ${href}`);
      });
    }
    expect(broken).toEqual([]);
  });
});
