/** What `npm run new -- [--slug SLUG] "Title"` writes: a correctly named article with valid front matter. */
import type { DateTime } from "luxon";
import { ARTICLE_KEY_PATTERN } from "../../shared/article-key-pattern.ts";

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

export interface DraftRequest {
  title: string;
  /** The file's slug (the article's key), when the title's own will not do. */
  slug?: string | undefined;
}

/**
 * The new file's name and text. No placeholder is written where it could be published by
 * mistake: the summary is a YAML comment until the author writes one. A title without Latin
 * letters (a Chinese headline) needs a slug from the author rather than a meaningless one.
 */
export function draftArticle(request: DraftRequest, now: DateTime): { fileName: string; text: string } {
  const trimmed = request.title.trim();
  if (!trimmed) throw new Error('Give the article a title: npm run new -- "The headline"');
  const slug = request.slug ?? slugifyTitle(trimmed);
  if (request.slug !== undefined && !ARTICLE_KEY_PATTERN.test(request.slug)) {
    throw new Error(`--slug "${request.slug}": expected lowercase letters, digits and single hyphens, e.g. --slug alibaba-suspended`);
  }
  if (!slug) {
    throw new Error(
      `"${trimmed}" has no Latin letters or digits to name the file after. Give its URL slug: npm run new -- --slug alibaba-suspended "${trimmed}"`,
    );
  }
  const fileName = `${now.toISODate()}-${slug}.md`;
  const text = [
    "---",
    `title: ${JSON.stringify(trimmed)}`,
    // Whole seconds: what an author would type, and what readers see.
    `date: ${now.set({ millisecond: 0 }).toISO({ suppressMilliseconds: true })}`,
    "# summary: One or two sentences for listings and search results (remove the # to use it).",
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

/** `npm run new -- [--slug SLUG] "Title"`: the title and the optional slug. */
export function parseNewArticleArgs(args: readonly string[]): DraftRequest {
  const words: string[] = [];
  let slug: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--slug") slug = args[++i] ?? "";
    else if (arg.startsWith("--slug=")) slug = arg.slice("--slug=".length);
    else words.push(arg);
  }
  return { title: words.join(" "), slug };
}
