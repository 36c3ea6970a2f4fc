import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { toNewsLanguage, toNewsSitemap, toSitemapFiles } from "../../src/site/outputs/sitemaps.ts";

const SITE = { url: "https://gazette.example.org", name: "Fixture & Gazette" };

describe("sitemap index", () => {
  it("splits 52,500 URLs into files of at most 50,000 and lists them in the index", () => {
    const entries = Array.from({ length: 52_500 }, (_, i) => ({ url: `/articles/a-${i}/`, lastmod: "2024-03-01T09:00:00Z" }));
    const files = toSitemapFiles(entries, SITE.url);
    expect(files.map((file) => file.path)).toEqual(["/sitemap.xml", "/sitemaps/sitemap-1.xml", "/sitemaps/sitemap-2.xml"]);
    const counts = files.slice(1).map((file) => file.text.match(/<url>/g)?.length);
    expect(counts).toEqual([50_000, 2_500]);
    expect(files[0]!.text).toContain("<sitemapindex");
    expect(files[0]!.text).toContain(
      "<loc>https://gazette.example.org/sitemaps/sitemap-2.xml</loc><lastmod>2024-03-01T09:00:00Z</lastmod>",
    );
  });

  it("writes one (empty) file for a site without URLs, so the index never points nowhere", () => {
    const files = toSitemapFiles([], SITE.url);
    expect(files).toHaveLength(2);
    expect(files[1]!.text).toContain("<urlset");
  });

  it("escapes URLs and writes dates in UTC", () => {
    const [, part] = toSitemapFiles([{ url: "/tags/a&b/", lastmod: "2024-03-01T09:00:00+08:00" }], SITE.url);
    expect(part!.text).toContain("<loc>https://gazette.example.org/tags/a&amp;b/</loc><lastmod>2024-03-01T01:00:00Z</lastmod>");
  });
});

describe("Google News sitemap", () => {
  const now = DateTime.fromISO("2026-01-10T12:00:00Z");
  const articles = [
    { url: "/articles/today/", title: "Today <live>", date: "2026-01-10T08:00:00Z", language: "en" },
    { url: "/articles/yesterday/", title: "阿里巴巴", date: "2026-01-09T08:00:00+08:00", language: "zh-Hans" },
    { url: "/articles/last-week/", title: "Old", date: "2026-01-03T08:00:00Z", language: "en" },
    { url: "/articles/scheduled/", title: "Future", date: "2026-01-11T08:00:00Z", language: "en" },
  ];

  it("lists only the articles of the last two days, with name, language, date and title", () => {
    const { path, text } = toNewsSitemap(articles, SITE, now);
    expect(path).toBe("/sitemap-news.xml");
    expect(text.match(/<url>/g)).toHaveLength(2);
    expect(text).toContain("https://gazette.example.org/articles/today/");
    expect(text).not.toContain("last-week");
    expect(text).not.toContain("scheduled");
    expect(text).toContain("<news:name>Fixture &amp; Gazette</news:name><news:language>en</news:language>");
    expect(text).toContain("<news:title>Today &lt;live&gt;</news:title>");
    expect(text).toContain("<news:publication_date>2026-01-09T00:00:00Z</news:publication_date>");
  });

  it.each([
    ["en", "en"],
    ["en-GB", "en"],
    ["zh-Hans", "zh-cn"],
    ["zh-Hant", "zh-tw"],
    ["zh", "zh-cn"],
  ])("names language %s as %s", (tag, expected) => {
    expect(toNewsLanguage(tag)).toBe(expected);
  });
});
