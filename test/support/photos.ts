/** Photographs for tests, made with sharp: a gradient with a seeded pattern, so each seed is a different file. */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

export async function writePhoto(
  file: string,
  { width = 1200, height = 800, seed = 1, format = "jpeg" as "jpeg" | "png" } = {},
): Promise<void> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = ((x * seed) ^ (y * 7)) & 255;
    }
  }
  await mkdir(path.dirname(file), { recursive: true });
  await sharp(raw, { raw: { width, height, channels: 3 } })
    .blur(1.5)
    .toFormat(format)
    .toFile(file);
}
