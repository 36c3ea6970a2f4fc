/**
 * The newsroom's own pages and the author pages, built from fixture content with the real
 * build command: what a reader finds, what search engines are told, and what authors are
 * told when a page or a profile is wrong.
 */
import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findHeaders } from "../../src/http/preview/netlify-rules.ts";
import { createPreviewHandler } from "../../src/http/preview/preview-handler.ts";
import { loadPreviewRules } from "../../src/http/preview/server.ts";
import { buildSite, listFiles, ROOT, readPage } from "../support/build-site.ts";
import { buildNewsroomSite, type NewsroomBuild, writeNewsroomContent } from "../support/newsroom-site.ts";
import { checkHtml, javaAvailable } from "../support/nu-checker.ts";
import { readIndexedPages, readIndexLanguages } from "../support/search-bundle.ts";

let site: NewsroomBuild;
beforeAll(async () => {
  site = await buildNewsroomSite();
}, 120_000);
afterAll(() => site?.remove());

const page = async (url: string) => load(await readPage(site.build.outputDir, url));
const jsonLd = ($: ReturnType<typeof load>) =>
  $('script[type="application/ld+json"]')
    .map((_, el) => JSON.parse($(el).text()) as Record<string, unknown>)
    .get() as Record<string, unknown>[];

describe("static pages", () => {
  it("are served at /<slug>/ in the site's layout, linked from every page's footer", async () => {
    const $ = await page("/privacy/");
    expect($("h1").text()).toBe("Privacy policy");
    expect($(".static-page time").attr("datetime")).toBe("2025-12-01T00:00:00.000+00:00");
    expect($("main").text()).toContain("keyed hash of your email");
    for (const url of ["/", "/articles/replies-story/", "/privacy/"]) {
      const $page = await page(url);
      const footer = $page(".site-footer a")
        .map((_, el) => $page(el).attr("href"))
        .get();
      expect(footer).toEqual(expect.arrayContaining(["/about/", "/privacy/", "/archive/", "/authors/"]));
      expect(footer).not.toContain("/sitemap.xml");
    }
  });

  it("are in the sitemap and searchable", async () => {
    const sitemap = await readPage(site.build.outputDir, "/sitemaps/sitemap-1.xml");
    expect(sitemap).toContain("<loc>https://gazette.example.org/privacy/</loc><lastmod>2025-12-01T00:00:00Z</lastmod>");
    expect(sitemap).toContain("<loc>https://gazette.example.org/about/</loc>");
    // The index is in shards now (one per year, and one for the pages): count over all of them.
    const languages = await readIndexLanguages(site.build.outputDir);
    const pageCount = Object.values(languages).reduce((sum, l) => sum + l.page_count, 0);
    expect(pageCount).toBe(25 + 2);
    const pagesShard = (await readIndexedPages(site.build.outputDir)).filter((page) => page.shard === "pages").map((page) => page.url);
    expect(pagesShard.sort()).toEqual(["/about/", "/privacy/"]);
  });

  it("fail the build naming every bad page, field and expectation at once", async () => {
    const contentDir = await writeNewsroomContent();
    await writeFile(path.join(contentDir, "pages", "contact.md"), "---\ntitel: Contact\n---\n\nText.\n");
    await writeFile(path.join(contentDir, "pages", "Bad Name.md"), "---\ntitle: Bad\n---\n");
    const result = await buildSite(contentDir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/pages[\\/]contact\.md: field "title" is required/);
    expect(result.stderr).toMatch(/pages[\\/]contact\.md: unknown field "titel"/);
    expect(result.stderr).toMatch(/pages[\\/]Bad Name\.md: file name must be slug\.md/);
  }, 60_000);
});

describe("author pages", () => {
  it("link from the byline and list the author's articles, newest first, paginated", async () => {
    const article = await page("/articles/report-23/");
    expect(article(".byline a.author").attr("href")).toBe("/authors/wang-wei/");
    const $ = await page("/authors/wang-wei/");
    expect($("h1").text()).toBe("Wang Wei");
    expect($(".author-profile__bio").text()).toBe("Covers retail from Shanghai.");
    expect($(".article-card__title").first().text()).toBe("Report 23 on retail");
    expect($(".article-card")).toHaveLength(20);
    expect($('.pager a[rel="next"]').attr("href")).toBe("/authors/wang-wei/page/2/");
    expect((await page("/authors/wang-wei/page/2/"))(".article-card")).toHaveLength(3);
    expect((await page("/authors/王伟/"))("h1").text()).toBe("王伟");
  });

  it("are listed on /authors/ with their counts", async () => {
    const $ = await page("/authors/");
    expect(
      $(".term-index li")
        .map((_, el) => $(el).text().replace(/\s+/g, " ").trim())
        .get(),
    ).toEqual(["Li Na (1)", "Wang Wei (23)", "王伟 (1)"]);
  });

  it("describe the author as a Person, on the author's page and as the article's author", async () => {
    const [profile] = jsonLd(await page("/authors/wang-wei/"));
    expect(profile).toMatchObject({
      "@type": "ProfilePage",
      mainEntity: {
        "@type": "Person",
        name: "Wang Wei",
        url: "https://gazette.example.org/authors/wang-wei/",
        sameAs: ["https://example.org/wang-wei"],
      },
    });
    const news = jsonLd(await page("/articles/report-1/")).find((data) => data["@type"] === "NewsArticle");
    expect(news?.author).toEqual({
      "@type": "Person",
      name: "Wang Wei",
      url: "https://gazette.example.org/authors/wang-wei/",
      description: "Covers retail from Shanghai.",
      sameAs: ["https://example.org/wang-wei"],
    });
  });

  it("reject a profile file naming the field and what was expected", async () => {
    const contentDir = await writeNewsroomContent();
    await writeFile(path.join(contentDir, "authors.json"), JSON.stringify({ "wang-wei": { name: "Wang Wei", links: ["not a url"] } }));
    const result = await buildSite(contentDir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('authors.json: field "wang-wei.links[0]": expected an http(s) address');
  }, 60_000);
});

describe("sitemaps", () => {
  it("index the sitemap files and list the last two days' articles for Google News", async () => {
    expect(await readPage(site.build.outputDir, "/sitemap.xml")).toContain("<loc>https://gazette.example.org/sitemaps/sitemap-1.xml</loc>");
    expect(await readdir(path.join(site.build.outputDir, "sitemaps"))).toEqual(["sitemap-1.xml"]);
    const urls = await readPage(site.build.outputDir, "/sitemaps/sitemap-1.xml");
    expect(urls).toContain("https://gazette.example.org/authors/wang-wei/page/2/");
    // The build's "now" is 2026-01-01T00:00Z: only the article of 2025-12-31 is in the news window.
    const news = load(await readPage(site.build.outputDir, "/sitemap-news.xml"), { xml: true });
    expect(
      news("url > loc")
        .map((_, el) => news(el).text())
        .get(),
    ).toEqual(["https://gazette.example.org/articles/chinese-story/"]);
    expect(news("news\\:language").text()).toBe("zh-cn");
    expect(await readPage(site.build.outputDir, "/robots.txt")).toContain("Sitemap: https://gazette.example.org/sitemap-news.xml");
  });
});

describe("replies under an article", () => {
  it("list every reply in the form's 'In reply to', indented by depth, never NaN", async () => {
    const $ = await page("/articles/replies-story/");
    const options = $("#reply-parent option")
      .map((_, el) => $(el).text())
      .get();
    expect(options).toEqual([
      "The article",
      "Li Na, Dec 20, 2025, 10:00 AM",
      "–\u00a0Zhang San, Dec 21, 2025, 10:00 AM",
      "–\u00a0–\u00a0Li Na, Dec 22, 2025, 10:00 AM",
    ]);
  });

  it("date the replies feed by its newest reply, not by the article", async () => {
    const feed = load(await readPage(site.build.outputDir, "/articles/replies-story/replies.xml"), { xml: true });
    const entries = feed("entry > updated")
      .map((_, el) => feed(el).text())
      .get();
    const updated = feed("feed > updated").text();
    expect(updated).toBe("2025-12-22T10:00:00Z");
    for (const entry of entries) expect(updated >= entry).toBe(true);
  });
});

describe("reply links", () => {
  it("offer 'Reply to' under every reply above the depth limit", async () => {
    const $ = await page("/articles/replies-story/");
    expect(
      $("a.reply__respond")
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual(["Reply to Li Na", "Reply to Zhang San", "Reply to Li Na"]);
  });
});

describe("URLs typed with capitals, and /articles/", () => {
  it("lead to the page instead of a 404, through the built _redirects (as the preview and Netlify read it)", async () => {
    const { redirects } = await loadPreviewRules(path.join(ROOT, "netlify.toml"), site.build.outputDir);
    const handle = createPreviewHandler({ root: site.build.outputDir, headers: [], redirects });
    const get = (url: string) => handle(new Request(`http://preview.test${url}`, { redirect: "manual" }));
    for (const [from, to] of [
      ["/tags/Gucci/", "/tags/gucci/"],
      ["/category/Business/", "/category/business/"],
      ["/authors/Wang-Wei/", "/authors/wang-wei/"],
      ["/articles/", "/archive/"],
    ]) {
      const response = await get(from!);
      expect([from, response.status, new URL(response.headers.get("location") ?? "", "http://preview.test").pathname]).toEqual([
        from,
        301,
        to,
      ]);
      expect((await get(to!)).status).toBe(200);
    }
  });
});

describe("the Nu HTML Checker", () => {
  it("finds no error on any page of every type", async (context) => {
    if (!(await javaAvailable())) {
      if (process.env.CI === "true") throw new Error("Java is needed for the Nu HTML Checker (apt-get install -y default-jre-headless)");
      context.skip("no java on PATH: install default-jre-headless to run the Nu HTML Checker");
    }
    const pages = (await listFiles(site.build.outputDir)).filter((file) => file.endsWith(".html") && !file.startsWith("pagefind/"));
    expect(pages.length).toBeGreaterThan(60);
    const errors = await checkHtml(pages.map((file) => path.join(site.build.outputDir, file)));
    expect(errors.map((error) => error.replace(`file:${site.build.outputDir}`, ""))).toEqual([]);
  }, 180_000);
});

describe("netlify.toml over the newsroom's pages, author pages and sitemaps", () => {
  it("gives every one a Cache-Control rule that revalidates", async () => {
    const rules = await loadPreviewRules(path.join(ROOT, "netlify.toml"), site.build.outputDir);
    const urls = [
      "/about/",
      "/privacy/",
      "/authors/",
      "/authors/wang-wei/page/2/",
      "/sitemap.xml",
      "/sitemaps/sitemap-1.xml",
      "/sitemap-news.xml",
    ];
    expect(urls.map((url) => [url, findHeaders(rules.headers, url)["Cache-Control"]])).toEqual(
      urls.map((url) => [url, "public, max-age=0, must-revalidate"]),
    );
  });
});
