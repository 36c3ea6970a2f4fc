/**
 * The render half of `npm run build`, run by src/cli/build.ts in a process of its own:
 * loads and validates the content, renders the site with Eleventy and writes the search
 * documents, then exits, handing its memory back before Pagefind starts.
 */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { currentBuildOptions, PROJECT_ROOT } from "../site/build-options.ts";
import { createPhaseTimer } from "../site/build-timings.ts";
import { emptyOutputDir } from "../site/output-dir.ts";
import { writeSearchDocumentsFolder } from "../site/search-index.ts";
import { leaveIndexingToBuildScript } from "../site/search-plugin.ts";
import { primeSiteLoad, type LoadedSite } from "../site/site-data-plugin.ts";

/** What this process sends its parent when it has rendered the site. */
export interface RenderedSite {
  phases: Record<string, number>;
  maxRssBytes: number;
  /** The folder of search documents for Pagefind (src/site/search-index.ts). */
  searchDocuments: string;
}

const timer = createPhaseTimer();
const options = currentBuildOptions();
let loaded: LoadedSite;
try {
  // Validate the content first: a bad article is the author's to fix, so they get the
  // file, field and expectation, not a stack trace (and the last good output stays).
  loaded = await timer.time("load", () => primeSiteLoad(options));
  await emptyOutputDir(options.outputDir, [PROJECT_ROOT, options.contentDir]);
} catch (error) {
  console.error(`Build failed: ${(error as Error).message}`);
  process.exit(1);
}
const eleventy = new Eleventy(undefined, undefined, {
  configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
  quietMode: true,
});
leaveIndexingToBuildScript();
try {
  await timer.time("render", () => eleventy.write());
} catch {
  // Eleventy has already reported the template error in full.
  process.exit(1);
}
const searchDocuments = await timer.time("index", () => writeSearchDocumentsFolder(options.outputDir, loaded.data.articles, loaded.site.language));
const { phases, maxRssBytes } = timer.finish();
const rendered: RenderedSite = { phases, maxRssBytes, searchDocuments };
process.send!(rendered, () => process.disconnect());
