/**
 * Search as a reader uses it: the fixture site built with the real build command, served
 * on localhost with the site's Content-Security-Policy, driven in Chromium.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ShardManifest } from "../../src/shared/shard-manifest.ts";
import { describeWithBrowser, launchBrowser } from "../support/browser.ts";
import { article, type BuildResult, buildInto, buildSite, writeContent } from "../support/build-site.ts";
import { buildFixtureSite, FIXTURE_NOW, type FixtureBuild } from "../support/fixture-site.ts";
import { readSiteCsp } from "../support/netlify-headers.ts";
import { type RunningServer, serveDirectory } from "../support/static-server.ts";

interface Visit {
  page: Page;
  /** Paths of every request to /pagefind/ so far. */
  searchRequests: string[];
  /** CSP violations so far, from the page's own event and from Chromium's console. */
  violations(): Promise<string[]>;
}

describeWithBrowser("search in Chromium under the site's Content-Security-Policy", () => {
  let fixture: FixtureBuild;
  let build: BuildResult;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    fixture = await buildFixtureSite();
    ({ build } = fixture);
    // A page that breaks the policy on purpose, to prove the detector sees violations.
    await writeFile(
      path.join(build.outputDir, "canary.html"),
      '<!DOCTYPE html><html lang="en"><head><title>Canary</title></head><body><p style="color: red">x</p><script>document.title = "ran";</script></body></html>',
    );
    server = await serveDirectory(build.outputDir, { headers: { "content-security-policy": await readSiteCsp() } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fixture?.remove();
  });

  async function visit(url: string): Promise<Visit> {
    const page = await browser.newPage();
    const searchRequests: string[] = [];
    const consoleViolations: string[] = [];
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener(
        "securitypolicyviolation",
        (event) => void seen.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`),
      );
    });
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) consoleViolations.push(`console: ${message.text()}`);
    });
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith("/pagefind/")) searchRequests.push(pathname);
    });
    await page.goto(`${server.url}${url}`, { waitUntil: "load" });
    return {
      page,
      searchRequests,
      async violations() {
        // Violation events are queued as tasks: let them run before reading the list.
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
        return [...consoleViolations, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
      },
    };
  }

  const status = (page: Page) => page.locator("[data-search-status]");
  const titles = (page: Page) => page.locator(".search-result__title a").allTextContents();

  it("sends the policy netlify.toml ships, and notices a page that breaks it", async () => {
    const served = (await fetch(`${server.url}/search/`)).headers.get("content-security-policy");
    expect(served).toBe(await readSiteCsp());
    expect(served).toContain("script-src 'self' 'wasm-unsafe-eval'");
    const { page, violations } = await visit("/canary.html");
    expect(await violations()).toEqual(expect.arrayContaining(["script-src-elem blocked inline", "style-src-attr blocked inline"]));
    await page.close();
  });

  it("takes a query typed in the home page's header box to /search/?q=…, with the best match first", async () => {
    const { page, searchRequests, violations } = await visit("/");
    expect(searchRequests).toEqual([]);
    await page.getByRole("searchbox", { name: "Search articles" }).fill("report 7");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/search/");
    expect(new URL(page.url()).searchParams.get("q")).toBe("report 7");
    await expect.poll(() => status(page).textContent()).toMatch(/found for “report 7”/);
    expect((await titles(page))[0]).toBe("Market report 7");
    expect(await page.locator(".search-result a").first().getAttribute("href")).toBe("/articles/market-report-7/");
    // The query is restored into the page's own box.
    expect(await page.locator("#search-query").inputValue()).toBe("report 7");
    expect(searchRequests).toContainEqual(expect.stringMatching(/^\/pagefind\/2024\.[0-9a-f]{12}\/pagefind\.js$/));
    // Filter data waits until the reader asks for filters.
    expect(searchRequests.filter((request) => /^\/pagefind\/[^/]+\/filter\//.test(request))).toEqual([]);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("narrows the list with a tag, keeps the filter in the URL and restores it on reload", async () => {
    const { page, violations } = await visit("/search/?q=report");
    await expect.poll(() => status(page).textContent()).toBe("23 articles found for “report”.");
    // Five at a time, each with its excerpt (src/client/search.ts, PAGE_SIZE).
    expect(await page.locator(".search-result").count()).toBe(5);
    const toggle = page.getByRole("button", { name: "Filter by category, year and tag" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await page.getByRole("checkbox", { name: "Gucci (4)" }).check();
    await expect.poll(() => status(page).textContent()).toBe("4 articles found for “report” with the chosen filters.");
    expect((await titles(page)).sort()).toEqual(["Market report 10", "Market report 15", "Market report 20", "Market report 5"]);
    expect(new URL(page.url()).searchParams.getAll("tag")).toEqual(["Gucci"]);
    // The category control counts within the narrowed list.
    expect(await page.locator("#search-filter-category option").allTextContents()).toEqual([
      "Any category",
      "Business (2)",
      "Technology (2)",
    ]);
    await page.selectOption("#search-filter-category", "Business");
    await expect.poll(() => titles(page)).toEqual(expect.arrayContaining(["Market report 5", "Market report 15"]));
    expect(new URL(page.url()).searchParams.get("category")).toBe("Business");
    await page.reload();
    await expect.poll(() => status(page).textContent()).toBe("2 articles found for “report” with the chosen filters.");
    expect(await page.getByRole("checkbox", { name: /Gucci/ }).isChecked()).toBe(true);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("sorts newest first on request, and back to best match", async () => {
    const { page, violations } = await visit("/search/?q=report&year=2024");
    await expect.poll(() => status(page).textContent()).toMatch(/^23 articles/);
    await page.getByRole("radio", { name: "Newest first" }).check();
    await expect.poll(async () => (await titles(page)).slice(0, 3)).toEqual(["Market report 23", "Market report 22", "Market report 21"]);
    expect(new URL(page.url()).searchParams.get("sort")).toBe("newest");
    await page.getByRole("radio", { name: "Best match" }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBeNull();
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("puts newest first across a shard's languages: the Chinese article among the English ones by its date", async () => {
    // A filter alone lists every article it holds; 2024's shard has an English and a Chinese index.
    const { page, violations } = await visit("/search/?category=Business&sort=newest");
    await expect
      .poll(async () => (await titles(page)).slice(0, 3))
      .toEqual(["阿里巴巴暂停会员资格", "Market report 23", "Market report 21"]);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("says so when nothing matches, and finds no draft or scheduled article", async () => {
    for (const query of ["zzzqqq", "Embargoed", "Unfinished"]) {
      const { page, violations } = await visit(`/search/?q=${query}`);
      await expect.poll(() => status(page).textContent()).toBe(`No articles found for “${query}”.`);
      expect(await page.locator(".search-result").count()).toBe(0);
      expect(await violations()).toEqual([]);
      await page.close();
    }
  });

  // Pagefind's index splits 阿里巴巴 into 阿里 + 巴巴 while the browser's segmenter keeps it
  // whole: the article is found, but Pagefind marks no word in its excerpt.
  it.each([
    ["阿里巴巴", "the name, as a reader types it", 0],
    ["会员资格", "words from the middle of the headline", 4],
    ["联盟", "a word only in the body", 1],
  ])("finds the Chinese article by a Chinese query: %s (%s)", async (query, _what, marks) => {
    const { page, violations } = await visit(`/search/?q=${encodeURIComponent(query)}`);
    await expect.poll(() => status(page).textContent()).toBe(`1 article found for “${query}”.`);
    expect(await page.locator(".search-result a").first().getAttribute("href")).toBe("/articles/alibaba-chinese/");
    expect(await page.locator(".search-result__title").textContent()).toBe("阿里巴巴暂停会员资格");
    expect(await page.locator(".search-result mark").count()).toBe(marks);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("highlights the matched words and shows a headline's markup as text", async () => {
    const { page, violations } = await visit("/search/?q=headline");
    await expect.poll(() => status(page).textContent()).toBe("1 article found for “headline”.");
    expect(await page.locator(".search-result__title").textContent()).toBe("A <script>alert(1)</script> headline & more");
    expect(await page.locator(".search-result__excerpt mark").allTextContents()).toEqual(["headline"]);
    expect(await page.locator(".search-result__excerpt").textContent()).toContain("A <script>alert(1)</script> headline & more");
    expect(await page.locator(".search-results script").count()).toBe(0);
    expect(await page.locator(".search-result time").getAttribute("datetime")).toBe("2024-04-03T00:00:00.000+01:00");
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("works from the keyboard: type, Enter, then more results with focus on the first new one", async () => {
    const { page, violations } = await visit("/search/");
    await page.keyboard.press("Tab"); // skip link
    while (!(await page.evaluate(() => document.activeElement?.id === "search-query"))) await page.keyboard.press("Tab");
    await page.keyboard.type("report");
    await page.keyboard.press("Enter");
    await expect.poll(() => status(page).textContent()).toBe("23 articles found for “report”.");
    await page.getByRole("button", { name: "Show more results" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".search-result").count()).toBe(10);
    expect(await page.evaluate(() => document.activeElement?.closest("li") === document.querySelectorAll(".search-result")[5])).toBe(true);
    // To the end, five at a time; then the button goes.
    for (const shown of [15, 20, 23]) {
      await page.getByRole("button", { name: "Show more results" }).click();
      await expect.poll(() => page.locator(".search-result").count()).toBe(shown);
    }
    expect(await page.getByRole("button", { name: "Show more results" }).isVisible()).toBe(false);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("fetches nothing of the index on other pages, nor on /search/ until the reader uses it", async () => {
    for (const url of ["/", "/articles/alibaba-chinese/", "/articles/market-report-7/", "/tags/retail/"]) {
      const { page, searchRequests, violations } = await visit(url);
      await page.getByRole("searchbox", { name: "Search articles" }).focus();
      await page.waitForTimeout(100);
      expect(searchRequests, url).toEqual([]);
      expect(await violations()).toEqual([]);
      await page.close();
    }
    const { page, searchRequests } = await visit("/search/");
    await page.waitForTimeout(200);
    expect(searchRequests).toEqual([]);
    await page.locator("#search-query").focus();
    await expect.poll(() => searchRequests).toContainEqual(expect.stringMatching(/^\/pagefind\/2024\.[0-9a-f]{12}\/pagefind\.js$/));
    await page.close();
  });

  it("hides the no-JavaScript note when the script runs, and shows it when it cannot", async () => {
    const { page } = await visit("/search/");
    expect(await page.locator("[data-search-needs-js]").isVisible()).toBe(false);
    expect(await page.locator("#search-query").isVisible()).toBe(true);
    await page.close();
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    await plain.goto(`${server.url}/search/?q=report`);
    expect(await plain.locator("[data-search-needs-js]").textContent()).toContain("Search needs JavaScript");
    expect(await plain.locator("#search-query").isVisible()).toBe(false);
    await context.close();
  });
});

interface ServedSite {
  server: RunningServer;
  browser: Browser;
  remove(): Promise<void>;
}

/** These content files built with the real build command, served under the site's policy, with a browser to visit them. */
async function buildAndServe(files: Record<string, string>): Promise<ServedSite> {
  const contentDir = await writeContent(files);
  const build = await buildSite(contentDir, { BROADSHEET_NOW: FIXTURE_NOW });
  const removeFiles = () => Promise.all([contentDir, build.outputDir].map((dir) => rm(dir, { recursive: true, force: true })));
  if (build.code !== 0) {
    await removeFiles();
    throw new Error(`build failed: ${build.stderr}`);
  }
  const server = await serveDirectory(build.outputDir, { headers: { "content-security-policy": await readSiteCsp() } });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    async remove() {
      await browser.close();
      await server.close();
      await removeFiles();
    },
  };
}

describeWithBrowser("search over an index in two year shards", () => {
  let site: ServedSite;
  // Pagefind puts each shard's results at their position within that shard, so a plain
  // merge would interleave these: 2023 has more articles than 2024.
  const stories = [
    ["2023-02-01-thaw.md", { title: "Thaw", date: "2023-02-01", tags: ["Weather"], category: "Nature" }, "Kites over the thawing lake."],
    ["2023-07-01-heat.md", { title: "Heat", date: "2023-07-01", tags: ["Weather"], category: "Nature" }, "Kites in the heat."],
    [
      "2023-12-31-eve.md",
      { title: "Kites kites kites", date: "2023-12-31T23:00:00Z", tags: ["Parties"], category: "Town" },
      "Kites at midnight, kites everywhere, kites.",
    ],
    ["2024-01-01-dawn.md", { title: "Dawn", date: "2024-01-01T07:00:00Z", tags: ["Weather"], category: "Nature" }, "Kites at dawn."],
    ["2024-05-01-may.md", { title: "May Day", date: "2024-05-01", tags: ["Parties"], category: "Town" }, "Kites on the green."],
  ] as const;

  beforeAll(async () => {
    site = await buildAndServe(
      Object.fromEntries(stories.map(([file, fields, body]) => [file, article({ ...fields, tags: [...fields.tags] }, body)])),
    );
  });
  afterAll(() => site?.remove());

  const status = (page: Page) => page.locator("[data-search-status]");
  const titles = (page: Page) => page.locator(".search-result__title a").allTextContents();

  it("lists newest first strictly by date across the shards, and the best match first", async () => {
    const page = await site.browser.newPage();
    const requests: string[] = [];
    page.on("request", (request) => void requests.push(new URL(request.url()).pathname));
    await page.goto(`${site.server.url}/search/?q=kites&sort=newest`);
    await expect.poll(() => status(page).textContent()).toBe("5 articles found for “kites”.");
    expect(await titles(page)).toEqual(["May Day", "Dawn", "Kites kites kites", "Heat", "Thaw"]);
    // One WebAssembly module, the newest shard's; the older shard is merged into it.
    expect(requests.filter((request) => request.startsWith("/pagefind/") && request.includes("wasm"))).toEqual([
      expect.stringMatching(/^\/pagefind\/2024\.[0-9a-f]{12}\/wasm\.en\.pagefind$/),
    ]);
    await page.getByRole("radio", { name: "Best match" }).check();
    await expect.poll(async () => (await titles(page))[0]).toBe("Kites kites kites");
    expect((await titles(page)).sort()).toEqual(["Dawn", "Heat", "Kites kites kites", "May Day", "Thaw"]);
    await page.close();
  });

  it("counts filters over both shards, and narrows across them", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/search/?q=kites&sort=newest`);
    await expect.poll(() => status(page).textContent()).toBe("5 articles found for “kites”.");
    await page.getByRole("button", { name: "Filter by category, year and tag" }).click();
    await expect.poll(() => page.locator("#search-filter-year option").allTextContents()).toEqual(["Any year", "2024 (2)", "2023 (3)"]);
    expect(await page.locator("#search-filter-category option").allTextContents()).toEqual(["Any category", "Nature (3)", "Town (2)"]);
    await page.getByRole("checkbox", { name: "Weather (3)" }).check();
    await expect.poll(() => status(page).textContent()).toBe("3 articles found for “kites” with the chosen filters.");
    expect(await titles(page)).toEqual(["Dawn", "Heat", "Thaw"]);
    expect(await page.locator("#search-filter-year option").allTextContents()).toEqual(["Any year", "2024 (1)", "2023 (2)"]);
    await page.close();
  });
});

describeWithBrowser("search across shards where a word is only in some", () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await buildAndServe({
      // 2022 has only a shorter word, which Pagefind would answer with for want of the word;
      // 2024 a longer one the word begins, which one index of everything finds too.
      "2022-05-01-nickname.md": article({ title: "Nickname", date: "2022-05-01" }, "Zepp is what the crew called her."),
      "2023-05-01-airship.md": article({ title: "Airship", date: "2023-05-01" }, "A zeppelin over the harbour."),
      "2024-02-01-hangar.md": article({ title: "Hangar", date: "2024-02-01" }, "The zeppelinhangar opens to visitors."),
    });
  });
  afterAll(() => site?.remove());

  it("finds what one index would: the word and the longer words it begins, not a shorter word in another year", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/search/?q=zeppelin&sort=newest`);
    await expect.poll(() => page.locator("[data-search-status]").textContent()).toBe("2 articles found for “zeppelin”.");
    expect(await page.locator(".search-result__title a").allTextContents()).toEqual(["Hangar", "Airship"]);
    // The shorter word alone still finds its article.
    await page.goto(`${site.server.url}/search/?q=zepp`);
    await expect.poll(() => page.locator("[data-search-status]").textContent()).toMatch(/^\d+ articles? found for “zepp”\.$/);
    expect(await page.locator(".search-result__title a").allTextContents()).toContain("Nickname");
    await page.close();
  });
});

describeWithBrowser("a search page left open across a deploy", () => {
  it("loads the new index when the one it loaded has gone, and shows the new deploy's article", async () => {
    const articles = {
      "2024-01-01-harbour.md": article({ title: "Harbour", date: "2024-01-01" }, "Balloons over the harbour."),
      "2024-01-02-bay.md": article({ title: "Bay", date: "2024-01-02" }, "Kites over the bay."),
    };
    const contentDir = await writeContent(articles);
    const outputDir = await mkdtemp(path.join(tmpdir(), "broadsheet-deploys-"));
    const deploy = async () => {
      const build = await buildInto(contentDir, outputDir, { BROADSHEET_NOW: FIXTURE_NOW });
      if (build.code !== 0) throw new Error(`build failed: ${build.stderr}`);
    };
    await deploy();
    const server = await serveDirectory(outputDir, { headers: { "content-security-policy": await readSiteCsp() } });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (request) => void requests.push(new URL(request.url()).pathname));
      await page.goto(`${server.url}/search/?q=harbour`);
      const status = page.locator("[data-search-status]");
      await expect.poll(() => status.textContent()).toBe("1 article found for “harbour”.");
      const before = JSON.parse(await readFile(path.join(outputDir, "pagefind", "shards.json"), "utf8")) as ShardManifest;

      // The bay article is corrected and the site deployed again: 2024's shard moves.
      await writeFile(
        path.join(contentDir, "articles", "2024-01-02-bay.md"),
        article({ title: "Bay", date: "2024-01-02" }, "Kites and zeppelins over the bay."),
      );
      await deploy();
      const after = JSON.parse(await readFile(path.join(outputDir, "pagefind", "shards.json"), "utf8")) as ShardManifest;
      expect(after.shards[0]!.folder).not.toBe(before.shards[0]!.folder);

      // The page's index still holds the word, but the bay article's record was in the old folder.
      await page.locator("#search-query").fill("kites");
      await expect.poll(() => status.textContent()).toBe("1 article found for “kites”.");
      expect(await page.locator(".search-result").first().textContent()).toContain("zeppelins");
      expect(requests).toContain(`/pagefind/${after.shards[0]!.folder}/pagefind.js`);
      await page.close();
    } finally {
      await browser.close();
      await server.close();
      await Promise.all([contentDir, outputDir].map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });
});

describeWithBrowser("search for a word whose longer words run past the end of an index chunk", () => {
  let site: ServedSite;
  // Pagefind cuts a shard's words into chunks of at least 1,000 word locations (shards.ts,
  // chunkSizeFor), and cuts right after a word that fills one: "delcor" and "stariter", 1,250
  // times each here, end their chunks, and the longer words they (or the stem "starit") begin
  // start the next. Pagefind loads only the chunk holding the query word.
  const crowded = Array.from({ length: 25 }, (_, i) => {
    const day = String(i + 1).padStart(2, "0");
    return [
      `2024-03-${day}-council-${i}.md`,
      article({ title: `Council ${i}`, date: `2024-03-${day}`, tags: ["Council"] }, `${"Delcor stariter. ".repeat(50)}The council met.`),
    ] as const;
  });

  beforeAll(async () => {
    site = await buildAndServe({
      ...Object.fromEntries(crowded),
      "2024-04-01-harbour.md": article(
        { title: "Harbour", date: "2024-04-01", tags: ["Harbour"] },
        "Delcorriex and starituhon came in on the tide.",
      ),
    });
  });
  afterAll(() => site?.remove());

  it("finds the articles with the longer words in the next chunk, for the word and for its stem", async () => {
    const page = await site.browser.newPage();
    for (const query of ["delcor", "stariter"]) {
      await page.goto(`${site.server.url}/search/?q=${query}&sort=newest`);
      await expect.poll(() => page.locator("[data-search-status]").textContent()).toBe(`26 articles found for “${query}”.`);
      expect((await page.locator(".search-result__title a").allTextContents())[0]).toBe("Harbour");
    }
    await page.close();
  });
});
