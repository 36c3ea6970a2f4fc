/**
 * Puts the photographs and the site's icons into the output: processed images are linked (or
 * copied) from the cache folder (they were made while the site loaded), icons are made from the
 * content folder's media/icon.svg or .png (or the project's default). Templates get `icons`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildOptions } from "../build-options.ts";
import { copyProcessedImages } from "../media/process-images.ts";
import { findIconSource, ICON_FILES, type IconFile, makeSiteIcons } from "../media/site-icon.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import type { SiteHolder } from "./site-holder.ts";

export interface MediaPluginOptions {
  options: BuildOptions;
  /** The site the site-data plugin loaded: which processed files this build's pages use. */
  site: SiteHolder;
}

export function mediaPlugin(eleventyConfig: EleventyConfig, { options, site }: MediaPluginOptions): void {
  const defaultIcon = path.join(options.includesDir, "assets", "icon.svg");
  let icons: IconFile[] = [];
  eleventyConfig.on("eleventy.before", async () => {
    const source = findIconSource(options.contentDir, defaultIcon);
    icons = await makeSiteIcons(source).catch((error: Error) => {
      throw new Error(
        `${source}: the site's icon could not be read as an image (${error.message}); use an SVG, or a PNG at least 192 px square`,
      );
    });
  });
  eleventyConfig.on("eleventy.after", async () => {
    await copyProcessedImages(options.imageCacheDir, options.outputDir, site.current().media.files);
    await mkdir(options.outputDir, { recursive: true });
    await Promise.all(icons.map((icon) => writeFile(path.join(options.outputDir, icon.url), icon.content)));
  });
  eleventyConfig.addWatchTarget(path.join(options.contentDir, "media"));
  // Only the links whose files this build writes (a bitmap icon has no SVG).
  eleventyConfig.addGlobalData("icons", () => {
    const written = new Set(icons.map((icon) => icon.url));
    return Object.fromEntries(Object.entries(ICON_FILES).filter(([, url]) => written.has(url)));
  });
}
