/**
 * The search index: Pagefind reads one search document per article (src/search/search-document.ts)
 * and writes /pagefind/ into the built site, in the same command as the build.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { endsWithUs } from "../build/child-processes.ts";
import { KilledError, processExit } from "../build/process-exit.ts";
import type { Article } from "../site/model/types.ts";
import { searchDocumentPath, toSearchDocument } from "./search-document.ts";

export const SEARCH_DIR = "pagefind";

/** Pagefind's other front ends; we ship our own (src/client/search.ts), so these are removed. */
const UNUSED_BUNDLE_FILES = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

export interface SearchIndexResult {
  pages: number;
  /** Languages with an index of their own, e.g. ["en", "zh"]. */
  languages: string[];
  ms: number;
}

const DOCUMENTS_PREFIX = ".search-documents-";
const STAGING_PREFIX = `.${SEARCH_DIR}-next-`;

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

/** Documents made or written between yields to the event loop: a few milliseconds of work. */
const DOCUMENTS_PER_TURN = 20;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The search documents, made but not yet written: each one's path in the folder and its text. */
export interface MadeSearchDocuments {
  files: [relativePath: string, text: string][];
  /**
   * SHA-256 of every document, path and text, and of how they are indexed: documents with the
   * same key make the same index, so a build can keep the last one (reuseSearchIndex).
   */
  key: string;
}

/** Search documents written for Pagefind (writeSearchDocumentsFolder). */
export interface SearchDocuments {
  dir: string;
  key: string;
}

/** In the bundle, beside pagefind.js: the key of the documents the index was made from. */
const INDEX_KEY_FILE = "broadsheet-documents.sha256";

const PAGEFIND_ARGS = ["--glob", "articles/**/index.html", "--quiet"];

/** The folder of Pagefind's npm wrapper (lib/), as Node resolves it. */
const pagefindLib = () => path.dirname(fileURLToPath(import.meta.resolve("pagefind")));

let recipe: Promise<string> | undefined;

/** Pagefind's version and what we ask of it: change either and the same documents make another index. */
function indexRecipe(): Promise<string> {
  recipe ??= readFile(path.join(pagefindLib(), "..", "package.json"), "utf8").then((text) =>
    JSON.stringify({
      pagefind: (JSON.parse(text) as { version: string }).version,
      args: PAGEFIND_ARGS,
      removed: UNUSED_BUNDLE_FILES.source,
    }),
  );
  return recipe;
}

/**
 * Makes each article's search document (articles/<key>/index.html) and their key, writing
 * nothing: a build whose key matches the last index's keeps it, and need not write them.
 * In batches: under the dev server this runs while Eleventy finishes its rebuild.
 */
export async function makeSearchDocuments(articles: readonly Article[], siteLanguage: string): Promise<MadeSearchDocuments> {
  const hash = createHash("sha256").update(await indexRecipe());
  const files: MadeSearchDocuments["files"] = [];
  for (const [index, article] of articles.entries()) {
    if (index > 0 && index % DOCUMENTS_PER_TURN === 0) await nextTurn();
    const relative = searchDocumentPath(article);
    const text = toSearchDocument(article, siteLanguage);
    hash.update(`${relative}\0${text}\0`);
    files.push([relative, text]);
  }
  return { files, key: hash.digest("hex") };
}

/** Pagefind's binary for this platform (the extended one, which segments Chinese and Japanese), found as its npm wrapper finds it. */
async function pagefindBinary(): Promise<string> {
  const { resolveBinaryPath } = (await import(pathToFileURL(path.join(pagefindLib(), "resolveBinary.js")).href)) as {
    resolveBinaryPath(names: string[]): string;
  };
  return resolveBinaryPath(["pagefind_extended", "pagefind"]);
}

/** Runs Pagefind's command line; its output is kept for the error if it fails. */
async function runPagefind(args: string[]): Promise<void> {
  const child = endsWithUs(spawn(await pagefindBinary(), args, { stdio: ["ignore", "pipe", "pipe"] }));
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const { code, signal } = await processExit(child);
  // Killed, most often by the system for memory: Pagefind holds the whole index in memory.
  if (signal) throw new KilledError("Pagefind", signal);
  if (code !== 0) throw new Error(`Pagefind exited with ${code}: ${output.trim().split("\n").slice(-5).join(" ")}`);
}

/**
 * Writes the search documents into a fresh hidden folder in outputDir, to be indexed by
 * indexSearchDocuments (and removed by it). Only the loaded articles are needed, not the
 * rendered pages, so the build can write these and let go of its memory before Pagefind starts.
 * In the output folder rather than the system's temporary one: on the same file system as the
 * site, which its owner chose. On this machine /tmp is a disk and 10,000 documents took 7–9 s
 * to write there, against 0.3–0.5 s beside the site on tmpfs.
 */
export async function writeSearchDocumentsFolder(outputDir: string, { files, key }: MadeSearchDocuments): Promise<SearchDocuments> {
  await mkdir(outputDir, { recursive: true });
  const dir = await mkdtemp(path.join(outputDir, DOCUMENTS_PREFIX));
  // One after the other, synchronously. Pagefind numbers pages in the order it walks the
  // folders, which on some file systems is the order they were made, so every build numbers
  // alike; and 10,000 concurrent writes would fill Node's I/O threads for seconds, holding up
  // the dev server's other file work. But in batches: under the dev server, 10,000 writes in
  // one go held up the reload by 3.5 s.
  for (const [index, [relative, text]] of files.entries()) {
    if (index > 0 && index % DOCUMENTS_PER_TURN === 0) await nextTurn();
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return { dir, key };
}

/**
 * Moves the previous build's index (in previousSite, the folder it was set aside in) into
 * outputDir when it was made from documents with this key, and says whether it did. Pagefind
 * would make the same index again, in 30 s and 3.5 GB at 10,000 articles; a build after a
 * reply, a template change or no change at all changes no document.
 */
export async function reuseSearchIndex(previousSite: string, outputDir: string, key: string): Promise<boolean> {
  const previous = path.join(previousSite, SEARCH_DIR);
  const previousKey = await readFile(path.join(previous, INDEX_KEY_FILE), "utf8").catch(() => undefined);
  if (previousKey !== key) return false;
  await rename(previous, path.join(outputDir, SEARCH_DIR));
  return true;
}

/**
 * Indexes a folder of search documents into outputDir/pagefind/, then removes the folder.
 * The bundle is written beside the old one and swapped in, so a dev server always serves a
 * whole index. Each run writes into a folder of its own: a Pagefind from a dev server that
 * was killed may still be writing into its folder.
 */
export async function indexSearchDocuments({ dir: documents, key }: SearchDocuments, outputDir: string): Promise<SearchIndexResult> {
  const started = performance.now();
  const target = path.join(outputDir, SEARCH_DIR);
  let staging: string | undefined;
  try {
    if (!existsSync(path.join(documents, "articles"))) {
      // A new site, or one whose articles are all drafts: nothing to find, and Pagefind refuses
      // an empty index. The search page then says search is not available, and the build passes.
      await rm(target, { recursive: true, force: true });
      return { pages: 0, languages: [], ms: Math.round(performance.now() - started) };
    }
    staging = await mkdtemp(path.join(outputDir, STAGING_PREFIX));
    // The command line rather than Pagefind's Node API: the same work, 5 s sooner at 10,000
    // articles (README, Performance). Pagefind reads the files itself, in parallel and in a stable
    // order; the documents hold only the article, which halves its parsing.
    await runPagefind(["--site", documents, "--output-path", staging, ...PAGEFIND_ARGS]);
    // Gone before the new index appears, so whoever sees it sees a finished run.
    await rm(documents, { recursive: true, force: true });
    for (const name of await readdir(staging)) {
      if (UNUSED_BUNDLE_FILES.test(name)) await rm(path.join(staging, name));
    }
    await writeFile(path.join(staging, INDEX_KEY_FILE), key);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    const entry = JSON.parse(await readFile(path.join(target, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    const languages = Object.keys(entry.languages).sort();
    const pages = languages.reduce((sum, language) => sum + entry.languages[language]!.page_count, 0);
    return { pages, languages, ms: Math.round(performance.now() - started) };
  } finally {
    // After a failed run, its half-written index too.
    for (const dir of [documents, staging]) if (dir) await rm(dir, { recursive: true, force: true });
  }
}

/** Indexes the articles into outputDir/pagefind/, in this process (the dev server's way). */
export async function writeSearchIndex(outputDir: string, articles: readonly Article[], siteLanguage: string): Promise<SearchIndexResult> {
  const started = performance.now();
  const documents = await writeSearchDocumentsFolder(outputDir, await makeSearchDocuments(articles, siteLanguage));
  const result = await indexSearchDocuments(documents, outputDir);
  return { ...result, ms: Math.round(performance.now() - started) };
}
