/**
 * The search index after a build, where the build command does not make it itself: under the
 * dev server after each rebuild, without holding up the reload (rebuilds that land while it
 * runs get one more pass), and after a bare `npx @11ty/eleventy`. `npm run build` indexes as
 * a phase of its own (src/build/build.ts) and tells this plugin so.
 */
import { freemem } from "node:os";
import { indexMemoryShortfall } from "../../search/memory-estimates.ts";
import { type SearchIndexResult, writeSearchIndex } from "../../search/search-index.ts";
import { KilledError } from "../../shared/process-exit.ts";
import type { BuildOptions } from "../build-options.ts";
import type { EleventyConfig } from "./eleventy-types.ts";
import type { SiteHolder } from "./site-holder.ts";

/** A pass not run: the index stays as it was, and later rebuilds try again. */
export class IndexSkipped extends Error {}

const BUILD_HINT = "`npm run build` indexes after letting go of the site's memory.";

export function createIndexQueue(write: () => Promise<SearchIndexResult>, report: (message: string) => void) {
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      try {
        const result = await write();
        const indexed = result.indexed.length ? `indexed ${result.indexed.join(", ")}` : "every shard kept";
        report(`Search index: ${result.pages} pages (${result.languages.join(", ")}); ${indexed} in ${(result.ms / 1000).toFixed(1)} s`);
      } catch (error) {
        if (error instanceof IndexSkipped) {
          report(`Search index not updated: ${error.message}. ${BUILD_HINT}`);
          continue;
        }
        report(`Search index failed: ${(error as Error).message}`);
        // Killed, most likely for memory: Pagefind would be killed again after every edit,
        // each time after taking the machine's memory from the author's other programs.
        if (error instanceof KilledError) {
          stopped = true;
          report(`The dev server will not index again until it restarts. ${BUILD_HINT}`);
        }
      }
    } while (again && !stopped);
    running = undefined;
  };
  return {
    /** Starts a pass, or asks the running one for another; resolves when the index is current. */
    schedule(): Promise<void> {
      if (stopped) return Promise.resolve();
      if (running) again = true;
      else running = run();
      return running;
    },
  };
}

/**
 * Who makes the search index after a build: this plugin ("after-build": a bare
 * `npx @11ty/eleventy`, and the dev server, which queues a pass after each rebuild), or the
 * build command, which indexes as a phase of its own alongside rendering (src/build/build.ts).
 */
export type Indexing = "after-build" | "by-build-command";

export interface SearchPluginOptions {
  options: BuildOptions;
  site: SiteHolder;
  indexing: Indexing;
}

export function searchPlugin(eleventyConfig: EleventyConfig, { options, site, indexing }: SearchPluginOptions): void {
  // One Pagefind run at a time: the author's other programs keep a core. After an edit, only
  // the edited article's shard is indexed again.
  const write = (beforeIndexing?: (pagesPerRun: number[]) => void) => {
    const { site: metadata, data, pages } = site.current();
    return writeSearchIndex(options.outputDir, data.articles, metadata.language, {
      beforeIndexing,
      pages: pages.filter((page) => !page.draft),
    });
  };
  // Under the dev server only: a build that runs out of memory says so and fails, while a dev
  // server without a fresh index still serves everything else.
  const writeUnlessShort = () =>
    write((pagesPerRun) => {
      const shortfall = indexMemoryShortfall(Math.max(0, ...pagesPerRun), freemem());
      if (shortfall) throw new IndexSkipped(shortfall);
    });
  const queue = createIndexQueue(writeUnlessShort, (message) => console.log(`[broadsheet] ${message}`));
  eleventyConfig.on("eleventy.after", async (event) => {
    if (indexing === "by-build-command") return;
    const runMode = (event as { runMode?: string } | undefined)?.runMode;
    if (runMode === "serve" || runMode === "watch") {
      void queue.schedule();
      return;
    }
    await write();
  });
}
