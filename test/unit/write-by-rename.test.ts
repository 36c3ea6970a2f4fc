/** A reader of a file written by rename sees the old text or the whole new one, never part. */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { writeByRename } from "../../src/shared/write-by-rename.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "broadsheet-rename-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it("never shows a reader half a file while it is rewritten, and leaves no temporary file", async () => {
  const file = path.join(dir, "broadsheet-manifest.json");
  const versions = Array.from({ length: 30 }, (_, i) => JSON.stringify({ version: i, padding: "x".repeat(2_000_000) }));
  await writeFile(file, versions[0]!);
  let writing = true;
  const seen = new Set<string>();
  const reader = (async () => {
    while (writing) {
      const text = await readFile(file, "utf8");
      expect(versions).toContain(text);
      seen.add(text.slice(0, 20));
    }
  })();
  for (const text of versions.slice(1)) await writeByRename(file, text);
  writing = false;
  await reader;
  expect(seen.size).toBeGreaterThan(1);
  expect(await readdir(dir)).toEqual(["broadsheet-manifest.json"]);
});
