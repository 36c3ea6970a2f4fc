import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestPathFor } from "../../src/shared/article-manifest.ts";
import { replyPath, serializeReplyRecord } from "../../src/shared/reply-record.ts";
import { placeOfPage } from "../../src/shared/search-page-names.ts";
import { article, type BuildResult, buildInto, buildSite, FIXTURE_SITE, listFiles, readPage, writeContent } from "../support/build-site.ts";
import { buildFixtureSite, type FixtureBuild } from "../support/fixture-site.ts";
import {
  type IndexedPage,
  readIndexedPages,
  readIndexLanguages,
  readShardManifest,
  readShardMetas,
  shardFolderOf,
} from "../support/search-bundle.ts";

let fixture: FixtureBuild;
let build: BuildResult;
let indexed: IndexedPage[];

beforeAll(async () => {
  fixture = await buildFixtureSite();
  ({ build } = fixture);
  indexed = await readIndexedPages(build.outputDir);
});
afterAll(() => fixture?.remove());

const page = async (url: string) => load(await readPage(build.outputDir, url));
const indexedPage = (url: string) => {
  const found = indexed.find((entry) => entry.url === url);
  if (!found) throw new Error(`${url} is not in the index`);
  return found;
};

describe("the search index from npm run build", () => {
  it("is written by the build command itself, in a shard per year: library, entry, WebAssembly, index and fragments", async () => {
    const files = await listFiles(build.outputDir);
    // Every published article is from 2024 (the scheduled one, dated 2099, is not published).
    // Its folder is named by the shard and the start of its key, new whenever the shard changes.
    const folder = await shardFolderOf(build.outputDir, "2024");
    expect(folder).toMatch(/^2024\.[0-9a-f]{12}$/);
    expect(await readShardManifest(build.outputDir)).toEqual({ shards: [{ name: "2024", folder, languages: { en: 24, zh: 1 } }] });
    for (const file of ["pagefind.js", "pagefind-entry.json", "pagefind-worker.js", "wasm.en.pagefind"]) {
      expect(files).toContain(`pagefind/${folder}/${file}`);
    }
    expect(files.filter((file) => file.startsWith(`pagefind/${folder}/fragment/`)).length).toBe(25);
    expect(files.some((file) => file.startsWith(`pagefind/${folder}/index/`))).toBe(true);
    expect(files.filter((file) => file.startsWith("pagefind/") && !file.startsWith(`pagefind/${folder}/`))).toEqual([
      "pagefind/shards.json",
    ]);
    // Pagefind's own UI is not used, so it is not shipped.
    expect(files.filter((file) => /pagefind-(ui|modular-ui|component-ui|highlight)/.test(file))).toEqual([]);
    // The search documents and Pagefind's staging folder are written in the output, and gone
    // before it is deployed.
    expect(files.filter((file) => file.startsWith("."))).toEqual([]);
  });

  it("holds exactly the published articles: no drafts, no scheduled articles, no listings", async () => {
    const manifest = JSON.parse(await readFile(manifestPathFor(build.outputDir), "utf8")) as { articles: { key: string }[] };
    const published = manifest.articles.map((article) => `/articles/${article.key}/`).sort();
    expect(published).toHaveLength(25);
    expect(indexed.map((entry) => entry.url)).toEqual(published);
    const everything = JSON.stringify(indexed);
    expect(everything).not.toMatch(/Unfinished draft|Not ready|Scheduled story|Embargoed|Secret tag|Future tag/);
  });

  it("indexes an article's title and body, not its summary, byline, dates, tags list, breadcrumb or related links", () => {
    const report = indexedPage("/articles/market-report-10/");
    expect(report.content).toBe("Market report 10. Report number 10 on the market. See the index and report one.");
    const chinese = indexedPage("/articles/alibaba-chinese/");
    expect(chinese.content).not.toMatch(/王伟|新华社|Published|min read|Home|Related/);
  });

  it("gives each article its tag, category and year filters and its title, date and summary", () => {
    const report = indexedPage("/articles/market-report-10/");
    expect(report.filters).toEqual({ category: ["Technology"], tag: ["Alibaba", "Retail", "Gucci"], year: ["2024"] });
    expect(report.meta).toMatchObject({
      title: "Market report 10",
      date: "March 10, 2024",
      datetime: "2024-03-10T09:00:00.000+00:00",
      summary: "Summary of report 10.",
    });
    expect(indexedPage("/articles/closed-for-replies/").meta.title).toBe("A <script>alert(1)</script> headline & more");
  });

  it("puts a Chinese article in a Chinese index, marked lang=zh for readers too", async () => {
    expect(await readIndexLanguages(build.outputDir)).toMatchObject({ en: { page_count: 24 }, zh: { page_count: 1 } });
    expect(indexedPage("/articles/alibaba-chinese/").language).toBe("zh");
    const $ = await page("/articles/alibaba-chinese/");
    // The page's main text is Chinese; the site's English header, breadcrumb and footer say so.
    expect($("html").attr("lang")).toBe("zh");
    expect($("article.article").attr("lang")).toBe("zh");
    expect([$(".site-header").attr("lang"), $(".breadcrumb").attr("lang"), $(".site-footer").attr("lang")]).toEqual(["en", "en", "en"]);
    const english = await page("/articles/market-report-1/");
    expect(english("article.article").attr("lang")).toBeUndefined();
    expect([english("html").attr("lang"), english(".site-header").attr("lang")]).toEqual(["en", undefined]);
  });
});

describe("the index's names, which put newest first", () => {
  it("names each article's result by its place in date order across the shard's languages, and ships no date sort", async () => {
    const files = await listFiles(build.outputDir);
    const byPlace = indexed
      .map((entry) => ({
        place: placeOfPage(entry.name),
        url: entry.url,
        time: Date.parse(entry.meta.datetime!),
        language: entry.language,
      }))
      .sort((a, b) => a.place! - b.place!);
    expect(byPlace.map((entry) => entry.place)).toEqual(Array.from({ length: 25 }, (_, place) => place));
    const times = byPlace.map((entry) => entry.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The Chinese article (1 April) among the English ones, before the one of 3 April.
    expect(byPlace.slice(-2).map((entry) => [entry.url, entry.language])).toEqual([
      ["/articles/alibaba-chinese/", "zh"],
      ["/articles/closed-for-replies/", "en"],
    ]);
    const folder = await shardFolderOf(build.outputDir, "2024");
    const metas = await readShardMetas(path.join(build.outputDir, "pagefind", folder));
    const chunks = [...metas.values()].flatMap((meta) => meta.chunks.map(([, , name]) => name));
    expect(new Set(chunks).size).toBe(chunks.length);
    for (const name of chunks) expect(files).toContain(`pagefind/${folder}/index/${name}.pf_index`);
    expect(files.filter((file) => file.startsWith(`pagefind/${folder}/index/`))).toHaveLength(chunks.length);
    for (const meta of metas.values()) expect(meta.sorts).toEqual([]);
  });

  it("packs what a reader fetches whole (metadata, WebAssembly, filters) tighter than gzip's best level", async () => {
    const folder = path.join(build.outputDir, "pagefind", await shardFolderOf(build.outputDir, "2024"));
    const whole = [
      ...(await readdir(folder)).filter((name) => /\.pf_meta$|^wasm\..+\.pagefind$/.test(name)),
      ...(await readdir(path.join(folder, "filter"))).map((name) => `filter/${name}`),
    ];
    expect(whole.filter((name) => name.startsWith("wasm.")).sort()).toEqual(["wasm.en.pagefind", "wasm.unknown.pagefind"]);
    expect(whole.filter((name) => name.startsWith("filter/")).length).toBeGreaterThan(0);
    for (const name of whole) {
      const file = await readFile(path.join(folder, name));
      const unpacked = gunzipSync(file);
      expect(unpacked.subarray(0, 12).toString("latin1"), name).toBe("pagefind_dcd");
      if (name.startsWith("wasm.")) expect(WebAssembly.validate(unpacked.subarray(12)), name).toBe(true);
      expect(file.length, name).toBeLessThanOrEqual(gzipSync(unpacked, { level: 9 }).length);
      // The fixture's metadata and filters are a few hundred bytes; the WebAssembly is 150 KB.
      if (name.startsWith("wasm.")) expect(file.length, name).toBeLessThan(gzipSync(unpacked, { level: 9 }).length * 0.97);
    }
  });
});

describe("a site with nothing published yet", () => {
  it("builds, with no search index, instead of failing on Pagefind's empty-index error", async () => {
    const contentDir = await writeContent({ "2024-01-01-first.md": article({ title: "First", date: "2024-01-01", draft: true }) });
    const empty = await buildSite(contentDir);
    try {
      expect(empty.stderr).toBe("");
      expect(empty.code).toBe(0);
      const files = await listFiles(empty.outputDir);
      expect(files).toContain("search/index.html");
      expect(files.filter((file) => file.startsWith("pagefind/") || file.startsWith("articles/"))).toEqual([]);
    } finally {
      await Promise.all([contentDir, empty.outputDir].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });
});

describe("search on the pages", () => {
  it("puts a plain GET search form in every page's header, and no search script on any page but /search/", async () => {
    const htmlFiles = (await listFiles(build.outputDir)).filter((file) => file.endsWith(".html") && !file.startsWith("pagefind/"));
    expect(htmlFiles.length).toBeGreaterThan(40);
    for (const file of htmlFiles) {
      const $ = load(await readPage(build.outputDir, `/${file}`));
      const form = $("header form[role=search]");
      expect(form.attr("action"), file).toBe("/search/");
      expect(form.attr("method"), file).toBe("get");
      const input = form.find("input[name=q]");
      expect($(`label[for="${input.attr("id")}"]`).text(), file).toBe("Search articles");
      // Article pages with open replies load only the reply form's module; nothing of search.
      const scripts = $("script:not([type='application/ld+json'])")
        .map((_, el) => $(el).attr("src"))
        .get();
      const expected =
        file === "search/index.html"
          ? [expect.stringMatching(/^\/assets\/search\.[0-9a-f]{10}\.js$/)]
          : $("form#reply-form").length
            ? [expect.stringMatching(/^\/assets\/reply-form\.[0-9a-f]{10}\.js$/)]
            : [];
      expect(scripts, file).toEqual(expected);
    }
  });

  it("/search/ has a labelled box, a sort choice, a live region for the count, and says what to do without JavaScript", async () => {
    const $ = await page("/search/");
    expect($("title").text()).toBe("Search · Fixture Gazette");
    expect($('meta[name="robots"]').attr("content")).toBe("noindex");
    expect($('label[for="search-query"]').text()).toBe("Search articles");
    expect($("#search-query").attr("name")).toBe("q");
    expect(
      $("input[name=sort]")
        .map((_, el) => $(el).attr("value"))
        .get(),
    ).toEqual(["relevance", "newest"]);
    expect($("[data-search-status]").attr("role")).toBe("status");
    expect($("[data-search-status]").attr("aria-live")).toBe("polite");
    const fallback = $("[data-search-needs-js]");
    expect(fallback.text()).toContain("Search needs JavaScript");
    expect(
      fallback
        .find("a")
        .map((_, el) => $(el).attr("href"))
        .get(),
    ).toEqual(["/tags/", "/category/", "/archive/"]);
    expect($("[data-search]").attr("hidden")).toBeDefined();
  });

  it("ships the search script as a content-hashed module with no inline code", async () => {
    const $ = await page("/search/");
    const src = $("script[type=module]").attr("src")!;
    const script = await readPage(build.outputDir, src);
    expect(script).toContain("/pagefind/");
    expect(script).toContain("shards.json");
    expect(script).not.toContain("pagefind-ui");
  });
});

describe("a build over the last build's output", () => {
  it("is the same, file for file and byte for byte, from two builds of the same articles", async () => {
    // Enough tags and categories that Pagefind, which writes a filter's values in a hash map's
    // order, would not write them in the same order twice.
    const articles = Object.fromEntries(
      Array.from({ length: 12 }, (_, index) => [
        `2024-02-${String(index + 1).padStart(2, "0")}-story-${index}.md`,
        article(
          {
            title: `Story ${index}`,
            date: `2024-02-${String(index + 1).padStart(2, "0")}`,
            tags: [`Tag ${index}`, `Tag ${(index + 5) % 12}`, `Tag ${(index + 7) % 12}`],
            category: `Section ${index % 6}`,
          },
          `Harbour report number ${index}.`,
        ),
      ]),
    );
    const contentDir = await writeContent(articles);
    const builds: BuildResult[] = [];
    try {
      for (const _ of [1, 2]) builds.push(await buildSite(contentDir));
      const index = async ({ outputDir, code, stderr }: BuildResult) => {
        expect(code, stderr).toBe(0);
        const dir = path.join(outputDir, "pagefind");
        const files = await listFiles(dir);
        return Object.fromEntries(
          await Promise.all(files.map(async (file) => [file, (await readFile(path.join(dir, file))).toString("base64")])),
        );
      };
      const [first, second] = [await index(builds[0]!), await index(builds[1]!)];
      expect(Object.keys(first).filter((file) => file.endsWith(".pf_filter"))).toHaveLength(3);
      expect(second).toEqual(first);
    } finally {
      await Promise.all([contentDir, ...builds.map((built) => built.outputDir)].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it("keeps the last index when no search document changed, and indexes again when one did", async () => {
    const site = { ...FIXTURE_SITE };
    const articles = {
      "2024-01-01-first.md": article({ title: "First story", date: "2024-01-01" }, "Balloons over the harbour."),
      "2024-01-02-second.md": article({ title: "Second story", date: "2024-01-02" }, "Kites over the bay."),
    };
    const contentDir = await writeContent(articles, site);
    const outputDir = await mkdtemp(path.join(tmpdir(), "broadsheet-rebuild-"));
    const rebuild = async () => {
      const result = await buildInto(contentDir, outputDir);
      expect(result.code, result.stderr).toBe(0);
      return result.stdout;
    };
    const fragmentTimes = async () => {
      const dir = path.join(outputDir, "pagefind", await shardFolderOf(outputDir, "2024"), "fragment");
      return Promise.all((await readdir(dir)).sort().map(async (name) => [name, (await stat(path.join(dir, name))).mtimeMs]));
    };
    try {
      expect(await rebuild()).not.toContain("kept the previous build's");
      const first = await fragmentTimes();

      // The site's name is on every page but in no search document.
      await writeFile(path.join(contentDir, "site.json"), JSON.stringify({ ...site, name: "Renamed Gazette" }));
      expect(await rebuild()).toContain("Search index: kept the previous build's, made from the same search documents.");
      expect(await fragmentTimes()).toEqual(first);
      expect(await readPage(outputDir, "/")).toContain("Renamed Gazette");

      await writeFile(
        path.join(contentDir, "articles", "2024-01-02-second.md"),
        articles["2024-01-02-second.md"].replace("Kites", "Zeppelins"),
      );
      expect(await rebuild()).not.toContain("kept the previous build's");
      const pages = await readIndexedPages(outputDir);
      expect(pages.find((page) => page.url === "/articles/second/")?.content).toContain("Zeppelins over the bay.");
      expect((await listFiles(outputDir)).filter((file) => file.startsWith("."))).toEqual([]);
    } finally {
      await Promise.all([contentDir, outputDir].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it("indexes again only the shard of a new article, and no shard after a reply", async () => {
    const articles = {
      "2023-06-01-harbour.md": article({ title: "Harbour story", date: "2023-06-01" }, "Balloons over the harbour."),
      "2024-01-01-bay.md": article({ title: "Bay story", date: "2024-01-01" }, "Kites over the bay."),
    };
    const contentDir = await writeContent(articles);
    const outputDir = await mkdtemp(path.join(tmpdir(), "broadsheet-shards-"));
    const rebuild = async () => {
      const result = await buildInto(contentDir, outputDir);
      expect(result.code, result.stderr).toBe(0);
      return result.stdout;
    };
    /** Each shard's folder, files and their modification times: a kept shard is moved, not written. */
    const shardFiles = async () => {
      const state: Record<string, string[]> = {};
      const { shards } = await readShardManifest(outputDir);
      for (const { name, folder } of shards) {
        const dir = path.join(outputDir, "pagefind", folder);
        state[name] = [
          folder,
          ...(await Promise.all((await listFiles(dir)).map(async (file) => `${file} ${(await stat(path.join(dir, file))).mtimeMs}`))),
        ];
      }
      // Nothing else: a changed shard's last folder is gone.
      expect((await readdir(path.join(outputDir, "pagefind"))).sort()).toEqual(
        [...shards.map((shard) => shard.folder), "shards.json"].sort(),
      );
      return state;
    };
    const changedShards = (before: Record<string, string[]>, after: Record<string, string[]>) =>
      Object.keys(after)
        .filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]))
        .sort();
    try {
      expect(await rebuild()).toContain("Search index: indexing 2024, 2023.");
      const first = await shardFiles();
      const shardNames = async () => (await readShardManifest(outputDir)).shards.map((shard) => shard.name);
      expect(await shardNames()).toEqual(["2024", "2023"]);

      // A reply is on the article's page, but in no search document.
      const reply = {
        id: "20240105T100000000Z-abcdefghij",
        article: "harbour",
        parent: null,
        author: "A reader",
        url: null,
        body: "Zeppelins would be better.",
        date: "2024-01-05T10:00:00.000Z",
        status: "approved" as const,
        emailHash: "0".repeat(64),
      };
      await mkdir(path.join(contentDir, "replies", "harbour"), { recursive: true });
      await writeFile(path.join(contentDir, replyPath(reply.article, reply.id, ".")), serializeReplyRecord(reply));
      expect(await rebuild()).toContain("Search index: kept the previous build's, made from the same search documents.");
      expect(await readPage(outputDir, "/articles/harbour/")).toContain("Zeppelins would be better.");
      expect(changedShards(first, await shardFiles())).toEqual([]);

      await writeFile(
        path.join(contentDir, "articles", "2024-02-01-moor.md"),
        article({ title: "Moor story", date: "2024-02-01" }, "Gliders over the moor."),
      );
      expect(await rebuild()).toContain("Search index: indexing 2024; kept 1 other shard, made from the same search documents.");
      const second = await shardFiles();
      expect(changedShards(first, second)).toEqual(["2024"]);
      expect(second["2024"]![0]).not.toBe(first["2024"]![0]);
      expect((await readIndexedPages(outputDir)).find((page) => page.url === "/articles/moor/")).toMatchObject({
        shard: "2024",
        content: expect.stringContaining("Gliders"),
      });

      // The first article of a new year starts a shard of its own; the others stay as they were.
      await writeFile(
        path.join(contentDir, "articles", "2025-01-02-fen.md"),
        article({ title: "Fen story", date: "2025-01-02" }, "Kites over the fen."),
      );
      expect(await rebuild()).toContain("Search index: indexing 2025; kept 2 other shards");
      const third = await shardFiles();
      expect(await shardNames()).toEqual(["2025", "2024", "2023"]);
      expect(changedShards(second, third)).toEqual(["2025"]);
      expect((await listFiles(outputDir)).filter((file) => file.startsWith("."))).toEqual([]);
    } finally {
      await Promise.all([contentDir, outputDir].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });
});
