/**
 * What the site's processes need in memory, measured on the bench corpus (docs/performance.md,
 * Performance), for deciding before starting them whether they fit in what is free.
 */

/** Pagefind's peak per page it indexes: 3.5 GB at 10,000 articles in one run, about 15 GB at 50,000; 1.1 GB for two runs of 1,667 at once. The higher rate, for a margin. */
const PAGEFIND_BYTES_PER_ARTICLE = 0.35e6;

/**
 * The build's render process: the site it holds, per article, and what Eleventy keeps of each
 * page it renders until its run ends, so a large site is rendered in parts
 * (BuildOptions.renderPagesPerRun). Fitted to its peaks, 1.24 GB at 10,000 articles (17,304
 * pages in one run) and 5.9 GB at 100,000 (in parts of 25,000): about 48 KB an article and
 * 44 KB a page; a little more of each, for a margin.
 */
const SITE_BYTES_PER_ARTICLE = 0.06e6;
const BYTES_PER_RENDERED_PAGE = 0.05e6;
/** Pages per article: 17,304 at 10,000 articles, with the listings, feeds and sitemaps. */
const PAGES_PER_ARTICLE = 1.75;

/** The render process's peak, for a site of `articles` rendered in runs of at most `pagesPerRun` pages. */
function renderProcessBytes(articles: number, pagesPerRun: number): number {
  return articles * SITE_BYTES_PER_ARTICLE + Math.min(articles * PAGES_PER_ARTICLE, pagesPerRun) * BYTES_PER_RENDERED_PAGE;
}

const gigabytes = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

function shortfall(what: string, bytesPerArticle: number, articles: number, availableBytes: number): string | undefined {
  const needed = articles * bytesPerArticle;
  if (needed <= availableBytes) return undefined;
  return `${what} would need about ${gigabytes(needed)} of memory for ${articles.toLocaleString("en")} articles, and ${gigabytes(availableBytes)} is free`;
}

/**
 * Why Pagefind should not be started now, if it would most likely run the machine out of
 * memory: for the dev server, whose own memory Pagefind has to share, and whose author has
 * other programs open. Started anyway at 50,000 articles, it took 10 minutes to be killed.
 */
export function indexMemoryShortfall(articles: number, availableBytes: number): string | undefined {
  return shortfall("Pagefind", PAGEFIND_BYTES_PER_ARTICLE, articles, availableBytes);
}

/** How `npm run build` runs the Pagefind runs of the shards it must index. */
export interface IndexPlan {
  /** Render while Pagefind indexes (the render at the lowest priority), rather than before. */
  alongside: boolean;
  /** Pagefind runs at once: two on two cores (one per core, as a run uses both only while it parses). */
  concurrency: number;
  /**
   * Pagefind runs at once while the site renders alongside: one, so the render has the other
   * core (with two, the render at the lowest priority got almost none until they ended: 38.7 s
   * against 32.5 s for a build of 10,000 articles).
   */
  whileRendering: number;
  /** Why the build indexes after rendering, when it does. */
  afterRenderBecause: string | undefined;
}

/**
 * Renders alongside the index, with one Pagefind run at a time while the render lasts, when the
 * render process and the largest run fit in the free memory, and two at once after it when the
 * two largest fit; otherwise renders first, and then indexes two at once if they fit. Each run
 * holds one shard (a year of articles), so the memory at once no longer grows with the whole archive.
 */
export function planIndexing(plan: {
  articles: number;
  /** Pages per Eleventy run of the render process. */
  renderPagesPerRun: number;
  pagesPerRun: readonly number[];
  availableBytes: number;
  cores: number;
  indexAfterRender: boolean;
}): IndexPlan {
  const [first = 0, second = 0] = [...plan.pagesPerRun].sort((a, b) => b - a);
  const canPair = plan.cores >= 2 && plan.pagesPerRun.length >= 2;
  const render = renderProcessBytes(plan.articles, plan.renderPagesPerRun);
  const runs = (pages: number) => pages * PAGEFIND_BYTES_PER_ARTICLE;
  const concurrency = canPair && runs(first + second) <= plan.availableBytes ? 2 : 1;
  if (!plan.indexAfterRender && plan.pagesPerRun.length > 0 && render + runs(first) <= plan.availableBytes) {
    return { alongside: true, concurrency, whileRendering: 1, afterRenderBecause: undefined };
  }
  const afterRenderBecause = plan.indexAfterRender
    ? "BROADSHEET_INDEX_AFTER_RENDER is set"
    : plan.pagesPerRun.length === 0
      ? undefined
      : `the render process (${plan.articles.toLocaleString("en")} articles) and Pagefind (${first.toLocaleString("en")} pages) at once would need about ${gigabytes(render + runs(first))} of memory, and ${gigabytes(plan.availableBytes)} is free`;
  return { alongside: false, concurrency, whileRendering: concurrency, afterRenderBecause };
}
