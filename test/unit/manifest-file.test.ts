/** The reply handler reads the manifest while the dev server rewrites it: never half a file. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { type Manifest, manifestPathFor, parseManifest } from "../../src/shared/article-manifest.ts";
import { writeManifest } from "../../src/site/outputs/article-manifest-file.ts";

const manifest = (n: number): Manifest => ({
  site: { url: "https://example.org/", origins: ["https://example.org"], timeZone: "UTC" },
  replies: { moderationWords: [], disallowedWords: [], closeAfterDays: null, skipDeployOnReply: false },
  articles: Array.from({ length: 2000 + n }, (_, i) => ({
    key: `article-${i}`,
    title: `Article ${i}`,
    url: `/articles/article-${i}/`,
    date: "2024-01-01",
    repliesOpen: true,
  })),
});

it("is always whole for a reader, however often it is rewritten", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "broadsheet-manifest-"));
  try {
    await writeManifest(dir, manifest(0));
    let writing = true;
    const writer = (async () => {
      for (let n = 1; n <= 30; n += 1) await writeManifest(dir, manifest(n));
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      parseManifest(JSON.parse(await readFile(manifestPathFor(dir), "utf8")));
      reads += 1;
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
    expect(await readdir(path.dirname(manifestPathFor(dir)))).toEqual([path.basename(manifestPathFor(dir))]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
