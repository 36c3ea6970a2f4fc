/** `npm run build`: the site into OUTPUT_DIR (default _site/). */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { readEnv } from "../shared/env.ts";
import { currentBuildOptions, PROJECT_ROOT } from "../site/build-options.ts";
import { createPhaseTimer, writeTimings } from "../site/build-timings.ts";
import { emptyOutputDir } from "../site/output-dir.ts";
import { writeSearchIndex } from "../site/search-index.ts";
import { leaveIndexingToBuildScript } from "../site/search-plugin.ts";
import { primeSiteLoad, type LoadedSite } from "../site/site-data-plugin.ts";

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
try {
  // A build without its search index is not a finished build.
  await timer.time("index", () => writeSearchIndex(options.outputDir, loaded.data.articles, loaded.site.language));
} catch (error) {
  console.error(`Build failed: the search index: ${(error as Error).message}`);
  process.exit(1);
}
const timings = timer.finish();
const timingsFile = readEnv().BROADSHEET_TIMINGS_FILE;
if (timingsFile) await writeTimings(timingsFile, timings);
console.log(`Built the site in ${(timings.totalMs / 1000).toFixed(1)} s`);
