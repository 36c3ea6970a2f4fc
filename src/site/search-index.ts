/**
 * The search index: Pagefind reads the built pages and writes /pagefind/ next to them, in
 * the same command as the build. Only pages with a data-pagefind-body element (articles)
 * are indexed, and only that element's content.
 */
import { readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import * as pagefind from "pagefind";

export const SEARCH_DIR = "pagefind";

/** Pagefind's other front ends; we ship our own (src/client/search.ts), so these are removed. */
const UNUSED_BUNDLE_FILES = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;

const READ_AHEAD = 32;
const BODY_MARK = /<[a-z]+\b[^>]*\bdata-pagefind-body\b[^>]*>/;
const LANG_ATTRIBUTE = /\slang="([^"]+)"/;

export interface SearchIndexResult {
  pages: number;
  /** Languages with an index of their own, e.g. ["en", "zh"]. */
  languages: string[];
  ms: number;
}

/**
 * Pagefind takes a page's language from <html lang> alone. An article in another language
 * than the site says so on its body element (<article lang="zh">, which is also what screen
 * readers need); the index is told that language, so Chinese is segmented as Chinese.
 */
export function promoteBodyLanguage(html: string): string {
  const lang = LANG_ATTRIBUTE.exec(BODY_MARK.exec(html)?.[0] ?? "")?.[1];
  return lang ? html.replace(/<html\b[^>]*>/, (tag) => tag.replace(LANG_ATTRIBUTE, ` lang="${lang}"`)) : html;
}

/** Site-relative URL of a built file: articles/x/index.html → /articles/x/. */
export function toPageUrl(relativeFile: string): string {
  const url = `/${relativeFile.split(path.sep).join("/")}`;
  return url.endsWith("/index.html") ? url.slice(0, -"index.html".length) : url;
}

async function listPages(outputDir: string): Promise<string[]> {
  const entries = await readdir(outputDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
    .map((entry) => path.relative(outputDir, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.startsWith(SEARCH_DIR + path.sep))
    .sort();
}

/**
 * Indexes the marked pages under outputDir and writes the bundle to outputDir/pagefind/.
 * The bundle is written beside the old one and swapped in, so a dev server always serves a
 * whole index.
 */
export async function writeSearchIndex(outputDir: string): Promise<SearchIndexResult> {
  const started = performance.now();
  const target = path.join(outputDir, SEARCH_DIR);
  const staging = path.join(outputDir, `.${SEARCH_DIR}-next`);
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    let pages = 0;
    const files = await listPages(outputDir);
    // Pages go to Pagefind one at a time in a fixed order: it numbers them as they arrive,
    // and the numbers end up in the filter files, so any other order changes the bytes.
    // Reading runs a few files ahead of indexing so the disk is not waited on.
    const reads = new Map<number, Promise<string>>();
    const readAhead = (i: number) => {
      const file = files[i];
      if (file === undefined || reads.has(i)) return;
      const read = readFile(path.join(outputDir, file), "utf8");
      read.catch(() => undefined); // handled when awaited below, in turn
      reads.set(i, read);
    };
    for (const [i, file] of files.entries()) {
      for (let ahead = i; ahead < i + READ_AHEAD; ahead++) readAhead(ahead);
      const html = await reads.get(i)!;
      reads.delete(i);
      if (!BODY_MARK.test(html)) continue;
      const added = await index.addHTMLFile({ url: toPageUrl(file), content: promoteBodyLanguage(html) });
      if (added.errors.length) throw new Error(`Pagefind could not index ${file}: ${added.errors.join("; ")}`);
      pages++;
    }
    await rm(staging, { recursive: true, force: true });
    const written = await index.writeFiles({ outputPath: staging });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
    for (const name of await readdir(staging)) {
      if (UNUSED_BUNDLE_FILES.test(name)) await rm(path.join(staging, name));
    }
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    const entry = JSON.parse(await readFile(path.join(target, "pagefind-entry.json"), "utf8")) as { languages: Record<string, unknown> };
    return { pages, languages: Object.keys(entry.languages).sort(), ms: Math.round(performance.now() - started) };
  } finally {
    await pagefind.close();
  }
}
