/**
 * The markdown a build rendered, kept for the next build of the same output folder
 * (src/build/kept-renders.ts): unchanged markdown is not rendered again, and nothing kept is
 * used by other code or outlives the articles that used it.
 */
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { keptRendersPathFor, openKeptRenders } from "../../src/build/kept-renders.ts";

let outputDir: string;
let parent: string;

beforeEach(async () => {
  parent = await mkdtemp(path.join(tmpdir(), "broadsheet-renders-"));
  outputDir = path.join(parent, "_site");
});
afterEach(() => rm(parent, { recursive: true, force: true }));

/** A renderer that counts its calls and marks its output with them, so a kept render shows. */
function counting() {
  const rendered: string[] = [];
  return {
    rendered,
    fresh: (markdown: string) => {
      rendered.push(markdown);
      return `<p>${markdown} (render ${rendered.length})</p>`;
    },
  };
}

/** One build: opens what the last one kept, renders these bodies and replies, keeps them. */
async function build(project: string, articles: string[], replies: string[] = [], runtime?: string) {
  const renderer = counting();
  const kept = await openKeptRenders(outputDir, project, runtime);
  const html = articles.map((body) => kept.article(body, renderer.fresh));
  const replyHtml = replies.map((body) => kept.reply(body, renderer.fresh));
  await kept.save();
  return { rendered: renderer.rendered, html, replyHtml };
}

/** One build that works out texts by key (site-data.ts's article texts and reply dates): which it worked out afresh. */
async function deriveTexts(keys: { articles: string[]; replies: string[] }, runtime = "icu 1") {
  const worked: string[] = [];
  const kept = await openKeptRenders(outputDir, "code-1", runtime);
  const texts = keys.articles.map((key) =>
    kept.articleText({ context: key, body: `Body of ${key}.` }, () => {
      worked.push(key);
      const label = `label of ${key} (${worked.length})`;
      return { date: key, updated: undefined, dateLabel: label, updatedLabel: undefined, language: "en", readingMinutes: 2 };
    }),
  );
  const dates = keys.replies.map((key) =>
    kept.replyDate(key, () => {
      worked.push(key);
      return `${key} (${worked.length})`;
    }),
  );
  await kept.save();
  return { worked, texts, dates };
}

describe("kept renders", () => {
  it("renders each body once, and the next build of the same project takes them as they were", async () => {
    const first = await build("code-1", ["Ferries at dawn.", "Fog over the water.", "Ferries at dawn."], ["Agreed."]);
    expect(first.rendered).toEqual(["Ferries at dawn.", "Fog over the water.", "Agreed."]);
    const second = await build("code-1", ["Ferries at dawn.", "Fog over the water.", "A new story."], ["Agreed."]);
    expect(second.rendered).toEqual(["A new story."]);
    expect(second.html.slice(0, 2)).toEqual(first.html.slice(0, 2));
    expect(second.replyHtml).toEqual(first.replyHtml);
  });

  it("renders everything again when the project's code changed", async () => {
    await build("code-1", ["Ferries at dawn."], ["Agreed."]);
    const after = await build("code-2", ["Ferries at dawn."], ["Agreed."]);
    expect(after.rendered).toEqual(["Ferries at dawn.", "Agreed."]);
  });

  it("keeps an article body and a reply of the same words apart", async () => {
    await build("code-1", ["Same words."], []);
    const next = await build("code-1", [], ["Same words."]);
    expect(next.rendered).toEqual(["Same words."]);
  });

  it("keeps only what the last build used, so deleted articles do not pile up", async () => {
    await build("code-1", ["Old story.", "Kept story."]);
    await build("code-1", ["Kept story."]);
    const third = await build("code-1", ["Old story.", "Kept story."]);
    expect(third.rendered).toEqual(["Old story."]);
  });

  it("does not write the file again when nothing changed", async () => {
    await build("code-1", ["Ferries at dawn."]);
    const file = keptRendersPathFor(outputDir);
    const written = (await stat(file)).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await build("code-1", ["Ferries at dawn."]);
    expect((await stat(file)).mtimeMs).toBe(written);
  });

  it("renders everything when the kept file is unreadable, and writes a good one", async () => {
    await build("code-1", ["Ferries at dawn."]);
    await writeFile(keptRendersPathFor(outputDir), "not what a build writes");
    expect((await build("code-1", ["Ferries at dawn."])).rendered).toEqual(["Ferries at dawn."]);
    expect((await build("code-1", ["Ferries at dawn."])).rendered).toEqual([]);
  });

  it("remembers what articles' and replies' text decided, for the next build on the same runtime", async () => {
    const first = await deriveTexts({ articles: ["a1", "a2"], replies: ["r1"] });
    expect(first.worked).toEqual(["a1", "a2", "r1"]);
    const second = await deriveTexts({ articles: ["a1", "a3"], replies: ["r1", "r2"] });
    expect(second.worked).toEqual(["a3", "r2"]);
    expect(second.texts[0]).toEqual(first.texts[0]);
    expect(second.dates[0]).toBe(first.dates[0]);
    // Only what the last build used is kept.
    expect((await deriveTexts({ articles: ["a2"], replies: [] })).worked).toEqual(["a2"]);
  });

  it("works every date out again when Node's ICU or time zone data changed, and renders markdown again too", async () => {
    await deriveTexts({ articles: ["a1"], replies: ["r1"] }, "icu 1");
    expect((await deriveTexts({ articles: ["a1"], replies: ["r1"] }, "icu 1")).worked).toEqual([]);
    expect((await deriveTexts({ articles: ["a1"], replies: ["r1"] }, "icu 2")).worked).toEqual(["a1", "r1"]);
    await build("code-1", ["Ferries at dawn."], [], "icu 2");
    expect((await build("code-1", ["Ferries at dawn."], [], "icu 2")).rendered).toEqual([]);
    expect((await build("code-1", ["Ferries at dawn."], [], "icu 3")).rendered).toEqual(["Ferries at dawn."]);
  });

  it("is kept beside the output folder, never in it", () => {
    expect(path.relative(outputDir, keptRendersPathFor(outputDir))).toMatch(/^\.\./);
  });
});
