/**
 * Gzip at the smallest size we can afford, for the files a reader's first search fetches.
 * Pagefind fetches its files gzipped and unpacks them itself, so a CDN cannot compress them
 * again: their bytes are what a reader pays. Pagefind and Node's zlib at level 9 leave a lot
 * on the table for Pagefind's metadata (short CBOR records, where matches of 3 to 5 bytes cost
 * as much as the literals): libdeflate at level 12, an optimal parse, made the 7 metadata
 * files of a 10,000-article site 79.8 KB → 65.7 KB (zopfli 64.1 KB, at 150 times the time),
 * and Pagefind's WebAssembly 70.5 → 68.1 KB, in 3 ms a metadata file and 30 ms a WebAssembly
 * file. Index chunks and fragments gain 2–3 % and are too many to pack again in each build.
 * Pure.
 */
import { gunzipSync } from "node:zlib";
import { gzip } from "libdeflate";
import { sha256 } from "../shared/sha256.ts";

/** libdeflate's strongest level. */
const LEVEL = 12;

/** How these files are packed; part of every shard's key, so a change packs each shard again. */
export const GZIP_FORMAT = `libdeflate ${LEVEL}`;

export function gzipSmallest(bytes: Uint8Array): Uint8Array {
  return gzip(bytes, LEVEL);
}

/** The same file packed by gzipSmallest, or as it was if that is no smaller; throws, naming it, when it is not gzip. */
export function regzip(file: Uint8Array, where: string): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = gunzipSync(file);
  } catch {
    throw new Error(`${where}: expected a gzipped file from Pagefind`);
  }
  const packed = gzipSmallest(raw);
  return packed.length < file.length ? packed : file;
}

export type Regzip = typeof regzip;

/**
 * regzip that packs each distinct file once: Pagefind writes the same WebAssembly (two
 * languages, 150 KB each unpacked) into every shard, 24 shards at 100,000 articles. One for
 * the shards of one build, so that it holds a build's files and no more.
 */
export function createRegzip(): Regzip {
  const packed = new Map<string, Uint8Array>();
  return (file, where) => {
    const key = sha256(file, "hex");
    let result = packed.get(key);
    if (result === undefined) {
      result = regzip(file, where);
      packed.set(key, result);
    }
    return result;
  };
}
