/**
 * Stylesheets and scripts get a content hash in their file name so the CDN can cache them
 * for a year; a changed file is a new URL. The hash is recomputed on every (re)build.
 * A `.css` name is read from _includes/assets/; a `.js` name is bundled from the
 * TypeScript of the same name under src/client/ (search.js ← src/client/search.ts).
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildOptions } from "../build-options.ts";
import { bundleScript, CLIENT_DIR } from "../outputs/bundle-script.ts";
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

async function readAsset(name: string, stylesheetDir: string): Promise<string> {
  if (name.endsWith(".js")) return bundleScript(`${path.parse(name).name}.ts`);
  return readFile(path.join(stylesheetDir, name), "utf8");
}

export function assetsPlugin(eleventyConfig: EleventyConfig, options: BuildOptions & { assets: string[] }): void {
  const sourceDir = path.join(options.includesDir, "assets");
  let assets = new Map<string, HashedAsset>();
  eleventyConfig.on("eleventy.before", async () => {
    assets = new Map(
      await Promise.all(options.assets.map(async (name) => [name, hashAsset(name, await readAsset(name, sourceDir))] as const)),
    );
  });
  eleventyConfig.on("eleventy.after", async () => {
    for (const asset of assets.values()) {
      const target = path.join(options.outputDir, asset.url);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, asset.content);
    }
  });
  eleventyConfig.addWatchTarget(CLIENT_DIR);
  eleventyConfig.addGlobalData("assets", () => Object.fromEntries([...assets].map(([name, asset]) => [name, asset.url])));
}
