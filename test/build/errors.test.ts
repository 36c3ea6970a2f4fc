import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { article, buildSite, listFiles, writeContent } from "../support/build-site.ts";
import { FIXTURE_NOW, fixtureArticles } from "../support/fixture-site.ts";

const good = article({ title: "Fine", date: "2024-01-01" });

describe("a build with a bad article", () => {
  it.each([
    [
      "a misspelt field",
      { "2024-01-02-typo.md": "---\ntitle: T\ndat: 2024-01-02\n---\nBody\n" },
      ['typo.md: unknown field "dat"', 'typo.md: field "date" is required'],
    ],
    [
      "tags given as a string",
      { "2024-01-02-tags.md": "---\ntitle: T\ndate: 2024-01-02\ntags: Alibaba\n---\nBody\n" },
      ['tags.md: field "tags": expected a list'],
    ],
    [
      "draft as a quoted word",
      { "2024-01-02-draft.md": '---\ntitle: T\ndate: 2024-01-02\ndraft: "no"\n---\nBody\n' },
      ['draft.md: field "draft": expected true or false'],
    ],
    [
      "an impossible date",
      { "2024-01-02-date.md": "---\ntitle: T\ndate: 2024-02-30\n---\nBody\n" },
      ['date.md: field "date": expected an ISO date'],
    ],
    [
      "two files with the same key",
      { "2024-01-02-same.md": good, "2024-01-03-same.md": good },
      ['2024-01-03-same.md: its key "same" is already used by', "2024-01-02-same.md"],
    ],
  ])("with %s fails, naming the file and the field", async (_case, files, messages) => {
    const contentDir = await writeContent({ "2024-01-01-fine.md": good, ...files });
    const result = await buildSite(contentDir);
    try {
      expect(result.code).toBe(1);
      for (const message of messages) expect(result.stderr).toContain(message);
      // The author sees the problem, not a stack trace.
      expect(result.stderr).not.toMatch(/\bat \S+ \(.*:\d+:\d+\)/);
    } finally {
      await rm(contentDir, { recursive: true, force: true });
      await rm(result.outputDir, { recursive: true, force: true });
    }
  });

  it("with a bad site.json fails naming the file and the field", async () => {
    const contentDir = await writeContent(
      { "2024-01-01-fine.md": good },
      { name: "X", url: "not a url", language: "en", timeZone: "Mars/Olympus", description: "d" },
    );
    const result = await buildSite(contentDir);
    try {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/site\.json: field "url"/);
      expect(result.stderr).toMatch(/site\.json: field "timeZone": an IANA time zone/);
    } finally {
      await rm(contentDir, { recursive: true, force: true });
    }
  });
});

describe("two builds of the same content", () => {
  it("give byte-identical output, whether the search index is made during the render or after it", async () => {
    const contentDir = await writeContent(fixtureArticles());
    const first = await buildSite(contentDir, { BROADSHEET_NOW: FIXTURE_NOW });
    const second = await buildSite(contentDir, { BROADSHEET_NOW: FIXTURE_NOW, BROADSHEET_INDEX_AFTER_RENDER: "1" });
    try {
      expect(first.stdout).not.toContain("Indexing after rendering");
      expect(second.stdout).toContain("Indexing after rendering, not during: BROADSHEET_INDEX_AFTER_RENDER is set.");
      // Pagefind 1.5.2 writes a filter's values in hash-map order, which changes from run to
      // run, and names the filter files and language metadata by a hash of their bytes. Those
      // files (and the entry file naming them) are left out; the pages, the search index's
      // word chunks and its fragments must be the same bytes.
      const unstable = (file: string) => /^pagefind\/[^/]+\/(filter\/|pagefind\.\w+\.pf_meta$|pagefind-entry\.json$)/.test(file);
      const files = (await listFiles(first.outputDir)).filter((file) => !unstable(file));
      expect(files).toContain("_redirects");
      expect(files.filter((file) => /^pagefind\/2024\.[0-9a-f]{12}\/fragment\//.test(file)).length).toBeGreaterThan(0);
      expect((await listFiles(second.outputDir)).filter((file) => !unstable(file))).toEqual(files);
      const differing: string[] = [];
      for (const file of files) {
        const [a, b] = await Promise.all([readFile(path.join(first.outputDir, file)), readFile(path.join(second.outputDir, file))]);
        if (!a.equals(b)) differing.push(file);
      }
      expect(differing).toEqual([]);
    } finally {
      await Promise.all([contentDir, first.outputDir, second.outputDir].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });
});
