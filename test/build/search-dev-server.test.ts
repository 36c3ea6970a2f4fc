/** `npm start` serves a working search index, and re-indexes after an article is added. */
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ShardManifest } from "../../src/shared/shard-manifest.ts";
import { article, writeContent } from "../support/build-site.ts";
import { FIXTURE_NOW, fixtureArticles } from "../support/fixture-site.ts";
import { freePort, type RunningCommand, startCommand } from "../support/processes.ts";
import { readIndexedPages } from "../support/search-bundle.ts";

let contentDir: string;
let outputDir: string;
let server: RunningCommand | undefined;
let base: string;

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}; dev server said:\n${server?.output()}`);
}

beforeAll(async () => {
  contentDir = await writeContent(fixtureArticles());
  outputDir = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-"));
  // What a dev server killed while indexing leaves: its search documents and a half-written index.
  await mkdir(path.join(outputDir, ".search-documents-k1ll3d/articles/old"), { recursive: true });
  await writeFile(path.join(outputDir, ".search-documents-k1ll3d/articles/old/index.html"), "<html></html>");
  await mkdir(path.join(outputDir, ".pagefind-next-k1ll3d/fragment"), { recursive: true });
  await writeFile(path.join(outputDir, ".pagefind-next-k1ll3d/fragment/en_1.pf_fragment"), "half");
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = await startCommand(
    "src/build/start.ts",
    { CONTENT_DIR: contentDir, OUTPUT_DIR: outputDir, PORT: String(port), BROADSHEET_NOW: FIXTURE_NOW },
    "Server at",
  );
});
afterAll(async () => {
  await server?.stop();
  await rm(contentDir, { recursive: true, force: true });
  await rm(outputDir, { recursive: true, force: true });
});

it("serves /search/ and /pagefind/ after the first build, drafts included, and re-indexes after an edit", async () => {
  const manifest = await waitFor("the index", async () => {
    const response = await fetch(`${base}/pagefind/shards.json`);
    return response.ok ? ((await response.json()) as ShardManifest) : undefined;
  });
  // The dev server shows scheduled articles too: the one of 2099 has a shard of its own.
  expect(manifest.shards.map((shard) => [shard.name, Object.keys(shard.languages)])).toEqual([
    ["2099", ["en"]],
    ["2024", ["en", "zh"]],
  ]);
  const folder2024 = manifest.shards.find((shard) => shard.name === "2024")!.folder;
  expect((await fetch(`${base}/pagefind/${folder2024}/pagefind.js`)).headers.get("content-type")).toMatch(/javascript/);
  expect(await (await fetch(`${base}/search/`)).text()).toContain("data-search");
  // The dev server shows drafts, so an author can find them by searching too.
  const urls = (await readIndexedPages(outputDir)).map((page) => page.url);
  expect(urls).toContain("/articles/unfinished-draft/");

  await writeFile(
    path.join(contentDir, "articles", "2024-04-05-fresh-story.md"),
    article({ title: "Fresh story", date: "2024-04-05" }, "Zeppelins return."),
  );
  await waitFor("the new article in the index", async () =>
    (await readIndexedPages(outputDir)).some((page) => page.url === "/articles/fresh-story/") ? true : undefined,
  );
  // Only the edited year's shard is indexed again, not the one of 2099.
  await waitFor("the pass's report", async () => (/; indexed 2024 in/.test(server!.output()) ? true : undefined));
  expect(server!.output()).toMatch(/Search index: \d+ pages \(en, zh\); indexed 2024, 2099 in/);
  // Nothing hidden is left in the site: not the last run's leftovers, nor this run's documents.
  expect((await readdir(outputDir)).filter((name) => name.startsWith("."))).toEqual([]);
});
