/**
 * `npm run build`: the site into OUTPUT_DIR (default _site/), search index included.
 * Rendering runs in a child process (render-site.ts) that exits before Pagefind starts, so
 * the build's peak memory is the larger of the two, not their sum: Eleventy's process
 * still held about a gigabyte at 10,000 articles while Pagefind ran (README, Performance).
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readEnv } from "../shared/env.ts";
import { currentBuildOptions } from "../site/build-options.ts";
import { endsWithUs, stopChildrenOnSignal } from "../site/child-processes.ts";
import { createPhaseTimer, writeTimings } from "../site/build-timings.ts";
import { KilledError, processExit } from "../site/process-exit.ts";
import { indexSearchDocuments } from "../site/search-index.ts";
import { siteHoldingExecArgv } from "./heap-limit.ts";
import type { RenderedSite } from "./render-site.ts";

async function renderSite(): Promise<RenderedSite> {
  const script = fileURLToPath(new URL("./render-site.ts", import.meta.url));
  const child = endsWithUs(fork(script, { stdio: "inherit", execArgv: siteHoldingExecArgv() }));
  let rendered: RenderedSite | undefined;
  child.on("message", (message) => (rendered = message as RenderedSite));
  const { code, signal } = await processExit(child);
  if (signal) throw new KilledError("rendering", signal);
  // The child has already said what went wrong (the article, field and expectation).
  if (code !== 0 || !rendered) process.exit(code || 1);
  return rendered;
}

stopChildrenOnSignal();
const timer = createPhaseTimer();
const options = currentBuildOptions();
let rendered: RenderedSite;
try {
  rendered = await renderSite();
} catch (error) {
  console.error(`Build failed: ${(error as Error).message}`);
  process.exit(1);
}
try {
  // A build without its search index is not a finished build.
  await timer.time("index", () => indexSearchDocuments(rendered.searchDocuments, options.outputDir));
} catch (error) {
  console.error(`Build failed: the search index: ${(error as Error).message}`);
  process.exit(1);
}
const own = timer.finish();
const timings = {
  phases: { ...rendered.phases, index: (rendered.phases.index ?? 0) + (own.phases.index ?? 0) },
  totalMs: own.totalMs,
  maxRssBytes: Math.max(own.maxRssBytes, rendered.maxRssBytes),
};
const timingsFile = readEnv().BROADSHEET_TIMINGS_FILE;
if (timingsFile) await writeTimings(timingsFile, timings);
console.log(`Built the site in ${(timings.totalMs / 1000).toFixed(1)} s`);
