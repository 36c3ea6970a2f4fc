/** What `npm run new -- "Title"` writes: a correctly named article with valid front matter. */
import type { DateTime } from "luxon";

export function slugifyTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

export function draftArticle(title: string, now: DateTime): { fileName: string; text: string } {
  const trimmed = title.trim();
  if (!trimmed) throw new Error('Give the article a title: npm run new -- "The headline"');
  // A title in a script without Latin letters still needs an ASCII key: fall back to the time.
  const slug = slugifyTitle(trimmed) || `article-${now.toFormat("HHmmss")}`;
  const fileName = `${now.toISODate()}-${slug}.md`;
  const text = [
    "---",
    `title: ${JSON.stringify(trimmed)}`,
    `date: ${now.toISO({ suppressMilliseconds: true })}`,
    'summary: "One or two sentences for listings and search results."',
    "category: News",
    "tags: []",
    "draft: true",
    "---",
    "",
    "Write the article here, in markdown. Remove `draft: true` to publish it.",
    "",
  ].join("\n");
  return { fileName, text };
}
