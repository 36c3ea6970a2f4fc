/** The pure parts of the photograph pipeline: where a reference points, which body images count, how they render. */
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { toSearchDocument } from "../../src/search/search-document.ts";
import { createArticleMarkdown } from "../../src/site/content/markdown.ts";
import { checkBodyImages, findBodyImageSources } from "../../src/site/media/body-images.ts";
import { resolveImageReference } from "../../src/site/media/image-reference.ts";
import { markdownImages } from "../../src/site/media/markdown-images.ts";
import type { LeadImage, ResponsiveImage } from "../../src/site/media/responsive-image.ts";
import { toIco } from "../../src/site/media/site-icon.ts";
import { articleView } from "../support/article-view.ts";

describe("resolveImageReference", () => {
  it.each([
    ["media/a.jpg", "", { kind: "local", path: "media/a.jpg" }],
    ["../media/a.jpg", "articles", { kind: "local", path: "media/a.jpg" }],
    ["/media/2016/a%20b.jpg", "articles", { kind: "local", path: "media/2016/a b.jpg" }],
    ["media/a.jpg", "articles", { kind: "local", path: "articles/media/a.jpg" }],
    ["https://example.com/a.jpg", "articles", { kind: "external", url: "https://example.com/a.jpg" }],
    ["//cdn.example.com/a.jpg", "articles", { kind: "external", url: "//cdn.example.com/a.jpg" }],
    ["data:image/png;base64,AAAA", "articles", { kind: "external", url: "data:image/png;base64,AAAA" }],
  ])("%s from %j", (src, from, expected) => {
    expect(resolveImageReference(src, from)).toEqual(expected);
  });

  it.each(["../../etc/passwd.jpg", "../..", "/"])("refuses %s, outside the content folder", (src) => {
    expect(resolveImageReference(src, "articles").kind).toBe("invalid");
  });
});

describe("body images", () => {
  const markdown = createArticleMarkdown();
  const exists = new Set(["media/a.jpg", "media/b.png", "media/notes.txt"]);
  const check = (path: string) => (!exists.has(path) ? `missing ${path}` : path.endsWith(".txt") ? "not a photograph" : undefined);

  it("are found by the renderer's parser: not in code, and once each", () => {
    const body = "![A](../media/a.jpg)\n\n`![no](x.jpg)`\n\n```\n![no](y.jpg)\n```\n\n- ![B](/media/b.png) and ![A again](../media/a.jpg)";
    expect(findBodyImageSources(markdown, body)).toEqual(["../media/a.jpg", "/media/b.png", "../media/a.jpg"]);
    expect(checkBodyImages(findBodyImageSources(markdown, body), check)).toEqual({
      local: ["media/a.jpg", "media/b.png"],
      external: [],
      problems: [],
    });
  });

  it("name every bad one, with a hint for the front matter's form", () => {
    const sources = ["../media/gone.jpg", "media/a.jpg", "../media/notes.txt", "https://example.com/c.jpg"];
    expect(checkBodyImages(sources, check)).toEqual({
      local: [],
      external: ["https://example.com/c.jpg"],
      problems: [
        'body image "../media/gone.jpg": missing media/gone.jpg',
        'body image "media/a.jpg": missing articles/media/a.jpg (in an article\'s body write /media/a.jpg or ../media/a.jpg)',
        'body image "../media/notes.txt": not a photograph',
      ],
    });
  });
});

describe("markdownImages", () => {
  const image: ResponsiveImage = {
    src: "media/a.jpg",
    width: 1200,
    height: 800,
    sources: [
      { type: "image/avif", srcset: "/img/h-400.avif 400w, /img/h-1200.avif 1200w" },
      { type: "image/webp", srcset: "/img/h-400.webp 400w, /img/h-1200.webp 1200w" },
    ],
    fallback: { url: "/img/h-1200.jpeg", srcset: "/img/h-400.jpeg 400w, /img/h-1200.jpeg 1200w", type: "image/jpeg" },
    largest: { url: "/img/h-1200.jpeg", width: 1200, height: 800, bytes: 1000 },
    smallest: { url: "/img/h-400.jpeg", width: 400, height: 267 },
  };
  const markdown = createArticleMarkdown();
  markdownImages(markdown, (path) => (path === "media/a.jpg" ? image : undefined));

  it("makes a titled image alone in its paragraph a figure, outside any <p>", () => {
    const html = markdown.render('![Cranes & ships](../media/a.jpg "The <harbour>")');
    expect(html).toBe(
      '<figure class="figure"><picture><source type="image/avif" srcset="/img/h-400.avif 400w, /img/h-1200.avif 1200w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)">' +
        '<source type="image/webp" srcset="/img/h-400.webp 400w, /img/h-1200.webp 1200w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)">' +
        '<img src="/img/h-1200.jpeg" srcset="/img/h-400.jpeg 400w, /img/h-1200.jpeg 1200w" sizes="(min-width: 42rem) 40rem, calc(100vw - 2rem)" alt="Cranes &amp; ships" width="1200" height="800" loading="lazy" decoding="async">' +
        "</picture><figcaption>The &lt;harbour&gt;</figcaption></figure>\n",
    );
  });

  it("keeps an image within text a <picture> in its paragraph, its title as a title", () => {
    const html = markdown.render('See ![a](/media/a.jpg "t") here.');
    expect(html).toMatch(/^<p>See <picture>.*<img title="t" src="\/img\/h-1200\.jpeg".*<\/picture> here\.<\/p>\n$/);
  });

  it("leaves an image from elsewhere, or one it has no files for, as markdown-it writes it", () => {
    expect(markdown.render('![c](https://example.com/c.jpg "T")')).toBe('<p><img src="https://example.com/c.jpg" alt="c" title="T"></p>\n');
    expect(markdown.render("![d](../media/d.jpg)")).toBe('<p><img src="../media/d.jpg" alt="d"></p>\n');
  });
});

describe("toIco", () => {
  it("writes an ICO directory of PNG images, each entry pointing at its bytes", () => {
    const a = Buffer.from("PNG-A");
    const b = Buffer.from("PNG-BB");
    const ico = toIco([
      { size: 16, png: a },
      { size: 32, png: b },
    ]);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
    expect([ico.readUInt8(6), ico.readUInt32LE(6 + 8), ico.readUInt32LE(6 + 12)]).toEqual([16, 5, 38]);
    expect([ico.readUInt8(22), ico.readUInt32LE(22 + 8), ico.readUInt32LE(22 + 12)]).toEqual([32, 6, 43]);
    expect(ico.subarray(38).toString()).toBe("PNG-APNG-BB");
  });
});

describe("a search result's photograph", () => {
  const image: LeadImage = {
    src: "media/a.jpg",
    width: 1200,
    height: 800,
    alt: "Cranes & <ships>",
    caption: undefined,
    credit: undefined,
    sources: [],
    fallback: { url: "/img/h-1200.jpeg", srcset: "", type: "image/jpeg" },
    largest: { url: "/img/h-1200.jpeg", width: 1200, height: 800, bytes: 1 },
    smallest: { url: "/img/h-400.jpeg", width: 400, height: 267 },
  };
  const article = articleView({
    key: "harbour",
    title: "The harbour",
    date: "2024-05-01T00:00:00.000+00:00",
    dateLabel: "May 1, 2024",
    image,
    html: '<p><picture><img src="/img/other-400.jpeg" alt="Body image"></picture></p>',
  });

  it("is the lead image's smallest JPEG, set in the search document so Pagefind does not take the body's first image", () => {
    const $ = load(toSearchDocument(article, "en"));
    const meta = (name: string) => $(`[data-pagefind-ignore] [data-pagefind-meta="${name}"]`).text();
    expect([meta("image"), meta("image_alt"), meta("image_size")]).toEqual(["/img/h-400.jpeg", "Cranes & <ships>", "400x267"]);
  });

  it("is left out for an article without one", () => {
    const $ = load(toSearchDocument({ ...article, image: undefined }, "en"));
    expect($('[data-pagefind-meta="image"]')).toHaveLength(0);
  });
});
