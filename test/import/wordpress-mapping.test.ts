/** The importer's pure parts: keys, comments → replies, shortcodes, lead images, redirect lines. */
import { describe, expect, it } from "vitest";
import { createArticleConverter, createReplyConverter } from "../../src/import/wordpress/html-to-markdown.ts";
import { assignKeys, makeKey } from "../../src/import/wordpress/item-keys.ts";
import { mapComments } from "../../src/import/wordpress/map-comments.ts";
import { mapPost, type PostContext } from "../../src/import/wordpress/map-post.ts";
import { expandShortcodes } from "../../src/import/wordpress/shortcodes.ts";
import type { WxrComment, WxrItem } from "../../src/import/wordpress/wxr-types.ts";
import { toRedirectLine } from "../../src/shared/redirects-file.ts";
import { REPLY_ID_PATTERN } from "../../src/shared/reply-record.ts";

describe("article keys", () => {
  it.each([
    ["alibaba-joins-coalition", "Anything", "alibaba-joins-coalition"],
    ["%e9%98%bf%e9%87%8c%e5%b7%b4%e5%b7%b4", "阿里巴巴", "a-li-ba-ba"],
    ["caf%c3%a9-society", "Café", "cafe-society"],
    ["", "Hello, World: a draft!", "hello-world-a-draft"],
    ["", "!!!", "post-7"],
    ["100%-sure", "x", "100-sure"],
  ])("slug %j, title %j → %j", (slug, title, key) => {
    expect(makeKey(slug, title, "7")).toBe(key);
  });

  it("gives a clashing key to the older WordPress id and suffixes the other", () => {
    const keys = assignKeys(
      [
        { id: "20", wanted: "news" },
        { id: "3", wanted: "news" },
      ],
      new Set(["taken"]),
    );
    expect(keys).toEqual(
      new Map([
        ["3", "news"],
        ["20", "news-20"],
      ]),
    );
  });
});

const comment = (id: string, parent: string, hour: number, extra: Partial<WxrComment> = {}): WxrComment => ({
  id,
  parent,
  author: `Reader ${id}`,
  authorEmail: `reader${id}@example.test`,
  authorUrl: "",
  date: "",
  content: `Comment ${id}`,
  dateGmt: `2020-01-01 ${String(hour).padStart(2, "0")}:00:00`,
  approved: "1",
  type: "comment",
  ...extra,
});
const commentContext = {
  timeZone: "UTC",
  maxDepth: 5,
  hashEmail: (email: string) => email.length.toString(16).padStart(64, "0"),
  convert: createReplyConverter(),
};

describe("comments → replies", () => {
  it("gives stable ids in the reply id format, from the date and the WordPress ids", () => {
    const once = mapComments([comment("1", "0", 1)], "story", "10", commentContext);
    const twice = mapComments([comment("1", "0", 1)], "story", "10", commentContext);
    expect(once.replies[0]!.id).toMatch(REPLY_ID_PATTERN);
    expect(once.replies[0]!.id).toMatch(/^20200101T010000000Z-/);
    expect(twice.replies).toEqual(once.replies);
    expect(mapComments([comment("1", "0", 1)], "story", "11", commentContext).replies[0]!.id).not.toBe(once.replies[0]!.id);
  });

  it("hangs replies deeper than the limit on the deepest allowed ancestor", () => {
    const chain = Array.from({ length: 7 }, (_, i) => comment(String(i + 1), String(i), i + 1));
    const { replies, flattened } = mapComments(chain, "story", "10", commentContext);
    const idOf = (n: number) => replies.find((r) => r.body === `Comment ${n}`)!.id;
    expect(replies.find((r) => r.body === "Comment 5")!.parent).toBe(idOf(4));
    expect(replies.find((r) => r.body === "Comment 6")!.parent).toBe(idOf(4));
    expect(replies.find((r) => r.body === "Comment 7")!.parent).toBe(idOf(4));
    expect(flattened).toBe(2);
  });

  it("skips spam, trash, pingbacks and trackbacks, and steps over a skipped parent", () => {
    const result = mapComments(
      [
        comment("1", "0", 1),
        comment("2", "1", 2, { approved: "spam" }),
        comment("3", "2", 3),
        comment("4", "0", 4, { type: "pingback" }),
        comment("5", "0", 5, { type: "trackback" }),
        comment("6", "0", 6, { approved: "trash" }),
        comment("7", "0", 7, { approved: "0" }),
      ],
      "story",
      "10",
      commentContext,
    );
    expect(result.skipped).toMatchObject({ spam: 1, trash: 1, pingback: 1, trackback: 1 });
    const first = result.replies.find((r) => r.body === "Comment 1")!;
    expect(result.replies.find((r) => r.body === "Comment 3")!.parent).toBe(first.id);
    expect(result.replies.find((r) => r.body === "Comment 7")!.status).toBe("pending");
    expect(result.approvedReaders.map((reader) => reader.email)).toEqual(["reader1@example.test", "reader3@example.test"]);
  });

  it("keeps only http(s) websites, never the email, and text without HTML", () => {
    const [record] = mapComments(
      [
        comment("1", "0", 1, {
          authorUrl: "javascript:alert(1)",
          content: '<b>Bold</b> <img src="https://x.test/a.png" alt="pic">\n\nNext',
        }),
      ],
      "story",
      "10",
      commentContext,
    ).replies;
    expect(record!.url).toBeNull();
    expect(JSON.stringify(record)).not.toContain("reader1@example.test");
    expect(record!.body).toBe("**Bold** [pic](https://x.test/a.png)\n\nNext");
  });
});

describe("shortcodes", () => {
  it("turns [caption], [gallery] and [embed] into HTML, and lists the others", () => {
    const { html, kept } = expandShortcodes(
      '[caption id="a" width="300"]<img src="/a.jpg" alt="A"> Caption text[/caption] [gallery ids="5"] [embed]https://vimeo.com/1[/embed] [audio src="x.mp3"] <a title="[not-one]">x</a>',
      { galleryImages: (ids) => ids.map((id) => ({ url: `/g${id}.jpg`, alt: `G${id}` })) },
    );
    expect(createArticleConverter()(html)).toBe(
      '![A](/a.jpg "Caption text")\n\n![G5](/g5.jpg)\n\n<https://vimeo.com/1> \\[audio src="x.mp3"\\] x',
    );
    expect(kept).toEqual(["audio"]);
  });
});

describe("featured image → lead image (pure; the schema's image fields come with issue 13)", () => {
  const item: WxrItem = {
    title: "Story",
    link: "",
    creator: "ann",
    content: "Body",
    excerpt: "",
    postId: "1",
    postDate: "2020-01-01 10:00:00",
    postDateGmt: "2020-01-01 10:00:00",
    postModified: "",
    postModifiedGmt: "",
    postName: "story",
    status: "publish",
    postParent: "0",
    postType: "post",
    attachmentUrl: "",
    terms: [],
    meta: { _thumbnail_id: "9" },
    comments: [],
  };
  const context = (overrides: Partial<PostContext>): PostContext => ({
    timeZone: "UTC",
    authors: new Map(),
    attachmentsByParent: new Map(),
    uploadsPath: () => undefined,
    uploadExists: () => true,
    hasUploads: true,
    leadImageFields: true,
    convert: createArticleConverter(),
    attachments: new Map([
      [
        "9",
        {
          id: "9",
          url: "https://old.test/wp-content/uploads/2020/01/cat.jpg",
          file: "2020/01/cat.jpg",
          alt: "A cat",
          caption: "The <em>office</em> cat",
          title: "cat",
        },
      ],
    ]),
    ...overrides,
  });

  it("sets image, imageAlt and imageCaption, and copies the file", () => {
    const mapped = mapPost(item, "story", context({}));
    expect(mapped.text).toContain("image: media/2020/01/cat.jpg\nimageAlt: A cat\nimageCaption: The office cat\n");
    expect(mapped.media).toEqual(["2020/01/cat.jpg"]);
    expect(mapped.featuredSkipped).toBeUndefined();
  });

  it.each([
    [{ leadImageFields: false }, "no lead-image field"],
    [{ hasUploads: false }, "no --uploads folder given"],
    [{ uploadExists: () => false }, "is not in the uploads folder"],
  ])("reports it skipped when %j", (overrides, reason) => {
    const mapped = mapPost(item, "story", context(overrides));
    expect(mapped.text).not.toContain("image:");
    expect(mapped.media).toEqual([]);
    expect(mapped.featuredSkipped).toContain(reason);
  });
});

describe("redirect lines", () => {
  it.each([
    [{ from: "/?p=12", to: "/articles/a/", status: 301 as const }, "/ p=12 /articles/a/ 301!"],
    [{ from: "/2016/05/a/", to: "/articles/a/", status: 301 as const }, "/2016/05/a/ /articles/a/ 301"],
  ])("%j → %j", (rule, line) => {
    expect(toRedirectLine(rule)).toBe(line);
  });
});
