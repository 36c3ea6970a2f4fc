import { readFile, rm } from "node:fs/promises";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestPathFor } from "../../src/shared/article-manifest.ts";
import { type BuildResult, buildSite, listFiles, readPage } from "../support/build-site.ts";
import { buildFixtureSite, type FixtureBuild } from "../support/fixture-site.ts";

let fixture: FixtureBuild;
let build: BuildResult;
let contentDir: string;

beforeAll(async () => {
  fixture = await buildFixtureSite();
  ({ build, contentDir } = fixture);
});
afterAll(() => fixture?.remove());

const page = async (url: string) => load(await readPage(build.outputDir, url));

describe("home page", () => {
  it("lists the newest 20 articles with date, summary, category and tags, then links to page 2", async () => {
    const $ = await page("/");
    const titles = $(".article-card__title")
      .map((_, el) => $(el).text())
      .get();
    expect(titles).toHaveLength(20);
    expect(titles[0]).toBe("A <script>alert(1)</script> headline & more");
    expect(titles[1]).toBe("阿里巴巴暂停会员资格");
    const card = $(".article-card").eq(2);
    expect(card.find("time").attr("datetime")).toBe("2024-03-23T09:00:00.000+00:00");
    expect(card.find(".article-card__summary").text()).toBe("Summary of report 23.");
    expect(card.find(".meta a").attr("href")).toBe("/category/business/");
    expect($('link[rel="next"]').attr("href")).toBe("/page/2/");
    expect($('.pager a[rel="next"]').attr("href")).toBe("/page/2/");
  });

  it("puts the rest on /page/2/, which links back", async () => {
    const $ = await page("/page/2/");
    expect($(".article-card")).toHaveLength(5);
    expect($('link[rel="prev"]').attr("href")).toBe("/");
  });
});

describe("article page", () => {
  it("has the breadcrumb Home › Category › Title, with matching BreadcrumbList data", async () => {
    const $ = await page("/articles/alibaba-chinese/");
    const crumbs = $(".breadcrumb li")
      .map((_, el) => $(el).text().trim())
      .get();
    expect(crumbs).toEqual(["Home", "Business", "阿里巴巴暂停会员资格"]);
    expect($(".breadcrumb a").eq(1).attr("href")).toBe("/category/business/");
    const jsonLd = $('script[type="application/ld+json"]')
      .map((_, el) => JSON.parse($(el).text()))
      .get();
    const trail = jsonLd.find((data) => data["@type"] === "BreadcrumbList");
    expect(trail.itemListElement.map((item: { name: string }) => item.name)).toEqual(crumbs);
    const news = jsonLd.find((data) => data["@type"] === "NewsArticle");
    expect(news).toMatchObject({
      headline: "阿里巴巴暂停会员资格",
      datePublished: "2024-04-01T00:00:00.000+01:00",
      author: { name: "王伟" },
    });
  });

  it("shows byline, source, dates as <time datetime>, reading time and linked tags", async () => {
    const $ = await page("/articles/alibaba-chinese/");
    expect($("h1")).toHaveLength(1);
    expect($(".byline").text()).toContain("王伟");
    expect($(".byline .source").text()).toBe("新华社");
    expect($(".article__header time").attr("datetime")).toBe("2024-04-01T00:00:00.000+01:00");
    expect($(".article__header .meta").text()).toContain("1 min read");
    expect(
      $(".tag-list a")
        .map((_, el) => $(el).attr("href"))
        .get(),
    ).toEqual(["/tags/阿里巴巴/", "/tags/iacc/"]);
    expect($('link[rel="canonical"]').attr("href")).toBe("https://gazette.example.org/articles/alibaba-chinese/");
    expect($('meta[property="og:type"]').attr("content")).toBe("article");
  });

  it("shows the updated date and escapes a headline's markup everywhere", async () => {
    const html = await readPage(build.outputDir, "/articles/closed-for-replies/");
    expect(html).not.toContain("<script>alert(1)</script>");
    const $ = load(html);
    expect($("h1").text()).toBe("A <script>alert(1)</script> headline & more");
    expect($(".article__header time").eq(1).attr("datetime")).toBe("2024-04-04T00:00:00.000+01:00");
  });

  it("links previous, next and up to 5 related articles by shared tags", async () => {
    const $ = await page("/articles/market-report-10/");
    expect($('.article-nav a[rel="prev"]').attr("href")).toBe("/articles/market-report-9/");
    expect($('.article-nav a[rel="next"]').attr("href")).toBe("/articles/market-report-11/");
    const related = $(".related li a")
      .map((_, el) => $(el).attr("href"))
      .get();
    expect(related).toHaveLength(5);
    expect(related).not.toContain("/articles/market-report-10/");
  });
});

describe("tag pages", () => {
  it("make spellings that differ in case or spacing one tag with one paginated URL", async () => {
    const files = await listFiles(build.outputDir);
    expect(files.filter((file) => /^tags\/ali/i.test(file)).sort()).toEqual(["tags/alibaba/index.html", "tags/alibaba/page/2/index.html"]);
    const $ = await page("/tags/alibaba/");
    expect($("h1").text()).toBe("Tag: Alibaba");
    expect($(".article-card")).toHaveLength(20);
    const retail = await page("/tags/retail/");
    expect(retail(".article-card")).toHaveLength(20);
    expect(retail('link[rel="next"]').attr("href")).toBe("/tags/retail/page/2/");
    const second = await page("/tags/retail/page/2/");
    expect(
      second(".article-card")
        .map((_, el) => second(el).find("h2").text())
        .get(),
    ).toEqual(["Market report 3", "Market report 2", "Market report 1"]);
  });

  it("give a non-Latin tag a working URL", async () => {
    const $ = await page("/tags/阿里巴巴/");
    expect($(".article-card h2").text()).toBe("阿里巴巴暂停会员资格");
  });

  it("list every tag with its count on /tags/, most used first", async () => {
    const $ = await page("/tags/");
    const rows = $(".term-index li")
      .map((_, el) => $(el).text().replace(/\s+/g, " ").trim())
      .get();
    expect(rows.slice(0, 3)).toEqual(["Alibaba (23)", "Retail (23)", "Gucci (4)"]);
    expect(rows).toContain("阿里巴巴 (1)");
  });
});

describe("categories and archives", () => {
  it("have a page per category, an index, per-category feeds and year pages", async () => {
    const business = await page("/category/business/");
    expect(business(".meta").first().text()).toContain("13 articles");
    const index = await page("/category/");
    expect(
      index(".term-index a")
        .map((_, el) => index(el).attr("href"))
        .get(),
    ).toEqual(["/category/business/", "/category/technology/"]);
    const feed = load(await readPage(build.outputDir, "/category/technology/feed.xml"), { xml: true });
    expect(feed("entry")).toHaveLength(11);
    const year = await page("/archive/2024/");
    expect(year(".meta").first().text()).toContain("25 articles");
  });
});

describe("feeds", () => {
  it("Atom: newest 20, full content with absolute URLs", async () => {
    const $ = load(await readPage(build.outputDir, "/feed.xml"), { xml: true });
    expect($("feed > entry")).toHaveLength(20);
    expect($("feed > link[rel=self]").attr("href")).toBe("https://gazette.example.org/feed.xml");
    const first = $("feed > entry").first();
    expect(first.find("id").text()).toBe("https://gazette.example.org/articles/closed-for-replies/");
    expect(first.find("content").text()).toContain('href="https://gazette.example.org/archive/"');
    expect($("feed > updated").text()).toBe("2024-04-03T23:00:00Z");
  });

  it("JSON Feed: newest 20 with absolute URLs", async () => {
    const feed = JSON.parse(await readPage(build.outputDir, "/feed.json"));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.items).toHaveLength(20);
    expect(feed.items[1]).toMatchObject({ url: "https://gazette.example.org/articles/alibaba-chinese/", tags: ["阿里巴巴", "IACC"] });
  });
});

describe("drafts and scheduled articles", () => {
  it("are left out of pages, feeds, sitemap and tag counts in a build", async () => {
    const files = await listFiles(build.outputDir);
    for (const hidden of ["unfinished-draft", "scheduled-story", "secret-tag", "future-tag", "drafts-only"]) {
      expect(files.filter((file) => file.includes(hidden))).toEqual([]);
    }
    const everything = (
      await Promise.all(["/feed.xml", "/feed.json", "/sitemap.xml", "/tags/", "/"].map((url) => readPage(build.outputDir, url)))
    ).join("\n");
    expect(everything).not.toMatch(/Unfinished draft|Scheduled story|Secret tag|Future tag/);
  });

  it("go live on the first build after their date", async () => {
    const later = await buildSite(contentDir, { BROADSHEET_NOW: "2099-01-01T08:00:00Z" });
    try {
      expect(later.code).toBe(0);
      const $ = load(await readPage(later.outputDir, "/"));
      expect($(".article-card h2").first().text()).toBe("Scheduled story");
    } finally {
      await rm(later.outputDir, { recursive: true, force: true });
    }
  });
});

describe("site files", () => {
  it("writes sitemap.xml, robots.txt, a 404 page and the reply manifest", async () => {
    const sitemap = load(await readPage(build.outputDir, "/sitemap.xml"), { xml: true });
    const locs = sitemap("loc")
      .map((_, el) => sitemap(el).text())
      .get();
    expect(locs).toContain("https://gazette.example.org/articles/alibaba-chinese/");
    expect(locs).toContain("https://gazette.example.org/tags/retail/page/2/");
    expect(await readPage(build.outputDir, "/robots.txt")).toContain("Sitemap: https://gazette.example.org/sitemap.xml");
    const notFound = load(await readPage(build.outputDir, "/404.html"));
    expect(notFound("h1").text()).toBe("Page not found");
    const manifest = JSON.parse(await readFile(manifestPathFor(build.outputDir), "utf8"));
    expect(manifest.articles).toHaveLength(25);
    expect(manifest.articles.find((a: { key: string }) => a.key === "closed-for-replies").repliesOpen).toBe(false);
  });
});
