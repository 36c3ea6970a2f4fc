/**
 * Stylesheets get a content hash in their file name so the CDN can cache them for a year;
 * a changed stylesheet is a new URL. The hash is recomputed on every (re)build.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildOptions } from "./build-options.ts";
import type { EleventyConfig } from "./eleventy-types.ts";

export interface HashedAsset {
  /** Site-relative URL, e.g. /assets/site.3f2a9c01de.css */
  url: string;
  content: string;
}

export function hashAsset(name: string, content: string): HashedAsset {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 10);
  const { name: base, ext } = path.parse(name);
  return { url: `/assets/${base}.${hash}${ext}`, content };
}

export function assetsPlugin(eleventyConfig: EleventyConfig, options: BuildOptions & { assets: string[] }): void {
  const sourceDir = path.join(options.includesDir, "assets");
  let assets = new Map<string, HashedAsset>();
  eleventyConfig.on("eleventy.before", async () => {
    assets = new Map(
      await Promise.all(
        options.assets.map(async (name) => [name, hashAsset(name, await readFile(path.join(sourceDir, name), "utf8"))] as const),
      ),
    );
  });
  eleventyConfig.on("eleventy.after", async () => {
    for (const asset of assets.values()) {
      const target = path.join(options.outputDir, asset.url);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, asset.content);
    }
  });
  eleventyConfig.addGlobalData("assets", () => Object.fromEntries([...assets].map(([name, asset]) => [name, asset.url])));
}
