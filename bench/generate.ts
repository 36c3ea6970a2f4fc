/**
 * `npm run generate -- --count 1000 --out /tmp/corpus [--seed 1]`: writes a content folder
 * (site.json, articles/ and replies/) of synthetic articles for benchmarks.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { replyPath, serializeReplyRecord } from "../src/shared/reply-record.ts";
import { generateCorpus } from "./corpus.ts";

/** One article in this many has a lead photograph, unless the bench is told otherwise. */
export const PHOTOS_EVERY = 10;

/** Where the benches keep a generated corpus; the "v4" (a newsroom's 60 bylines, not one per article) retires older ones. */
export function corpusDir(work: string, count: number, seed: number | string, photosEvery = PHOTOS_EVERY): string {
  return path.join(work, `corpus-${count}-seed-${seed}${photosEvery === PHOTOS_EVERY ? "" : `-photos-${photosEvery}`}-v4`);
}

/** A photograph-sized JPEG (1600 × 1000) of smooth gradients and detail, different for each seed. */
async function writeBenchPhoto(file: string, seed: number): Promise<void> {
  const width = 1600;
  const height = 1000;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = ((x + seed * 37) * 255) / width;
      raw[i + 1] = ((y + seed * 53) * 255) / height;
      raw[i + 2] = ((x * ((seed % 13) + 1)) ^ (y * 7)) & 255;
    }
  }
  await mkdir(path.dirname(file), { recursive: true });
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .blur(1.2)
    .jpeg({ quality: 88 })
    .toFile(file);
}

export async function writeCorpus(outDir: string, count: number, seed = 1, photosEvery = PHOTOS_EVERY): Promise<void> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(path.join(outDir, "articles"), { recursive: true });
  await writeFile(
    path.join(outDir, "site.json"),
    JSON.stringify(
      { name: "Bench Daily", url: "https://bench.example.org", language: "en", timeZone: "UTC", description: "A generated corpus." },
      null,
      2,
    ),
  );
  const pending: Promise<void>[] = [];
  for (const article of generateCorpus({ count, seed, imageEvery: photosEvery })) {
    pending.push(writeFile(path.join(outDir, "articles", article.fileName), article.text));
    if (article.image) pending.push(writeBenchPhoto(path.join(outDir, article.image.path), article.image.seed));
    if (article.replies.length > 0) {
      // Written the way the reply pipeline commits them, through the schema the build reads with.
      await mkdir(path.join(outDir, "replies", article.key), { recursive: true });
      for (const reply of article.replies)
        pending.push(writeFile(path.join(outDir, replyPath(reply.article, reply.id, ".")), serializeReplyRecord(reply)));
    }
    if (pending.length >= 100) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { count: { type: "string", default: "1000" }, out: { type: "string" }, seed: { type: "string", default: "1" } },
  });
  if (!values.out) throw new Error("Give an output folder: --out /tmp/corpus");
  await writeCorpus(path.resolve(values.out), Number(values.count), Number(values.seed));
  console.log(`Wrote ${values.count} articles to ${values.out}`);
}
