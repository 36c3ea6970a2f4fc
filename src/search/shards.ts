/**
 * The search index in shards: one Pagefind index per year of articles, or per quarter of the
 * newest year when it has many (and one for static pages), each made by its own Pagefind run and kept while its documents do not change, merged
 * in the reader's browser (src/client/pagefind-api.ts). News is written in date order, so most
 * builds touch only the newest shard, and "newest first" is shard order. Pure: no I/O.
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
  /** A year ("2016"), a quarter of the newest year ("2025-q4") or PAGES_SHARD; also the shard's folder under /pagefind/. */
  name: string;
  documents: ShardDocument[];
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
 * The newest year, when it has more documents than this, is indexed by quarter ("2025-q4"):
 * Pagefind takes about 2 ms a document, so a new article in a year of 1,666 took 3.5 s to
 * index, and 0.8 s in its quarter. Only the newest year, where new articles go: each shard
 * adds its page list's fixed part, its chunk list and a request per word to a reader's first
 * search (every year by quarter made the first query at 10,000 articles 400 KB in 88 requests,
 * against 288 KB in 19). When the next year begins, its first build indexes the last year
 * whole again, once.
 */
export const QUARTERS_ABOVE = 1_000;

/** The quarter shard of a dated document ("2025-q4"), for the newest year indexed by quarter. */
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

function groupBy(documents: readonly ShardDocument[], nameOf: (document: ShardDocument) => string): Map<string, ShardDocument[]> {
  const byName = new Map<string, ShardDocument[]>();
  for (const document of documents) {
    const name = nameOf(document);
    const list = byName.get(name) ?? [];
    list.push(document);
    byName.set(name, list);
  }
  return byName;
}

/**
 * Splits documents into shards, a year each, the newest by quarter when it is large
 * (QUARTERS_ABOVE), each keeping the documents' order (Pagefind numbers pages in the order it
 * reads them).
 */
export function groupIntoShards(documents: readonly ShardDocument[]): Shard[] {
  const years = groupBy(documents, (document) => shardOf(document.sortKey));
  const newest = [...years.keys()].filter((year) => year !== PAGES_SHARD).sort(compareShards)[0];
  const shards: Shard[] = [];
  for (const [year, inYear] of years) {
    if (year !== newest || inYear.length <= QUARTERS_ABOVE) shards.push({ name: year, documents: inYear });
    else
      for (const [name, inQuarter] of groupBy(inYear, (document) => quarterOf(document.sortKey!)))
        shards.push({ name, documents: inQuarter });
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

/**
 * Pagefind splits each index's words into chunks of about this many word locations (its default
 * is 20,000), and a query fetches one chunk per word from every shard. Scaled to the shard's
 * pages, so a query fetches about what it fetched from one index of all articles, whatever
 * the number of shards; from the shard alone, so its key does not depend on the others.
 */
export function chunkSizeFor(pages: number): number {
  return Math.min(20_000, Math.max(1_000, pages * 2));
}

/** Pages per language of a shard's documents. */
export function countLanguages(shard: Shard): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const document of shard.documents) counts[document.language] = (counts[document.language] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function toManifest(shards: readonly Shard[]): ShardManifest {
  return {
    shards: [...shards]
      .sort((a, b) => compareShards(a.name, b.name))
      .map((shard) => ({ name: shard.name, languages: countLanguages(shard) })),
  };
}
