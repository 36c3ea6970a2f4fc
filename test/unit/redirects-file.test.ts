/** content/redirects.json: one schema for the importer that writes it and the build that reads it. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRedirectsFile, serializeRedirectsFile } from "../../src/shared/redirects-file.ts";
import { readRedirectsFile } from "../../src/site/content/load-redirects.ts";

describe("content/redirects.json", () => {
  it("reads what the importer writes", () => {
    const rules = [
      { from: "/?p=12", to: "/articles/a/", status: 301 as const },
      { from: "/2016/05/a/", to: "/articles/a/", status: 301 as const },
    ];
    expect(parseRedirectsFile(JSON.parse(serializeRedirectsFile(rules)), "redirects.json")).toEqual(rules);
  });

  it("names the file, the rule and the field of every bad rule at once", () => {
    const bad = [
      { from: "no-slash", to: "/x/", status: 301 },
      { from: "/ok/", to: "https://elsewhere.example/", status: 301 },
      { from: "/a/", to: "/b/", status: 200 },
    ];
    expect(() => parseRedirectsFile(bad, "content/redirects.json")).toThrow(
      /content\/redirects\.json: field "\[0\]\.from".*\ncontent\/redirects\.json: field "\[1\]\.to".*\ncontent\/redirects\.json: field "\[2\]\.status"/,
    );
  });

  it("is optional, and a file that is not JSON stops the build naming it", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-redirects-"));
    await expect(readRedirectsFile(dir)).resolves.toEqual([]);
    await writeFile(path.join(dir, "redirects.json"), "[{");
    await expect(readRedirectsFile(dir)).rejects.toThrow(/redirects\.json: not valid JSON/);
    await rm(dir, { recursive: true, force: true });
  });
});
