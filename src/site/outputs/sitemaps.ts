/**
 * Sitemaps that scale: /sitemap.xml is a sitemap index naming files of at most 50,000 URLs
 * each (the protocol's limit, https://www.sitemaps.org/protocol.html#index), and
 * /sitemap-news.xml lists the articles of the last two days for Google News
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
 * Pure: the caller lists the URLs and writes the files.
 */
import { DateTime } from "luxon";
import { formatRfc3339 } from "../model/dates.ts";
import { toAbsoluteUrl } from "../model/urls.ts";

export const SITEMAP_INDEX = "/sitemap.xml";
export const NEWS_SITEMAP = "/sitemap-news.xml";
export const SITEMAP_URL_LIMIT = 50_000;
/** Google News reads articles published in the last two days only. */
export const NEWS_WINDOW_DAYS = 2;

export interface SitemapEntry {
  /** Site-relative URL. */
  url: string;
  /** ISO 8601, when the page has a date of its own. */
  lastmod?: string;
}

export interface NewsEntry {
  url: string;
  title: string;
  /** ISO 8601. */
  date: string;
  /** BCP 47 tag of the article's text. */
  language: string;
}

export interface OutputFile {
  /** Site-relative path, starting with "/". */
  path: string;
  text: string;
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]!);
}

const HEAD = '<?xml version="1.0" encoding="utf-8"?>';

function urlset(entries: readonly SitemapEntry[], siteUrl: string): string {
  const lines = entries.map(
    (entry) =>
      `  <url><loc>${escapeXml(toAbsoluteUrl(entry.url, siteUrl))}</loc>${entry.lastmod ? `<lastmod>${formatRfc3339(entry.lastmod)}</lastmod>` : ""}</url>`,
  );
  return [HEAD, '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...lines, "</urlset>", ""].join("\n");
}

/** The index at /sitemap.xml and one file per 50,000 URLs under /sitemaps/. */
export function toSitemapFiles(entries: readonly SitemapEntry[], siteUrl: string, limit = SITEMAP_URL_LIMIT): OutputFile[] {
  const parts: OutputFile[] = [];
  for (let start = 0; start === 0 || start < entries.length; start += limit) {
    const chunk = entries.slice(start, start + limit);
    parts.push({ path: `/sitemaps/sitemap-${parts.length + 1}.xml`, text: urlset(chunk, siteUrl) });
  }
  const lastmodOf = (start: number) =>
    entries
      .slice(start, start + limit)
      .reduce<string | undefined>(
        (latest, entry) => (entry.lastmod && (!latest || formatRfc3339(entry.lastmod) > latest) ? formatRfc3339(entry.lastmod) : latest),
        undefined,
      );
  const index = [
    HEAD,
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...parts.map((part, i) => {
      const lastmod = lastmodOf(i * limit);
      return `  <sitemap><loc>${escapeXml(toAbsoluteUrl(part.path, siteUrl))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</sitemap>`;
    }),
    "</sitemapindex>",
    "",
  ].join("\n");
  return [{ path: SITEMAP_INDEX, text: index }, ...parts];
}

/** Google News names Chinese by script as zh-cn / zh-tw, every other language by its ISO 639 code. */
export function toNewsLanguage(tag: string): string {
  const lower = tag.toLowerCase();
  if (lower.startsWith("zh")) return /hant|-tw|-hk|-mo/.test(lower) ? "zh-tw" : "zh-cn";
  return lower.split("-")[0]!;
}

export function toNewsSitemap(articles: readonly NewsEntry[], site: { url: string; name: string }, now: DateTime): OutputFile {
  const since = now.minus({ days: NEWS_WINDOW_DAYS });
  const recent = articles.filter((article) => {
    const date = DateTime.fromISO(article.date, { setZone: true });
    return date >= since && date <= now;
  });
  const lines = recent.map((article) =>
    [
      "  <url>",
      `    <loc>${escapeXml(toAbsoluteUrl(article.url, site.url))}</loc>`,
      "    <news:news>",
      `      <news:publication><news:name>${escapeXml(site.name)}</news:name><news:language>${toNewsLanguage(article.language)}</news:language></news:publication>`,
      `      <news:publication_date>${formatRfc3339(article.date)}</news:publication_date>`,
      `      <news:title>${escapeXml(article.title)}</news:title>`,
      "    </news:news>",
      "  </url>",
    ].join("\n"),
  );
  return {
    path: NEWS_SITEMAP,
    text: [
      HEAD,
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
      ...lines,
      "</urlset>",
      "",
    ].join("\n"),
  };
}
