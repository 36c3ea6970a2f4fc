/**
 * The static pages as templates and search receive them (About, Contact, Corrections,
 * Privacy policy): rendered once per build, drafts only under the dev server. Pure.
 */
import type { ParsedPage } from "../content/load-pages.ts";
import type { Site } from "../content/site-metadata.ts";
import { formatReadable } from "./dates.ts";

export interface StaticPage {
  slug: string;
  url: string;
  title: string;
  summary: string | undefined;
  /** ISO 8601 in the site's time zone. */
  updated: string | undefined;
  updatedLabel: string | undefined;
  draft: boolean;
  /** The newsroom's markdown, rendered: trusted like an article's. */
  html: string;
}

export function buildStaticPages(
  parsed: readonly ParsedPage[],
  context: { site: Site; includeUnpublished: boolean; renderMarkdown: (body: string) => string },
): StaticPage[] {
  return parsed
    .filter((page) => context.includeUnpublished || !page.frontMatter.draft)
    .map((page) => ({
      slug: page.slug,
      url: `/${page.slug}/`,
      title: page.frontMatter.title,
      summary: page.frontMatter.summary,
      updated: page.updated?.toISO() ?? undefined,
      updatedLabel: page.updated ? formatReadable(page.updated, context.site) : undefined,
      draft: page.frontMatter.draft,
      html: context.renderMarkdown(page.body),
    }))
    .sort((a, b) => (a.slug < b.slug ? -1 : 1));
}
