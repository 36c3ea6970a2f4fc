import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeCbor, encodeCbor } from "../../src/search/cbor.ts";
import { compactMeta, datePlaces, roundWordCount } from "../../src/search/compact-index.ts";
import { regzip } from "../../src/search/gzip-smallest.ts";
import { type PagefindMeta, readMeta, sortFilterValues, writeMeta } from "../../src/search/pagefind-meta.ts";
import { pageName, placeOfPage } from "../../src/shared/search-page-names.ts";

const meta = (pages: number, dateOrder?: number[]): PagefindMeta => ({
  version: "1.5.2",
  pages: Array.from({ length: pages }, (_, page) => [`en_${(0xabc000 + page).toString(16)}`, 100 + page]),
  chunks: [
    ["a", "kite", "en_1111111"],
    ["kites", "zebra", "en_2222222"],
  ],
  filters: [["tag", "en_3333333"]],
  sorts: [...(dateOrder ? [["date", dateOrder] as [string, number[]]] : []), ["weight", [1, 0]]],
  fields: ["date", "title"],
});

describe("the CBOR Pagefind's metadata is written in", () => {
  it("reads back what it writes, with every length form", () => {
    const value = [0, 23, 24, 255, 256, 65_535, 65_536, 4_294_967_295, "", "kites", "風箏", "x".repeat(300), [[], ["a", 1]]];
    expect(decodeCbor(encodeCbor(value))).toEqual(value);
    // The shortest head: one byte up to 23, then 1, 2 and 4 bytes after it.
    expect([...encodeCbor(23)]).toEqual([0x17]);
    expect([...encodeCbor(24)]).toEqual([0x18, 24]);
    expect([...encodeCbor(256)]).toEqual([0x19, 1, 0]);
    expect([...encodeCbor("ab")]).toEqual([0x62, 0x61, 0x62]);
  });

  it("refuses what Pagefind's metadata never holds, saying where", () => {
    expect(() => decodeCbor(Uint8Array.of(0xa0))).toThrow("unsupported major type 5 at byte 0");
    expect(() => decodeCbor(Uint8Array.of(0x82, 0x01, 0x20))).toThrow("unsupported major type 1 at byte 2");
    expect(() => decodeCbor(Uint8Array.of(0x9f))).toThrow("unsupported length form 31");
    expect(() => decodeCbor(Uint8Array.of(0x63, 0x61))).toThrow("ends at byte 2");
    expect(() => decodeCbor(Uint8Array.of(0x01, 0x02))).toThrow("1 bytes after the value");
  });
});

describe("Pagefind's metadata file", () => {
  it("reads back what it writes", () => {
    const written = meta(3, [2, 0, 1]);
    expect(readMeta(writeMeta(written), "m")).toEqual(written);
  });

  it("refuses a file in another form, naming it, rather than lose what it does not know", () => {
    const file = (body: Uint8Array) => gzipSync(Buffer.concat([Buffer.from("pagefind_dcd"), body]));
    expect(() => readMeta(Buffer.from("plain"), "2024/pagefind.en_1.pf_meta")).toThrow(
      "2024/pagefind.en_1.pf_meta: expected Pagefind 1.5's index metadata, gzipped",
    );
    expect(() => readMeta(gzipSync("pagefind_xyz"), "m")).toThrow('beginning "pagefind_dcd"');
    expect(() => readMeta(file(encodeCbor(["1.5.2", [], [], [], []])), "m")).toThrow("an array of 6 parts");
    expect(() => readMeta(file(encodeCbor(["1.5.2", [["en_1"]], [], [], [], []])), "m")).toThrow("pages as [name, word count]");
    // A length in a longer form than needed would not come back byte for byte.
    const long = Uint8Array.of(0x86, 0x65, ...Buffer.from("1.5.2"), 0x98, 0x00, 0x80, 0x80, 0x80, 0x80);
    expect(() => readMeta(file(long), "m")).toThrow("in the shortest CBOR form");
  });
});

describe("Pagefind's filter files", () => {
  const pagefindFile = (value: Parameters<typeof encodeCbor>[0]) =>
    gzipSync(Buffer.concat([Buffer.from("pagefind_dcd"), encodeCbor(value)]));

  it("come out the same whatever order Pagefind wrote the values in, the values in order", () => {
    const values: [string, number[]][] = [
      ["Politics", [0, 4]],
      ["Arts", [2]],
      ["Économie", [1, 3]],
      ["Business", [5]],
    ];
    const once = sortFilterValues(pagefindFile(["category", values]), "f");
    const again = sortFilterValues(pagefindFile(["category", [...values].reverse()]), "f");
    expect(Buffer.from(again).equals(Buffer.from(once))).toBe(true);
    expect(Buffer.from(once.subarray(0, 12)).toString("latin1")).toBe("pagefind_dcd");
    expect(decodeCbor(once.subarray(12))).toEqual([
      "category",
      [
        ["Arts", [2]],
        ["Business", [5]],
        ["Politics", [0, 4]],
        ["Économie", [1, 3]],
      ],
    ]);
  });

  it("are refused in another form, naming the file", () => {
    expect(() => sortFilterValues(pagefindFile(["tag", [["a", ["1"]]]]), "2024/filter/en_1.pf_filter")).toThrow(
      "2024/filter/en_1.pf_filter: expected a Pagefind 1.5 filter file, [filter, [value, page numbers] for each value]",
    );
    expect(() => sortFilterValues(Buffer.from("plain"), "f")).toThrow("expected a Pagefind 1.5 filter file, gzipped");
  });
});

describe("naming a shard's pages by their place in date order", () => {
  it("gives names that read back as places, and leaves Pagefind's own names unplaced", () => {
    for (const place of [0, 9, 10, 35, 36, 1_295, 99_999]) expect(placeOfPage(pageName(place))).toBe(place);
    expect(pageName(36)).toBe("10");
    expect(placeOfPage("en_3aa1d23")).toBeUndefined();
  });

  it("interleaves the languages of a shard by date", () => {
    // English pages 0,1,2 dated in the order 2, 0, 1; one Chinese page between two of them.
    const metas = new Map([
      ["en", meta(3, [2, 0, 1])],
      ["zh", meta(1, [0])],
    ]);
    const dates = { en: ["2024-05-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"], zh: ["2024-02-01T00:00:00Z"] };
    const places = datePlaces(metas, dates, "2024")!;
    // en page 2 is the oldest (January), zh's page February, en page 0 March, en page 1 May.
    expect(places.get("en")).toEqual([2, 3, 0]);
    expect(places.get("zh")).toEqual([1]);
  });

  it("leaves a shard without dates as it is, and refuses pages without a date beside dated ones", () => {
    expect(datePlaces(new Map([["en", meta(2)]]), {}, "pages")).toBeUndefined();
    expect(() => datePlaces(new Map([["en", meta(3, [0, 1])]]), { en: [] }, "2024")).toThrow(
      '2024, language "en": expected every page to have a date (3 pages, 2 dated)',
    );
    expect(() =>
      datePlaces(
        new Map([
          ["en", meta(1, [0])],
          ["zh", meta(1)],
        ]),
        {},
        "2024",
      ),
    ).toThrow('language "zh": expected every page to have a date (1 pages, 0 dated)');
  });

  it("keeps each language in date order when Pagefind left a document out, after the languages whose dates line up", () => {
    const metas = new Map([
      ["en", meta(2, [1, 0])],
      ["zh", meta(1, [0])],
    ]);
    // Three English documents written, two indexed: their dates cannot be matched to pages.
    const places = datePlaces(
      metas,
      { en: ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"], zh: ["2024-06-01T00:00:00Z"] },
      "2024",
    )!;
    expect(places.get("zh")).toEqual([0]);
    expect(places.get("en")).toEqual([2, 1]);
  });

  it("renames pages and chunks, rounds word counts, drops only the date sort, and says which file becomes which", () => {
    const compacted = compactMeta(meta(3, [2, 0, 1]), [5, 6, 4], 36, "2024");
    // 100, 101 and 102 words to 5 significant bits: steps of 4.
    expect(compacted.meta.pages).toEqual([
      ["5", 100],
      ["6", 100],
      ["4", 104],
    ]);
    expect(compacted.meta.chunks).toEqual([
      ["a", "kite", "10"],
      ["kites", "zebra", "11"],
    ]);
    expect(compacted.meta.sorts).toEqual([["weight", [1, 0]]]);
    expect(compacted.meta.filters).toEqual([["tag", "en_3333333"]]);
    expect(compacted.fragments).toEqual([
      ["en_abc000", "5"],
      ["en_abc001", "6"],
      ["en_abc002", "4"],
    ]);
    expect(compacted.chunks).toEqual([
      ["en_1111111", "10"],
      ["en_2222222", "11"],
    ]);
  });

  it("keeps Pagefind's names and sorts in a shard without dates, and still rounds its word counts", () => {
    const plain = meta(2);
    const compacted = compactMeta(plain, undefined, 0, "pages");
    expect(compacted.meta).toEqual({ ...plain, pages: plain.pages.map(([name]) => [name, 100]) });
    expect(compacted.fragments).toEqual([]);
    expect(compacted.chunks).toEqual([]);
  });

  it("refuses two pages in one fragment, which renaming would lose", () => {
    const shared = meta(2, [0, 1]);
    shared.pages[1]![0] = shared.pages[0]![0];
    expect(() => compactMeta(shared, [0, 1], 0, "2024")).toThrow("2024: two pages share one fragment");
  });
});

describe("rounding a page's word count", () => {
  it("keeps counts below 32 exact and moves any other by at most 1/32 of it", () => {
    for (let words = 0; words < 32; words++) expect(roundWordCount(words)).toBe(words);
    for (let words = 32; words < 200_000; words += 7) {
      expect(Math.abs(roundWordCount(words) - words)).toBeLessThanOrEqual(words / 32);
    }
    expect(roundWordCount(1_000)).toBe(992);
    expect(roundWordCount(1_015)).toBe(1_024);
  });

  it("leaves few enough counts that a page list packs smaller", () => {
    const counts = Array.from({ length: 2_000 }, (_, page) => 300 + ((page * 7_919) % 1_500));
    expect(new Set(counts.map(roundWordCount)).size).toBeLessThan(new Set(counts).size / 8);
  });
});

describe("gzip for what a reader fetches", () => {
  const metaOf = (pages: number): PagefindMeta => ({
    ...meta(0),
    pages: Array.from({ length: pages }, (_, page) => [pageName(page), 300 + ((page * 7_919) % 1_500)]),
  });

  it("writes Pagefind's metadata smaller than gzip's best level, and it reads back the same", () => {
    const written = metaOf(1_700);
    const zlibBest = gzipSync(Buffer.concat([Buffer.from("pagefind_dcd"), encodeCbor(Object.values(written) as never)]), {
      level: 9,
    });
    const ours = writeMeta(written);
    expect(ours.length).toBeLessThan(zlibBest.length * 0.9);
    expect(readMeta(ours, "m")).toEqual(written);
  });

  it("packs a Pagefind file again to the same bytes unpacked, or keeps it when that is no smaller", () => {
    const wasm = Buffer.from(Array.from({ length: 50_000 }, (_, i) => `${i % 97} ${(i * 31) % 1_000};`).join(""));
    const pagefinds = gzipSync(wasm, { level: 9 });
    const packed = regzip(pagefinds, "wasm.en.pagefind");
    expect(packed.length).toBeLessThan(pagefinds.length);
    expect(gunzipSync(packed).equals(wasm)).toBe(true);
    const tiny = gzipSync("a");
    expect(regzip(tiny, "t")).toBe(tiny);
    expect(() => regzip(Buffer.from("plain"), "2024/wasm.en.pagefind")).toThrow(
      "2024/wasm.en.pagefind: expected a gzipped file from Pagefind",
    );
  });
});
