/**
 * Photographs through the real build: lead and body images made into responsive files,
 * shown on every page they belong to, cached between builds, and bad ones reported.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { type CheerioAPI, load } from "cheerio";
import { HtmlValidate } from "html-validate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findHeaders, findOverlappingHeaders } from "../../src/http/preview/netlify-rules.ts";
import { loadPreviewRules } from "../../src/http/preview/server.ts";
import { MEMO_FILE } from "../../src/site/media/processed-memo.ts";
import { article, type BuildResult, buildSite, listFiles, ROOT, readPage, writeContent } from "../support/build-site.ts";
import { writePhoto } from "../support/photos.ts";

const NOW = "2026-01-01T00:00:00Z";
const LEAD = {
  image: "media/2024/harbour.jpg",
  imageAlt: "Container cranes over the harbour at dusk",
  imageCaption: "The harbour at Ningbo, the busiest by tonnage.",
  imageCredit: "Li Wei / Broadsheet",
};

function corpus(): Record<string, string> {
  const files: Record<string, string> = {
    "2024-05-01-harbour.md": article(
      { title: "The harbour", date: "2024-05-01T09:00:00Z", summary: "Cranes and ships.", ...LEAD },
      [
        "The first paragraph.",
        '![A ship at the quay](../media/2024/ship.png "The Ever Given at the quay.")',
        "Inline ![a small crane](/media/2024/ship.png) in a sentence.",
        "![A chart from elsewhere](https://images.example.com/chart.png)",
        "```\n![not an image](media/missing.jpg)\n```",
      ].join("\n\n"),
    ),
  };
  // Enough stories for a full front page: a lead, four top stories and the latest list.
  for (let i = 1; i <= 22; i++) {
    const day = String(i).padStart(2, "0");
    files[`2024-04-${day}-story-${i}.md`] = article(
      {
        title: `Story number ${i} with a headline of a usual length for the news`,
        date: `2024-04-${day}T08:00:00Z`,
        summary: `A summary of story ${i} in a sentence or two, as an editor would write it for the front page.`,
        category: "Business",
        tags: ["Shipping", `Port ${i % 4}`],
        ...(i % 3 === 0 ? {} : { image: `media/2024/photo-${i % 4}.jpg`, imageAlt: `Photograph ${i}` }),
      },
      "Body.",
    );
  }
  return files;
}

let contentDir: string;
let cacheDir: string;
let first: BuildResult;
let second: BuildResult;
const page = async (url: string, build = first): Promise<CheerioAPI> => load(await readPage(build.outputDir, url));

beforeAll(async () => {
  contentDir = await writeContent(corpus());
  cacheDir = await mkdtemp(path.join(tmpdir(), "broadsheet-image-cache-"));
  await writePhoto(path.join(contentDir, LEAD.image), { width: 1600, height: 1000, seed: 3 });
  await writePhoto(path.join(contentDir, "media/2024/ship.png"), { width: 900, height: 600, seed: 5, format: "png" });
  for (let n = 0; n < 4; n++)
    await writePhoto(path.join(contentDir, `media/2024/photo-${n}.jpg`), { width: 800, height: 533, seed: 11 + n });
  const env = { BROADSHEET_NOW: NOW, BROADSHEET_IMAGE_CACHE: cacheDir };
  first = await buildSite(contentDir, env);
  if (first.code !== 0) throw new Error(`build failed:\n${first.stderr}`);
  second = await buildSite(contentDir, env);
  if (second.code !== 0) throw new Error(`second build failed:\n${second.stderr}`);
});
afterAll(async () => {
  for (const dir of [contentDir, cacheDir, first?.outputDir, second?.outputDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe("an article's lead image", () => {
  it("is a <picture> of AVIF, WebP and JPEG at several widths, fetched first, with its caption and credit", async () => {
    const $ = await page("/articles/harbour/");
    const figure = $("article .lead-image");
    expect(
      figure
        .find("source")
        .map((_, el) => $(el).attr("type"))
        .get(),
    ).toEqual(["image/avif", "image/webp"]);
    const img = figure.find("img");
    expect(img.attr("alt")).toBe(LEAD.imageAlt);
    expect([img.attr("width"), img.attr("height")]).toEqual(["1200", "750"]);
    expect(img.attr("loading")).toBe("eager");
    expect(img.attr("fetchpriority")).toBe("high");
    expect(img.attr("srcset")).toMatch(
      /^\/img\/[\w-]{10}-400\.jpeg 400w, \/img\/[\w-]{10}-800\.jpeg 800w, \/img\/[\w-]{10}-1200\.jpeg 1200w$/,
    );
    expect(img.attr("sizes")).toBeTruthy();
    expect(figure.find("figcaption").text()).toBe(`${LEAD.imageCaption} Image: ${LEAD.imageCredit}`);
  });

  it("is og:image and twitter's large card, with absolute URLs, and NewsArticle.image in JSON-LD", async () => {
    const $ = await page("/articles/harbour/");
    const og = $('meta[property="og:image"]').attr("content");
    expect(og).toMatch(/^https:\/\/gazette\.example\.org\/img\/[\w-]{10}-1200\.jpeg$/);
    expect($('meta[property="og:image:alt"]').attr("content")).toBe(LEAD.imageAlt);
    expect($('meta[name="twitter:card"]').attr("content")).toBe("summary_large_image");
    const jsonLd = $('script[type="application/ld+json"]')
      .map((_, el) => JSON.parse($(el).text()))
      .get();
    const news = jsonLd.find((data) => data["@type"] === "NewsArticle");
    expect(news.image).toMatchObject({
      "@type": "ImageObject",
      url: og,
      width: 1200,
      height: 750,
      caption: LEAD.imageCaption,
      creditText: LEAD.imageCredit,
    });
  });

  it("is in the Atom and JSON feeds as an absolute URL", async () => {
    const $ = await page("/articles/harbour/");
    const og = $('meta[property="og:image"]').attr("content");
    const atom = await readPage(first.outputDir, "/feed.xml");
    expect(atom).toMatch(new RegExp(`<link href="${og}" rel="enclosure" type="image/jpeg" length="\\d+"/>`));
    const json = JSON.parse(await readPage(first.outputDir, "/feed.json"));
    expect(json.items.find((item: { title: string }) => item.title === "The harbour").image).toBe(og);
  });

  it("leaves an article without one on a summary card", async () => {
    const $ = await page("/articles/story-3/");
    expect($('meta[property="og:image"]')).toHaveLength(0);
    expect($('meta[name="twitter:card"]').attr("content")).toBe("summary");
    expect($(".lead-image")).toHaveLength(0);
  });
});

describe("images in an article's body", () => {
  it("become lazy <picture>s; a titled one alone in its paragraph a <figure> with that caption", async () => {
    const $ = await page("/articles/harbour/");
    const figure = $(".article__body figure");
    expect(figure.parent().is("p")).toBe(false);
    expect(figure.find("figcaption").text()).toBe("The Ever Given at the quay.");
    expect(figure.find("img").attr("alt")).toBe("A ship at the quay");
    expect(figure.find("img").attr("loading")).toBe("lazy");
    // A 900 px file: 400 and 800 wide (no 900 px copy that near 800), never enlarged.
    expect(figure.find("img").attr("width")).toBe("800");
    const inline = $(".article__body p picture img");
    expect(inline.attr("alt")).toBe("a small crane");
    expect(inline.attr("src")).toBe(figure.find("img").attr("src"));
  });

  it("leave an image from elsewhere as written, and the build warns naming the article", async () => {
    const $ = await page("/articles/harbour/");
    expect($('.article__body img[src="https://images.example.com/chart.png"]').attr("alt")).toBe("A chart from elsewhere");
    expect(first.stderr).toMatch(
      /articles\/2024-05-01-harbour\.md: image from elsewhere left as written \(https:\/\/images\.example\.com\/chart\.png\)/,
    );
  });

  it("ignore image syntax inside code", async () => {
    const $ = await page("/articles/harbour/");
    expect($(".article__body pre code").text()).toContain("![not an image](media/missing.jpg)");
  });
});

describe("every <img> the site writes", () => {
  it("has width, height and alt, and its files exist in /img/ under content-hashed names", async () => {
    const files = await listFiles(first.outputDir);
    const pages = files.filter((file) => file.endsWith(".html"));
    const missing: string[] = [];
    for (const file of pages) {
      const $ = load(await readFile(path.join(first.outputDir, file), "utf8"));
      $("img").each((_, el) => {
        const img = $(el);
        if (img.attr("src")?.startsWith("https://images.example.com/")) return;
        if (!img.attr("width") || !img.attr("height") || img.attr("alt") === undefined) missing.push(`${file}: ${$.html(el)}`);
      });
      $("img[srcset], source[srcset]").each((_, el) => {
        for (const candidate of $(el).attr("srcset")!.split(", ")) {
          const url = candidate.split(" ")[0]!;
          if (!files.includes(url.slice(1))) missing.push(`${file}: ${url} was not written`);
        }
      });
    }
    expect(missing).toEqual([]);
    expect(files.filter((file) => file.startsWith("img/")).every((file) => /^img\/[\w-]{10}-\d+\.(avif|webp|jpeg)$/.test(file))).toBe(true);
  });

  it("is served from /img/ with a year's immutable caching, and no file gets a header twice", async () => {
    const rules = await loadPreviewRules(path.join(ROOT, "netlify.toml"), first.outputDir);
    const images = (await listFiles(first.outputDir)).filter((file) => file.startsWith("img/")).map((file) => `/${file}`);
    expect(images.length).toBeGreaterThan(0);
    for (const url of images) {
      expect(findHeaders(rules.headers, url)["Cache-Control"]).toBe("public, max-age=31536000, immutable");
      expect(findOverlappingHeaders(rules.headers, url)).toEqual([]);
    }
  });
});

describe("the front page", () => {
  it("leads with the newest story and its photograph, then four top stories, then the latest list", async () => {
    const $ = await page("/");
    expect($(".front-lead h2").text()).toBe("The harbour");
    expect($(".front-lead img").attr("fetchpriority")).toBe("high");
    expect(
      $(".front-top__story h2")
        .map((_, el) => $(el).text())
        .get(),
    ).toEqual([1, 2, 3, 4].map((n) => `Story number ${22 - n + 1} with a headline of a usual length for the news`));
    expect($(".front-top__story").eq(0).find("img").attr("loading")).toBe("lazy");
    expect($(".front-top__story").eq(1).find("img")).toHaveLength(0);
    expect($(".article-list .article-card")).toHaveLength(15);
    expect($(".article-list .article-card img").first().attr("loading")).toBe("lazy");
    expect($("script")).toHaveLength(0);
  });

  it("and the pages with photographs pass html-validate's recommended rules", async () => {
    const validator = new HtmlValidate({ extends: ["html-validate:recommended"], rules: { "long-title": "off" } });
    const failures: string[] = [];
    for (const url of ["/", "/page/2/", "/articles/harbour/", "/category/business/", "/tags/shipping/"]) {
      const report = await validator.validateString(await readPage(first.outputDir, url), url);
      for (const result of report.results)
        for (const message of result.messages) failures.push(`${url}:${message.line}: ${message.ruleId}: ${message.message}`);
    }
    expect(failures).toEqual([]);
  });

  it("weighs at most 15 KB gzipped", async () => {
    const html = await readPage(first.outputDir, "/");
    expect(gzipSync(html).length).toBeLessThanOrEqual(15 * 1024);
  });

  it("is how a category's first page reads too", async () => {
    const $ = await page("/category/business/");
    expect($(".front-lead h2").text()).toBe("Story number 22 with a headline of a usual length for the news");
    expect($(".front-top__story")).toHaveLength(4);
  });
});

describe("the site's icons", () => {
  it("are written from the project's default when the content folder has none, and every page links them", async () => {
    const files = await listFiles(first.outputDir);
    expect(files).toEqual(expect.arrayContaining(["favicon.ico", "icon.svg", "icon-192.png", "apple-touch-icon.png"]));
    const ico = await readFile(path.join(first.outputDir, "favicon.ico"));
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 2]);
    for (const url of ["/", "/articles/harbour/", "/search/", "/tags/"]) {
      const $ = await page(url);
      expect(
        $('link[rel="icon"]')
          .map((_, el) => $(el).attr("href"))
          .get(),
        url,
      ).toEqual(["/favicon.ico", "/icon.svg"]);
      expect($('link[rel="apple-touch-icon"]').attr("href")).toBe("/apple-touch-icon.png");
    }
  });
});

describe("a second build with the same photographs", () => {
  it("encodes none of them, leaves the cached files as they were, and writes the same bytes", async () => {
    expect(first.stdout).toMatch(/Photographs: 6, (\d+) of \1 files encoded/);
    expect(second.stdout).toMatch(/Photographs: 6, 0 of \d+ files encoded/);
    const files = (await listFiles(first.outputDir)).filter(
      (file) => file.startsWith("img/") || file === "articles/harbour/index.html" || file === "index.html",
    );
    for (const file of files) {
      const [a, b] = await Promise.all([readFile(path.join(first.outputDir, file)), readFile(path.join(second.outputDir, file))]);
      expect(a.equals(b), file).toBe(true);
    }
  });

  it("re-encodes only a photograph whose file changed", async () => {
    // The encoded files; the memo of them is rewritten, since one photograph changes.
    const cached = (await listFiles(cacheDir)).filter((file) => file !== MEMO_FILE);
    const before = await Promise.all(cached.map(async (file) => (await stat(path.join(cacheDir, file))).mtimeMs));
    await writePhoto(path.join(contentDir, "media/2024/photo-0.jpg"), { width: 800, height: 533, seed: 99 });
    const third = await buildSite(contentDir, { BROADSHEET_NOW: NOW, BROADSHEET_IMAGE_CACHE: cacheDir });
    try {
      expect(third.code).toBe(0);
      expect(third.stdout).toMatch(/Photographs: 6, 6 of \d+ files encoded/);
      const after = await Promise.all(cached.map(async (file) => (await stat(path.join(cacheDir, file))).mtimeMs));
      expect(after).toEqual(before);
    } finally {
      await rm(third.outputDir, { recursive: true, force: true });
      await writePhoto(path.join(contentDir, "media/2024/photo-0.jpg"), { width: 800, height: 533, seed: 11 });
    }
  });
});

describe("a build over the last build's output", () => {
  it("shows a body image's new files after its photograph changed, though the article's text did not", async () => {
    const ship = path.join(contentDir, "media/2024/ship.png");
    const env = { BROADSHEET_NOW: NOW, BROADSHEET_IMAGE_CACHE: cacheDir };
    await writePhoto(ship, { width: 900, height: 600, seed: 77, format: "png" });
    // Over the second build's output, whose renders and pages it may keep; and from nothing.
    const over = await buildSite(contentDir, { ...env, OUTPUT_DIR: second.outputDir });
    const fresh = await buildSite(contentDir, env);
    try {
      expect(over.code, over.stderr).toBe(0);
      expect(fresh.code, fresh.stderr).toBe(0);
      const harbour = await readPage(second.outputDir, "/articles/harbour/");
      expect(harbour).toEqual(await readPage(fresh.outputDir, "/articles/harbour/"));
      expect(harbour).not.toEqual(await readPage(first.outputDir, "/articles/harbour/"));
      // The last build's /img/ was kept: its files of the old photograph are gone from it.
      const images = async (dir: string) => (await listFiles(dir)).filter((file) => file.startsWith("img/")).sort();
      expect(await images(second.outputDir)).toEqual(await images(fresh.outputDir));
    } finally {
      for (const dir of [over.outputDir, fresh.outputDir]) await rm(dir, { recursive: true, force: true });
      await writePhoto(ship, { width: 900, height: 600, seed: 5, format: "png" });
    }
  });
});

describe("bad photographs", () => {
  it("fail the build naming each file, field and expectation, all at once and beside other fields' problems", async () => {
    const dir = await writeContent({
      "2024-01-01-missing-file.md": article({ title: "Missing", date: "2024-01-01", image: "media/nowhere.jpg", imageAlt: "Nothing" }),
      "2024-01-02-missing-alt.md": article({ title: "No alt", date: "2024-01-02", image: "media/ok.jpg" }),
      "2024-01-03-bad-format.md": article({
        title: "BMP",
        date: "2024-01-03",
        image: "media/scan.bmp",
        imageAlt: "A scan",
        tags: "not a list",
      }),
      "2024-01-04-body.md": article({ title: "Body", date: "2024-01-04" }, "![Gone](../media/gone.png)\n\n![Wrong form](media/ok.jpg)"),
      "2024-01-06-url.md": article({ title: "URL", date: "2024-01-06", image: "https://example.com/x.jpg", imageAlt: "Elsewhere" }),
    });
    await writePhoto(path.join(dir, "media/ok.jpg"), { width: 400, height: 300 });
    await writeFile(path.join(dir, "media/scan.bmp"), "BM");
    const cache = await mkdtemp(path.join(tmpdir(), "broadsheet-image-cache-"));
    const result = await buildSite(dir, { BROADSHEET_NOW: NOW, BROADSHEET_IMAGE_CACHE: cache });
    try {
      expect(result.code).toBe(1);
      const base = path.basename(dir);
      for (const expected of [
        `2024-01-01-missing-file.md: field "image": expected a file in the content folder, but ${base}/media/nowhere.jpg does not exist`,
        `2024-01-02-missing-alt.md: field "imageAlt" is required with "image"`,
        `2024-01-03-bad-format.md: field "tags": expected a list`,
        `2024-01-03-bad-format.md: field "image": expected a JPEG, PNG, WebP, AVIF or GIF file (.jpg, .jpeg, .png, .webp, .avif, .gif), got ${base}/media/scan.bmp`,
        `2024-01-04-body.md: body image "../media/gone.png": expected a file in the content folder, but ${base}/media/gone.png does not exist`,
        `2024-01-04-body.md: body image "media/ok.jpg": expected a file in the content folder, but ${base}/articles/media/ok.jpg does not exist (in an article's body write /media/ok.jpg or ../media/ok.jpg)`,
        `2024-01-06-url.md: field "image": expected a file in the content folder`,
      ]) {
        expect(result.stderr).toContain(expected);
      }
    } finally {
      for (const folder of [dir, cache, result.outputDir]) await rm(folder, { recursive: true, force: true });
    }
  });

  it("that cannot be decoded fail the build naming the article, the field and the file", async () => {
    const dir = await writeContent({
      "2024-01-05-broken.md": article({ title: "Broken", date: "2024-01-05", image: "media/broken.jpg", imageAlt: "Broken" }),
    });
    await mkdir(path.join(dir, "media"));
    await writeFile(path.join(dir, "media/broken.jpg"), "this is not a JPEG");
    const cache = await mkdtemp(path.join(tmpdir(), "broadsheet-image-cache-"));
    const result = await buildSite(dir, { BROADSHEET_NOW: NOW, BROADSHEET_IMAGE_CACHE: cache });
    try {
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/2024-01-05-broken\.md: field "image": could not read media\/broken\.jpg as an image/);
    } finally {
      for (const folder of [dir, cache, result.outputDir]) await rm(folder, { recursive: true, force: true });
    }
  });
});
