/**
 * Photographs in Chromium, served with netlify.toml's headers by the preview server: the
 * article page does not move as its images arrive, the browser picks a modern format, and no
 * request (icons included) is answered with an error.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadPreviewRules, type RunningPreview, startPreviewServer } from "../../src/http/preview/server.ts";
import { describeWithBrowser, launchBrowser } from "../support/browser.ts";
import { article, type BuildResult, buildSite, ROOT, writeContent } from "../support/build-site.ts";
import { writePhoto } from "../support/photos.ts";

const paragraphs = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `Paragraph ${i + 1} of the story, long enough to wrap over a few lines on a phone's screen and push what follows below the fold.`,
  ).join("\n\n");

describeWithBrowser("photographs in Chromium", () => {
  let contentDir: string;
  let cacheDir: string;
  let build: BuildResult;
  let preview: RunningPreview;
  let browser: Browser;

  beforeAll(async () => {
    contentDir = await writeContent({
      "2024-05-01-harbour.md": article(
        {
          title: "The harbour",
          date: "2024-05-01",
          summary: "Cranes and ships.",
          image: "media/harbour.jpg",
          imageAlt: "Cranes over the harbour",
          imageCaption: "The harbour.",
          imageCredit: "Staff",
        },
        `${paragraphs(6)}\n\n![A ship at the quay](../media/ship.jpg "The ship.")\n\n${paragraphs(6)}\n\n![The quay at night](/media/quay.png)\n\n${paragraphs(3)}`,
      ),
      "2024-04-30-earlier.md": article({ title: "Earlier", date: "2024-04-30", image: "media/ship.jpg", imageAlt: "A ship" }),
    });
    await writePhoto(path.join(contentDir, "media/harbour.jpg"), { width: 1600, height: 1000, seed: 3 });
    await writePhoto(path.join(contentDir, "media/ship.jpg"), { width: 1200, height: 900, seed: 5 });
    await writePhoto(path.join(contentDir, "media/quay.png"), { width: 800, height: 1000, seed: 7, format: "png" });
    cacheDir = await mkdtemp(path.join(tmpdir(), "broadsheet-image-cache-"));
    build = await buildSite(contentDir, { BROADSHEET_NOW: "2026-01-01T00:00:00Z", BROADSHEET_IMAGE_CACHE: cacheDir });
    if (build.code !== 0) throw new Error(`build failed:\n${build.stderr}`);
    const rules = await loadPreviewRules(path.join(ROOT, "netlify.toml"), build.outputDir);
    preview = await startPreviewServer({ root: build.outputDir, rules, port: 0, api: {} });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    for (const dir of [contentDir, cacheDir, build?.outputDir]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Loads a page at a width, scrolls through it so lazy images load, and reports layout shifts and failed requests. */
  async function visit(url: string, width: number, javaScriptEnabled = true): Promise<{ page: Page; shift: number; failed: string[] }> {
    const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled });
    const page = await context.newPage();
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    page.on("requestfailed", (request) => failed.push(`failed ${request.url()}`));
    await page.addInitScript(() => {
      const shifts: number[] = [];
      (window as unknown as { __shifts: number[] }).__shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) shifts.push((entry as unknown as { value: number }).value);
      }).observe({ type: "layout-shift", buffered: true });
    });
    await page.goto(`${preview.url}${url}`, { waitUntil: "load" });
    // Browsers request the icon on their own in a window; headless Chromium does not, so ask as it would.
    for (const href of await page
      .locator('link[rel~="icon"], link[rel="apple-touch-icon"]')
      .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href))) {
      const response = await page.request.get(href);
      if (response.status() >= 400) failed.push(`${response.status()} ${new URL(href).pathname}`);
    }
    const favicon = await page.request.get(`${preview.url}/favicon.ico`);
    if (favicon.status() >= 400) failed.push(`${favicon.status()} /favicon.ico`);
    for (let y = 0; y < 20_000; y += 400) await page.mouse.wheel(0, 400);
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
    await page.waitForTimeout(200);
    const shift = javaScriptEnabled
      ? await page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts.reduce((sum, value) => sum + value, 0))
      : 0;
    return { page, shift, failed };
  }

  it.each([390, 1280])("the article page at %i px: no layout shift from its images, AVIF chosen, no failed request", async (width) => {
    const { page, shift, failed } = await visit("/articles/harbour/", width);
    expect(failed).toEqual([]);
    expect(shift).toBe(0);
    const images = await page
      .locator("article img")
      .evaluateAll((imgs) => imgs.map((img) => ({ src: (img as HTMLImageElement).currentSrc })));
    expect(images).toHaveLength(3);
    for (const image of images) expect(new URL(image.src).pathname).toMatch(/^\/img\/[\w-]{10}-\d+\.avif$/);
    // A phone at 390 px (device scale 1) takes the 400 px file; a desktop column of 40 rem the 800 px one.
    expect(images[0]!.src).toMatch(width === 390 ? /-400\.avif$/ : /-800\.avif$/);
    await page.context().close();
  });

  it("shows a search result with its photograph's thumbnail, sized before it loads", async () => {
    const { page, failed } = await visit("/search/?q=harbour", 1280);
    const thumbnail = page.locator(".search-result", { hasText: "The harbour" }).locator("img.search-result__image");
    await expect.poll(() => thumbnail.count()).toBe(1);
    expect(await thumbnail.getAttribute("alt")).toBe("Cranes over the harbour");
    expect(await thumbnail.getAttribute("src")).toMatch(/^\/img\/[\w-]{10}-400\.jpeg$/);
    expect([await thumbnail.getAttribute("width"), await thumbnail.getAttribute("height")]).toEqual(["400", "250"]);
    expect(failed).toEqual([]);
    await page.context().close();
  });

  it("shows the front page's lead photograph without JavaScript", async () => {
    const { page, failed } = await visit("/", 1280, false);
    expect(failed).toEqual([]);
    const lead = page.locator(".front-lead img");
    expect(await lead.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.context().close();
  });
});
