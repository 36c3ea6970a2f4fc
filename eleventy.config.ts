/**
 * Wiring only: each plugin lives in src/site/plugins/. `broadsheet(setup)` is the whole
 * configuration. The build's render worker and the dev server hand it to Eleventy themselves,
 * with what they know (the site already loaded, drafts shown, who makes the search index);
 * the default export is the same configuration from the environment, for a bare
 * `npx @11ty/eleventy`.
 */
import path from "node:path";
import rssPlugin from "@11ty/eleventy-plugin-rss";
import { readEnv } from "./src/shared/env.ts";
import { type BuildOptions, resolveBuildOptions } from "./src/site/build-options.ts";
import type { LoadedSite } from "./src/site/content/load-site.ts";
import type { PageSelection } from "./src/site/model/select-changed-pages.ts";
import { assetsPlugin } from "./src/site/plugins/assets-plugin.ts";
import type { EleventyConfig } from "./src/site/plugins/eleventy-types.ts";
import { filtersPlugin } from "./src/site/plugins/filters-plugin.ts";
import { mediaPlugin } from "./src/site/plugins/media-plugin.ts";
import { pagesPlugin } from "./src/site/plugins/pages-plugin.ts";
import { type Indexing, searchPlugin } from "./src/site/plugins/search-plugin.ts";
import { siteDataPlugin } from "./src/site/plugins/site-data-plugin.ts";
import { createSiteHolder } from "./src/site/plugins/site-holder.ts";

export interface SiteSetup {
  options: BuildOptions;
  indexing: Indexing;
  /** The site, when it was loaded before Eleventy started (the build's render worker). */
  preloaded?: LoadedSite;
  /** The pages to render, when the build's render worker keeps the others from the last build; otherwise all. */
  selection?: PageSelection;
  /** Those pages alone, no others: a later part of a large build (src/build/render-worker.ts). */
  selectedOnly?: boolean;
}

export function broadsheet({ options, indexing, preloaded, selection, selectedOnly }: SiteSetup) {
  return function configure(eleventyConfig: EleventyConfig): void {
    const site = createSiteHolder(preloaded);
    eleventyConfig.setInputDirectory(options.contentDir);
    eleventyConfig.setOutputDirectory(options.outputDir);
    eleventyConfig.setIncludesDirectory(path.relative(options.contentDir, options.includesDir));
    eleventyConfig.setTemplateFormats(["njk"]);
    eleventyConfig.addPlugin(rssPlugin);
    eleventyConfig.addPlugin(siteDataPlugin, { options, site, firstSelection: selection });
    eleventyConfig.addPlugin(mediaPlugin, { options, site });
    eleventyConfig.addPlugin(filtersPlugin);
    eleventyConfig.addPlugin(pagesPlugin, { selectedOnly });
    eleventyConfig.addPlugin(assetsPlugin, { ...options, assets: ["site.css", "search.js", "reply-form.js"] });
    eleventyConfig.addPlugin(searchPlugin, { options, site, indexing });
    // The content folder is data: articles are read by src/site/content/, not rendered as templates.
    eleventyConfig.ignores.add("**/*");
  };
}

export default function (eleventyConfig: EleventyConfig): void {
  broadsheet({ options: resolveBuildOptions(readEnv()), indexing: "after-build" })(eleventyConfig);
}
