/** What a reader downloads for one article page: HTML, CSS and JS, gzipped as a CDN serves them. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";

export interface PageWeight {
  article: string;
  words: number;
  htmlGzipBytes: number;
  cssGzipBytes: number;
  jsGzipBytes: number;
}

const gzipSize = (content: Buffer | string) => gzipSync(content, { level: 9 }).length;

/** Picks the article page whose body is closest to 1,000 words, as the budget is stated for. */
export async function measureArticlePage(outputDir: string): Promise<PageWeight> {
  const dir = path.join(outputDir, "articles");
  const keys = (await readdir(dir)).sort().slice(0, 200);
  let best: { key: string; html: string; words: number } | undefined;
  for (const key of keys) {
    const html = await readFile(path.join(dir, key, "index.html"), "utf8");
    const body = /<div class="article__body">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    const words = body
      .replace(/<[^>]+>/g, " ")
      .split(/\s+/)
      .filter(Boolean).length;
    if (!best || Math.abs(words - 1000) < Math.abs(best.words - 1000)) best = { key, html, words };
  }
  if (!best) throw new Error(`no article pages in ${dir}`);
  const assets = async (pattern: RegExp) => {
    let total = 0;
    for (const match of best!.html.matchAll(pattern)) total += gzipSize(await readFile(path.join(outputDir, match[1]!)));
    return total;
  };
  return {
    article: `/articles/${best.key}/`,
    words: best.words,
    htmlGzipBytes: gzipSize(best.html),
    cssGzipBytes: await assets(/<link rel="stylesheet" href="([^"]+)"/g),
    jsGzipBytes: await assets(/<script[^>]* src="([^"]+)"/g),
  };
}
