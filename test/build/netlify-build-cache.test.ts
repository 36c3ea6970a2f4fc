/**
 * On Netlify every build starts from a fresh checkout with only the build cache, which our
 * plugin (netlify/plugins/keep-build-cache/) fills after each deploy. A new article then must
 * cost what it costs over an author's own last build: its pages and its year's search shard,
 * not the whole site; and readers must get exactly what a build from nothing makes.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { bindOpts } from "@netlify/cache-utils";
import { afterAll, describe, expect, it } from "vitest";
import { onPreBuild, onSuccess } from "../../netlify/plugins/keep-build-cache/index.js";
import { article, buildInto, buildSite, readPublishedSite, writeContent } from "../support/build-site.ts";

const story = (date: string, title: string, body: string) => article({ title, date, tags: ["harbour"], category: "City" }, body);

const scratch: string[] = [];
afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

describe("a Netlify build from a fresh checkout and the build cache", () => {
  it("takes the unchanged pages and search shards the last deploy left, and makes the same site as a build from nothing", async () => {
    const contentDir = await writeContent({
      "2023-05-01-ferry.md": story("2023-05-01", "The old ferry", "Ferries at dawn."),
      "2023-06-01-fog.md": story("2023-06-01", "Fog season", "Fog over the water."),
      "2024-03-01-quay.md": story("2024-03-01", "The quay reopens", "Fish prices fall."),
      "2024-03-02-term.md": story("2024-03-02", "Term starts late", "A dry week."),
    });
    const root = await mkdtemp(path.join(tmpdir(), "broadsheet-netlify-"));
    scratch.push(contentDir, root);
    const cacheDir = path.join(root, "netlify-cache");
    const constants = { PUBLISH_DIR: "_site", IS_LOCAL: false };

    /** One deploy: a fresh checkout, the plugin's restore, `npm run build`, what it publishes, the plugin's save. */
    async function deploy(name: string): Promise<{ stdout: string; published: Record<string, string> }> {
      const checkout = path.join(root, name);
      await mkdir(checkout);
      const cache = bindOpts({ cacheDir, cwd: checkout });
      await onPreBuild({ constants, utils: { cache } });
      const result = await buildInto(contentDir, path.join(checkout, "_site"), {
        BROADSHEET_IMAGE_CACHE: path.join(checkout, ".cache/images"),
      });
      expect(result.code, result.stderr).toBe(0);
      const published = await readPublishedSite(path.join(checkout, "_site"));
      await onSuccess({ constants, utils: { cache } });
      return { stdout: result.stdout, published };
    }

    const first = await deploy("checkout-1");
    expect(first.stdout).not.toMatch(/unchanged since the last build/);

    await writeFile(
      path.join(contentDir, "articles", "2024-03-03-ferry-named.md"),
      story("2024-03-03", "A new ferry is named", "Named for a harbour pilot."),
    );
    const second = await deploy("checkout-2");
    expect(second.stdout).toMatch(/Pages: \d+ unchanged since the last build, taken from it rather than rendered again\./);
    // The new article is dated 2024: the 2023 shard is the last deploy's.
    expect(second.stdout).toMatch(/Search index: indexing 2024; kept 1 other shard/);

    const fresh = await buildSite(contentDir);
    scratch.push(fresh.outputDir);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(second.published).toEqual(await readPublishedSite(fresh.outputDir));
    expect(second.published[path.join("articles", "ferry-named", "index.html")]).toContain("A new ferry is named");
  });
});
