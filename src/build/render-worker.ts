/**
 * The render half of `npm run build`, run by src/build/build.ts in a process of its own:
 * loads and validates the content, writes the search documents, then renders the site with
 * Eleventy when its parent says so, and exits, handing its memory back.
 */
import { setPriority } from "node:os";
import path from "node:path";
import { broadsheet } from "../../eleventy.config.ts";
import { keepShards, makeShardedDocuments, SEARCH_DIR, type WrittenShard, writeShardDocuments } from "../search/search-index.ts";
import { readEnv } from "../shared/env.ts";
import type { ShardManifest } from "../shared/shard-manifest.ts";
import { PROJECT_ROOT, resolveBuildOptions } from "../site/build-options.ts";
import { type LoadedSite, loadSiteForBuild } from "../site/content/load-site.ts";
import { countPages, splitSelection } from "../site/model/select-changed-pages.ts";
import { keepImageFolder, keepUnchangedPages, projectFingerprint, renderFingerprint } from "./kept-pages.ts";
import { type KeptRenders, openKeptRenders } from "./kept-renders.ts";
import { type SetAside, setAsideOutputDir } from "./output-dir.ts";
import { createPhaseTimer } from "./timings.ts";

/** What this process tells its parent: first that the search documents are written, then that the site is. */
export type RenderMessage =
  /**
   * The shards whose documents changed, written for Pagefind; the other shards of the index
   * (the manifest) were kept from the previous build, made from the same documents.
   */
  | { kind: "documents"; toIndex: WrittenShard[]; manifest: ShardManifest; articles: number }
  | { kind: "rendered"; phases: Record<string, number>; maxRssBytes: number };

/** What the parent answers the first message with. */
export interface RenderOrder {
  kind: "render";
  /** Pagefind is indexing meanwhile: render at the lowest priority, in the CPU time it leaves. */
  alongsideIndex: boolean;
}

/**
 * Pages rendered by one Eleventy run. Eleventy keeps about 65 KB a page until the run ends
 * (10,000 articles, 17,300 pages: the render process from 0.6 to 1.24 GB during the render);
 * each run costs about a second of its own.
 */
const PAGES_PER_RUN = 25_000;

function send(message: RenderMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

const timer = createPhaseTimer();
const env = readEnv();
const options = resolveBuildOptions(env);
const pagesPerRun = env.BROADSHEET_PAGES_PER_RUN ?? PAGES_PER_RUN;
const project = await projectFingerprint(PROJECT_ROOT, options.includesDir);
let loaded: LoadedSite;
let renders: KeptRenders;
let previousBuild: SetAside;
try {
  // Validate the content first: a bad article is the author's to fix, so they get the
  // file, field and expectation, not a stack trace (and the last good output stays).
  [loaded, renders] = await timer.time("load", async () => {
    const kept = await openKeptRenders(options.outputDir, project);
    return [await loadSiteForBuild(options, { renders: kept }), kept] as const;
  });
  previousBuild = await setAsideOutputDir(options.outputDir, [PROJECT_ROOT, options.contentDir]);
} catch (error) {
  console.error(`Build failed: ${(error as Error).message}`);
  process.exit(1);
}
const { media } = loaded;
console.log(
  `Photographs: ${media.images.size}, ${media.encoded} of ${media.files.length} files encoded (the rest from the cache) in ${(media.ms / 1000).toFixed(1)} s`,
);
const order = new Promise<RenderOrder>((resolve) => process.once("message", (message) => resolve(message as RenderOrder)));
const { toIndex, manifest } = await timer.time("documents", async () => {
  const made = await makeShardedDocuments(
    loaded.data.articles,
    loaded.site.language,
    loaded.pages.filter((page) => !page.draft),
  );
  const changed = await keepShards(path.join(previousBuild.previous, SEARCH_DIR), path.join(options.outputDir, SEARCH_DIR), made.shards);
  const written: WrittenShard[] = [];
  for (const shard of changed) written.push(await writeShardDocuments(options.outputDir, shard));
  return { toIndex: written, manifest: made.manifest };
});
await send({ kind: "documents", toIndex, manifest, articles: loaded.data.articles.length });
const { alongsideIndex } = await order;
if (alongsideIndex) setPriority(19);
// After the documents, so Pagefind need not wait: Eleventy's modules take 0.65 s to load.
const eleventyModule = import("@11ty/eleventy");
// Before the previous build's files are deleted (a second at 10,000 articles): its pages
// that would come out the same are moved into this build instead of rendered.
const kept = await timer.time("keep", async () => {
  await keepImageFolder(previousBuild.previous, options.outputDir);
  return keepUnchangedPages(previousBuild.previous, options, loaded, renderFingerprint(project, options, loaded));
});
// The rest of the previous build is deleted while Eleventy renders: nothing reads it any more.
const removal = previousBuild.remove().then(
  () => undefined,
  (error: Error) => error,
);
const { default: Eleventy } = await eleventyModule;
if (kept.kept > 0) console.log(`Pages: ${kept.kept} unchanged since the last build, taken from it rather than rendered again.`);
// Eleventy holds every page it renders until its run ends: at 100,000 articles one run took
// the render process to 9.2 GB. A large site is rendered in parts, each run's pages let go
// before the next; the first part writes the other pages too.
const parts = splitSelection(kept.selection, pagesPerRun);
if (parts.length > 1) console.log(`Rendering ${countPages(kept.selection)} pages in ${parts.length} parts of at most ${pagesPerRun}.`);
try {
  await timer.time("render", async () => {
    for (const [index, selection] of parts.entries()) {
      // No config file: the configuration is eleventy.config.ts's, given the site loaded above,
      // the pages to render, and told that the parent process makes the search index.
      const eleventy = new Eleventy(options.contentDir, options.outputDir, {
        configPath: false,
        quietMode: true,
        config: broadsheet({ options, indexing: "by-build-command", preloaded: loaded, selection, selectedOnly: index > 0 }),
      });
      await eleventy.write();
    }
  });
} catch {
  // Eleventy has already reported the template error in full.
  process.exit(1);
}
const notRemoved = await removal;
if (notRemoved) {
  console.error(`Build failed: the previous build's files could not be removed from ${previousBuild.previous}: ${notRemoved.message}`);
  process.exit(1);
}
await Promise.all([kept.save(), renders.save()]);
const { phases, maxRssBytes } = timer.finish();
// Part of "load": the photographs are made while the site loads.
phases.images = media.ms;
await send({ kind: "rendered", phases, maxRssBytes });
process.disconnect();
