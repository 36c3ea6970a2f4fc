/**
 * Reads what a built Pagefind bundle holds, as a test sees it: each indexed page's record
 * (a gzipped "pagefind_dcd" + JSON fragment, the same data result.data() returns in the
 * browser) and the languages in pagefind-entry.json.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";

export interface IndexedPage {
  /** The index the page is in, e.g. "en" or "zh" (from the fragment's file name). */
  language: string;
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

export async function readIndexedPages(outputDir: string): Promise<IndexedPage[]> {
  const dir = path.join(outputDir, "pagefind", "fragment");
  const pages: IndexedPage[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const text = gunzipSync(await readFile(path.join(dir, name))).toString("utf8");
    if (!text.startsWith("pagefind_dcd")) throw new Error(`${name}: not a Pagefind fragment`);
    pages.push({ language: name.split("_")[0]!, ...JSON.parse(text.slice("pagefind_dcd".length)) });
  }
  return pages.sort((a, b) => (a.url < b.url ? -1 : 1));
}

export async function readIndexLanguages(outputDir: string): Promise<Record<string, { page_count: number }>> {
  return JSON.parse(await readFile(path.join(outputDir, "pagefind", "pagefind-entry.json"), "utf8")).languages;
}
