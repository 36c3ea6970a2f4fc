/**
 * The build's `_redirects` file: where the original WordPress site's URLs now live, for the
 * URLs that can be known from the articles. Netlify reads it before netlify.toml's rules.
 *
 * - `/YYYY/MM/DD/<key>/` → the article: WordPress's date-and-slug permalink, assuming the
 *   old slug was the key (the file name's slug). The date is the article's, in the site's
 *   time zone; when the file name's date differs, that date gets a line too. An article
 *   whose old slug was different needs a line in netlify.toml by hand.
 * - `/YYYY/` and `/YYYY/MM/` (WordPress's date archives) → our year archive.
 *
 * Only published articles get lines, in a fixed order, so two builds write the same bytes.
 * The rules of content/redirects.json (an import's old addresses, src/shared/redirects-file.ts)
 * come first, as written.
 */
import path from "node:path";
import { type RedirectRule, toRedirectLine } from "../../shared/redirects-file.ts";

export const REDIRECTS_FILE = "_redirects";

export interface RedirectSource {
  key: string;
  url: string;
  /** ISO 8601 in the site's time zone. */
  date: string;
  /** The article's file, whose name starts with YYYY-MM-DD. */
  file: string;
}

const HEADER = [
  "# Written by the build (src/site/outputs/redirects.ts): old WordPress URLs of the published articles.",
  "# Netlify reads this before netlify.toml's [[redirects]]; `npm run preview` does the same.",
];

export function toRedirects(articles: readonly RedirectSource[], extra: readonly RedirectRule[] = []): string {
  const articleLines = new Map<string, string>();
  const archiveLines = new Map<string, string>();
  for (const article of articles) {
    for (const day of articleDays(article)) {
      const [year, month, date] = day.split("-");
      articleLines.set(`/${year}/${month}/${date}/${article.key}/`, article.url);
      archiveLines.set(`/${year}/`, `/archive/${year}/`);
      archiveLines.set(`/${year}/${month}/`, `/archive/${year}/`);
    }
  }
  const lines = [...sorted(archiveLines), ...sorted(articleLines)].map(([from, to]) => `${from} ${to} 301`);
  return `${[...HEADER, ...extra.map(toRedirectLine), ...lines].join("\n")}\n`;
}

function articleDays(article: RedirectSource): string[] {
  const fromFileName = /^(\d{4}-\d{2}-\d{2})-/.exec(path.basename(article.file))?.[1];
  return [...new Set([article.date.slice(0, 10), ...(fromFileName ? [fromFileName] : [])])];
}

function sorted(lines: Map<string, string>): [string, string][] {
  return [...lines].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
