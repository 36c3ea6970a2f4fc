/**
 * The search index in shards: one Pagefind index per year of articles (and one for static
 * pages), each made by its own Pagefind run and kept while its documents do not change, merged
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
  /** A year ("2016") or PAGES_SHARD; also the shard's folder under /pagefind/. */
  name: string;
  documents: ShardDocument[];
}

/**
 * A document's shard: the UTC year of its sort key, so that every document of a later shard
 * sorts after every document of an earlier one (a year in the site's time zone would put an
 * article of 1 January 00:30 +02:00 in a shard newer than its sort key). The year filter
 * readers see is the site's; shards are not shown.
 */
export function shardOf(sortKey: string | undefined): string {
  if (sortKey === undefined) return PAGES_SHARD;
  const year = /^(\d{4})-\d\d-\d\dT.*Z$/.exec(sortKey)?.[1];
  if (!year) throw new Error(`search document sort key: expected an RFC 3339 date in UTC, got "${sortKey}"`);
  return year;
}

/** Newest year first, pages last: the order of "newest first", and of the shards in the manifest. */
export function compareShards(a: string, b: string): number {
  if (a === b) return 0;
  if (a === PAGES_SHARD) return 1;
  if (b === PAGES_SHARD) return -1;
  return b.localeCompare(a);
}

/** Splits documents into shards, each keeping the documents' order (Pagefind numbers pages in the order it reads them). */
export function groupIntoShards(documents: readonly ShardDocument[]): Shard[] {
  const byName = new Map<string, ShardDocument[]>();
  for (const document of documents) {
    const name = shardOf(document.sortKey);
    const list = byName.get(name) ?? [];
    list.push(document);
    byName.set(name, list);
  }
  return [...byName.keys()].sort(compareShards).map((name) => ({ name, documents: byName.get(name)! }));
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
