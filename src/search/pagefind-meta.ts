/**
 * A Pagefind bundle's metadata file (pagefind.<language>_<hash>.pf_meta): its page list, the
 * list of its index chunks, its filters and sorts, as Pagefind 1.5 writes them
 * (pagefind_web/src/metadata.rs): "pagefind_dcd", then one CBOR array, gzipped. Read and
 * written here so the build can rename what it points to (compact-index.ts); and its filter
 * files (filter/<language>_<hash>.pf_filter), put in order. Pure.
 */
import { gunzipSync } from "node:zlib";
import { type CborValue, decodeCbor, encodeCbor } from "./cbor.ts";
import { gzipSmallest } from "./gzip-smallest.ts";

/** The bytes every decompressed Pagefind file begins with. */
const SIGNATURE = "pagefind_dcd";

export interface PagefindMeta {
  /** The Pagefind that wrote it. */
  version: string;
  /** [fragment file name, word count], by Pagefind's page number. */
  pages: [name: string, words: number][];
  /** [first word, last word, chunk file name], in word order. */
  chunks: [from: string, to: string, name: string][];
  /** [filter, filter file name]. */
  filters: [filter: string, name: string][];
  /** [sort key, page numbers in ascending order of the key]. */
  sorts: [key: string, pages: number[]][];
  /** The names of the result metadata fields. */
  fields: string[];
}

const isText = (value: unknown): value is string => typeof value === "string";
const isCount = (value: unknown): value is number => typeof value === "number";
const isTuple = (value: unknown, ...checks: ((element: unknown) => boolean)[]) =>
  Array.isArray(value) && value.length === checks.length && checks.every((check, index) => check(value[index]));
const listOf = (value: unknown, check: (element: unknown) => boolean) => Array.isArray(value) && value.every(check);

/** A Pagefind file's CBOR value, checked to be gzipped, signed and CBOR; `fail` names what was expected instead. */
function readPagefindFile(file: Uint8Array, fail: (expected: string) => never): { value: CborValue; body: Uint8Array } {
  let raw: Uint8Array;
  try {
    raw = gunzipSync(file);
  } catch {
    return fail("gzipped");
  }
  if (Buffer.from(raw.subarray(0, SIGNATURE.length)).toString("latin1") !== SIGNATURE) fail(`beginning "${SIGNATURE}"`);
  const body = raw.subarray(SIGNATURE.length);
  try {
    return { value: decodeCbor(body), body };
  } catch (error) {
    return fail(`in CBOR (${(error as Error).message})`);
  }
}

const signed = (body: Uint8Array) => Buffer.concat([Buffer.from(SIGNATURE, "latin1"), body]);

/**
 * Reads a metadata file, refusing anything but the form above. It must also come out of
 * writeMeta's encoding byte for byte, so that nothing this build does not know of is lost
 * when it writes the file again.
 */
export function readMeta(file: Uint8Array, where: string): PagefindMeta {
  const fail = (expected: string): never => {
    throw new Error(`${where}: expected Pagefind 1.5's index metadata, ${expected}; was the index made by another Pagefind?`);
  };
  const { value, body } = readPagefindFile(file, fail);
  if (!Array.isArray(value) || value.length !== 6) return fail("an array of 6 parts");
  const [version, pages, chunks, filters, sorts, fields] = value;
  if (!isText(version)) fail("its version first");
  if (!listOf(pages, (page) => isTuple(page, isText, isCount))) fail("pages as [name, word count]");
  if (!listOf(chunks, (chunk) => isTuple(chunk, isText, isText, isText))) fail("chunks as [from, to, name]");
  if (!listOf(filters, (filter) => isTuple(filter, isText, isText))) fail("filters as [filter, name]");
  if (!listOf(sorts, (sort) => isTuple(sort, isText, (pages) => listOf(pages, isCount)))) fail("sorts as [key, page numbers]");
  if (!listOf(fields, isText)) fail("field names last");
  if (!Buffer.from(encodeCbor(value)).equals(body)) fail("in the shortest CBOR form");
  return { version, pages, chunks, filters, sorts, fields } as PagefindMeta;
}

export function writeMeta(meta: PagefindMeta): Uint8Array {
  return gzipSmallest(signed(encodeCbor([meta.version, meta.pages, meta.chunks, meta.filters, meta.sorts, meta.fields])));
}

/**
 * A filter file (Pagefind's FilterIndex: the filter's name, then [value, page numbers] for
 * each of its values) with its values in order, unpacked. Pagefind writes them in
 * the order of a hash map, which changes from run to run: the same documents gave other filter
 * files, under other names, and so another metadata file, at every full build.
 */
export function sortFilterValues(file: Uint8Array, where: string): Uint8Array {
  const fail = (expected: string): never => {
    throw new Error(`${where}: expected a Pagefind 1.5 filter file, ${expected}; was the index made by another Pagefind?`);
  };
  const { value, body } = readPagefindFile(file, fail);
  if (!isTuple(value, isText, (values) => listOf(values, (entry) => isTuple(entry, isText, (pages) => listOf(pages, isCount))))) {
    fail("[filter, [value, page numbers] for each value]");
  }
  if (!Buffer.from(encodeCbor(value)).equals(body)) fail("in the shortest CBOR form");
  const [filter, values] = value as [string, [string, number[]][]];
  const inOrder = [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return signed(encodeCbor([filter, inOrder]));
}
