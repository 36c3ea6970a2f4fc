/**
 * `npm run build` over its last output takes the pages that would come out the same from it
 * (src/build/kept-pages.ts): what readers get must be exactly what a build from nothing makes.
 */
import { mkdtemp, rm, stat, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { article, buildInto, buildSite, FIXTURE_SITE, readPage, readPublishedSite, writeContent } from "../support/build-site.ts";

const site = { ...FIXTURE_SITE, pageSize: 2 };
const story = (day: number, tags: string[], body: string) =>
  article({ title: `Story of day ${day}`, date: `2024-03-${String(day).padStart(2, "0")}`, tags, category: "City" }, body);
const articles: Record<string, string> = {
  "2024-03-01-one.md": story(1, ["harbour"], "Ferries at dawn."),
  "2024-03-02-two.md": story(2, ["harbour", "weather"], "Fog over the water."),
  "2024-03-03-three.md": story(3, ["weather"], "A dry week."),
  "2024-03-04-four.md": story(4, ["markets"], "Fish prices fall."),
  "2024-03-05-five.md": story(5, ["markets", "harbour"], "The quay reopens."),
  "2024-03-06-six.md": story(6, ["schools"], "Term starts late."),
};

let contentDir: string;
let outputDir: string;
const scratch: string[] = [];

beforeAll(async () => {
  contentDir = await writeContent(articles, site);
  outputDir = await mkdtemp(path.join(tmpdir(), "broadsheet-kept-"));
  scratch.push(contentDir, outputDir);
});
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Builds into the same output folder, as an author's `npm run build` does. */
async function rebuild(): Promise<string> {
  const result = await buildInto(contentDir, outputDir);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** The same content built from nothing, into a folder of its own. */
async function freshBuild(): Promise<Record<string, string>> {
  const result = await buildSite(contentDir);
  scratch.push(result.outputDir);
  expect(result.code, result.stderr).toBe(0);
  return readPublishedSite(result.outputDir);
}

const modified = async (url: string) => (await stat(path.join(outputDir, url, "index.html"))).mtimeMs;

describe("a build over the last build's output", () => {
  it("renders everything the first time, and nothing again when nothing changed", async () => {
    expect(await rebuild()).not.toMatch(/unchanged since the last build/);
    const before = await readPublishedSite(outputDir);
    const times = await Promise.all(["/articles/one/", "/tags/harbour/", "/"].map(modified));
    const stdout = await rebuild();
    expect(stdout).toMatch(/Pages: \d+ unchanged since the last build, taken from it rather than rendered again\./);
    expect(await readPublishedSite(outputDir)).toEqual(before);
    // Moved from the last build, not written again.
    expect(await Promise.all(["/articles/one/", "/tags/harbour/", "/"].map(modified))).toEqual(times);
  });

  it("after a new article, renders what shows it and keeps the rest, the same as a build from nothing", async () => {
    const untouched = await modified("/articles/three/");
    await writeFile(path.join(contentDir, "articles", "2024-03-07-seven.md"), story(7, ["harbour"], "A new ferry is named."));
    await rebuild();
    expect(await readPublishedSite(outputDir)).toEqual(await freshBuild());
    // Its neighbour links to it; an article it does not touch was not rendered again.
    expect(await readPage(outputDir, "/articles/six/")).toContain('href="/articles/seven/"');
    expect(await readPage(outputDir, "/tags/harbour/")).toContain("Story of day 7");
    expect(await modified("/articles/three/")).toBe(untouched);
  });

  it("after an edit to an article's text, shows the new text, the same as a build from nothing", async () => {
    await writeFile(path.join(contentDir, "articles", "2024-03-03-three.md"), story(3, ["weather"], "A wet week after all."));
    await rebuild();
    expect(await readPage(outputDir, "/articles/three/")).toContain("A wet week after all.");
    expect(await readPublishedSite(outputDir)).toEqual(await freshBuild());
  });

  it("after an edit to an article's date, and then to the site's time zone, shows its new date, the same as a build from nothing", async () => {
    // 23:30 two hours west of Greenwich is 01:30 the next day in London, 17:30 the same day in Los Angeles.
    const moved = article(
      { title: "Story of day 3", date: "2024-03-03T23:30:00-02:00", tags: ["weather"], category: "City" },
      "A wet week after all.",
    );
    await writeFile(path.join(contentDir, "articles", "2024-03-03-three.md"), moved);
    await rebuild();
    expect(await readPage(outputDir, "/articles/three/")).toContain("March 4, 2024");
    expect(await readPublishedSite(outputDir)).toEqual(await freshBuild());
    await writeFile(path.join(contentDir, "site.json"), JSON.stringify({ ...site, timeZone: "America/Los_Angeles" }));
    await rebuild();
    expect(await readPage(outputDir, "/articles/three/")).toContain("March 3, 2024");
    expect(await readPublishedSite(outputDir)).toEqual(await freshBuild());
  });

  it("after an edit to the site's metadata, renders every page again", async () => {
    await writeFile(path.join(contentDir, "site.json"), JSON.stringify({ ...site, name: "Renamed Gazette" }));
    const stdout = await rebuild();
    expect(stdout).not.toMatch(/unchanged since the last build/);
    const built = await readPublishedSite(outputDir);
    expect(built).toEqual(await freshBuild());
    expect(built[path.join("articles", "three", "index.html")]).toContain("Renamed Gazette");
  });

  it("renders everything when the output folder was emptied since", async () => {
    await rm(outputDir, { recursive: true, force: true });
    expect(await rebuild()).not.toMatch(/unchanged since the last build/);
    expect(await readPublishedSite(outputDir)).toEqual(await freshBuild());
  });

  it("rendered in several Eleventy runs, as a large site is, makes the same site as one run", async () => {
    const parts = await buildSite(contentDir, { BROADSHEET_PAGES_PER_RUN: "4" });
    scratch.push(parts.outputDir);
    expect(parts.code, parts.stderr).toBe(0);
    expect(parts.stdout).toMatch(/Rendering \d+ pages in \d+ parts of at most 4\./);
    expect(await readPublishedSite(parts.outputDir)).toEqual(await freshBuild());
  });

  it("renders a page again when its file is gone from the last output", async () => {
    await unlink(path.join(outputDir, "articles", "two", "index.html"));
    await rebuild();
    expect(await readPage(outputDir, "/articles/two/")).toContain("Fog over the water.");
    expect(await readPublishedSite(outputDir)).toEqual(await freshBuild());
  });
});
