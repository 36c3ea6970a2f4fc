/**
 * Wiring only: each plugin lives in src/site/. Options come from the environment once
 * (src/site/build-options.ts), so CONTENT_DIR and OUTPUT_DIR point the build anywhere.
 */
import path from "node:path";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import { assetsPlugin } from "./src/site/plugins/assets-plugin.ts";
import { currentBuildOptions } from "./src/site/build-options.ts";
import type { EleventyConfig } from "./src/site/plugins/eleventy-types.ts";
import { filtersPlugin } from "./src/site/plugins/filters-plugin.ts";
import { pagesPlugin } from "./src/site/plugins/pages-plugin.ts";
import { searchPlugin } from "./src/site/plugins/search-plugin.ts";
import { siteDataPlugin } from "./src/site/plugins/site-data-plugin.ts";

const options = currentBuildOptions();

export default function (eleventyConfig: EleventyConfig): void {
  eleventyConfig.addPlugin(rssPlugin);
  eleventyConfig.addPlugin(siteDataPlugin, options);
  eleventyConfig.addPlugin(filtersPlugin);
  eleventyConfig.addPlugin(pagesPlugin);
  eleventyConfig.addPlugin(assetsPlugin, { ...options, assets: ["site.css", "search.js", "reply-form.js"] });
  eleventyConfig.addPlugin(searchPlugin, options);
  // The content folder is data: articles are read by src/site/content/load-articles.ts, not rendered as templates.
  eleventyConfig.ignores.add("**/*");
}

export const config = {
  dir: {
    input: options.contentDir,
    output: options.outputDir,
    includes: path.relative(options.contentDir, options.includesDir),
  },
  templateFormats: ["njk"],
};
