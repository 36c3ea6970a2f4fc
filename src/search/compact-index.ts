/**
 * A shard's Pagefind bundle made smaller for a reader's first search, which fetches every
 * shard's metadata (pagefind-meta.ts): at 10,000 articles in 7 shards, 156 KB of the first
 * query's 292. Pagefind names each page's fragment and each index chunk by a hash of its
 * content, 7 hex digits that no compression shortens, and keeps the date sort behind "newest
 * first" as a list of page numbers, 2 bytes a page. Here every dated page is renamed by its
 * place in date order within the shard (src/shared/search-page-names.ts), which makes the
 * sort redundant, so it is dropped and the search page orders by the names; every chunk is
 * renamed by its place in the shard. The metadata then took 80 KB; with word counts rounded
 * (roundWordCount) and every file a reader fetches whole packed again (gzip-smallest.ts), 57 KB.
 *
 * The names are no longer hashes of the content, so a changed shard moves to a folder of its
 * own (shardFolder in shards.ts): a page that loaded the last deploy's metadata never gets
 * another version's file under a name it knows.
 */
import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { mapAtMost } from "../shared/map-at-most.ts";
import { pageName } from "../shared/search-page-names.ts";
import { sha256 } from "../shared/sha256.ts";
import { GZIP_FORMAT, gzipSmallest, type Regzip } from "./gzip-smallest.ts";
import { type PagefindMeta, readMeta, sortFilterValues, writeMeta } from "./pagefind-meta.ts";
import { DATE_SORT } from "./search-document.ts";

/**
 * Significant bits kept of each page's word count. The counts are a quarter of the metadata a
 * reader's first search fetches, and nothing else in it varies as much from page to page;
 * Pagefind reads them only to weigh a match by its page's length against the shard's average
 * (BM25, b = 0.75). Kept to 5 bits, a count moves by at most 1/32 of itself, and a page's score
 * by less than that: the same order as ranking by each shard's own word statistics, which
 * shards do already. Measured at 10,000 articles in 7 shards (bench/search-quality.ts on one
 * site): the metadata 65.7 KB with exact counts, 62.9 KB with 7 bits, 60.4 KB with 6, 57.1 KB
 * with 5; top-10 overlap with one index of every article 87.8, 88.0, 87.4 and 87.2 %, the
 * result sets and filter counts unchanged.
 */
export const WORD_COUNT_BITS = 5;

/** A page's word count to WORD_COUNT_BITS significant bits, to the nearest. */
export function roundWordCount(words: number): number {
  const dropped = Math.max(0, 32 - Math.clz32(words) - WORD_COUNT_BITS);
  return Math.round(words / 2 ** dropped) * 2 ** dropped;
}

/** Text in code-unit order: the same order wherever the build runs, whatever its locale. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How the bundle is renamed and packed; part of the shard's key, so a change of it indexes every shard again. */
export const COMPACT_FORMAT = `pages by date place, chunks by place, no date sort, word counts to ${WORD_COUNT_BITS} bits, filter values in order, ${GZIP_FORMAT}`;

/** Hex digits of a filter file's name after its language, as many as Pagefind gives it. */
const FILTER_HASH_DIGITS = 7;

/** The sort keys (RFC 3339, UTC) of a shard's documents, by language. */
export type DatesByLanguage = Readonly<Record<string, readonly string[]>>;

/**
 * Every page's place in date order across the shard's languages, by language and Pagefind's
 * page number; undefined for a shard without dates (the static pages), which stays as
 * Pagefind made it. Each language's date sort gives its pages in date order, and the k-th
 * of them has the k-th earliest of that language's dates, so the languages interleave by
 * date. Should Pagefind have left a document out (one without a word), a language's dates no
 * longer line up, and its pages follow the other languages' in their own date order.
 */
export function datePlaces(
  metas: ReadonlyMap<string, PagefindMeta>,
  dates: DatesByLanguage,
  where: string,
): Map<string, number[]> | undefined {
  const sorted = [...metas].map(([language, meta]) => ({ language, meta, order: meta.sorts.find(([key]) => key === DATE_SORT)?.[1] }));
  if (sorted.every(({ order }) => order === undefined)) return undefined;
  const entries: { date: string; language: string; position: number; page: number }[] = [];
  for (const { language, meta, order } of sorted) {
    if (
      !order ||
      order.length !== meta.pages.length ||
      new Set(order).size !== order.length ||
      order.some((page) => page >= order.length)
    ) {
      throw new Error(
        `${where}, language "${language}": expected every page to have a date (${meta.pages.length} pages, ${order?.length ?? 0} dated)`,
      );
    }
    const known = [...(dates[language] ?? [])].sort();
    const lineUp = known.length === order.length;
    for (const [position, page] of order.entries())
      entries.push({ date: lineUp ? known[position]! : "\u{10FFFF}", language, position, page });
  }
  entries.sort((a, b) => compareText(a.date, b.date) || compareText(a.language, b.language) || a.position - b.position);
  const places = new Map(sorted.map(({ language, meta }) => [language, new Array<number>(meta.pages.length)]));
  entries.forEach((entry, place) => {
    places.get(entry.language)![entry.page] = place;
  });
  return places;
}

export interface CompactedMeta {
  meta: PagefindMeta;
  /** [Pagefind's name, ours], for the fragment/ and index/ folders. */
  fragments: [string, string][];
  chunks: [string, string][];
}

/**
 * One language's metadata with word counts rounded, and, given the pages' places, pages named
 * by them, chunks numbered from firstChunk and no date sort. Without places (a shard without
 * dates) the names stay Pagefind's.
 */
export function compactMeta(meta: PagefindMeta, places: readonly number[] | undefined, firstChunk: number, where: string): CompactedMeta {
  const fragments = places ? meta.pages.map(([name], page): [string, string] => [name, pageName(places[page]!)]) : [];
  if (new Set(fragments.map(([name]) => name)).size !== fragments.length) {
    throw new Error(`${where}: two pages share one fragment; every search document must have its own path`);
  }
  const chunks = places ? meta.chunks.map(([, , name], index): [string, string] => [name, pageName(firstChunk + index)]) : [];
  return {
    meta: {
      ...meta,
      pages: meta.pages.map(([name, words], page) => [fragments[page]?.[1] ?? name, roundWordCount(words)]),
      chunks: meta.chunks.map(([from, to, name], index) => [from, to, chunks[index]?.[1] ?? name]),
      sorts: places ? meta.sorts.filter(([key]) => key !== DATE_SORT) : meta.sorts,
    },
    fragments,
    chunks,
  };
}

const ENTRY_FILE = "pagefind-entry.json";

interface PagefindEntry {
  languages: Record<string, { hash: string }>;
}

const metaFile = (hash: string) => `pagefind.${hash}.pf_meta`;

/** A bundle's entry file and each language's metadata it points to, languages in order. */
export async function readBundleMetas(bundleDir: string): Promise<{ entry: PagefindEntry; metas: Map<string, PagefindMeta> }> {
  const entry = JSON.parse(await readFile(path.join(bundleDir, ENTRY_FILE), "utf8")) as PagefindEntry;
  const metas = new Map<string, PagefindMeta>();
  for (const language of Object.keys(entry.languages).sort()) {
    const file = path.join(bundleDir, metaFile(entry.languages[language]!.hash));
    metas.set(language, readMeta(await readFile(file), file));
  }
  return { entry, metas };
}

/** Pagefind's WebAssembly, which a reader fetches whole on a first search, as the metadata. */
const WASM_FILE = /^wasm\.[^.]+\.pagefind$/;

const filterFile = (bundleDir: string, name: string) => path.join(bundleDir, "filter", `${name}.pf_filter`);

/**
 * One language's filter files with their values in order (sortFilterValues), named by their
 * content as Pagefind names them, and packed as the metadata is (a reader fetches them whole,
 * on opening the filters); returns the metadata's list of them, in order of the filters' names.
 */
async function sortFilters(bundleDir: string, language: string, filters: PagefindMeta["filters"]): Promise<PagefindMeta["filters"]> {
  const sorted = await mapAtMost(filters, 4, async ([filter, name]) => {
    const file = filterFile(bundleDir, name);
    const bytes = sortFilterValues(await readFile(file), file);
    return { filter, name, bytes, sortedName: `${language}_${sha256(bytes, "hex").slice(0, FILTER_HASH_DIGITS)}` };
  });
  // All removed before any is written: a new name may be an old one.
  await Promise.all(sorted.map(({ name }) => rm(filterFile(bundleDir, name))));
  await mapAtMost(sorted, 4, ({ sortedName, bytes }) => writeFile(filterFile(bundleDir, sortedName), gzipSmallest(bytes)));
  return sorted.map(({ filter, sortedName }): [string, string] => [filter, sortedName]).sort(([a], [b]) => compareText(a, b));
}

/**
 * Compacts a freshly made bundle (bundleDir) as above, renaming its files when its pages have
 * dates, puts its filters in order, and packs again every file a reader fetches whole (the
 * WebAssembly with regzip, shared by a build's shards, as it is the same in each).
 */
export async function compactBundle(bundleDir: string, dates: DatesByLanguage, regzip: Regzip): Promise<void> {
  const { entry, metas } = await readBundleMetas(bundleDir);
  const places = datePlaces(metas, dates, bundleDir);
  let firstChunk = 0;
  for (const [language, meta] of metas) {
    const where = `${bundleDir}, language "${language}"`;
    const compacted = compactMeta(meta, places?.get(language), firstChunk, where);
    firstChunk += compacted.chunks.length;
    const moves = [
      ...compacted.fragments.map(([from, to]) => ["fragment", `${from}.pf_fragment`, `${to}.pf_fragment`]),
      ...compacted.chunks.map(([from, to]) => ["index", `${from}.pf_index`, `${to}.pf_index`]),
    ];
    await mapAtMost(moves, 16, ([folder, from, to]) => rename(path.join(bundleDir, folder!, from!), path.join(bundleDir, folder!, to!)));
    const filters = await sortFilters(bundleDir, language, compacted.meta.filters);
    const bytes = writeMeta({ ...compacted.meta, filters });
    const hash = `${language}_${sha256(bytes, "hex").slice(0, 10)}`;
    await rm(path.join(bundleDir, metaFile(entry.languages[language]!.hash)));
    await writeFile(path.join(bundleDir, metaFile(hash)), bytes);
    entry.languages[language]!.hash = hash;
  }
  await writeFile(path.join(bundleDir, ENTRY_FILE), JSON.stringify(entry));
  const wasm = (await readdir(bundleDir)).filter((name) => WASM_FILE.test(name)).map((name) => path.join(bundleDir, name));
  await mapAtMost(wasm, 4, async (file) => writeFile(file, regzip(await readFile(file), file)));
}
