import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { ReplyRecord } from "../../src/shared/reply-record.ts";
import { createContentMemo } from "../../src/site/content/content-memo.ts";
import { parseArticleSources } from "../../src/site/content/load-articles.ts";
import { createArticleMarkdown } from "../../src/site/content/markdown.ts";
import { parseSite } from "../../src/site/content/site-metadata.ts";
import {
  countPages,
  type PageSelection,
  planRender,
  sameData,
  selectAllPages,
  selectChangedPages,
  splitSelection,
} from "../../src/site/model/select-changed-pages.ts";
import { buildSiteData } from "../../src/site/model/site-data.ts";

const site = parseSite(
  { name: "T", url: "https://t.example", language: "en", timeZone: "UTC", description: "d", pageSize: 3 },
  "site.json",
);
const file = (i: number, title = `Story ${i}`, tags = i % 2 ? "[odd]" : "[even]") => ({
  file: `content/articles/2020-01-${String(i).padStart(2, "0")}-s${i}.md`,
  text: `---\ntitle: "${title}"\ndate: 2020-01-${String(i).padStart(2, "0")}\ntags: ${tags}\n---\nBody ${i}.\n`,
});
const markdown = createArticleMarkdown();
const memo = createContentMemo(
  (body) => markdown.render(body),
  (body) => `<p>${body}</p>`,
);
const build = (sources: ReturnType<typeof file>[], replies: ReplyRecord[] = []) =>
  buildSiteData(parseArticleSources(sources, "UTC", memo.parseOne), {
    site,
    now: DateTime.fromISO("2021-01-01T00:00:00Z"),
    includeUnpublished: true,
    renderMarkdown: memo.render,
    replies: new Map(replies.map((reply) => [reply.article, [reply]])),
    renderReply: memo.renderReply,
  });
const reply = (article: string): ReplyRecord => ({
  id: "20200601T000000000Z-abcdefghij",
  article,
  parent: null,
  author: "Reader",
  url: null,
  body: "Well said.",
  date: "2020-06-01T00:00:00.000Z",
  status: "approved",
  emailHash: "0".repeat(64),
});
const corpus = Array.from({ length: 12 }, (_, i) => file(i + 1));

describe("selectChangedPages", () => {
  it("renders nothing again when nothing changed", () => {
    const selection = selectChangedPages(build(corpus), build(corpus));
    expect(
      [selection.articles, selection.homePages, selection.tagPages, selection.yearPages, selection.removedUrls].map((list) => list.length),
    ).toEqual([0, 0, 0, 0, 0]);
  });

  it("after a title edit, renders that article, the pages that link to it, and the listings that show it", () => {
    const before = build(corpus);
    const after = build(corpus.map((source, i) => (i === 5 ? file(6, "A new headline") : source)));
    const selection = selectChangedPages(before, after);
    const keys = selection.articles.map((a) => a.key).sort();
    // s6 itself, its neighbours s5 and s7 (their previous/next links), and articles listing it as related.
    expect(keys).toContain("s6");
    expect(keys).toEqual(expect.arrayContaining(["s5", "s7"]));
    const related = after.articles.filter((a) => a.related.some((r) => r.key === "s6")).map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(related));
    expect(keys.length).toBeLessThan(12);
    // Newest first, 3 a page: s6 is on home page 3, and on page 2 of the "even" tag.
    expect(selection.homePages.map((p) => p.url)).toEqual(["/page/3/"]);
    expect(selection.tagPages.map((p) => p.url)).toEqual(["/tags/even/page/2/"]);
  });

  it("after a body-only edit, renders just that article page", () => {
    const before = build(corpus);
    const edited = { ...corpus[2]!, text: `${corpus[2]!.text}More words.\n` };
    const selection = selectChangedPages(before, build(corpus.map((source, i) => (i === 2 ? edited : source))));
    expect(selection.articles.map((a) => a.key)).toEqual(["s3"]);
    expect(selection.homePages).toEqual([]);
  });

  it("reports the pages of a tag no article carries any more, so their files go", () => {
    const before = build(corpus);
    const after = build(corpus.map((source, i) => (i === 0 ? file(1, "Story 1", "[solo]") : source)));
    const removed = selectChangedPages(before, after).removedUrls;
    expect(removed).toEqual([]);
    const restored = selectChangedPages(after, before).removedUrls;
    expect(restored).toEqual(["/tags/solo/"]);
  });

  it("after a reply is approved, renders that article, its replies feed and the listings showing its reply count", () => {
    const before = build(corpus);
    const after = build(corpus, [reply("s6")]);
    const selection = selectChangedPages(before, after);
    expect(selection.articles.map((a) => a.key)).toEqual(["s6"]);
    expect(selection.repliesFeeds.map((a) => a.url)).toEqual(["/articles/s6/"]);
    expect(selection.homePages.map((p) => p.url)).toEqual(["/page/3/"]);
    expect(selection.tagPages.map((p) => p.url)).toEqual(["/tags/even/page/2/"]);
    expect(selection.removedUrls).toEqual([]);
    // And back: the feed of an article with no replies left is removed.
    const removed = selectChangedPages(after, before);
    expect(removed.repliesFeeds).toEqual([]);
    expect(removed.removedUrls).toEqual(["/articles/s6/replies.xml"]);
  });

  it("compares page data deeply: a change anywhere, even an added field or a reply's text, counts", () => {
    const page = { title: "T", tags: [{ name: "a" }], replies: [{ html: "<p>x</p>", children: [] }], summary: undefined };
    expect(sameData(page, structuredClone(page))).toBe(true);
    expect(sameData(page, { ...page, replies: [{ html: "<p>y</p>", children: [] }] })).toBe(false);
    expect(sameData(page, { ...page, tags: [{ name: "a" }, { name: "b" }] })).toBe(false);
    expect(sameData(page, { ...page, extra: 1 })).toBe(false);
    expect(sameData({ ...page, extra: 1 }, page)).toBe(false);
    expect(sameData({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameData(null, {})).toBe(false);
  });
});

describe("planRender, for npm run build over its last output", () => {
  const count = (plan: ReturnType<typeof planRender>) => Object.keys(plan.digests).length;

  it("renders every page when there is no last build to take from", () => {
    const plan = planRender(selectAllPages(build(corpus)), undefined);
    expect(plan.keep).toEqual([]);
    expect(plan.render.articles).toHaveLength(12);
    expect(Object.keys(plan.digests)).toContain("/articles/s1/index.html");
  });

  it("takes every page when nothing changed, and only what shows an edited headline otherwise", () => {
    const first = planRender(selectAllPages(build(corpus)), undefined);
    expect(planRender(selectAllPages(build(corpus)), first.digests).keep).toHaveLength(count(first));
    const after = planRender(
      selectAllPages(build(corpus.map((source, i) => (i === 5 ? file(6, "A new headline") : source)))),
      first.digests,
    );
    const rendered = after.render.articles.map((a) => a.key);
    expect(rendered).toContain("s6");
    expect(rendered).not.toContain("s1");
    // The page of the even tag's listing that shows s6's card (three a page, newest first), no other.
    expect(after.render.tagPages.map((page) => page.url)).toEqual(["/tags/even/page/2/"]);
    expect(after.keep.length + Object.values(after.render).flat().length).toBe(count(after));
  });
});

describe("splitSelection, for a large site rendered in several Eleventy runs", () => {
  const pagesOf = (selection: PageSelection) =>
    Object.entries(selection).flatMap(([kind, items]) =>
      kind === "removedUrls" ? [] : (items as { url: string }[]).map((item) => `${kind} ${item.url}`),
    );

  it("renders every page once, in parts of at most the given size", () => {
    const all = { ...selectAllPages(build(corpus, [reply("s2")])), removedUrls: ["/articles/gone/"] };
    const total = countPages(all);
    expect(total).toBeGreaterThan(20);
    const parts = splitSelection(all, 7);
    expect(parts).toHaveLength(Math.ceil(total / 7));
    for (const part of parts) expect(countPages(part)).toBeLessThanOrEqual(7);
    expect(parts.flatMap(pagesOf).sort()).toEqual(pagesOf(all).sort());
    // The pages to remove once, with the first part.
    expect(parts.map((part) => part.removedUrls)).toEqual([["/articles/gone/"], ...parts.slice(1).map(() => [])]);
  });

  it("leaves a selection that fits as one part", () => {
    const all = selectAllPages(build(corpus));
    expect(splitSelection(all, countPages(all))).toEqual([all]);
  });
});
