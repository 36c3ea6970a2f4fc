/**
 * /pagefind/shards.json: the search index's shards, written by the build (src/search/) and
 * read by the search page (src/client/). Newest shard first; undated pages last.
 */
export const SHARD_MANIFEST_FILE = "shards.json";

export interface ShardManifest {
  shards: ManifestShard[];
}

export interface ManifestShard {
  /** A year ("2016"), a quarter ("2025-q4") or "pages". */
  name: string;
  /** Its bundle's folder under /pagefind/: the name and the start of the shard's key, new whenever the shard changes. */
  folder: string;
  /** Pages per language in the shard's index, e.g. { en: 1640, zh: 2 }. */
  languages: Record<string, number>;
}
