/** processImages on real files: the same photograph gives the same file names and bytes, and a cache hit encodes nothing. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processImages } from "../../src/site/media/process-images.ts";
import { writePhoto } from "../support/photos.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "broadsheet-process-images-"));
  await writePhoto(path.join(root, "content/media/a.jpg"), { width: 900, height: 600, seed: 21 });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("processImages", () => {
  it("makes the same files, byte for byte, from the same photograph in two empty caches", async () => {
    const content = path.join(root, "content");
    const [one, two] = [path.join(root, "cache-1"), path.join(root, "cache-2")];
    const first = await processImages(content, one, ["media/a.jpg"], () => "a.md");
    const second = await processImages(content, two, ["media/a.jpg"], () => "a.md");
    expect(first.files).toHaveLength(6);
    expect(second.files).toEqual(first.files);
    expect([first.encoded, second.encoded]).toEqual([6, 6]);
    expect((await readdir(two)).sort()).toEqual([...first.files].sort());
    for (const file of first.files) {
      expect((await readFile(path.join(one, file))).equals(await readFile(path.join(two, file))), file).toBe(true);
    }
    expect(first.images.get("media/a.jpg")).toMatchObject({
      width: 800,
      height: 533,
      largest: { width: 800 },
      smallest: { width: 400, height: 266 },
    });
  });
});
