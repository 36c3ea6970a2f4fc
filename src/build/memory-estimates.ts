/**
 * What the site's processes need in memory, measured on the bench corpus (docs/performance.md,
 * Performance), for deciding before starting them whether they fit in what is free.
 */

/** Pagefind's peak per page it indexes: 3.5 GB at 10,000 articles in one run, about 15 GB at 50,000; 1.1 GB for two runs of 1,667 at once. The higher rate, for a margin. */
const PAGEFIND_BYTES_PER_ARTICLE = 0.35e6;

/** The build's render process's peak per article: 1.24 GB at 10,000 articles; a little more, for a margin. */
const RENDER_BYTES_PER_ARTICLE = 0.15e6;

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
  /** Why the build indexes after rendering, when it does. */
  afterRenderBecause: string | undefined;
}

/**
 * Renders alongside the index, with two Pagefind runs at once when the render process and
 * the two largest runs fit in the free memory, with one when only that fits; otherwise renders
 * first, and then indexes two at once if they fit. Each run holds one shard (a year of
 * articles), so the memory at once no longer grows with the whole archive.
 */
export function planIndexing(plan: {
  articles: number;
  pagesPerRun: readonly number[];
  availableBytes: number;
  cores: number;
  indexAfterRender: boolean;
}): IndexPlan {
  const [first = 0, second = 0] = [...plan.pagesPerRun].sort((a, b) => b - a);
  const canPair = plan.cores >= 2 && plan.pagesPerRun.length >= 2;
  const render = plan.articles * RENDER_BYTES_PER_ARTICLE;
  const runs = (pages: number) => pages * PAGEFIND_BYTES_PER_ARTICLE;
  if (!plan.indexAfterRender && plan.pagesPerRun.length > 0) {
    if (canPair && render + runs(first + second) <= plan.availableBytes)
      return { alongside: true, concurrency: 2, afterRenderBecause: undefined };
    if (render + runs(first) <= plan.availableBytes) return { alongside: true, concurrency: 1, afterRenderBecause: undefined };
  }
  const concurrency = canPair && runs(first + second) <= plan.availableBytes ? 2 : 1;
  const afterRenderBecause = plan.indexAfterRender
    ? "BROADSHEET_INDEX_AFTER_RENDER is set"
    : plan.pagesPerRun.length === 0
      ? undefined
      : `the render process (${plan.articles.toLocaleString("en")} articles) and Pagefind (${first.toLocaleString("en")} pages) at once would need about ${gigabytes(render + runs(first))} of memory, and ${gigabytes(plan.availableBytes)} is free`;
  return { alongside: false, concurrency, afterRenderBecause };
}
