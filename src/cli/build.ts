/** `npm run build`: the site into OUTPUT_DIR (default _site/). */
import Eleventy from "@11ty/eleventy";
import { PROJECT_ROOT } from "../site/build-options.ts";
import path from "node:path";

const started = performance.now();
const eleventy = new Eleventy(undefined, undefined, {
  configPath: path.join(PROJECT_ROOT, "eleventy.config.ts"),
  quietMode: true,
});
try {
  await eleventy.write();
} catch (error) {
  // Eleventy wraps our errors; the author needs only the innermost message (file and field).
  let cause: unknown = error;
  while (cause instanceof Error && cause.cause instanceof Error) cause = cause.cause;
  console.error(`Build failed:\n${cause instanceof Error ? cause.message : String(cause)}`);
  process.exit(1);
}
console.log(`Built the site in ${((performance.now() - started) / 1000).toFixed(1)} s`);
