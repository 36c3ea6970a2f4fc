/**
 * The site's icons, all made from one file in the content folder (media/icon.svg or
 * media/icon.png), or from the project's default when the folder has none: every page links
 * them, and browsers ask for /favicon.ico and /apple-touch-icon.png by name, so none 404s.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

export const ICON_SOURCES = ["media/icon.svg", "media/icon.png"] as const;

/** Output path → what the page links it as. Fixed names: browsers request two of them unasked. */
export const ICON_FILES = {
  favicon: "/favicon.ico",
  svg: "/icon.svg",
  png: "/icon-192.png",
  appleTouch: "/apple-touch-icon.png",
} as const;

export interface IconFile {
  url: string;
  content: Buffer;
}

/** The icon's source: the content folder's, else the default shipped in _includes/assets/. */
export function findIconSource(contentDir: string, defaultIcon: string): string {
  for (const candidate of ICON_SOURCES) {
    const file = path.join(contentDir, candidate);
    if (existsSync(file)) return file;
  }
  return defaultIcon;
}

export async function makeSiteIcons(source: string): Promise<IconFile[]> {
  const input = await readFile(source);
  const png = (size: number, opaque = false) => {
    const image = sharp(input, { density: 384 }).resize(size, size, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } });
    // iOS fills a transparent touch icon with black: put it on white instead.
    return (opaque ? image.flatten({ background: "#ffffff" }) : image).png({ compressionLevel: 9 }).toBuffer();
  };
  const [png16, png32, png180, png192] = await Promise.all([png(16), png(32), png(180, true), png(192)]);
  const files: IconFile[] = [
    {
      url: ICON_FILES.favicon,
      content: toIco([
        { size: 16, png: png16 },
        { size: 32, png: png32 },
      ]),
    },
    { url: ICON_FILES.png, content: png192 },
    { url: ICON_FILES.appleTouch, content: png180 },
  ];
  // A bitmap source has no SVG to offer; the PNG link covers modern browsers then.
  if (source.endsWith(".svg")) files.push({ url: ICON_FILES.svg, content: input });
  return files;
}

/** An ICO file holding PNG images (allowed since Windows Vista; every browser reads it). */
export function toIco(images: readonly { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}
