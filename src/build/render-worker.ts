/**
 * The render half of `npm run build`, run by src/build/build.ts in a process of its own:
 * reads and validates the content, makes the articles a search shard at a time and hands
 * each shard's documents to its parent to index while it makes the next, makes the rest of the
 * site, then renders it with Eleventy when its parent says so, and exits, handing its memory back.
 */
import { setPriority } from "node:os";
import path from "node:path";
import { broadsheet } from "../../eleventy.config.ts";
import { keepShard, makeShards, planShards, SEARCH_DIR, type WrittenShard, writeShardDocuments } from "../search/search-index.ts";
import { readEnv } from "../shared/env.ts";
import type { ShardManifest } from "../shared/shard-manifest.ts";
import { PROJECT_ROOT, resolveBuildOptions } from "../site/build-options.ts";
import { assembleSite, type LoadedSite, type ReadSite, readSiteForBuild } from "../site/content/load-site.ts";
import { countPages, splitSelection } from "../site/model/select-changed-pages.ts";
import { keepImageFolder, keepUnchangedPages, projectFingerprint, renderFingerprint } from "./kept-pages.ts";
import { type KeptRenders, openKeptRenders } from "./kept-renders.ts";
import { type SetAside, setAsideOutputDir } from "./output-dir.ts";
import { createPhaseTimer } from "./timings.ts";

/**
 * What this process tells its parent, in this order: the shards it will make, each shard whose
 * documents changed once they are written, that every shard is made, and that the site is rendered.
 */
export type RenderMessage =
  /** The pages of every shard, in the order they will be made, before any is: the parent plans its Pagefind runs by them. */
  | { kind: "shards"; pagesPerShard: number[]; articles: number }
  /** A shard whose documents changed, written for Pagefind. */
  | { kind: "shard"; shard: WrittenShard }
  /** Every shard is made: those not sent were kept from the previous build, made from the same documents. */
  | { kind: "documents"; manifest: ShardManifest }
  | { kind: "rendered"; phases: Record<string, number>; maxRssBytes: number };

/** What the parent answers the first message with; awaited only before rendering. */
export interface RenderOrder {
  kind: "render";
  /** Pagefind is indexing meanwhile: render at the lowest priority, in the CPU time it leaves. */
  alongsideIndex: boolean;
}

/** V8's collector, which the build exposes to this process (--expose-gc, src/build/build.ts); absent when run otherwise. */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

function send(message: RenderMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

const timer = createPhaseTimer();
const env = readEnv();
const options = resolveBuildOptions(env);
const project = await projectFingerprint(PROJECT_ROOT, options.includesDir);
const order = new Promise<RenderOrder>((resolve) => process.once("message", (message) => resolve(message as RenderOrder)));

/**
 * Reads and validates the site, sets the previous build aside, makes the articles a search
 * shard at a time (each changed shard handed to the parent as soon as it is written, to index
 * on the other core while this one makes the rest), then the rest of the site. A function of
 * its own so that what was read for it (every article's markdown and parsed front matter, and
 * the replies) is let go before the render rather than held through it.
 */
async function loadSite(): Promise<{ loaded: LoadedSite; renders: KeptRenders; previousBuild: SetAside }> {
  let read: ReadSite;
  let renders: KeptRenders;
  let previousBuild: SetAside;
  try {
    // Validate the content first: a bad article is the author's to fix, so they get the
    // file, field and expectation, not a stack trace (and the last good output stays).
    [read, renders] = await timer.time("load", async () => {
      const kept = await openKeptRenders(options.outputDir, project);
      return [await readSiteForBuild(options, { renders: kept }), kept] as const;
    });
    previousBuild = await setAsideOutputDir(options.outputDir, [PROJECT_ROOT, options.contentDir]);
  } catch (error) {
    console.error(`Build failed: ${(error as Error).message}`);
    process.exit(1);
  }
  const { media } = read;
  console.log(
    `Photographs: ${media.images.size}, ${media.encoded} of ${media.files.length} files encoded (the rest from the cache) in ${(media.ms / 1000).toFixed(1)} s`,
  );
  const planned = planShards(
    read.articles.visible.map((source) => ({ date: source.published.toISO()!, make: () => read.articles.article(source) })),
    read.site.language,
    read.pages.filter((page) => !page.draft),
  );
  await send({
    kind: "shards",
    pagesPerShard: planned.map((shard) => shard.documents.length),
    articles: read.articles.visible.length,
  });
  const manifest = await timer.time("documents", () =>
    makeShards(planned, async (shard) => {
      if (await keepShard(path.join(previousBuild.previous, SEARCH_DIR), path.join(options.outputDir, SEARCH_DIR), shard)) return;
      await send({ kind: "shard", shard: await writeShardDocuments(options.outputDir, shard) });
    }),
  );
  await send({ kind: "documents", manifest });
  return { loaded: await timer.time("load", () => assembleSite(read)), renders, previousBuild };
}

const { loaded, renders, previousBuild } = await loadSite();
const { media } = loaded;
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
const parts = splitSelection(kept.selection, options.renderPagesPerRun);
if (parts.length > 1)
  console.log(`Rendering ${countPages(kept.selection)} pages in ${parts.length} parts of at most ${options.renderPagesPerRun}.`);
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
      // Collected now, not when V8 gets to it: rendering at the lowest priority beside
      // Pagefind, its collector (at the same priority) fell behind, and a 100,000-article
      // build's render process grew part after part, from 3.7 to 8.4 GB, before a collection
      // took it back to 4 GB. A full collection between parts costs about a second.
      if (index < parts.length - 1) collectGarbage?.();
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
