/**
 * Makes the responsive versions of every photograph the articles use, with
 * @11ty/eleventy-img (sharp underneath): AVIF, WebP and JPEG at IMAGE_WIDTHS.
 *
 * Files are written to a cache folder outside the output (.cache/images/, kept between builds
 * and by Netlify's build cache), named by a hash of the source file's bytes and the encoder
 * settings: an unchanged photograph is found there and not encoded again. The build then
 * copies the files a page uses into the output's /img/.
 */

import { constants } from "node:fs";
import { copyFile, mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import Image from "@11ty/eleventy-img";
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
  // Two at a time: sharp already uses a thread per core for each.
  Image.concurrency = 2;
  const problems: string[] = [];
  const entries = await Promise.all(
    [...new Set(sources)].sort().map(async (source) => {
      try {
        const metadata = (await Image(path.join(contentDir, source), {
          widths: IMAGE_WIDTHS,
          formats: [...FORMATS],
          outputDir: cacheDir,
          urlPath: IMAGE_URL_PATH,
          ...ENCODER_OPTIONS,
        })) as Record<(typeof FORMATS)[number], Stat[]>;
        return [source, toResponsiveImage(source, metadata)] as const;
      } catch (error) {
        problems.push(`${describe(source)}: could not read ${source} as an image (${(error as Error).message.split("\n")[0]})`);
        return undefined;
      }
    }),
  );
  if (problems.length > 0) throw new Error(problems.sort().join("\n"));
  const images = new Map(entries.filter((entry) => entry !== undefined));
  const files = [...images.values()].flatMap((image) => fileNames(image));
  return { images, files, encoded: files.filter((file) => !before.has(file)).length };
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

/** Copies the processed files into the output's /img/ (a clone where the file system can). */
export async function copyProcessedImages(cacheDir: string, outputDir: string, files: readonly string[]): Promise<void> {
  const target = path.join(outputDir, IMAGE_URL_PATH);
  await mkdir(target, { recursive: true });
  await Promise.all(
    [...new Set(files)].map((file) => copyFile(path.join(cacheDir, file), path.join(target, file), constants.COPYFILE_FICLONE)),
  );
}
