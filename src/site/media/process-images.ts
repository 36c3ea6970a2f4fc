/**
 * Makes the responsive versions of every photograph the articles use, with
 * @11ty/eleventy-img (sharp underneath): AVIF, WebP and JPEG at IMAGE_WIDTHS.
 *
 * Files are written to a cache folder outside the output (.cache/images/, kept between builds
 * and by Netlify's build cache), named by a hash of the source file's bytes and the encoder
 * settings: an unchanged photograph is found there and not encoded again. A memo in the same
 * folder (processed-memo.ts) spares even asking eleventy-img about a photograph that has not
 * changed. The build then links the files a page uses into the output's /img/.
 */

import { constants } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import Image from "@11ty/eleventy-img";
import imagePackage from "@11ty/eleventy-img/package.json" with { type: "json" };
import { mapAtMost } from "../../shared/map-at-most.ts";
import { sha256 } from "../../shared/sha256.ts";
import { judgeMemoEntry, MEMO_FILE, type MemoEntry, readProcessedMemo, settingsKey, writeProcessedMemo } from "./processed-memo.ts";
import { IMAGE_URL_PATH, IMAGE_WIDTHS, type ResponsiveImage } from "./responsive-image.ts";

/** Encoder settings. They are part of every file's hash: changing one makes new names. */
const ENCODER_OPTIONS = {
  // Effort 2 of 9: 7× faster than the default 4 for files within 3% of its size.
  sharpAvifOptions: { quality: 50, effort: 2 },
  sharpWebpOptions: { quality: 75 },
  // The JPEG is the fallback few browsers take, and the one link previews fetch: without
  // mozjpeg's trellis search it is 5% larger and 5× quicker to make.
  sharpJpegOptions: { quality: 80, progressive: true },
};

const FORMATS = ["avif", "webp", "jpeg"] as const;

/** Everything eleventy-img is told but where to write. */
const IMAGE_OPTIONS = { widths: IMAGE_WIDTHS, formats: [...FORMATS], urlPath: IMAGE_URL_PATH, ...ENCODER_OPTIONS };

/** The memo's entries made with other options, or by another eleventy-img, are not used. */
const SETTINGS_KEY = settingsKey({ eleventyImg: imagePackage.version, ...IMAGE_OPTIONS });

/**
 * Photographs in hand at once: after a fresh checkout every one is read whole to hash it, and
 * eleventy-img queues its own encodes two at a time.
 */
const PHOTOGRAPHS_AT_ONCE = 8;

interface Stat {
  url: string;
  width: number;
  height: number;
  srcset: string;
  sourceType: string;
  size: number;
  filename: string;
}

export interface ProcessedImages {
  images: Map<string, ResponsiveImage>;
  /** File names in the cache folder, to copy into the output. */
  files: string[];
  /** How many files were encoded (not found in the cache) this time. */
  encoded: number;
}

/**
 * @param sources content-relative paths of the photographs, checked to exist beforehand.
 * @param describe names the article and field of a source, for the error a broken file gives.
 */
export async function processImages(
  contentDir: string,
  cacheDir: string,
  sources: readonly string[],
  describe: (source: string) => string,
): Promise<ProcessedImages> {
  await mkdir(cacheDir, { recursive: true });
  const before = new Set(await readdir(cacheDir));
  const memoFile = path.join(cacheDir, MEMO_FILE);
  const memo = await readProcessedMemo(memoFile);
  // Two at a time: sharp already uses a thread per core for each.
  Image.concurrency = 2;
  const context: ImageContext = { contentDir, cacheDir, memo: memo.entries, cached: before };
  const problems: string[] = [];
  const entries = await mapAtMost([...new Set(sources)].sort(), PHOTOGRAPHS_AT_ONCE, async (source) => {
    try {
      return [source, await processImage(source, context)] as const;
    } catch (error) {
      problems.push(`${describe(source)}: could not read ${source} as an image (${(error as Error).message.split("\n")[0]})`);
      return undefined;
    }
  });
  if (problems.length > 0) throw new Error(problems.sort().join("\n"));
  // This build's sources only, so the memo does not keep photographs no article shows any more.
  const made = new Map(entries.filter((entry) => entry !== undefined));
  await writeProcessedMemo(memoFile, made, memo.text);
  const images = new Map([...made].map(([source, entry]) => [source, entry.image]));
  const files = [...images.values()].flatMap((image) => fileNames(image));
  return { images, files, encoded: files.filter((file) => !before.has(file)).length };
}

interface ImageContext {
  contentDir: string;
  cacheDir: string;
  /** The last build's memo, by source. */
  memo: ReadonlyMap<string, MemoEntry>;
  /** The cache folder's file names before this build. */
  cached: ReadonlySet<string>;
}

/** One photograph: from the memo when the file is the one it describes, else through eleventy-img. */
async function processImage(source: string, { contentDir, cacheDir, memo, cached }: ImageContext): Promise<MemoEntry> {
  const file = path.join(contentDir, source);
  const entry = memo.get(source);
  // Stat before reading: a file changed in between is then seen as changed by the next build.
  const { size, mtimeMs } = await stat(file);
  const outputsCached = entry !== undefined && fileNames(entry.image).every((name) => cached.has(name));
  const verdict = judgeMemoEntry(entry, { size, mtimeMs }, SETTINGS_KEY, outputsCached);
  if (entry && verdict === "reuse") return entry;
  const hash = sha256(await readFile(file), "hex");
  if (entry && verdict === "compare-bytes" && hash === entry.sha256) return { ...entry, mtimeMs };
  const metadata = (await Image(file, { ...IMAGE_OPTIONS, outputDir: cacheDir })) as Record<(typeof FORMATS)[number], Stat[]>;
  return { size, mtimeMs, sha256: hash, settings: SETTINGS_KEY, image: toResponsiveImage(source, metadata) };
}

function toResponsiveImage(src: string, metadata: Record<(typeof FORMATS)[number], Stat[]>): ResponsiveImage {
  const jpeg = metadata.jpeg;
  const largest = jpeg.at(-1)!;
  const srcset = (stats: Stat[]) => stats.map((stat) => stat.srcset).join(", ");
  return {
    src,
    width: largest.width,
    height: largest.height,
    sources: [metadata.avif, metadata.webp].map((stats) => ({ type: stats[0]!.sourceType, srcset: srcset(stats) })),
    fallback: { url: largest.url, srcset: srcset(jpeg), type: largest.sourceType },
    largest: { url: largest.url, width: largest.width, height: largest.height, bytes: largest.size },
    smallest: { url: jpeg[0]!.url, width: jpeg[0]!.width, height: jpeg[0]!.height },
  };
}

function fileNames(image: ResponsiveImage): string[] {
  const urls = [...image.sources, image.fallback].flatMap((source) => source.srcset.split(", ").map((entry) => entry.split(" ")[0]!));
  return urls.map((url) => url.slice(IMAGE_URL_PATH.length));
}

/** Where linking fails for one of these, the file is copied instead. */
const COPY_WHEN_LINKING_FAILS = new Set([
  "EXDEV", // cache and output on different file systems
  "EPERM", // a file system without hard links, or a file we may not link (fs.protected_hardlinks)
  "ENOTSUP",
  "EMLINK", // the file has as many links as the file system allows
]);

/**
 * Puts the processed files into the output's /img/ as hard links to the cache's files. Cache
 * and output are usually on one file system, where a link costs the same whatever the file's
 * size: 9,000 files (464 MB at 1,000 photographs) take 76 ms to link and 274 ms to copy on
 * tmpfs, and far longer to copy on a disk. Nothing writes to a processed file after it is
 * made, so the two names never disagree.
 */
export async function copyProcessedImages(cacheDir: string, outputDir: string, files: readonly string[]): Promise<void> {
  const target = path.join(outputDir, IMAGE_URL_PATH);
  await mkdir(target, { recursive: true });
  // Files already there (the dev server rebuilding into the same folder) are left: a name
  // carries a hash of the source's bytes and the settings, so the same name is the same file.
  // One listing instead of 9,000 failed links (300 ms).
  const present = new Set(await readdir(target));
  const wanted = new Set(files);
  const missing = [...wanted].filter((file) => !present.has(file));
  // And the files no page uses any more (a photograph replaced or no longer shown), which a
  // build from nothing would not have: /img/ may be the last build's, kept (render-worker.ts).
  const unused = [...present].filter((file) => !wanted.has(file));
  await Promise.all([
    ...missing.map((file) => linkOrCopy(path.join(cacheDir, file), path.join(target, file))),
    ...unused.map((file) => rm(path.join(target, file), { force: true })),
  ]);
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Made since the listing, by another build into the same folder: the same file, as above.
    if (code === "EEXIST") return;
    if (code === undefined || !COPY_WHEN_LINKING_FAILS.has(code)) throw error;
    await copyFile(from, to, constants.COPYFILE_FICLONE);
  }
}
