/**
 * The one schema a static page's front matter passes (content/pages/<slug>.md: About,
 * Contact, Corrections, Privacy policy). Unknown fields are errors, as for articles.
 */
import { z } from "zod";
import { ARTICLE_KEY_PATTERN } from "../../shared/article-key-pattern.ts";

export const pageFrontMatterSchema = z.strictObject({
  title: z.string({ error: "expected the page's title as text" }).trim().min(1, "expected a non-empty title"),
  summary: z.string({ error: "expected one or two sentences of text" }).trim().min(1).optional(),
  updated: z.string({ error: "expected an ISO date like 2026-11-30" }).optional(),
  draft: z.boolean({ error: "expected true or false (without quotes)" }).default(false),
});

export type PageFrontMatter = z.infer<typeof pageFrontMatterSchema>;

/** A page's slug is its file name without ".md": the URL /<slug>/, so it follows the article-key pattern. */
export function readPageSlug(fileName: string): string | undefined {
  const slug = fileName.replace(/\.md$/, "");
  return ARTICLE_KEY_PATTERN.test(slug) ? slug : undefined;
}

/**
 * Slugs the site already uses for its own pages: a page named like one would overwrite it.
 * Kept next to the schema so the message can list them; the WordPress importer renames a page
 * that would take one of them.
 */
export const RESERVED_PAGE_SLUGS: readonly string[] = [
  "articles",
  "authors",
  "archive",
  "category",
  "tags",
  "search",
  "api",
  "pagefind",
  "assets",
  "page",
  "reply",
  "replies",
  "feed",
  "media",
  "img",
  "sitemaps",
];
