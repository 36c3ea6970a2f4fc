/**
 * processImages on real files, through the real eleventy-img: the same photograph gives the same
 * file names and bytes, a cache hit encodes nothing, and the memo spares eleventy-img a
 * photograph that has not changed. Then the output's links to the cache.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { copyProcessedImages, processImages } from "../../src/site/media/process-images.ts";
import { judgeMemoEntry, MEMO_FILE, type MemoEntry, readProcessedMemo } from "../../src/site/media/processed-memo.ts";
import { writePhoto } from "../support/photos.ts";

// The real eleventy-img, watched: which sources it was asked about.
const asked = vi.hoisted(() => [] as string[]);
vi.mock("@11ty/eleventy-img", async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (...args: unknown[]) => unknown }).default;
  const watched = new Proxy(real, {
    apply: (target, self, args: unknown[]) => {
      asked.push(path.basename(String(args[0])));
      return Reflect.apply(target, self, args);
    },
  });
  return { default: watched };
});

let root: string;
let content: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "broadsheet-process-images-"));
  content = path.join(root, "content");
  await writePhoto(path.join(content, "media/a.jpg"), { width: 900, height: 600, seed: 21 });
  await writePhoto(path.join(content, "media/b.jpg"), { width: 500, height: 500, seed: 5 });
});
afterAll(() => rm(root, { recursive: true, force: true }));
beforeEach(() => {
  asked.length = 0;
});

const describeSource = () => "a.md";
let caches = 0;
const newCache = () => path.join(root, `cache-${++caches}`);

describe("processImages", () => {
  it("makes the same files, byte for byte, from the same photograph in two empty caches", async () => {
    const [one, two] = [newCache(), newCache()];
    const first = await processImages(content, one, ["media/a.jpg"], describeSource);
    const second = await processImages(content, two, ["media/a.jpg"], describeSource);
    expect(first.files).toHaveLength(6);
    expect(second.files).toEqual(first.files);
    expect([first.encoded, second.encoded]).toEqual([6, 6]);
    expect((await readdir(two)).filter((file) => file !== MEMO_FILE).sort()).toEqual([...first.files].sort());
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

  it("takes an unchanged photograph from the memo without asking eleventy-img, and leaves the memo file alone", async () => {
    const cache = newCache();
    const first = await processImages(content, cache, ["media/a.jpg", "media/b.jpg"], describeSource);
    const memoInode = (await stat(path.join(cache, MEMO_FILE))).ino;
    asked.length = 0;
    const second = await processImages(content, cache, ["media/b.jpg", "media/a.jpg"], describeSource);
    expect(asked).toEqual([]);
    expect(second).toEqual({ ...first, encoded: 0 });
    expect((await stat(path.join(cache, MEMO_FILE))).ino).toBe(memoInode);
  });

  it("takes a photograph touched but unchanged (a fresh checkout's new mtime) from the memo, which records the new time", async () => {
    const cache = newCache();
    const first = await processImages(content, cache, ["media/a.jpg"], describeSource);
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(content, "media/a.jpg"), later, later);
    asked.length = 0;
    const second = await processImages(content, cache, ["media/a.jpg"], describeSource);
    expect(asked).toEqual([]);
    expect(second).toEqual({ ...first, encoded: 0 });
    const memo = await readProcessedMemo(path.join(cache, MEMO_FILE));
    expect(memo.entries.get("media/a.jpg")?.mtimeMs).toBe((await stat(path.join(content, "media/a.jpg"))).mtimeMs);
  });

  it("makes a changed photograph again (other bytes, same name): new file names", async () => {
    const cache = newCache();
    const photo = path.join(content, "media/changing.jpg");
    await writePhoto(photo, { width: 600, height: 400, seed: 3 });
    const first = await processImages(content, cache, ["media/changing.jpg"], describeSource);
    await writePhoto(photo, { width: 600, height: 400, seed: 4 });
    asked.length = 0;
    const second = await processImages(content, cache, ["media/changing.jpg"], describeSource);
    expect(asked).toEqual(["changing.jpg"]);
    expect(second.encoded).toBe(second.files.length);
    expect(second.files.filter((file) => first.files.includes(file))).toEqual([]);
  });

  it("makes again, and counts, a cached file that was deleted", async () => {
    const cache = newCache();
    const first = await processImages(content, cache, ["media/a.jpg"], describeSource);
    const lost = first.files[0]!;
    await rm(path.join(cache, lost));
    asked.length = 0;
    const second = await processImages(content, cache, ["media/a.jpg"], describeSource);
    expect(asked).toEqual(["a.jpg"]);
    expect(second.encoded).toBe(1);
    expect(second.images).toEqual(first.images);
    expect((await readdir(cache)).includes(lost)).toBe(true);
  });

  it.each([
    ["not JSON", "{ photographs"],
    ["another shape", JSON.stringify({ photographs: { "media/a.jpg": { size: "big" } } })],
  ])("ignores a memo file that is %s, and still gives the right images", async (_, text) => {
    const cache = newCache();
    const first = await processImages(content, cache, ["media/a.jpg"], describeSource);
    await writeFile(path.join(cache, MEMO_FILE), text);
    asked.length = 0;
    const second = await processImages(content, cache, ["media/a.jpg"], describeSource);
    expect(asked).toEqual(["a.jpg"]);
    expect(second).toEqual({ ...first, encoded: 0 });
    expect((await readProcessedMemo(path.join(cache, MEMO_FILE))).entries.get("media/a.jpg")?.image).toEqual(
      first.images.get("media/a.jpg"),
    );
  });

  it("keeps in the memo only the photographs of the last run", async () => {
    const cache = newCache();
    await processImages(content, cache, ["media/a.jpg", "media/b.jpg"], describeSource);
    await processImages(content, cache, ["media/a.jpg"], describeSource);
    expect([...(await readProcessedMemo(path.join(cache, MEMO_FILE))).entries.keys()]).toEqual(["media/a.jpg"]);
  });

  it("names the article and file of a photograph it cannot read", async () => {
    const cache = newCache();
    await mkdir(path.join(content, "media"), { recursive: true });
    await writeFile(path.join(content, "media/broken.jpg"), "not a JPEG at all");
    const run = processImages(content, cache, ["media/a.jpg", "media/broken.jpg"], (source) => `${source}.md: field "image"`);
    await expect(run).rejects.toThrow(/^media\/broken\.jpg\.md: field "image": could not read media\/broken\.jpg as an image \(.+\)$/);
  });
});

describe("judgeMemoEntry", () => {
  const entry = { size: 100, mtimeMs: 5, settings: "s1" } as MemoEntry;
  it.each([
    ["same size and time", "reuse", entry, { size: 100, mtimeMs: 5 }, "s1", true],
    ["same size, another time", "compare-bytes", entry, { size: 100, mtimeMs: 9 }, "s1", true],
    ["another size", "process", entry, { size: 101, mtimeMs: 5 }, "s1", true],
    ["other settings", "process", entry, { size: 100, mtimeMs: 5 }, "s2", true],
    ["an output missing from the cache", "process", entry, { size: 100, mtimeMs: 5 }, "s1", false],
    ["no entry", "process", undefined, { size: 100, mtimeMs: 5 }, "s1", true],
  ] as const)("%s: %s", (_, verdict, memo, file, settings, outputsCached) => {
    expect(judgeMemoEntry(memo, file, settings, outputsCached)).toBe(verdict);
  });
});

describe("copyProcessedImages", () => {
  it("links each file from the cache into /img/; again into the same folder, adds only the missing ones", async () => {
    const cache = newCache();
    const { files } = await processImages(content, cache, ["media/a.jpg"], describeSource);
    const output = path.join(root, "site");
    await copyProcessedImages(cache, output, files);
    for (const file of files) {
      const [cached, copied] = [path.join(cache, file), path.join(output, "img", file)];
      expect((await readFile(copied)).equals(await readFile(cached)), file).toBe(true);
      // On one file system: the same file, not a copy.
      expect((await stat(copied)).ino).toBe((await stat(cached)).ino);
    }
    await rm(path.join(output, "img", files[0]!));
    await expect(copyProcessedImages(cache, output, files)).resolves.toBeUndefined();
    expect((await readdir(path.join(output, "img"))).sort()).toEqual([...files].sort());
  });

  it("removes from /img/ the files no page uses any more, as a build from nothing would not have them", async () => {
    const cache = newCache();
    const a = await processImages(content, cache, ["media/a.jpg"], describeSource);
    const b = await processImages(content, cache, ["media/b.jpg"], describeSource);
    const output = path.join(root, "site-unused");
    await copyProcessedImages(cache, output, [...a.files, ...b.files]);
    // The next build no longer shows a.jpg.
    await copyProcessedImages(cache, output, b.files);
    expect((await readdir(path.join(output, "img"))).sort()).toEqual([...b.files].sort());
  });

  it("fails on a file missing from the cache", async () => {
    const cache = newCache();
    await mkdir(cache, { recursive: true });
    await expect(copyProcessedImages(cache, path.join(root, "site-2"), ["nowhere-400.jpeg"])).rejects.toThrow(/ENOENT/);
  });
});
