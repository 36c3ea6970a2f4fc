/**
 * The search index in shards: one Pagefind index per year of articles, the newest year's
 * latest quarter apart when the year has many (and one for static pages), each made by its
 * own Pagefind run and kept while its documents do not change, merged in the reader's browser
 * (src/client/pagefind-api.ts). News is written in date order, so most builds touch only the
 * newest shard, and "newest first" is shard order. Pure: no I/O.
 */
import { createHash } from "node:crypto";
import type { ShardManifest } from "../shared/shard-manifest.ts";

/** The shard of documents without a date (static pages): last in "newest first", as Pagefind leaves undated pages out of a date sort. */
export const PAGES_SHARD = "pages";

/** One search document as the build makes it, before it is written for Pagefind. */
export interface ShardDocument {
  /** Path under the folder Pagefind reads (articles/<key>/index.html). */
  path: string;
  text: string;
  /** The document's date sort key (RFC 3339, UTC), as Pagefind sorts it; none for a page. */
  sortKey: string | undefined;
  /** Its <html lang>: Pagefind makes one index per language in each shard. */
  language: string;
}

export interface Shard {
  /** A year ("2016"), a quarter ("2025-q4") or PAGES_SHARD. */
  name: string;
  documents: ShardDocument[];
}

/** A shard with its key (shardKey): what the build decides on before writing anything. */
export interface KeyedShard extends Shard {
  key: string;
}

/** Hex digits of the key in a shard's folder name: enough that two versions of a shard never meet. */
const FOLDER_KEY_DIGITS = 12;

/**
 * A shard's folder under /pagefind/: its name and the start of its key ("2025-q4.3fa9c1d2e07b").
 * The build names the files inside by place, not content (src/search/compact-index.ts), so a
 * changed shard moves to a new folder: a reader whose page loaded the last deploy's metadata
 * then gets a failed request for the old addresses, never another version's file under them.
 */
export function shardFolder(shard: Pick<KeyedShard, "name" | "key">): string {
  return `${shard.name}.${shard.key.slice(0, FOLDER_KEY_DIGITS)}`;
}

/**
 * A document's year shard: the UTC year of its sort key, so that every document of a later shard
 * sorts after every document of an earlier one (a year in the site's time zone would put an
 * article of 1 January 00:30 +02:00 in a shard newer than its sort key). The year filter
 * readers see is the site's; shards are not shown.
 */
export function shardOf(sortKey: string | undefined): string {
  if (sortKey === undefined) return PAGES_SHARD;
  const year = UTC_DATE.exec(sortKey)?.[1];
  if (!year) throw new Error(`search document sort key: expected an RFC 3339 date in UTC, got "${sortKey}"`);
  return year;
}

const UTC_DATE = /^(\d{4})-(\d\d)-\d\dT.*Z$/;

/**
 * The newest year, when it has more documents than this, has its latest quarter indexed on its
 * own ("2025-q4", the rest of the year as "2025"): Pagefind takes about 2 ms a document, so a
 * new article in a year of 1,666 took 3.5 s to index, and 0.8 s in its quarter. One shard more,
 * not more: each shard adds its page list's fixed part, its chunk list and a request per word
 * to a reader's first search, and its own chunk boundaries, across which Pagefind does not
 * extend a word to the longer words it begins. Measured at 10,000 articles against 288 KB in
 * 19 requests and 48 of 50 result sets as one index: every year by quarter, 400 KB in 88
 * requests and 45; the newest year by quarter, 306 KB in 41 and 46. A new quarter's first
 * build indexes the rest of the year again, and a new year's the last year whole, once.
 */
export const QUARTERS_ABOVE = 1_000;

/**
 * Any year with more documents than this is indexed by quarter too, for memory: Pagefind holds
 * about 0.35 MB a document while it runs (src/search/memory-estimates.ts), so a year of 16,700
 * (100,000 articles over six years) took 5.3 GB a run and two runs at once 10.6 GB; a quarter of
 * it takes 1.5 GB.
 */
export const ANY_YEAR_QUARTERS_ABOVE = 5_000;

/** The quarter shard of a dated document ("2025-q4"). */
export function quarterOf(sortKey: string): string {
  const [, year, month] = UTC_DATE.exec(sortKey)!;
  return `${year}-q${Math.ceil(Number(month) / 3)}`;
}

/** Newest year (or quarter) first, pages last: the order of "newest first", and of the shards in the manifest. */
export function compareShards(a: string, b: string): number {
  if (a === b) return 0;
  if (a === PAGES_SHARD) return 1;
  if (b === PAGES_SHARD) return -1;
  return b.localeCompare(a);
}

/** What decides a document's shard: its date sort key, none for a page. */
type Dated = Pick<ShardDocument, "sortKey">;

function groupBy<T>(documents: readonly T[], nameOf: (document: T) => string): Map<string, T[]> {
  const byName = new Map<string, T[]>();
  for (const document of documents) {
    const name = nameOf(document);
    const list = byName.get(name) ?? [];
    list.push(document);
    byName.set(name, list);
  }
  return byName;
}

/**
 * Splits documents into shards, a year each; the newest year's latest quarter apart when the
 * year is large (QUARTERS_ABOVE), and any year by quarter when it is very large
 * (ANY_YEAR_QUARTERS_ABOVE). Each keeps the documents' order (Pagefind numbers pages in the
 * order it reads them). By their sort keys alone: the build groups its articles so before their
 * documents can be made (their bodies not yet rendered), and makes them a shard at a time.
 */
export function groupIntoShards<T extends Dated>(documents: readonly T[]): { name: string; documents: T[] }[] {
  const years = groupBy(documents, (document) => shardOf(document.sortKey));
  const newest = [...years.keys()].filter((year) => year !== PAGES_SHARD).sort(compareShards)[0];
  const shards: { name: string; documents: T[] }[] = [];
  for (const [year, inYear] of years) {
    if (year !== PAGES_SHARD && inYear.length > ANY_YEAR_QUARTERS_ABOVE) {
      for (const [name, inQuarter] of groupBy(inYear, (document) => quarterOf(document.sortKey!)))
        shards.push({ name, documents: inQuarter });
    } else if (year === newest && inYear.length > QUARTERS_ABOVE) {
      let newestKey = "";
      for (const document of inYear) if (document.sortKey! > newestKey) newestKey = document.sortKey!;
      const latest = quarterOf(newestKey);
      for (const [name, part] of groupBy(inYear, (document) => (quarterOf(document.sortKey!) === latest ? latest : year))) {
        shards.push({ name, documents: part });
      }
    } else {
      shards.push({ name: year, documents: inYear });
    }
  }
  return shards.sort((a, b) => compareShards(a.name, b.name));
}

/**
 * The shard's key: SHA-256 of how it is indexed (Pagefind's version and arguments) and of every
 * document, path and text. Documents with the same key make the same index, so a build whose
 * previous shard has this key keeps it: a reply, a template change or a rebuild with no new
 * article changes no document, and a new article changes only its year's.
 */
export function shardKey(recipe: string, shard: Shard): string {
  const hash = createHash("sha256").update(`${recipe}\0${shard.name}\0`);
  for (const document of shard.documents) hash.update(`${document.path}\0${document.text}\0`);
  return hash.digest("hex");
}

/** Pagefind's own chunk size, in word locations. */
export const PAGEFIND_CHUNK_SIZE = 20_000;

/**
 * Word locations per page in a shard's chunks. Pagefind splits each index's words into chunks
 * of about chunkSizeFor(pages) locations, and a query fetches, for each word, one chunk from
 * every shard, while the first query fetches every shard's list of its chunks. Measured at
 * 10,000 articles in 7 shards: with 2, a later query for a word in other chunks fetched 31–37
 * KB of chunks, with 1.5 about 22 KB, while the shards' page and chunk lists grew from 146.7 to
 * 152.8 KB.
 */
export const LOCATIONS_PER_PAGE = 1.5;

/**
 * A shard's chunk size: scaled to its pages, so a query fetches about what it fetched from one
 * index of all articles, whatever the number of shards; from the shard alone, so its key does
 * not depend on the others.
 */
export function chunkSizeFor(pages: number): number {
  return Math.min(PAGEFIND_CHUNK_SIZE, Math.max(1_000, Math.round(pages * LOCATIONS_PER_PAGE)));
}

/** Pages per language of a shard's documents. */
export function countLanguages(shard: Shard): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const document of shard.documents) counts[document.language] = (counts[document.language] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** The dated documents' sort keys per language, by which the build names a shard's pages (compact-index.ts). */
export function sortKeysByLanguage(shard: Shard): Record<string, string[]> {
  const byLanguage = groupBy(
    shard.documents.filter((document) => document.sortKey !== undefined),
    (document) => document.language,
  );
  return Object.fromEntries([...byLanguage].map(([language, documents]) => [language, documents.map((document) => document.sortKey!)]));
}

/** A shard's line in the manifest. */
export function toManifestEntry(shard: KeyedShard): ShardManifest["shards"][number] {
  return { name: shard.name, folder: shardFolder(shard), languages: countLanguages(shard) };
}

/** The manifest of the shards from their entries, newest first. */
export function toManifest(entries: readonly ShardManifest["shards"][number][]): ShardManifest {
  return { shards: [...entries].sort((a, b) => compareShards(a.name, b.name)) };
}
