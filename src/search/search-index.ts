/**
 * The search index in shards (shards.ts), on disk: outputDir/pagefind/<shard>.<key>/ is one
 * Pagefind bundle per shard (shardFolder), with the key of the documents it was made from, and
 * outputDir/pagefind/shards.json lists them for the search page. A shard whose key is
 * unchanged is kept; the others are indexed, each by its own Pagefind run, two at once when
 * memory allows.
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { arch } from "node:os";
import path from "node:path";
import { endsWithUs } from "../shared/child-processes.ts";
import { KilledError, processExit } from "../shared/process-exit.ts";
import { SHARD_MANIFEST_FILE, type ShardManifest } from "../shared/shard-manifest.ts";
import { formatRfc3339 } from "../site/model/dates.ts";
import type { Article } from "../site/model/types.ts";
import { COMPACT_FORMAT, compactBundle, type DatesByLanguage } from "./compact-index.ts";
import { createRegzip, type Regzip } from "./gzip-smallest.ts";
import { type PageForSearch, searchDocumentPath, toPageSearchDocument, toSearchDocument } from "./search-document.ts";
import {
  chunkSizeFor,
  compareShards,
  groupIntoShards,
  type KeyedShard,
  LOCATIONS_PER_PAGE,
  PAGEFIND_CHUNK_SIZE,
  PAGES_SHARD,
  type ShardDocument,
  shardFolder,
  shardKey,
  sortKeysByLanguage,
  toManifest,
  toManifestEntry,
} from "./shards.ts";

export type { KeyedShard };

export const SEARCH_DIR = "pagefind";

/** Pagefind's other front ends; we ship our own (src/client/search.ts), so these are removed. */
const UNUSED_BUNDLE_FILES = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

const DOCUMENTS_PREFIX = ".search-documents-";
const STAGING_PREFIX = `.${SEARCH_DIR}-next-`;

/** In each shard's bundle, beside pagefind.js: the key of the documents it was made from. */
const SHARD_KEY_FILE = "broadsheet-documents.sha256";

const PAGEFIND_ARGS = ["--glob", "**/index.html", "--quiet"];

export interface SearchIndexResult {
  /** Pages in the whole index, kept shards included. */
  pages: number;
  /** Languages with an index of their own in some shard, e.g. ["en", "zh"]. */
  languages: string[];
  /** The shards indexed by this run; the others were kept. */
  indexed: string[];
  ms: number;
}

/** Every shard's documents and key, and the manifest the search page will read. */
export interface ShardedDocuments {
  shards: KeyedShard[];
  manifest: ShardManifest;
}

/** A shard's documents written for Pagefind (writeShardDocuments). */
export interface WrittenShard {
  name: string;
  key: string;
  pages: number;
  dir: string;
  /** The documents' sort keys by language, by which the bundle's pages are named (compact-index.ts). */
  dates: DatesByLanguage;
}

/** Documents made or written between yields to the event loop: a few milliseconds of work. */
const DOCUMENTS_PER_TURN = 20;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Pagefind's binaries come in a package per platform, a dependency of its npm wrapper
 * (@pagefind/linux-x64, …). It declares no exports, so its files are its interface; the
 * wrapper's own lib/ files are not (its package.json exports only its JS API). Resolved from
 * the wrapper's folder, where npm puts its dependencies, as the wrapper resolves it.
 */
const PLATFORM_PACKAGE = `@pagefind/${process.platform === "win32" ? "windows" : process.platform}-${arch()}`;
const requireFromPagefind = () => createRequire(import.meta.resolve("pagefind"));

let recipe: Promise<string> | undefined;

/** Pagefind's version and what we ask of it: change either and the same documents make another index. */
function indexRecipe(): Promise<string> {
  recipe ??= readFile(requireFromPagefind().resolve(`${PLATFORM_PACKAGE}/package.json`), "utf8").then((text) =>
    JSON.stringify({
      pagefind: (JSON.parse(text) as { version: string }).version,
      args: PAGEFIND_ARGS,
      chunks: LOCATIONS_PER_PAGE,
      removed: UNUSED_BUNDLE_FILES.source,
      compact: COMPACT_FORMAT,
    }),
  );
  return recipe;
}

/**
 * An article to index, possibly not made yet: its date places it in a shard, and `make` gives
 * the article (its body rendered) when that shard's documents are made.
 */
export interface ArticleToIndex {
  /** As Article.date: ISO 8601 with the offset it was written with. */
  date: string;
  make(): Article;
}

/** A shard planned from its documents' dates alone: each document is made when the shard is (makeShards). */
export interface PlannedShard {
  name: string;
  documents: (() => ShardDocument)[];
}

/**
 * Plans the shards of the articles (newest first) and static pages, in the order a build makes
 * them and hands each to Pagefind: the newest shard first, as it is the one a new article
 * changes, so its run starts while the others are made (and most often kept); then the largest
 * first, so that the runs left for the end, when two run at once, are the short ones. Makes
 * nothing: the articles' bodies need not be rendered yet.
 */
export function planShards(
  articles: readonly ArticleToIndex[],
  siteLanguage: string,
  pages: readonly PageForSearch[] = [],
): PlannedShard[] {
  const language = siteLanguage.toLowerCase();
  const entries = [
    // Static pages have no date: no sort key puts them in the pages shard, last in "newest first".
    ...pages.map((page) => ({
      sortKey: undefined,
      make: (): ShardDocument => ({
        path: searchDocumentPath(page),
        text: toPageSearchDocument(page, siteLanguage),
        sortKey: undefined,
        language,
      }),
    })),
    ...articles.map((entry) => {
      const sortKey = formatRfc3339(entry.date);
      return {
        sortKey,
        make: (): ShardDocument => {
          const article = entry.make();
          return {
            path: searchDocumentPath(article),
            text: toSearchDocument(article, siteLanguage),
            sortKey,
            language: (article.language ?? siteLanguage).toLowerCase(),
          };
        },
      };
    }),
  ];
  const shards = groupIntoShards(entries).map((shard) => ({ name: shard.name, documents: shard.documents.map((entry) => entry.make) }));
  const newest = shards.find((shard) => shard.name !== PAGES_SHARD);
  const rest = shards
    .filter((shard) => shard !== newest)
    .sort((a, b) => b.documents.length - a.documents.length || compareShards(a.name, b.name));
  return newest ? [newest, ...rest] : rest;
}

/**
 * Makes the planned shards' documents and keys, one shard after another in the plan's order:
 * `onShard` has each before the next is made, so the build indexes one while it still renders
 * the articles of the others. In batches: under the dev server this runs while Eleventy
 * finishes its rebuild. Returns the manifest the search page will read.
 */
export async function makeShards(planned: readonly PlannedShard[], onShard: (shard: KeyedShard) => Promise<void>): Promise<ShardManifest> {
  const keyRecipe = await indexRecipe();
  const entries: ShardManifest["shards"] = [];
  for (const { name, documents: toMake } of planned) {
    const documents: ShardDocument[] = [];
    for (const [index, make] of toMake.entries()) {
      if (index > 0 && index % DOCUMENTS_PER_TURN === 0) await nextTurn();
      documents.push(make());
    }
    const shard = { name, documents, key: shardKey(keyRecipe, { name, documents }) };
    entries.push(toManifestEntry(shard));
    await onShard(shard);
  }
  return toManifest(entries);
}

/** Every shard's documents and key at once, for articles already made (the dev server's way, and the bench's). */
export async function makeShardedDocuments(
  articles: readonly Article[],
  siteLanguage: string,
  pages: readonly PageForSearch[] = [],
): Promise<ShardedDocuments> {
  const shards: KeyedShard[] = [];
  const toIndex = articles.map((article) => ({ date: article.date, make: () => article }));
  const manifest = await makeShards(planShards(toIndex, siteLanguage, pages), async (shard) => {
    shards.push(shard);
  });
  return { shards: shards.sort((a, b) => compareShards(a.name, b.name)), manifest };
}

const readShardKey = (shardDir: string) => readFile(path.join(shardDir, SHARD_KEY_FILE), "utf8").catch(() => undefined);

/**
 * Keeps the shard from fromDir (the last build's pagefind/ folder) if its key matches, moving
 * it into intoDir (this build's); false when it must be indexed. The dev server passes the
 * same folder twice: a matching shard then stays where it is.
 */
export async function keepShard(fromDir: string, intoDir: string, shard: KeyedShard): Promise<boolean> {
  const folder = shardFolder(shard);
  const previous = path.join(fromDir, folder);
  if ((await readShardKey(previous)) !== shard.key) return false;
  if (path.resolve(fromDir) !== path.resolve(intoDir)) {
    await mkdir(intoDir, { recursive: true });
    await rename(previous, path.join(intoDir, folder));
  }
  return true;
}

/** keepShard for each shard: returns those that must be indexed. */
export async function keepShards(fromDir: string, intoDir: string, shards: readonly KeyedShard[]): Promise<KeyedShard[]> {
  const toIndex: KeyedShard[] = [];
  for (const shard of shards) if (!(await keepShard(fromDir, intoDir, shard))) toIndex.push(shard);
  return toIndex;
}

/**
 * Writes a shard's search documents into a fresh hidden folder in outputDir, to be indexed by
 * indexShards (and removed by it). In the output folder rather than the system's temporary
 * one: on the same file system as the site, which its owner chose (on this machine /tmp is a
 * disk, and 10,000 documents took 7–9 s to write there, against 0.3–0.5 s on tmpfs).
 */
export async function writeShardDocuments(outputDir: string, shard: KeyedShard): Promise<WrittenShard> {
  await mkdir(outputDir, { recursive: true });
  const dir = await mkdtemp(path.join(outputDir, `${DOCUMENTS_PREFIX}${shard.name}-`));
  // One after the other, synchronously: Pagefind numbers pages in the order it walks the
  // folders, which on some file systems is the order they were made, so every build numbers
  // alike; but in batches, so a dev server's other file work is not held up for seconds.
  for (const [index, document] of shard.documents.entries()) {
    if (index > 0 && index % DOCUMENTS_PER_TURN === 0) await nextTurn();
    const file = path.join(dir, document.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, document.text);
  }
  return { name: shard.name, key: shard.key, pages: shard.documents.length, dir, dates: sortKeysByLanguage(shard) };
}

/**
 * Removes the search documents and half-written indexes that a dev server killed mid-index
 * left in outputDir; for the dev server's start (`npm run build` empties the folder). A
 * Pagefind still writing into one can make its removal fail: that folder is left for next time.
 */
export async function removeSearchLeftovers(outputDir: string): Promise<string[]> {
  const names = await readdir(outputDir).catch(() => [] as string[]);
  const leftovers = names.filter((name) => name.startsWith(DOCUMENTS_PREFIX) || name.startsWith(STAGING_PREFIX));
  const removed: string[] = [];
  for (const name of leftovers) {
    try {
      await rm(path.join(outputDir, name), { recursive: true, force: true, maxRetries: 2 });
      removed.push(name);
    } catch {
      // Still being written; harmless where it is, as the next index goes into a folder of its own.
    }
  }
  return removed;
}

/** Pagefind's binary for this platform (the extended one, which segments Chinese and Japanese); the bench runs it on Hugo's output too. */
export async function pagefindBinary(): Promise<string> {
  const require = requireFromPagefind();
  const suffix = process.platform === "win32" ? ".exe" : "";
  for (const name of ["pagefind_extended", "pagefind"]) {
    try {
      return require.resolve(`${PLATFORM_PACKAGE}/bin/${name}${suffix}`);
    } catch {
      // Not in this platform's package: try the next name.
    }
  }
  throw new Error(
    `Pagefind has no binary for this platform: ${PLATFORM_PACKAGE} is not installed (npm ci installs it on a supported platform)`,
  );
}

/** Runs Pagefind's command line on one shard; its output is kept for the error if it fails. */
async function runPagefind(args: string[], chunkSize: number): Promise<void> {
  const env = { ...process.env, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE: String(chunkSize) };
  const child = endsWithUs(spawn(await pagefindBinary(), args, { stdio: ["ignore", "pipe", "pipe"], env }));
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const { code, signal } = await processExit(child);
  // Killed, most often by the system for memory: Pagefind holds the whole shard in memory.
  if (signal) throw new KilledError("Pagefind", signal);
  if (code !== 0) throw new Error(`Pagefind exited with ${code}: ${output.trim().split("\n").slice(-5).join(" ")}`);
}

/**
 * Indexes one shard's documents into its folder in outputDir/pagefind/, then removes them. The
 * bundle is written in a staging folder and moved in whole, beside the shard's last version
 * (another folder, removed once the manifest names the new one), so a dev server always serves
 * whole shards; each run stages in a folder of its own, as a Pagefind from a dev server that
 * was killed may still be writing into its folder.
 */
async function indexShard(outputDir: string, shard: WrittenShard, regzip: Regzip): Promise<void> {
  let staging: string | undefined;
  try {
    staging = await mkdtemp(path.join(outputDir, STAGING_PREFIX));
    await runPagefind(["--site", shard.dir, "--output-path", staging, ...PAGEFIND_ARGS], chunkSizeFor(shard.pages));
    await rm(shard.dir, { recursive: true, force: true });
    for (const name of await readdir(staging)) {
      if (UNUSED_BUNDLE_FILES.test(name)) await rm(path.join(staging, name));
    }
    await compactBundle(staging, shard.dates, regzip);
    await writeFile(path.join(staging, SHARD_KEY_FILE), shard.key);
    const target = path.join(outputDir, SEARCH_DIR, shardFolder(shard));
    await mkdir(path.dirname(target), { recursive: true });
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
  } finally {
    // After a failed run, its documents and half-written index too.
    for (const dir of [shard.dir, staging]) if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** How many Pagefind runs at once: `lanes`, or fewer until `widenAfter` settles (while the site renders on the other core). */
export interface IndexLanes {
  lanes: number;
  /** Runs at once until widenAfter settles; `lanes` after. */
  atFirst?: number;
  widenAfter?: Promise<unknown>;
}

/**
 * Runs tasks in lanes, in the items' order, opening the extra lanes when widenAfter settles;
 * rejects with the first failure once the started ones end. The items may still be arriving
 * (an async iterable): a free lane waits for the next.
 */
export async function runInLanes<T>(
  items: Iterable<T> | AsyncIterable<T>,
  { lanes, atFirst = lanes, widenAfter }: IndexLanes,
  task: (item: T) => Promise<void>,
) {
  // One iterator for every lane: an async generator answers concurrent next() calls in turn.
  const queue = (async function* () {
    yield* items;
  })();
  let failure: unknown;
  const lane = async () => {
    while (failure === undefined) {
      const next = await queue.next();
      if (next.done) return;
      try {
        await task(next.value);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  const first = Math.max(1, Math.min(atFirst, lanes));
  const running = Array.from({ length: first }, lane);
  if (lanes > first && widenAfter) {
    // Settled either way: a failed render fails the build, and its lanes are of no use then.
    running.push(
      widenAfter.then(
        () => Promise.all(Array.from({ length: lanes - first }, lane)),
        () => undefined,
      ) as Promise<void>,
    );
  }
  await Promise.all(running);
  if (failure !== undefined) throw failure;
}

/**
 * Indexes the written shards (in lanes of Pagefind runs): all at once, largest first, or as
 * the build's render process writes them (in the order it plans, planShards). Then writes the
 * manifest, once it is known, and removes shard folders no longer in it (an article moved to
 * another year, or a dev server's index from before shards). Kept shards must already be in
 * place (keepShard).
 */
export async function indexShards(
  outputDir: string,
  written: readonly WrittenShard[] | AsyncIterable<WrittenShard>,
  manifest: ShardManifest | Promise<ShardManifest>,
  lanes: IndexLanes,
): Promise<SearchIndexResult> {
  const started = performance.now();
  const searchDir = path.join(outputDir, SEARCH_DIR);
  const regzip = createRegzip();
  // A stream comes in the order the render process plans (planShards); a list, largest first.
  const streamed = Symbol.asyncIterator in written;
  const shards = streamed ? written : [...written].sort((a, b) => b.pages - a.pages);
  const seen: WrittenShard[] = [];
  try {
    await runInLanes(shards, lanes, (shard) => {
      seen.push(shard);
      return indexShard(outputDir, shard, regzip);
    });
  } finally {
    // Any shard a failure left unindexed: its documents go too (of a stream, those it had sent).
    for (const shard of streamed ? seen : written) await rm(shard.dir, { recursive: true, force: true });
  }
  const final = await manifest;
  const inManifest = final.shards;
  if (inManifest.length === 0) {
    // A new site, or one whose articles are all drafts: nothing to find, and Pagefind refuses
    // an empty index. The search page then says search is not available, and the build passes.
    await rm(searchDir, { recursive: true, force: true });
    return { pages: 0, languages: [], indexed: [], ms: Math.round(performance.now() - started) };
  }
  await mkdir(searchDir, { recursive: true });
  await writeFile(path.join(searchDir, SHARD_MANIFEST_FILE), `${JSON.stringify(final)}\n`);
  const wanted = new Set([SHARD_MANIFEST_FILE, ...inManifest.map((shard) => shard.folder)]);
  for (const name of await readdir(searchDir)) {
    if (!wanted.has(name)) await rm(path.join(searchDir, name), { recursive: true, force: true });
  }
  const languages = [...new Set(inManifest.flatMap((shard) => Object.keys(shard.languages)))].sort();
  const pages = inManifest.reduce((sum, shard) => sum + Object.values(shard.languages).reduce((a, b) => a + b, 0), 0);
  return { pages, languages, indexed: seen.map((shard) => shard.name).sort(), ms: Math.round(performance.now() - started) };
}

/**
 * Brings outputDir/pagefind/ up to date with the articles, in this process (the dev server's
 * way, and the bench's): the shards whose documents changed are indexed, the others stay.
 * `beforeIndexing` sees the pages of each run first, and may refuse them by throwing.
 */
export async function writeSearchIndex(
  outputDir: string,
  articles: readonly Article[],
  siteLanguage: string,
  {
    concurrency = 1,
    beforeIndexing,
    pages = [],
  }: { concurrency?: number; beforeIndexing?: (pagesPerRun: number[]) => void; pages?: readonly PageForSearch[] } = {},
): Promise<SearchIndexResult> {
  const started = performance.now();
  const made = await makeShardedDocuments(articles, siteLanguage, pages);
  const searchDir = path.join(outputDir, SEARCH_DIR);
  const changed = await keepShards(searchDir, searchDir, made.shards);
  beforeIndexing?.(changed.map((shard) => shard.documents.length));
  const written: WrittenShard[] = [];
  for (const shard of changed) written.push(await writeShardDocuments(outputDir, shard));
  const result = await indexShards(outputDir, written, made.manifest, { lanes: concurrency });
  return { ...result, ms: Math.round(performance.now() - started) };
}

/**
 * One Pagefind index of a folder of documents, as the build made before shards, with
 * Pagefind's own chunk size (or another: the largest makes one chunk, which a search loads
 * whole): for the bench, which compares the shards' results with it.
 */
export async function indexUnsharded(documentsDir: string, outDir: string, chunkSize = PAGEFIND_CHUNK_SIZE): Promise<void> {
  await runPagefind(["--site", documentsDir, "--output-path", outDir, ...PAGEFIND_ARGS], chunkSize);
}
