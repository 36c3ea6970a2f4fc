import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { createAsyncQueue } from "../../src/build/async-queue.ts";
import { detectArticleLanguage, detectScriptLanguage } from "../../src/search/detect-language.ts";
import { indexMemoryShortfall } from "../../src/search/memory-estimates.ts";
import { searchDocumentPath, toSearchDocument } from "../../src/search/search-document.ts";
import { type ArticleToIndex, makeShards, planShards, removeSearchLeftovers, runInLanes } from "../../src/search/search-index.ts";
import { KilledError } from "../../src/shared/process-exit.ts";
import { createIndexQueue, IndexSkipped } from "../../src/site/plugins/search-plugin.ts";
import { articleView } from "../support/article-view.ts";

describe("detectScriptLanguage", () => {
  it.each([
    ["国际反假冒联盟宣布暂停阿里巴巴的会员资格。", "zh"],
    ["阿里巴巴 joined the IACC, 国际反假冒联盟宣布暂停阿里巴巴的会员资格", "zh"],
    ["東京の天気は晴れです。", "ja"],
    ["서울의 날씨는 맑습니다.", "ko"],
    ["Alibaba joins the anti-counterfeiting alliance in 北京.", undefined],
    ["Plain English text with no CJK at all.", undefined],
    ["1234 — !!!", undefined],
  ])("%s → %s", (text, expected) => {
    expect(detectScriptLanguage(text)).toBe(expected);
  });

  it("names an article's language only when it differs from the site's", () => {
    expect(detectArticleLanguage("阿里巴巴暂停会员资格", "en")).toBe("zh");
    expect(detectArticleLanguage("阿里巴巴暂停会员资格", "zh-Hans")).toBeUndefined();
    expect(detectArticleLanguage("Market report", "en")).toBeUndefined();
  });
});

describe("the dev server's index queue", () => {
  it("runs one pass at a time and one more for rebuilds that land during a pass", async () => {
    let passes = 0;
    let release: () => void = () => {};
    const messages: string[] = [];
    const queue = createIndexQueue(
      async () => {
        passes++;
        await new Promise<void>((resolve) => (release = resolve));
        return { pages: 3, languages: ["en"], indexed: ["2024"], ms: 1200 };
      },
      (message) => messages.push(message),
    );
    const first = queue.schedule();
    queue.schedule();
    queue.schedule();
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await first;
    expect(passes).toBe(2);
    expect(messages).toEqual(["Search index: 3 pages (en); indexed 2024 in 1.2 s", "Search index: 3 pages (en); indexed 2024 in 1.2 s"]);
  });

  it("stops indexing after Pagefind was killed, rather than have it killed again after every edit", async () => {
    const messages: string[] = [];
    let passes = 0;
    const queue = createIndexQueue(
      async () => {
        passes++;
        throw new KilledError("Pagefind", "SIGKILL");
      },
      (message) => messages.push(message),
    );
    const first = queue.schedule();
    queue.schedule();
    await first;
    await queue.schedule();
    expect(passes).toBe(1);
    expect(messages).toEqual([
      "Search index failed: Pagefind was killed (SIGKILL), most likely for running out of memory",
      "The dev server will not index again until it restarts. `npm run build` indexes after letting go of the site's memory.",
    ]);
  });

  it("skips a pass it was told to skip, and tries again on the next rebuild", async () => {
    const messages: string[] = [];
    let free = false;
    const queue = createIndexQueue(
      async () => {
        if (!free) throw new IndexSkipped("Pagefind would need about 17.5 GB of memory for 50,000 articles, and 12.0 GB is free");
        return { pages: 50000, languages: ["en"], indexed: ["2025"], ms: 240000 };
      },
      (message) => messages.push(message),
    );
    await queue.schedule();
    free = true;
    await queue.schedule();
    expect(messages).toEqual([
      "Search index not updated: Pagefind would need about 17.5 GB of memory for 50,000 articles, and 12.0 GB is free. `npm run build` indexes after letting go of the site's memory.",
      "Search index: 50000 pages (en); indexed 2025 in 240.0 s",
    ]);
  });

  it("reports a failed pass and carries on", async () => {
    const messages: string[] = [];
    const queue = createIndexQueue(
      async () => {
        throw new Error("disk full");
      },
      (message) => messages.push(message),
    );
    await queue.schedule();
    await queue.schedule();
    expect(messages).toEqual(["Search index failed: disk full", "Search index failed: disk full"]);
  });
});

describe("the dev server's memory check before indexing", () => {
  it("lets Pagefind run when its measured need fits in the free memory", () => {
    expect(indexMemoryShortfall(10_000, 8e9)).toBeUndefined();
  });

  it("says what Pagefind would need and what is free when it does not fit", () => {
    expect(indexMemoryShortfall(50_000, 12e9)).toBe("Pagefind would need about 17.5 GB of memory for 50,000 articles, and 12.0 GB is free");
  });
});

describe("the dev server's start", () => {
  it("removes what a killed index run left in the site, and nothing else", async () => {
    const site = await mkdtemp(path.join(tmpdir(), "broadsheet-leftovers-"));
    try {
      for (const dir of [
        ".search-documents-a1b2c3/articles/x",
        ".pagefind-next-d4e5f6/fragment",
        "pagefind/fragment",
        "articles/x",
        ".well-known",
      ]) {
        await mkdir(path.join(site, dir), { recursive: true });
        await writeFile(path.join(site, dir, "file"), "x");
      }
      expect((await removeSearchLeftovers(site)).sort()).toEqual([".pagefind-next-d4e5f6", ".search-documents-a1b2c3"]);
      expect((await readdir(site)).sort()).toEqual([".well-known", "articles", "pagefind"]);
    } finally {
      await rm(site, { recursive: true, force: true });
    }
  });

  it("is fine with a site not built yet", async () => {
    expect(await removeSearchLeftovers(path.join(tmpdir(), "broadsheet-never-built"))).toEqual([]);
  });
});

describe("an article's search document", () => {
  const article = articleView({
    key: "alibaba-chinese",
    title: "A <script>alert(1)</script> headline & more",
    language: "zh",
    summary: 'Summary with "quotes" & <b>tags</b>',
    date: "2024-04-01T07:00:00.000+08:00",
    dateLabel: "April 1, 2024",
    category: { name: "Technology", slug: "technology", url: "/category/technology/" },
    tags: [
      { name: "Alibaba", slug: "alibaba", url: "/tags/alibaba/" },
      { name: "阿里巴巴", slug: "阿里巴巴", url: "/tags/阿里巴巴/" },
    ],
    author: "王伟",
    source: "新华社",
    html: '<h2 id="background">Background</h2>\n<p>国际反假冒联盟宣布暂停阿里巴巴的会员资格。</p>',
  });

  const $ = load(toSearchDocument(article, "en"));
  const indexed = $("[data-pagefind-body]");

  it("holds the headline and the body as written, and nothing of the byline", () => {
    expect(indexed.find("h1").text()).toBe("A <script>alert(1)</script> headline & more");
    expect(indexed.find("script")).toHaveLength(0);
    expect(indexed.find("h2#background").text()).toBe("Background");
    expect(indexed.find("p").last().text()).toBe("国际反假冒联盟宣布暂停阿里巴巴的会员资格。");
    expect(indexed.text()).not.toMatch(/王伟|新华社/);
  });

  it("keeps the metadata, filters and sort out of the indexed words", () => {
    const hidden = indexed.find("[data-pagefind-ignore]");
    expect(hidden.attr("hidden")).toBeDefined();
    const marks = (attribute: string) =>
      hidden
        .find(`[${attribute}]`)
        .map((_, el) => [[$(el).attr(attribute), $(el).text()]])
        .get();
    expect(marks("data-pagefind-meta")).toEqual([
      ["date", "April 1, 2024"],
      ["datetime", "2024-04-01T07:00:00.000+08:00"],
      ["summary", 'Summary with "quotes" & <b>tags</b>'],
    ]);
    expect(marks("data-pagefind-filter")).toEqual([
      ["year", "2024"],
      ["category", "Technology"],
      ["tag", "Alibaba"],
      ["tag", "阿里巴巴"],
    ]);
    // Pagefind sorts the key as text: in UTC every article's date compares alike.
    expect(marks("data-pagefind-sort")).toEqual([["date", "2024-03-31T23:00:00Z"]]);
    expect(indexed.find("h1").attr("data-pagefind-meta")).toBe("title");
  });

  it("is in the article's language, or the site's", () => {
    expect($("html").attr("lang")).toBe("zh");
    expect(load(toSearchDocument({ ...article, language: undefined }, "en-GB"))("html").attr("lang")).toBe("en-GB");
  });

  it("leaves out filters an article does not have", () => {
    const bare = load(toSearchDocument({ ...article, category: undefined, tags: [], summary: undefined }, "en"));
    expect(
      bare("[data-pagefind-filter]")
        .map((_, el) => bare(el).attr("data-pagefind-filter"))
        .get(),
    ).toEqual(["year"]);
    expect(bare("[data-pagefind-meta=summary]")).toHaveLength(0);
  });

  it("lies where Pagefind turns its path back into the article's URL", () => {
    expect(searchDocumentPath(article)).toBe("articles/alibaba-chinese/index.html");
    expect(searchDocumentPath({ url: "/articles/%E9%98%BF%E9%87%8C/" })).toBe("articles/阿里/index.html");
  });
});

describe("Pagefind runs in lanes", () => {
  /** Runs fake shards of the given lengths (ms), recording how many run at once at each start. */
  async function run(lengths: number[], lanes: Parameters<typeof runInLanes>[1]) {
    let running = 0;
    const atStart: number[] = [];
    await runInLanes(lengths, lanes, async (ms) => {
      atStart.push(++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
    });
    return atStart;
  }

  it("runs one shard at a time while the site renders, and two at once after", async () => {
    let rendered!: () => void;
    const render = new Promise<void>((resolve) => (rendered = resolve));
    setTimeout(rendered, 35);
    // 20 ms shards: the first two run alone, during the render; the last four two by two.
    const atStart = await run([20, 20, 20, 20, 20, 20], { lanes: 2, atFirst: 1, widenAfter: render });
    expect(atStart.slice(0, 2)).toEqual([1, 1]);
    expect(Math.max(...atStart)).toBe(2);
  });

  it("stays at one lane when the render fails, and still runs every shard", async () => {
    const failed = Promise.reject(new Error("template error"));
    const atStart = await run([5, 5, 5], { lanes: 2, atFirst: 1, widenAfter: failed });
    expect(atStart).toEqual([1, 1, 1]);
  });

  it("reports the first failure once the started runs have ended", async () => {
    const finished: number[] = [];
    const task = async (n: number) => {
      await new Promise((resolve) => setTimeout(resolve, n === 1 ? 1 : 10));
      if (n === 1) throw new Error("Pagefind exited with 1");
      finished.push(n);
    };
    await expect(runInLanes([1, 2], { lanes: 2 }, task)).rejects.toThrow("Pagefind exited with 1");
    expect(finished).toEqual([2]);
  });
});

describe("Pagefind runs of shards still being written", () => {
  it("starts the first shard's run before the next shard is written, and ends once the last is", async () => {
    const written = createAsyncQueue<string>();
    const started: string[] = [];
    const runs = runInLanes(written, { lanes: 1 }, async (name) => {
      started.push(name);
    });
    written.push("2024");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(started).toEqual(["2024"]);
    written.push("2023");
    written.push("2022");
    written.end();
    await runs;
    expect(started).toEqual(["2024", "2023", "2022"]);
  });
});

describe("the build's search shards, made a shard at a time", () => {
  /** Articles not yet made: `made` records each one made, as the build renders its body then. */
  function toIndex(dates: string[], log: string[]): ArticleToIndex[] {
    return dates.map((date, index) => {
      const article = articleView({ key: `story-${index}`, title: `Story ${index}`, date, html: `<p>Body ${index}</p>` });
      return {
        date,
        make: () => {
          log.push(`made ${article.key}`);
          return article;
        },
      };
    });
  }
  // Newest first, as the site's articles: two in 2024, three in 2023, one in 2022.
  const dates = [
    "2024-06-01T09:00:00.000+02:00",
    "2024-01-02T09:00:00.000+02:00",
    "2023-09-01T09:00:00.000+02:00",
    "2023-05-01T09:00:00.000+02:00",
    "2023-01-03T09:00:00.000+02:00",
    "2022-03-01T09:00:00.000+02:00",
  ];

  it("hands over each shard before making an article of the next: the newest first, where new articles go, then the largest", async () => {
    const log: string[] = [];
    await makeShards(planShards(toIndex(dates, log), "en"), async (shard) => {
      log.push(`shard ${shard.name}: ${shard.documents.map((document) => document.path).join(" ")}`);
    });
    expect(log).toEqual([
      "made story-0",
      "made story-1",
      "shard 2024: articles/story-0/index.html articles/story-1/index.html",
      "made story-2",
      "made story-3",
      "made story-4",
      "shard 2023: articles/story-2/index.html articles/story-3/index.html articles/story-4/index.html",
      "made story-5",
      "shard 2022: articles/story-5/index.html",
    ]);
  });

  it("plans the shards before making any article, and lists them newest first for the search page", async () => {
    const log: string[] = [];
    const planned = planShards(toIndex(dates, log), "en", [{ url: "/about/", title: "About", summary: undefined, html: "<p>Us</p>" }]);
    expect(planned.map((shard) => [shard.name, shard.documents.length])).toEqual([
      ["2024", 2],
      ["2023", 3],
      ["2022", 1],
      ["pages", 1],
    ]);
    expect(log).toEqual([]);
    const manifest = await makeShards(planned, async () => {});
    expect(manifest.shards.map((shard) => shard.name)).toEqual(["2024", "2023", "2022", "pages"]);
  });
});
