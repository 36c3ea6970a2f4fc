/**
 * What the site's processes need in memory, measured on the bench corpus (README,
 * Performance), for deciding before starting them whether they fit in what is free.
 */

/** Pagefind's peak per article: 3.5 GB at 10,000 articles, about 15 GB at 50,000; the higher rate, for a margin. */
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

/**
 * Why `npm run build` should render the site before indexing it rather than during, if the
 * render process and Pagefind would not both fit in memory at once.
 */
export function renderAlongsideIndexShortfall(articles: number, availableBytes: number): string | undefined {
  return shortfall(
    "The render process and Pagefind at once",
    PAGEFIND_BYTES_PER_ARTICLE + RENDER_BYTES_PER_ARTICLE,
    articles,
    availableBytes,
  );
}
