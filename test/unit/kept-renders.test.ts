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
async function build(project: string, articles: string[], replies: string[] = []) {
  const renderer = counting();
  const kept = await openKeptRenders(outputDir, project);
  const html = articles.map((body) => kept.article(body, renderer.fresh));
  const replyHtml = replies.map((body) => kept.reply(body, renderer.fresh));
  await kept.save();
  return { rendered: renderer.rendered, html, replyHtml };
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

  it("is kept beside the output folder, never in it", () => {
    expect(path.relative(outputDir, keptRendersPathFor(outputDir))).toMatch(/^\.\./);
  });
});
