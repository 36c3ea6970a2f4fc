/**
 * `npm run bench:search [-- --count 10000 --seed 1 --skip-build]`: search on a generated corpus.
 * Builds it with the real build command (which writes the index), indexes it once more on
 * its own for the indexing time, sizes the bundle, then counts in Chromium the bytes a
 * reader's browser fetches: on a page before searching, for a cold first one-word query,
 * and for later queries. Prints a table and writes bench/search-results.json.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { writeSearchIndex } from "../src/search/search-index.ts";
import { readEnv } from "../src/shared/env.ts";
import { resolveBuildOptions } from "../src/site/build-options.ts";
import { loadSiteForBuild } from "../src/site/content/load-site.ts";
import { launchBrowser } from "../test/support/browser.ts";
import { serveDirectory } from "../test/support/static-server.ts";
import { corpusDir, writeCorpus } from "./generate.ts";
import { measureBuild } from "./measure-build.ts";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    "skip-build": { type: "boolean", default: false },
    /** A site npm run bench has just built (with --corpus, its content folder): measure it instead of building again. */
    site: { type: "string" },
    corpus: { type: "string" },
    /** Skip timing the index again on its own (long at 100,000 articles). */
    "skip-reindex": { type: "boolean", default: false },
  },
});
const count = Number(values.count);
const work = path.join(tmpdir(), "broadsheet-search-bench");
const contentDir = values.corpus ? path.resolve(values.corpus) : corpusDir(work, count, values.seed);
const outputDir = values.site ? path.resolve(values.site) : path.join(work, `site-${count}`);
const progress = (message: string) => process.stderr.write(`[bench:search] ${message}\n`);

if (!values.site && !existsSync(path.join(contentDir, "site.json"))) {
  progress(`generating ${count} articles (bench/corpus.ts)…`);
  await writeCorpus(contentDir, count, Number(values.seed));
}
// --skip-build reuses the last built site (only the indexing is timed again).
const build =
  (values["skip-build"] || values.site) && existsSync(path.join(outputDir, "index.html"))
    ? undefined
    : await (async () => {
        progress("building with npm run build's command (site + index)…");
        return measureBuild(contentDir, outputDir);
      })();
progress("indexing again on its own, every shard, two at a time…");
const reindex = values["skip-reindex"]
  ? { pages: 0, languages: [] as string[], indexed: [] as string[], ms: 0 }
  : await (async () => {
      const { site, data } = await loadSiteForBuild(resolveBuildOptions(readEnv({ CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir })));
      // Without the shards, so that none is kept.
      await rm(path.join(outputDir, "pagefind"), { recursive: true, force: true });
      return writeSearchIndex(outputDir, data.articles, site.language, { concurrency: 2 });
    })();

async function sizeBundle(dir: string) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const byKind: Record<string, { files: number; bytes: number }> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    // Summed over the shards (pagefind/<shard>/...): a file's kind is its name, or its folder's.
    const parts = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep);
    const inShard = parts.length > 1 ? parts.slice(1) : parts;
    const kind = inShard.length === 1 ? inShard[0]!.replace(/_[0-9a-f]+/, "") : inShard[0]!;
    const bytes = (await stat(path.join(entry.parentPath, entry.name))).size;
    byKind[kind] ??= { files: 0, bytes: 0 };
    byKind[kind]!.files++;
    byKind[kind]!.bytes += bytes;
  }
  const total = Object.values(byKind).reduce((sum, k) => ({ files: sum.files + k.files, bytes: sum.bytes + k.bytes }), {
    files: 0,
    bytes: 0,
  });
  return { total, byKind };
}
const bundle = await sizeBundle(path.join(outputDir, "pagefind"));

/**
 * One fetched file: bytes as our static server sent them, and as a CDN would send them
 * (gzip for JS and JSON; Pagefind's index, fragments and WebAssembly are gzipped already).
 */
interface Fetched {
  path: string;
  bytes: number;
  wireBytes: number;
}

function watch(page: Page): Fetched[] {
  const fetched: Fetched[] = [];
  page.on("requestfinished", async (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith("/pagefind/") && !pathname.startsWith("/assets/search.")) return;
    const body = (await request.response())?.body ? await (await request.response())!.body() : Buffer.alloc(0);
    const compressible = /\.(js|json)$/.test(pathname);
    fetched.push({ path: pathname, bytes: body.length, wireBytes: compressible ? gzipSync(body, { level: 6 }).length : body.length });
  });
  return fetched;
}

/**
 * Words to search, by how many articles use them (counted in the first 1,000 articles'
 * markdown): ordinary words are in 0.5–2 % of articles; "market" is in nearly all of them.
 */
async function pickWords(): Promise<{ cold: string; later: string[]; elsewhere: string[]; threeWords: string; common: string }> {
  const dir = path.join(contentDir, "articles");
  const files = (await readdir(dir)).sort().slice(0, 1000);
  const documents = new Map<string, number>();
  const bodies: string[] = [];
  for (const file of files) {
    const body = (await readFile(path.join(dir, file), "utf8")).split("\n---\n")[1] ?? "";
    bodies.push(body);
    for (const word of new Set(body.toLowerCase().match(/\b[a-z]{6,}\b/g) ?? [])) documents.set(word, (documents.get(word) ?? 0) + 1);
  }
  const ordinary = [...documents]
    .filter(([, n]) => n >= files.length * 0.005 && n <= files.length * 0.02)
    .map(([word]) => word)
    .sort();
  if (ordinary.length < 4) throw new Error("corpus too small to pick words from");
  // Three ordinary words one article has in common, so the query finds something.
  const ordinarySet = new Set(ordinary);
  const threeWords = files
    .map((_, i) => [...new Set(bodies[i]!.toLowerCase().match(/\b[a-z]{6,}\b/g) ?? [])].filter((word) => ordinarySet.has(word)).slice(0, 3))
    .find((words) => words.length === 3);
  if (!threeWords) throw new Error("no article has three ordinary words");
  // The first later words follow the cold one alphabetically, so they are mostly in chunks it
  // loaded; the words "elsewhere" are spread over the alphabet, so each fetches its own.
  const spread = [1, 2, 3].map((quarter) => ordinary[Math.floor((quarter * ordinary.length) / 4)]!);
  return {
    cold: ordinary[0]!,
    later: [ordinary[1]!, ordinary[2]!, ordinary[3]!],
    elsewhere: spread,
    threeWords: threeWords.join(" "),
    common: "market",
  };
}

async function runQuery(page: Page, fetched: Fetched[], word: string) {
  const before = fetched.length;
  const started = performance.now();
  await page.locator("#search-query").fill(word);
  await page.locator("#search-query").press("Enter");
  await page.waitForFunction((w) => document.querySelector("[data-search-status]")?.textContent?.includes(`“${w}”`), word);
  const ms = Math.round(performance.now() - started);
  await page.waitForTimeout(300);
  const files = fetched.slice(before);
  const results = await page.locator("[data-search-status]").textContent();
  return {
    word,
    results,
    ms,
    requests: files.length,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    wireBytes: files.reduce((s, f) => s + f.wireBytes, 0),
    files,
  };
}

const server = await serveDirectory(outputDir);
const browser = await launchBrowser();
const page = await browser.newPage();
const fetched = watch(page);
await page.goto(`${server.url}/articles/story-000100/`, { waitUntil: "load" });
await page.locator("#site-search-query").focus();
await page.waitForTimeout(300);
const beforeSearch = fetched.length;
const words = await pickWords();
await page.goto(`${server.url}/search/`, { waitUntil: "load" });
await page.waitForTimeout(300);
const onSearchPageBeforeUse = fetched.length;
const cold = await runQuery(page, fetched, words.cold);
const later = [];
for (const word of words.later) later.push(await runQuery(page, fetched, word));
const elsewhere = [];
for (const word of words.elsewhere) elsewhere.push(await runQuery(page, fetched, word));
const threeWords = await runQuery(page, fetched, words.threeWords);
const common = await runQuery(page, fetched, words.common);
// Opening the filters fetches their data once (tag, category and year counts).
const beforeFilters = fetched.length;
await page.getByRole("button", { name: "Filter by category, year and tag" }).click();
const filtersStarted = performance.now();
await page.locator("#search-filter-category").waitFor({ timeout: 180_000 });
progress(`filters shown after ${Math.round(performance.now() - filtersStarted)} ms`);
await page.waitForTimeout(300);
const filterFiles = fetched.slice(beforeFilters);
const openFilters = { requests: filterFiles.length, wireBytes: filterFiles.reduce((sum, f) => sum + f.wireBytes, 0), files: filterFiles };
await browser.close();
await server.close();

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`\nSearch on ${count.toLocaleString("en")} generated articles (${path.relative(process.cwd(), contentDir) || contentDir})\n`);
console.log(`| measure | value |\n|---|---:|`);
if (build) console.log(`| full build incl. index (wall) | ${(build.wallMs / 1000).toFixed(1)} s |`);
console.log(`| indexing alone (${reindex.pages} pages, ${reindex.languages.join(", ")}) | ${(reindex.ms / 1000).toFixed(1)} s |`);
console.log(`| index size on disk | ${kb(bundle.total.bytes)} in ${bundle.total.files} files |`);
for (const [kind, size] of Object.entries(bundle.byKind).sort()) console.log(`| · ${kind} | ${kb(size.bytes)} in ${size.files} files |`);
console.log(`| fetched on an article page, search box focused | ${beforeSearch} requests |`);
console.log(
  `| fetched on /search/ before the reader uses it | ${onSearchPageBeforeUse - beforeSearch} requests (search.js excluded: ${fetched
    .slice(beforeSearch, onSearchPageBeforeUse)
    .map((f) => `${f.path} ${kb(f.wireBytes)}`)
    .join(", ")}) |`,
);
for (const q of [cold, ...later, ...elsewhere, threeWords, common]) {
  const label =
    q === cold
      ? "cold first query"
      : q === common
        ? "later query, very common word"
        : q === threeWords
          ? "later query, three words"
          : elsewhere.includes(q)
            ? "later query, a word in other chunks"
            : "later query, a word near the first";
  console.log(
    `| ${label} "${q.word}" (${q.results}) | ${kb(q.wireBytes)} as a CDN sends it (${kb(q.bytes)} raw), ${q.requests} requests, ${q.ms} ms |`,
  );
}
function met(queries: { wireBytes: number }[], kilobytes: number) {
  return queries.every((q) => q.wireBytes <= kilobytes * 1024) ? "met" : "NOT met";
}
console.log(`| opening the filters (once) | ${kb(openFilters.wireBytes)}, ${openFilters.requests} requests |`);
console.log("\nCold query files:");
for (const f of cold.files) console.log(`  ${f.path}  ${kb(f.wireBytes)}${f.wireBytes !== f.bytes ? ` (raw ${kb(f.bytes)})` : ""}`);
console.log(
  `\nTargets: first query ≤ 200 KB: ${met([cold], 200)}; later one-word queries ≤ 40 KB: near the first word ${met(later, 40)}, in other chunks ${met(elsewhere, 40)}, and the very common word ${met([common], 40)}; nothing before use: ${beforeSearch === 0 && onSearchPageBeforeUse - beforeSearch <= 1 ? "met" : "NOT met"}`,
);
await writeFile(
  path.join(import.meta.dirname, "search-results.json"),
  `${JSON.stringify({ articles: count, build, reindex, bundle, beforeSearch, cold, later, elsewhere, threeWords, common, openFilters }, null, 2)}\n`,
);
