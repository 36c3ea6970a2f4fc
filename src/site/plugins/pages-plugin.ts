/**
 * Every page the site outputs, as virtual templates: the layouts live in _includes/pages/,
 * the data they paginate over comes from site-data-plugin. Virtual templates keep the
 * content folder pure data, so CONTENT_DIR can point at any corpus.
 */
import { repliesFeedUrl } from "../model/select-changed-pages.ts";
import type { EleventyConfig, TemplateData } from "./eleventy-types.ts";

export interface PageDefinition {
  layout: string;
  permalink: TemplateData["permalink"];
  /** Global data key to paginate over, one output page per entry (SELECTED: see select-changed-pages.ts). */
  each?: string;
}

const item = (data: Record<string, unknown>) => data.item as { url: string };

const PAGES: Record<string, PageDefinition> = {
  article: { layout: "pages/article.njk", each: "pagesToRender.articles", permalink: (data) => item(data).url },
  home: { layout: "pages/home.njk", each: "pagesToRender.homePages", permalink: (data) => item(data).url },
  tag: { layout: "pages/term.njk", each: "pagesToRender.tagPages", permalink: (data) => item(data).url },
  category: { layout: "pages/term.njk", each: "pagesToRender.categoryPages", permalink: (data) => item(data).url },
  year: { layout: "pages/term.njk", each: "pagesToRender.yearPages", permalink: (data) => item(data).url },
  "category-feed": {
    layout: "feeds/atom.njk",
    each: "pagesToRender.categoryFeeds",
    permalink: (data) => item(data).url,
  },
  "replies-feed": {
    layout: "feeds/replies-atom.njk",
    each: "pagesToRender.repliesFeeds",
    permalink: (data) => repliesFeedUrl(item(data)),
  },
  "reply-status": { layout: "pages/reply-status.njk", each: "replyStatusPages", permalink: (data) => item(data).url },
  author: { layout: "pages/author.njk", each: "pagesToRender.authorPages", permalink: (data) => item(data).url },
  authors: { layout: "pages/authors.njk", permalink: "/authors/" },
  "static-page": { layout: "pages/page.njk", each: "staticPages", permalink: (data) => item(data).url },
  tags: { layout: "pages/tags.njk", permalink: "/tags/" },
  categories: { layout: "pages/categories.njk", permalink: "/category/" },
  archive: { layout: "pages/archive.njk", permalink: "/archive/" },
  search: { layout: "pages/search.njk", permalink: "/search/" },
  atom: { layout: "feeds/atom.njk", permalink: "/feed.xml" },
  "json-feed": { layout: "feeds/json.njk", permalink: "/feed.json" },
  robots: { layout: "feeds/robots.njk", permalink: "/robots.txt" },
  redirects: { layout: "feeds/redirects.njk", permalink: "/_redirects" },
  sitemaps: { layout: "feeds/text-file.njk", each: "sitemapFiles", permalink: (data) => (data.item as { path: string }).path },
  "not-found": { layout: "pages/404.njk", permalink: "/404.html" },
};

/** Pages that paginate over the selection the build renders (select-changed-pages.ts). */
const SELECTED = "pagesToRender.";

export interface PagesPluginOptions {
  /**
   * Only the pages of the selection: a later part of a large build, rendered in several
   * Eleventy runs (src/build/render-worker.ts), whose other pages the first part wrote.
   */
  selectedOnly?: boolean | undefined;
}

export function pagesPlugin(eleventyConfig: EleventyConfig, { selectedOnly = false }: PagesPluginOptions = {}): void {
  for (const [name, page] of Object.entries(PAGES)) {
    if (selectedOnly && !page.each?.startsWith(SELECTED)) continue;
    eleventyConfig.addTemplate(`virtual/${name}.njk`, `{% extends "${page.layout}" %}`, {
      permalink: page.permalink,
      eleventyExcludeFromCollections: true,
      ...(page.each ? { pagination: { data: page.each, size: 1, alias: "item" } } : {}),
    });
  }
}
