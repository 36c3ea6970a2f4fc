import { describe, expect, it } from "vitest";
import {
  extensionProbe,
  marksWordsBeginning,
  mergeByScore,
  mergeNewestFirst,
  pickLanguage,
  planIndexes,
  type ShardManifest,
  shardsWithEveryWord,
  sumFilterCounts,
} from "../../src/client/shard-plan.ts";
import { normaliseWord, stemmerFor } from "../../src/client/stem.ts";
import { planIndexing } from "../../src/search/memory-estimates.ts";
import {
  ANY_YEAR_QUARTERS_ABOVE,
  chunkSizeFor,
  groupIntoShards,
  PAGES_SHARD,
  QUARTERS_ABOVE,
  quarterOf,
  type ShardDocument,
  shardFolder,
  shardKey,
  shardOf,
  toManifest,
  toManifestEntry,
} from "../../src/search/shards.ts";

const doc = (path: string, sortKey: string | undefined, language = "en", text = `<p>${path}</p>`): ShardDocument => ({
  path,
  text,
  sortKey,
  language,
});

describe("shard assignment", () => {
  it("puts an article in the UTC year of its date sort key, and pages in a shard of their own", () => {
    expect(shardOf("2016-05-12T08:00:00Z")).toBe("2016");
    // 1 January 2017 at 00:30 in Athens is still 2016 in UTC, where its sort key compares.
    expect(shardOf("2016-12-31T22:30:00Z")).toBe("2016");
    expect(shardOf(undefined)).toBe(PAGES_SHARD);
  });

  it("refuses a sort key that is not RFC 3339 in UTC, naming it", () => {
    expect(() => shardOf("2016-05-12T10:00:00+02:00")).toThrow(/2016-05-12T10:00:00\+02:00/);
  });

  it("orders shards newest year first and pages last, keeping each shard's documents in order", () => {
    const shards = groupIntoShards([
      doc("articles/a/index.html", "2015-03-01T00:00:00Z"),
      doc("about/index.html", undefined),
      doc("articles/b/index.html", "2024-01-01T00:00:00Z"),
      doc("articles/c/index.html", "2015-01-01T00:00:00Z"),
    ]);
    expect(shards.map((shard) => [shard.name, shard.documents.map((d) => d.path)])).toEqual([
      ["2024", ["articles/b/index.html"]],
      ["2015", ["articles/a/index.html", "articles/c/index.html"]],
      [PAGES_SHARD, ["about/index.html"]],
    ]);
  });
});

describe("the newest year, with many articles", () => {
  const inYear = (year: number, count: number) =>
    Array.from({ length: count }, (_, i) => {
      const month = String((i % 12) + 1).padStart(2, "0");
      return doc(`articles/${year}-${i}/index.html`, `${year}-${month}-15T08:00:00Z`);
    });

  it("has its latest quarter indexed apart, newest first, while every earlier year stays whole", () => {
    const shards = groupIntoShards([
      ...inYear(2023, QUARTERS_ABOVE + 1),
      ...inYear(2024, QUARTERS_ABOVE + 1),
      doc("about/index.html", undefined),
    ]);
    expect(shards.map((shard) => shard.name)).toEqual(["2024-q4", "2024", "2023", PAGES_SHARD]);
    expect(shards.slice(0, 2).reduce((sum, shard) => sum + shard.documents.length, 0)).toBe(QUARTERS_ABOVE + 1);
    expect(shards[0]!.documents.every((d) => d.sortKey! >= "2024-10")).toBe(true);
    // Every document of a shard sorts after every one of the shard after it: newest first is shard order.
    for (let i = 1; i < shards.length - 1; i++) {
      const oldestBefore = shards[i - 1]!.documents.map((d) => d.sortKey!).sort()[0]!;
      const newestAfter = shards[i]!.documents.map((d) => d.sortKey!)
        .sort()
        .at(-1)!;
      expect(oldestBefore > newestAfter).toBe(true);
    }
  });

  it("is not alone in quarters when an earlier year is very large, for Pagefind's memory", () => {
    const shards = groupIntoShards([...inYear(2023, ANY_YEAR_QUARTERS_ABOVE + 1), ...inYear(2024, 10)]);
    expect(shards.map((shard) => shard.name)).toEqual(["2024", "2023-q4", "2023-q3", "2023-q2", "2023-q1"]);
  });

  it("stays whole when it has no more than QUARTERS_ABOVE articles", () => {
    expect(groupIntoShards(inYear(2024, QUARTERS_ABOVE)).map((shard) => shard.name)).toEqual(["2024"]);
  });

  it("puts each date in its UTC quarter", () => {
    expect(quarterOf("2024-03-31T23:59:59Z")).toBe("2024-q1");
    expect(quarterOf("2024-04-01T00:00:00Z")).toBe("2024-q2");
    expect(quarterOf("2024-12-31T22:30:00Z")).toBe("2024-q4");
  });

  it("has a new article change the key of its quarter only", () => {
    const documents = [...inYear(2023, 10), ...inYear(2024, QUARTERS_ABOVE + 100)];
    const keys = (docs: ShardDocument[]) => Object.fromEntries(groupIntoShards(docs).map((shard) => [shard.name, shardKey("r", shard)]));
    const before = keys(documents);
    const after = keys([...documents, doc("articles/new/index.html", "2024-11-30T08:00:00Z")]);
    expect(Object.keys(after).filter((name) => after[name] !== before[name])).toEqual(["2024-q4"]);
  });
});

describe("per-shard keys", () => {
  const documents = [doc("articles/a/index.html", "2015-03-01T00:00:00Z"), doc("articles/b/index.html", "2016-03-01T00:00:00Z")];
  const keys = (docs: ShardDocument[], recipe = "pagefind 1.5.2") =>
    Object.fromEntries(groupIntoShards(docs).map((shard) => [shard.name, shardKey(recipe, shard)]));

  it("changes only the key of the shard whose documents changed", () => {
    const before = keys(documents);
    const after = keys([...documents, doc("articles/new/index.html", "2016-04-01T00:00:00Z")]);
    expect(after["2015"]).toBe(before["2015"]);
    expect(after["2016"]).not.toBe(before["2016"]);
    const edited = keys([documents[0]!, { ...documents[1]!, text: "<p>edited</p>" }]);
    expect(edited["2015"]).toBe(before["2015"]);
    expect(edited["2016"]).not.toBe(before["2016"]);
  });

  it("changes every key when Pagefind or its arguments change", () => {
    const before = keys(documents);
    const after = keys(documents, "pagefind 1.5.3");
    expect(after["2015"]).not.toBe(before["2015"]);
    expect(after["2016"]).not.toBe(before["2016"]);
  });
});

describe("index runs", () => {
  it("sizes chunks to the shard, within Pagefind's default", () => {
    expect(chunkSizeFor(1_700)).toBe(2_550);
    expect(chunkSizeFor(50_000)).toBe(20_000);
    expect(chunkSizeFor(3)).toBe(1_000);
  });
});

describe("the search page's plan and merge", () => {
  const keyed = groupIntoShards([
    doc("articles/a/index.html", "2015-03-01T00:00:00Z"),
    doc("articles/z/index.html", "2016-03-01T00:00:00Z", "zh"),
    doc("articles/b/index.html", "2016-03-02T00:00:00Z"),
  ]).map((shard) => ({ ...shard, key: shardKey("pagefind 1.5.2", shard) }));
  const manifest: ShardManifest = toManifest(keyed.map(toManifestEntry));
  const folderOf = (name: string) => `${name}.${keyed.find((shard) => shard.name === name)!.key.slice(0, 12)}`;

  it("writes the manifest newest shard first, with its folder and pages per language", () => {
    expect(manifest).toEqual({
      shards: [
        { name: "2016", folder: folderOf("2016"), languages: { en: 1, zh: 1 } },
        { name: "2015", folder: folderOf("2015"), languages: { en: 1 } },
      ],
    });
    expect(folderOf("2016")).toMatch(/^2016\.[0-9a-f]{12}$/);
  });

  it("moves a shard to a new folder when its documents change, and leaves the others where they are", () => {
    const edited = groupIntoShards([
      doc("articles/a/index.html", "2015-03-01T00:00:00Z"),
      doc("articles/z/index.html", "2016-03-01T00:00:00Z", "zh"),
      doc("articles/b/index.html", "2016-03-02T00:00:00Z", "en", "<p>corrected</p>"),
    ]).map((shard) => shardFolder({ name: shard.name, key: shardKey("pagefind 1.5.2", shard) }));
    expect(edited[1]).toBe(folderOf("2015"));
    expect(edited[0]).not.toBe(folderOf("2016"));
    expect(edited[0]).toMatch(/^2016\.[0-9a-f]{12}$/);
  });

  it("loads the newest shard in the page's language and merges every other index once", () => {
    expect(planIndexes(manifest, "en")).toEqual({
      primary: { shard: "2016", folder: folderOf("2016"), language: "en" },
      merges: [
        { shard: "2016", folder: folderOf("2016"), language: "zh" },
        { shard: "2015", folder: folderOf("2015"), language: "en" },
      ],
    });
    expect(planIndexes({ shards: [] }, "en")).toBeUndefined();
  });

  it("picks the language Pagefind would pick, so no index is loaded twice", () => {
    expect(pickLanguage({ en: 3, zh: 1 }, "en-gb")).toBe("en");
    expect(pickLanguage({ zh: 3, ja: 5 }, "en")).toBe("ja");
    const plan = planIndexes({ shards: [{ name: "2020", folder: "2020.0123456789ab", languages: { zh: 2 } }] }, "en")!;
    expect(plan).toEqual({ primary: { shard: "2020", folder: "2020.0123456789ab", language: "zh" }, merges: [] });
  });

  it("puts results newest shard first, each shard by its pages' places in date order, whatever order they answered in", () => {
    const withPages: ShardManifest = {
      shards: [...manifest.shards, { name: "pages", folder: "pages.0123456789ab", languages: { en: 2 } }],
    };
    const byShard = new Map([
      ["pages", [{ id: "en_93d1c2a" }, { id: "en_0b7f114" }]],
      ["2015", [{ id: "9" }, { id: "a" }, { id: "0" }]],
      ["2016", [{ id: "2" }, { id: "10" }, { id: "z" }]],
    ]);
    // Base 36: "10" is 36, after "z" (35); "a" (10) after "9".
    expect(mergeNewestFirst(withPages, byShard).map((result) => result.id)).toEqual([
      "10",
      "z",
      "2",
      "a",
      "9",
      "0",
      // Undated pages, in the order their shard answered.
      "en_93d1c2a",
      "en_0b7f114",
    ]);
  });

  it("puts the best match first across shards, ties in shard order, as Pagefind merges indexes", () => {
    const byShard = new Map([
      [
        "2015",
        [
          { id: "a", score: 9 },
          { id: "b", score: 2 },
        ],
      ],
      [
        "2016",
        [
          { id: "c", score: 5 },
          { id: "d", score: 2 },
        ],
      ],
    ]);
    expect(mergeByScore(manifest, byShard).map((result) => result.id)).toEqual(["a", "c", "d", "b"]);
  });

  it("leaves out a shard lacking a word other shards hold, whose answer is Pagefind's prefix fallback", () => {
    const shards = ["2016", "2015", "2014"];
    // "noqusasa" is in 2016 and 2014; 2015 answered with pages holding "noqu".
    expect(shardsWithEveryWord(shards, new Map([["noqusasa", new Set(["2016", "2014"])]]))).toEqual(["2016", "2014"]);
    // Every word must be held: two-word queries keep the shards holding both.
    expect(
      shardsWithEveryWord(
        shards,
        new Map([
          ["kites", new Set(["2016", "2015"])],
          ["harbour", new Set(["2015", "2014"])],
        ]),
      ),
    ).toEqual(["2015"]);
    // A half-typed word no shard holds as such: every shard answers with the words it begins.
    expect(shardsWithEveryWord(shards, new Map([["noqu", new Set<string>()]]))).toEqual(shards);
  });

  it("tells a longer word Pagefind found from the shorter one it fell back to, by the excerpt's marks", () => {
    expect(marksWordsBeginning("the <mark>venligalto</mark> report", "venligal")).toBe(true);
    expect(marksWordsBeginning("the <mark>Vénligalto</mark> report", "venligal")).toBe(true);
    expect(marksWordsBeginning("the <mark>venli</mark> report", "venligal")).toBe(false);
    expect(marksWordsBeginning("no marks here", "venligal")).toBe(false);
    // By the query word's stem: "stariter" searches words beginning "starit".
    expect(marksWordsBeginning("the <mark>Starituhon</mark> came", stemmerFor("en")(normaliseWord("stariter")))).toBe(true);
  });

  it("probes, for each query word, past every longer word its stem and itself begin", () => {
    const english = stemmerFor("en-GB");
    const last = "\u{10FFFF}";
    expect(extensionProbe("Stariter", english)).toBe(`stariter${last} starit${last}`);
    // Read as Pagefind reads a query: lower case, accents and punctuation off.
    expect(extensionProbe("  Délcor's  harbour ", english)).toBe(`delcors${last} delcor${last} harbour${last}`);
    expect(extensionProbe('"exact words"', english)).toBeUndefined();
    expect(extensionProbe("   ", english)).toBeUndefined();
    // No stemmer for a language Pagefind stems otherwise: from the word as typed.
    expect(extensionProbe("Maisons", stemmerFor("fr"))).toBe(`maisons${last}`);
  });

  it("sums filter counts over the shards kept, without the shard tag", () => {
    expect(
      sumFilterCounts([
        { tag: { Gucci: 2, Retail: 1 }, year: { "2016": 3 }, shard: { "2016": 3 } },
        { tag: { Gucci: 1 }, year: { "2015": 1 }, shard: { "2015": 1 } },
      ]),
    ).toEqual({ tag: { Gucci: 3, Retail: 1 }, year: { "2016": 3, "2015": 1 } });
  });
});

describe("the build's plan for its Pagefind runs", () => {
  const plan = (availableBytes: number, pagesPerRun = [1_667, 1_667, 1_666], cores = 2, indexAfterRender = false) =>
    planIndexing({ articles: 10_000, renderPagesPerRun: 25_000, pagesPerRun, availableBytes, cores, indexAfterRender });

  it("renders alongside one run at a time, leaving the render a core, then two at once once it has ended", () => {
    // Render 1.5 GB, one run of 1,667 pages 0.58 GB.
    expect(plan(2.2e9)).toEqual({ alongside: true, concurrency: 2, whileRendering: 1, afterRenderBecause: undefined });
    expect(plan(2.7e9, [1_667, 1_667], 1)).toEqual({ alongside: true, concurrency: 1, whileRendering: 1, afterRenderBecause: undefined });
  });

  it("indexes a 100,000-article site alongside its render, which holds one part's pages at a time", () => {
    // Every year by quarter (about 4,200 articles a run, 1.5 GB); the render 6 GB of site and 25,000 pages at a time, 1.25 GB.
    const quarters = Array.from({ length: 24 }, () => 4_167);
    const large = (renderPagesPerRun: number) =>
      planIndexing({
        articles: 100_000,
        renderPagesPerRun,
        pagesPerRun: quarters,
        availableBytes: 10e9,
        cores: 2,
        indexAfterRender: false,
      });
    expect(large(25_000)).toEqual({ alongside: true, concurrency: 2, whileRendering: 1, afterRenderBecause: undefined });
    // Rendered in one run, its 175,000 pages would not leave room for Pagefind.
    expect(large(1_000_000).afterRenderBecause).toBe(
      "the render process (100,000 articles) and Pagefind (4,167 pages) at once would need about 16.2 GB of memory, and 10.0 GB is free",
    );
  });

  it("keeps to one run at a time after the render when two do not fit", () => {
    expect(plan(2.2e9, [6_000, 6_000]).concurrency).toBe(1);
  });

  it("renders first when even one run does not fit beside the render, saying what it would need", () => {
    expect(plan(1.5e9)).toEqual({
      alongside: false,
      concurrency: 2,
      whileRendering: 2,
      afterRenderBecause:
        "the render process (10,000 articles) and Pagefind (1,667 pages) at once would need about 2.1 GB of memory, and 1.5 GB is free",
    });
    expect(plan(1e9).concurrency).toBe(1);
  });

  it("renders first when told to, and has nothing to say when nothing is to be indexed", () => {
    expect(plan(64e9, [1_667], 2, true)).toEqual({
      alongside: false,
      concurrency: 1,
      whileRendering: 1,
      afterRenderBecause: "BROADSHEET_INDEX_AFTER_RENDER is set",
    });
    expect(plan(64e9, [])).toEqual({ alongside: false, concurrency: 1, whileRendering: 1, afterRenderBecause: undefined });
  });
});
