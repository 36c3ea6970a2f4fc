/** `npm run build`: the site into OUTPUT_DIR (default _site/). */
import path from "node:path";
import Eleventy from "@11ty/eleventy";
import { currentBuildOptions, PROJECT_ROOT } from "../site/build-options.ts";
import { primeSiteLoad } from "../site/site-data-plugin.ts";

const started = performance.now();
try {
  // Validate the content first: a bad article is the author's to fix, so they get the
  // file, field and expectation, not a stack trace.
  await primeSiteLoad(currentBuildOptions());
} catch (error) {
  console.error(`Build failed: ${(error as Error).message}`);
  process.exit(1);
}
const eleventy = new Eleventy(undefined, undefined, {
  configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
  quietMode: true,
});
try {
  await eleventy.write();
} catch {
  // Eleventy has already reported the template error in full.
  process.exit(1);
}
console.log(`Built the site in ${((performance.now() - started) / 1000).toFixed(1)} s`);
