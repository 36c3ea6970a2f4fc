import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import type { ReplyRecord } from "../../src/shared/reply-record.ts";
import { parseArticleSources } from "../../src/site/content/load-articles.ts";
import { createArticleMarkdown } from "../../src/site/content/markdown.ts";
import { parseSite } from "../../src/site/content/site-metadata.ts";
import { findRelated, memoizeRelated } from "../../src/site/model/related.ts";
import { buildSiteData, type RememberedText, type TextDerived } from "../../src/site/model/site-data.ts";
import type { Term } from "../../src/site/model/types.ts";

const site = parseSite(
  { name: "T", url: "https://t.example", language: "en", timeZone: "UTC", description: "d", pageSize: 2 },
  "site.json",
);
const source = (name: string, fields: string) => ({ file: `content/articles/${name}.md`, text: `---\n${fields}\n---\nBody of ${name}.\n` });
const sources = [
  source("2020-01-01-old", 'title: "Old"\ndate: 2020-01-01\ntags: [Alibaba, IACC]\ncategory: Business'),
  source("2020-02-01-mid", 'title: "Mid"\ndate: 2020-02-01\ntags: [alibaba]\ncategory: business'),
  source("2020-03-01-new", 'title: "New"\ndate: 2020-03-01\ntags: ["阿里巴巴", IACC]'),
  source("2020-03-02-draft", 'title: "Draft"\ndate: 2020-03-02\ndraft: true\ntags: [Secret]'),
  source("2030-01-01-future", 'title: "Future"\ndate: 2030-01-01\ntags: [Alibaba]'),
];
const parsed = () => parseArticleSources(sources, "UTC");
const build = (includeUnpublished: boolean, now = DateTime.fromISO("2021-01-01T00:00:00Z")) =>
  buildSiteData(parsed(), { site, now, includeUnpublished, renderMarkdown: (body) => createArticleMarkdown().render(body) });

describe("buildSiteData", () => {
  it("publishes neither drafts nor future articles in a build, anywhere", () => {
    const data = build(false);
    expect(data.articles.map((a) => a.key)).toEqual(["new", "mid", "old"]);
    expect(data.tagIndex.map((t) => [t.name, t.count])).toEqual([
      ["Alibaba", 2],
      ["IACC", 2],
      ["阿里巴巴", 1],
    ]);
    expect(data.feedArticles.map((a) => a.key)).toEqual(["new", "mid", "old"]);
  });

  it("shows drafts and scheduled articles, marked, under the dev server", () => {
    const data = build(true);
    const byKey = new Map(data.articles.map((a) => [a.key, a]));
    expect(byKey.get("draft")?.draft).toBe(true);
    expect(byKey.get("future")?.scheduled).toBe(true);
    expect(byKey.get("new")?.scheduled).toBe(false);
  });

  it("publishes a scheduled article on the first build after its date", () => {
    expect(build(false, DateTime.fromISO("2029-12-31T23:59:59Z")).articles.some((a) => a.key === "future")).toBe(false);
    expect(build(false, DateTime.fromISO("2030-01-01T00:00:00Z")).articles.some((a) => a.key === "future")).toBe(true);
  });

  it("links each article to the older (previous) and newer (next) one", () => {
    const [newest, middle, oldest] = build(false).articles;
    expect([middle?.previous?.key, middle?.next?.key]).toEqual(["old", "new"]);
    expect(newest?.next).toBeUndefined();
    expect(oldest?.previous).toBeUndefined();
  });

  it("paginates tag pages as one flat list of tag × page", () => {
    const data = build(false);
    expect(data.tagPages.map((p) => [p.term.slug, p.url, p.items.map((a) => a.key)])).toEqual([
      ["alibaba", "/tags/alibaba/", ["mid", "old"]],
      ["iacc", "/tags/iacc/", ["new", "old"]],
      ["阿里巴巴", "/tags/阿里巴巴/", ["new"]],
    ]);
    expect(data.categoryIndex).toEqual([{ name: "Business", slug: "business", url: "/category/business/", count: 2 }]);
    expect(data.yearPages.map((p) => p.url)).toEqual(["/archive/2020/", "/archive/2020/page/2/"]);
  });
});

describe("findRelated", () => {
  const tag = (slug: string): Term => ({ name: slug, slug, url: `/tags/${slug}/` });
  it("ranks by shared tags, then by nearness in time, and never lists the article itself", () => {
    const a = { key: "a", tags: [tag("x"), tag("y")] };
    const b = { key: "b", tags: [tag("x")] };
    const c = { key: "c", tags: [tag("x"), tag("y")] };
    const d = { key: "d", tags: [tag("z")] };
    const articles = [a, b, c, d];
    const byTag = new Map([
      ["x", [a, b, c]],
      ["y", [a, c]],
      ["z", [d]],
    ]);
    const related = findRelated(articles, byTag);
    expect(related[0]?.map((r) => r.key)).toEqual(["c", "b"]);
    expect(related[1]?.map((r) => r.key)).toEqual(["a", "c"]);
    expect(related[3]).toEqual([]);
  });

  it("memoized, lists this build's articles (an edited title shows) and follows a change of tags", () => {
    const relate = memoizeRelated();
    const build = (titles: string[], tags: string[][]) => {
      const articles = titles.map((title, i) => ({ key: `k${i}`, title, tags: tags[i]!.map(tag) }));
      const byTag = new Map<string, typeof articles>();
      for (const article of articles) for (const t of article.tags) byTag.set(t.slug, [...(byTag.get(t.slug) ?? []), article]);
      return { articles, byTag };
    };
    const first = build(["A", "B", "C"], [["x"], ["x"], ["y"]]);
    expect(relate(first.articles, first.byTag).map((list) => list.map((r) => r.title))).toEqual([["B"], ["A"], []]);
    const edited = build(["A", "B, corrected", "C"], [["x"], ["x"], ["y"]]);
    const afterEdit = relate(edited.articles, edited.byTag);
    expect(afterEdit[0]![0]).toBe(edited.articles[1]);
    expect(afterEdit[0]!.map((r) => r.title)).toEqual(["B, corrected"]);
    const retagged = build(["A", "B", "C"], [["x"], ["y"], ["y"]]);
    expect(relate(retagged.articles, retagged.byTag).map((list) => list.map((r) => r.title))).toEqual(
      findRelated(retagged.articles, retagged.byTag).map((list) => list.map((r) => r.title)),
    );
    expect(relate(retagged.articles, retagged.byTag).map((list) => list.map((r) => r.title))).toEqual([[], ["C"], ["B"]]);
  });
});

describe("buildSiteData with what the last build worked out (RememberedText)", () => {
  /** A memo like src/build/kept-renders.ts's, in memory, noting what was worked out afresh. */
  function memory() {
    const texts = new Map<string, TextDerived>();
    const dates = new Map<string, string>();
    const worked: string[] = [];
    const recall =
      <T>(table: Map<string, T>, kind: string) =>
      (key: string, fresh: () => T): T => {
        if (!table.has(key)) {
          worked.push(kind);
          table.set(key, fresh());
        }
        return table.get(key)!;
      };
    const articleText = recall(texts, "article");
    const remembered: RememberedText = {
      articleText: ({ context, body }, fresh) => articleText(`${context}\0${body}`, fresh),
      replyDate: recall(dates, "reply"),
    };
    return { remembered, worked };
  }
  const reply: ReplyRecord = {
    id: "20200601T223000000Z-abcdefghij",
    article: "old",
    parent: null,
    author: "Reader",
    url: null,
    body: "Well said.",
    date: "2020-06-01T22:30:00.000Z",
    status: "approved",
    emailHash: "0".repeat(64),
  };
  const now = DateTime.fromISO("2021-01-01T00:00:00Z");
  const withMemory = (remembered: RememberedText | undefined, on = site, texts = sources) =>
    buildSiteData(parseArticleSources(texts, on.timeZone), {
      site: on,
      now,
      includeUnpublished: false,
      renderMarkdown: (body) => createArticleMarkdown().render(body),
      replies: new Map([["old", [reply]]]),
      remembered,
    });
  const shown = (data: ReturnType<typeof buildSiteData>) =>
    data.articles.map(({ key, date, dateLabel, language, readingMinutes, replies }) => ({
      key,
      date,
      dateLabel,
      language,
      readingMinutes,
      replies: replies.map((r) => r.dateLabel),
    }));

  it("shows what a build without it shows, and works nothing out again for unchanged articles and replies", () => {
    const { remembered, worked } = memory();
    const first = withMemory(remembered);
    expect([...worked].sort()).toEqual(["article", "article", "article", "reply"]);
    expect(shown(first)).toEqual(shown(withMemory(undefined)));
    worked.length = 0;
    expect(shown(withMemory(remembered))).toEqual(shown(first));
    expect(worked).toEqual([]);
  });

  it("works dates out again in another time zone or language, and for an edited date", () => {
    const { remembered } = memory();
    withMemory(remembered);
    const tokyo = { ...site, timeZone: "Asia/Tokyo" };
    const french = { ...site, language: "fr" };
    const redated = sources.map((s) => (s.file.endsWith("old.md") ? { ...s, text: s.text.replace("2020-01-01", "2020-01-05") } : s));
    for (const [on, texts] of [
      [tokyo, sources],
      [french, sources],
      [site, redated],
    ] as const) {
      expect(shown(withMemory(remembered, on, texts))).toEqual(shown(withMemory(undefined, on, texts)));
    }
    // In Tokyo the reply of 22:30 UTC is the next morning; in French the month is "juin".
    expect(withMemory(remembered, tokyo).articles.at(-1)!.replies[0]!.dateLabel).toMatch(/^Jun 2, 2020/);
    expect(withMemory(remembered, french).articles.at(-1)!.dateLabel).toBe("1 janvier 2020");
    expect(withMemory(remembered, site, redated).articles.at(-1)!.dateLabel).toBe("January 5, 2020");
  });

  it("does not remember an article whose body has an image: its HTML is not its markdown's alone", () => {
    const { remembered, worked } = memory();
    const pictured = [source("2020-01-01-old", 'title: "Old"\ndate: 2020-01-01')].map((s) => ({
      ...s,
      text: s.text.replace("Body of", "![A harbour](https://images.example/harbour.jpg) Body of"),
    }));
    withMemory(remembered, site, pictured);
    withMemory(remembered, site, pictured);
    expect(worked.filter((kind) => kind === "article")).toEqual([]);
  });
});
