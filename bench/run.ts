/**
 * `npm run bench [-- --sizes 1000,10000 --out bench/large --anchors]`: generates synthetic corpora and measures the real
 * commands on them. Prints a table and writes bench/results.json and bench/build-time.svg.
 * With --anchors, the same corpora are also built by Hugo and indexed by Pagefind in the same
 * run (bench/hugo-anchor.ts), shown beside ours as ratios, and the search of the largest is
 * compared with one index of every article (bench/search-quality.ts).
 */

import { existsSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { privateOutputDir } from "../src/shared/article-manifest.ts";
import { MEMO_FILE } from "../src/site/media/processed-memo.ts";
import { renderBuildChart } from "./chart.ts";
import { corpusDir, PHOTOS_EVERY, writeCorpus } from "./generate.ts";
import { type AnchorMeasurement, measureHugoAnchor, writeHugoSite } from "./hugo-anchor.ts";
import { type BuildMeasurement, measureBuild } from "./measure-build.ts";
import { type DevRebuild, measureDevRebuild } from "./measure-dev-rebuild.ts";
import { measureArticlePage, type PageWeight } from "./measure-page.ts";
import { type CacheRoundTrip, throughNetlifyCache } from "./netlify-cache.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,4000,10000" },
    seed: { type: "string", default: "1" },
    /** One article in this many has a lead photograph; 0 for none (a 100,000-article corpus would have 10,000 to encode). */
    "photos-every": { type: "string", default: String(PHOTOS_EVERY) },
    "skip-dev": { type: "boolean", default: false },
    "skip-search": { type: "boolean", default: false },
    "skip-replies": { type: "boolean", default: false },
    /** Also build each corpus with Hugo and index it with Pagefind: the peer, side by side. */
    anchors: { type: "boolean", default: false },
    /** Where corpora and built sites go: memory-backed by default, as the baseline figures were taken. */
    work: { type: "string", default: existsSync("/dev/shm") ? "/dev/shm/broadsheet-bench" : path.join(tmpdir(), "broadsheet-bench") },
    /** Where results.json and build-time.svg go, so a run at other sizes keeps the default run's. */
    out: { type: "string", default: import.meta.dirname },
  },
});
const photosEvery = Number(values["photos-every"]);
if (!Number.isInteger(photosEvery) || photosEvery < 0) throw new Error(`--photos-every takes a whole number, 0 for no photographs`);
const sizes = values.sizes.split(",").map((size) => Number(size.trim()));
if (sizes.some((size) => !Number.isInteger(size) || size < 1)) throw new Error(`--sizes takes whole numbers, e.g. 1000,10000`);

interface SizeResult {
  articles: number;
  /** The first build of a fresh checkout: every photograph encoded, every shard indexed. */
  firstBuild: BuildMeasurement;
  /**
   * A full build, every page rendered and every shard indexed, with the photographs already
   * in their cache (as on Netlify from the second deploy): the work Hugo + Pagefind also do,
   * so the build the peer ratio, the new-article ratio and the cost per article are taken on.
   */
  build: BuildMeasurement;
  unchangedRebuild: BuildMeasurement;
  /** One new article (dated after all others) added to the built site: its year's shard is indexed again. */
  newArticleRebuild: BuildMeasurement;
  /**
   * The same new article on Netlify: a fresh checkout with only what the build plugin kept in
   * Netlify's cache after the last deploy, moved back before the build (restoreMs, counted in).
   */
  netlifyNewArticle: { cache: CacheRoundTrip; build: BuildMeasurement };
  anchor: AnchorMeasurement | null;
  /** Photographs in the corpus, and image files encoded by the first build and by the rebuild (new files in the cache). */
  images: { photographs: number; encodedFirst: number; encodedRebuild: number };
  devRebuildAfterEditMs: number | null;
  devRebuildAfterReplyMs: number | null;
  articlePage: PageWeight;
}

const work = path.resolve(values.work);
const progress = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const afterProgress = <T>(message: string, run: () => Promise<T>): Promise<T> => {
  progress(message);
  return run();
};
const results: SizeResult[] = [];

for (const articles of sizes) {
  const contentDir = corpusDir(work, articles, values.seed, photosEvery);
  if (!existsSync(path.join(contentDir, "site.json"))) {
    progress(`generating ${articles} articles…`);
    await writeCorpus(contentDir, articles, Number(values.seed), photosEvery);
  }
  const outputDir = path.join(work, `site-${articles}`);
  // A full build starts from nothing: no output, and nothing kept beside it (rendered pages and markdown).
  const fromNothing = () => Promise.all([outputDir, privateOutputDir(outputDir)].map((dir) => rm(dir, { recursive: true, force: true })));
  await fromNothing();
  // A cache of its own, emptied first: the first build encodes every photograph, as a fresh checkout does.
  // Where a checkout keeps it (.cache/images), so that the Netlify build plugin finds it there.
  const checkout = path.join(work, `checkout-${articles}`);
  const imageCache = path.join(checkout, ".cache", "images");
  await rm(imageCache, { recursive: true, force: true });
  const cacheEnv = { BROADSHEET_IMAGE_CACHE: imageCache };
  const cached = async () => (existsSync(imageCache) ? (await readdir(imageCache)).filter((name) => name !== MEMO_FILE).length : 0);
  progress(`${articles}: first build, photographs encoded…`);
  const firstBuild = await measureBuild(contentDir, outputDir, cacheEnv);
  const encodedFirst = await cached();
  progress(`${articles}: built in ${firstBuild.wallMs} ms; full build again, photographs from their cache…`);
  await fromNothing();
  const build = await measureBuild(contentDir, outputDir, cacheEnv);
  progress(`${articles}: built in ${build.wallMs} ms; a build with nothing changed…`);
  const unchangedRebuild = await measureBuild(contentDir, outputDir, cacheEnv);
  const encodedRebuild = (await cached()) - encodedFirst;
  const photographs = existsSync(path.join(contentDir, "media"))
    ? (await readdir(path.join(contentDir, "media"), { recursive: true })).filter((name) => name.endsWith(".jpg")).length
    : 0;
  progress(`${articles}: unchanged rebuild in ${unchangedRebuild.wallMs} ms; one new article…`);
  const newArticle = path.join(contentDir, "articles", "2025-12-31-bench-new-article.md");
  const withNewArticle = async () => {
    await writeFile(
      newArticle,
      '---\ntitle: "A new article"\ndate: 2025-12-31T18:00:00Z\ntags: ["bench"]\n---\n\nThe newest article, added to a built site.\n',
    );
    return measureBuild(contentDir, outputDir, cacheEnv).finally(() => rm(newArticle));
  };
  const newArticleRebuild = await withNewArticle();
  const articlePage = await measureArticlePage(outputDir);
  progress(`${articles}: new article in ${newArticleRebuild.wallMs} ms; the same on Netlify, from its build cache…`);
  // Back to the site without it, then one deploy's round trip through Netlify's cache.
  await measureBuild(contentDir, outputDir, cacheEnv);
  const netlifyCacheDir = path.join(work, `netlify-cache-${articles}`);
  await rm(netlifyCacheDir, { recursive: true, force: true });
  const cache = await throughNetlifyCache(checkout, outputDir, netlifyCacheDir);
  const netlifyNewArticle = { cache, build: await withNewArticle() };
  let anchor: AnchorMeasurement | null = null;
  if (values.anchors) {
    progress(`${articles}: the same corpus with Hugo, then Pagefind…`);
    const hugoDir = path.join(work, `hugo-${articles}`);
    await writeHugoSite(contentDir, hugoDir);
    anchor = await measureHugoAnchor(hugoDir);
    await rm(hugoDir, { recursive: true, force: true });
  }
  let dev: DevRebuild | undefined;
  if (!values["skip-dev"]) {
    progress(`${articles}: dev server, rebuild after editing one article and after one reply…`);
    dev = await measureDevRebuild(contentDir, path.join(work, `dev-${articles}`), 18_000 + (articles % 1000), cacheEnv);
  }
  results.push({
    articles,
    firstBuild,
    build,
    unchangedRebuild,
    newArticleRebuild,
    netlifyNewArticle,
    anchor,
    images: { photographs, encodedFirst, encodedRebuild },
    devRebuildAfterEditMs: dev?.afterEditMs ?? null,
    devRebuildAfterReplyMs: dev?.afterReplyMs ?? null,
    articlePage,
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const s = (ms: number | null) => (ms === null ? "–" : `${(ms / 1000).toFixed(1)} s`);
/** Netlify's new-article build: the plugin's restore, then the build. */
const netlifyMs = (r: SizeResult) => r.netlifyNewArticle.cache.restoreMs + r.netlifyNewArticle.build.wallMs;
console.log(
  "\n| articles | first build | its images | full build | load | render | index | peak memory | files | output | unchanged rebuild | its images | new article | on Netlify | dev rebuild after edit | after reply | article HTML gz | CSS gz | JS gz |",
);
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  const p = r.build.phasesMs;
  console.log(
    `| ${r.articles.toLocaleString("en")} | ${s(r.firstBuild.wallMs)} | ${s(r.firstBuild.phasesMs.images ?? null)} (${r.images.photographs} photos, ${r.images.encodedFirst} files encoded) | ${s(r.build.wallMs)} | ${s(p.load === undefined ? null : p.load + (p.documents ?? 0))} | ${s(p.render ?? null)} | ${s(p.index ?? null)} | ${mb(r.build.peakMemoryBytes)} | ${r.build.outputFiles} | ${mb(r.build.outputBytes)} | ${s(r.unchangedRebuild.wallMs)} | ${s(r.unchangedRebuild.phasesMs.images ?? null)}, ${r.images.encodedRebuild} encoded | ${s(r.newArticleRebuild.wallMs)} (${(r.newArticleRebuild.wallMs / r.build.wallMs).toFixed(2)}×) | ${s(netlifyMs(r))} (${(netlifyMs(r) / r.build.wallMs).toFixed(2)}×) | ${s(r.devRebuildAfterEditMs)} | ${s(r.devRebuildAfterReplyMs)} | ${kb(r.articlePage.htmlGzipBytes)} | ${kb(r.articlePage.cssGzipBytes)} | ${kb(r.articlePage.jsGzipBytes)} |`,
  );
}
const anchored = results.filter((r) => r.anchor);
if (anchored.length) {
  console.log(`\nAgainst the peer, same corpus, same run: Hugo ${anchored[0]!.anchor!.hugoVersion}, then Pagefind on its output\n`);
  console.log("| articles | our build | Hugo | Pagefind | Hugo + Pagefind | ratio (ours / peer) | our peak | peer peak | ratio |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of anchored) {
    const a = r.anchor!;
    console.log(
      `| ${r.articles.toLocaleString("en")} | ${s(r.build.wallMs)} | ${s(a.hugoMs)} | ${s(a.pagefindMs)} | ${s(a.wallMs)} | ${(r.build.wallMs / a.wallMs).toFixed(2)}× | ${mb(r.build.peakMemoryBytes)} | ${mb(a.peakMemoryBytes)} | ${(r.build.peakMemoryBytes / a.peakMemoryBytes).toFixed(2)}× |`,
    );
  }
}
const bySize = new Map(results.map((r) => [r.articles, r.build.wallMs]));
if (bySize.has(1000) && bySize.has(4000) && bySize.has(10000)) {
  const early = (bySize.get(4000)! - bySize.get(1000)!) / 3000;
  const late = (bySize.get(10000)! - bySize.get(4000)!) / 6000;
  console.log(
    `\nCost per article: ${early.toFixed(2)} ms (1k→4k), ${late.toFixed(2)} ms (4k→10k): ratio ${(late / early).toFixed(2)} (budget ≤ 1.2)`,
  );
}

/** Runs one of the other benches as it is run alone, and reads back the JSON it writes. */
async function runBench(script: string, args: string[], resultFile: string): Promise<unknown> {
  const { spawn } = await import("node:child_process");
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, script), ...args], { stdio: "inherit" });
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`bench/${script} failed (exit ${code})`);
  return JSON.parse(await (await import("node:fs/promises")).readFile(path.join(import.meta.dirname, resultFile), "utf8"));
}

const largest = results.at(-1)!;
const search = values["skip-search"]
  ? undefined
  : await afterProgress(`search payload in Chromium on the ${largest.articles}-article site…`, () =>
      runBench(
        "search.ts",
        [
          "--count",
          String(largest.articles),
          "--seed",
          values.seed,
          "--site",
          path.join(work, `site-${largest.articles}`),
          "--corpus",
          corpusDir(work, largest.articles, values.seed, photosEvery),
        ],
        "search-results.json",
      ),
    );
const quality = values.anchors
  ? await afterProgress(`search quality against one index, on the ${largest.articles}-article site…`, () =>
      runBench(
        "search-quality.ts",
        ["--site", path.join(work, `site-${largest.articles}`), "--corpus", corpusDir(work, largest.articles, values.seed, photosEvery)],
        "search-quality-results.json",
      ),
    )
  : undefined;
const replies = values["skip-replies"]
  ? undefined
  : await afterProgress("reply pipeline latency and git-store throughput…", () => runBench("replies.ts", [], "replies-results.json"));

const out = path.resolve(values.out);
await mkdir(out, { recursive: true });
await writeFile(
  path.join(out, "results.json"),
  `${JSON.stringify({ machine: { cores: (await import("node:os")).cpus().length, node: process.version }, sizes: results, search, quality, replies }, null, 2)}\n`,
);
await writeFile(
  path.join(out, "build-time.svg"),
  renderBuildChart(results.map((r) => ({ articles: r.articles, wallMs: r.build.wallMs, peerMs: r.anchor?.wallMs }))),
);
console.log(`\nWrote ${path.relative(process.cwd(), path.join(out, "results.json"))} and build-time.svg beside it`);
