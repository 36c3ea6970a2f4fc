/**
 * `npm run bench -- --anchors` runs this after building (or alone: `tsx bench/search-quality.ts
 * --site <built site> --corpus <content folder>`): search quality of the sharded index against
 * one Pagefind index of every article, in Chromium, for 50 queries of one to three words.
 * Same result sets, same filter counts, top-10 overlap of best match, newest first strictly
 * by date. Also against the same index in one chunk: Pagefind extends a query word to the
 * longer words its stem begins only among the chunks it loads, so one index in Pagefind's
 * chunks misses the pages of words past a chunk's end, which the shards now load. Writes
 * bench/search-quality-results.json.
 */
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { indexUnsharded, makeShardedDocuments, writeShardDocuments } from "../src/search/search-index.ts";
import { readEnv } from "../src/shared/env.ts";
import { resolveBuildOptions } from "../src/site/build-options.ts";
import { loadSiteForBuild } from "../src/site/content/load-site.ts";
import { launchBrowser } from "../test/support/browser.ts";
import { serveDirectory } from "../test/support/static-server.ts";
import type { QueryComparison } from "./search-quality-page.ts";

const { values } = parseArgs({ options: { site: { type: "string" }, corpus: { type: "string" } } });
if (!values.site || !values.corpus) throw new Error("Give --site <built site> and --corpus <its content folder>");
const siteDir = path.resolve(values.site);
const contentDir = path.resolve(values.corpus);
const progress = (message: string) => process.stderr.write(`[bench:quality] ${message}\n`);

/** 20 one-word queries, 15 of two words and 15 of three that one article has in common: ordinary words (in 0.5–2 % of articles). */
async function pickQueries(): Promise<string[]> {
  const dir = path.join(contentDir, "articles");
  const files = (await readdir(dir)).sort().slice(0, 2000);
  const documents = new Map<string, number>();
  const words: string[][] = [];
  for (const file of files) {
    const body = (await readFile(path.join(dir, file), "utf8")).split("\n---\n")[1] ?? "";
    const unique = [...new Set(body.toLowerCase().match(/\b[a-z]{6,}\b/g) ?? [])];
    words.push(unique);
    for (const word of unique) documents.set(word, (documents.get(word) ?? 0) + 1);
  }
  const ordinary = [...documents]
    .filter(([, n]) => n >= files.length * 0.005 && n <= files.length * 0.02)
    .map(([word]) => word)
    .sort();
  const ordinarySet = new Set(ordinary);
  const every = (list: string[], n: number) => Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]!);
  const combos = (size: number) =>
    words
      .map((list) => list.filter((word) => ordinarySet.has(word)).slice(0, size))
      .filter((list) => list.length === size)
      .map((list) => list.join(" "));
  return [...every(ordinary, 20), ...every(combos(2), 15), ...every(combos(3), 15)];
}

progress("one Pagefind index of every article, to compare with, as Pagefind chunks it and in one chunk…");
const { site, data } = await loadSiteForBuild(resolveBuildOptions(readEnv({ CONTENT_DIR: contentDir, OUTPUT_DIR: siteDir })));
const made = await makeShardedDocuments(data.articles, site.language);
const all = await writeShardDocuments(siteDir, { name: "single", key: "", documents: made.shards.flatMap((shard) => shard.documents) });
const singleDir = path.join(siteDir, "pagefind-single");
const wholeDir = path.join(siteDir, "pagefind-whole");
await Promise.all([singleDir, wholeDir].map((dir) => rm(dir, { recursive: true, force: true })));
await indexUnsharded(all.dir, singleDir);
// One chunk, which a search loads whole: every word its query words begin is at hand.
await indexUnsharded(all.dir, wholeDir, Number.MAX_SAFE_INTEGER);
await rm(all.dir, { recursive: true, force: true });
const bundled = await build({
  entryPoints: [path.join(import.meta.dirname, "search-quality-page.ts")],
  bundle: true,
  format: "esm",
  write: false,
  target: "es2022",
});
const scriptFile = path.join(siteDir, "bench-quality.js");
await writeFile(scriptFile, bundled.outputFiles[0]!.contents);

const queries = await pickQueries();
progress(`${queries.length} queries in Chromium…`);
const server = await serveDirectory(siteDir);
const browser = await launchBrowser();
let comparisons: QueryComparison[];
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/`, { waitUntil: "load" });
  await page.addScriptTag({ url: "/bench-quality.js", type: "module" });
  await page.waitForFunction(() => "compareQueries" in window);
  comparisons = await page.evaluate(
    (list) => (window as unknown as { compareQueries(q: string[]): Promise<QueryComparison[]> }).compareQueries(list),
    queries,
  );
} finally {
  await browser.close();
  await server.close();
  await Promise.all([singleDir, wholeDir, scriptFile].map((file) => rm(file, { recursive: true, force: true })));
}

const summary = {
  queries: comparisons.length,
  sameResults: comparisons.filter((c) => c.sameResults).length,
  sameFilterCounts: comparisons.filter((c) => c.sameFilterCounts).length,
  meanTop10Overlap: comparisons.reduce((sum, c) => sum + c.top10Overlap, 0) / comparisons.length,
  minTop10Overlap: Math.min(...comparisons.map((c) => c.top10Overlap)),
  newestInDateOrder: comparisons.filter((c) => c.newestInDateOrder).length,
  newestSameAsSingle: comparisons.filter((c) => c.newestSameAsSingle).length,
  sameResultsAsWhole: comparisons.filter((c) => c.whole.sameResults).length,
  sameFilterCountsAsWhole: comparisons.filter((c) => c.whole.sameFilterCounts).length,
};
console.log(`\nSearch quality, sharded against one index (${comparisons.length} queries of one to three words):\n`);
console.log("| measure | value |\n|---|---:|");
console.log(`| same result set | ${summary.sameResults} of ${summary.queries} |`);
console.log(`| same filter counts | ${summary.sameFilterCounts} of ${summary.queries} |`);
console.log(
  `| top-10 overlap, mean (lowest) | ${(summary.meanTop10Overlap * 100).toFixed(1)} % (${(summary.minTop10Overlap * 100).toFixed(0)} %) |`,
);
console.log(`| newest first strictly by date | ${summary.newestInDateOrder} of ${summary.queries} |`);
console.log(`| newest first, same list as one index | ${summary.newestSameAsSingle} of ${summary.queries} |`);
console.log(`| same result set as one index in one chunk | ${summary.sameResultsAsWhole} of ${summary.queries} |`);
console.log(`| same filter counts as one index in one chunk | ${summary.sameFilterCountsAsWhole} of ${summary.queries} |`);
for (const c of comparisons.filter(
  (c) => !c.sameResults || !c.sameFilterCounts || !c.newestInDateOrder || !c.whole.sameResults || !c.whole.sameFilterCounts,
))
  console.log(`  differs: ${JSON.stringify(c)}`);
await writeFile(path.join(import.meta.dirname, "search-quality-results.json"), `${JSON.stringify({ summary, comparisons }, null, 2)}\n`);
